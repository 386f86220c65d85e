"""Request plumbing shared by every app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext


class TimeZoneResetMiddleware:
    """Start every request in the default time zone.

    Pages about a case activate the case location's zone so meeting times read and parse
    locally; the activation is thread-local, so it must not leak into the next request
    served by the same thread.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class ApiNulMiddleware:
    """Refuse an API request whose path or query string holds a NUL character: 400 with JSON.

    PostgreSQL stores no NUL in text, so such a value would fail in the database (a server
    error) wherever it reaches a query unvalidated, such as a rule id in the path. Serializer
    fields refuse NUL in bodies and filters themselves, with the field named.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and (
            "\x00" in request.path or "\x00" in request.META.get("QUERY_STRING", "").replace("%00", "\x00")
        ):
            return JsonResponse(
                {"detail": gettext("A NUL character is not allowed in the address.")}, status=400
            )
        return self.get_response(request)
