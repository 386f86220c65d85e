"""The one domain error type.

Services raise ``ApplicationError`` when a rule refuses an action. Views turn it into a
form error or a message; the API's exception handler turns it into a 400 (``ConflictError``,
a stale write, into a 409 with the current version).
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


class ConflictError(ApplicationError):
    """A write based on a stale read: the object changed since the client loaded it (optimistic
    locking). Pages show the message like any refusal; the API answers 409 Conflict with
    ``current_version`` so a client can reload and retry."""

    def __init__(self, message: str, *, current_version: int | None, field: str | None = "version"):
        super().__init__(message, field=field)
        self.current_version = current_version
