"""Request plumbing shared by every app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


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
