"""DRF plumbing shared by every app's ``api.py``: pagination and error translation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from erms.lib.errors import ApplicationError


class DefaultCursorPagination(pagination.CursorPagination):
    """Cursor pagination: constant cost at any depth, stable under inserts."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"


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
