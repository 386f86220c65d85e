"""Two-factor sign-in, enforced on every page for the people who must use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.permissions import mfa_required

# Pages a signed-in person reaches before the second factor: signing in and out, the second factor
# itself, the language switch and the health check. Static files are served before this middleware.
EXEMPT_VIEWS = frozenset(
    {
        "login",
        "logout",
        "accounts:mfa_setup",
        "accounts:mfa_verify",
        "accounts:mfa_recover",
        "set_language",
        "healthz",
        "admin:login",
        "admin:logout",
        "admin_logout",
    }
)


class MfaRequiredMiddleware:
    """Sends a person who must use two-factor sign-in (``accounts.permissions.mfa_required``) and has
    not yet given their second factor in this session to the code page, or to set-up when they have no
    authenticator app yet, from every page but ``EXEMPT_VIEWS`` (the admin included). A session-signed
    API request answers 403; requests with an API token count as verified (the token was issued only
    after the second factor). Needs django-otp's ``OTPMiddleware`` before it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if not mfa_required(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": gettext(
                        "Two-factor sign-in is required: finish signing in in the browser, or use an API token."
                    ),
                    "code": "mfa_required",
                },
                status=403,
            )
        has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        target = reverse("accounts:mfa_verify" if has_app else "accounts:mfa_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
