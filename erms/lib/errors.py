"""The one domain error type.

Services raise ``ApplicationError`` when a rule refuses an action. Views turn it into a
form error or a message; the API's exception handler turns it into a 400.
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def __str__(self) -> str:
        return self.message

    def add_to(self, form: Any) -> None:
        """Show the refusal on the form field it names, or on the form as a whole when the
        form has no such field."""
        form.add_error(self.field if self.field in form.fields else None, self.message)
