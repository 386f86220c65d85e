"""DRF plumbing shared by every app's ``api.py``: pagination, input parsing and bounds, and
error translation. Every malformed request answers a JSON 4xx with details, never a 500."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions, pagination, parsers, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from erms.lib import clock
from erms.lib.errors import ApplicationError, ConflictError

#: How deeply a JSON body may nest; ERMS's inputs need three levels at most.
MAX_JSON_DEPTH = 32


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

    def decode_cursor(self, request: Any) -> Any:
        """A cursor the client made up or mangled is a 400 on the ``cursor`` parameter (DRF says 404)."""
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "request_too_large"


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (a scalar is 0), without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with limits: a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413,
    one nested deeper than ``MAX_JSON_DEPTH`` a 400 (Python's parser would otherwise recurse
    until it fails with a server error)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if limit is not None and length and str(length).isdigit() and int(length) > limit:
            raise RequestTooLarge()
        too_deep = exceptions.ParseError(
            _("JSON nested deeper than %(depth)s levels is not accepted.") % {"depth": MAX_JSON_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise too_deep
        return data


def _check_year(value: datetime.date) -> None:
    try:
        clock.require_year_in_range(value)
    except ApplicationError as error:
        raise serializers.ValidationError(error.message) from None


class DateField(serializers.DateField):
    """A date input in the years ERMS accepts (``clock.require_year_in_range``)."""

    def to_internal_value(self, value: Any) -> datetime.date:
        day = super().to_internal_value(value)
        _check_year(day)
        return day


class DateTimeField(serializers.DateTimeField):
    """A date-time input in the years ERMS accepts (``clock.require_year_in_range``)."""

    def to_internal_value(self, value: Any) -> datetime.datetime:
        if isinstance(value, str):
            try:  # check the year before DRF converts time zones, which overflows at the edges
                _check_year(datetime.datetime.fromisoformat(value.replace("Z", "+00:00")))
            except ValueError:
                pass  # not ISO 8601: DRF's own message follows
        instant = super().to_internal_value(value)
        _check_year(instant)
        return instant


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn domain refusals into 400s with details (a stale write into a 409 with the current
    version), an oversized body into a 413; everything else as DRF does."""
    # Imported here: rest_framework.views reads DEFAULT_PARSER_CLASSES, which names this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, ConflictError):
        return Response(
            {
                "detail": exc.message,
                "field": exc.field,
                **({exc.field: [exc.message]} if exc.field else {}),
                "current_version": exc.current_version,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ValidationError({"detail": str(exc)})
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


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    """``handler400``: the API answers JSON (an oversized body: 413), pages as Django does."""
    if _is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse({"detail": str(RequestTooLarge.default_detail)}, status=413)
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception, **kwargs)


def page_not_found(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    """``handler404``: the API answers JSON, pages as Django does."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception, **kwargs)


def server_error(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """``handler500``: the API answers JSON, pages as Django does."""
    if _is_api(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    return defaults.server_error(request, **kwargs)
