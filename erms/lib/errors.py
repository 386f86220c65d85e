"""The one domain error type.

Services raise ``ApplicationError`` when a rule refuses an action. Views turn it into a
form error or a message; the API's exception handler turns it into a 400.
"""

from __future__ import annotations


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def __str__(self) -> str:
        return self.message
