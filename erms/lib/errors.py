"""The one domain error type.

Services raise ``ApplicationError`` when a rule refuses an action. Views turn it into a
form error or a message; the API's exception handler turns it into a 400.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def __str__(self) -> str:
        return self.message

    def add_to(self, form: Any, aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        """Show the refusal on the form field it names, or on the form as a whole when the
        form has no such field (or has it only as a hidden input). ``aliases`` names the fields a
        form calls differently from the service (``{"attachments": ("file",)}``)."""
        field = self.field
        if field not in form.fields or getattr(form.fields[field].widget, "is_hidden", False):
            field = next(
                (alias for alias in (aliases or {}).get(field or "", ()) if alias in form.fields), None
            )
        form.add_error(field, self.message)
