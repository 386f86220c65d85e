"""DRF plumbing shared by every app's ``api.py``: pagination and error translation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, pagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from erms.lib.errors import ApplicationError


def needs(perm: str) -> type[BasePermission]:
    """The one DRF permission helper: a permission class requiring a signed-in, active user whose
    role holds ``perm`` (a model permission such as ``"cases.triage_concern"``). Which *objects*
    the user may act on is still decided by the app's ``permissions.py``; this only checks the kind
    of action, and answers 403 (401 when not signed in)."""

    class HasPerm(BasePermission):
        def has_permission(self, request: Any, view: Any) -> bool:
            user = request.user
            return bool(user and user.is_authenticated and user.is_active and user.has_perm(perm))

    HasPerm.__name__ = f"Needs_{perm.replace('.', '_')}"
    return HasPerm


class DefaultCursorPagination(pagination.CursorPagination):
    """Cursor pagination: constant cost at any depth, stable under inserts."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering: str | tuple[str, ...] = "-id"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn domain refusals into 400s with details; everything else as DRF does."""
    if isinstance(exc, ApplicationError):
        detail: dict[str, Any] = {"detail": exc.message}
        if exc.field:
            detail["field"] = exc.field
            detail[exc.field] = [exc.message]
        if exc.rule:
            detail["rule"] = exc.rule
        return Response(detail, status=400)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    return drf_exception_handler(exc, context)
