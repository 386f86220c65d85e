from __future__ import annotations

from typing import cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views import i18n
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import selectors, services
from accounts.forms import MfaCodeForm, SignInForm
from accounts.models import Department, Jurisdiction, User
from accounts.permissions import mfa_required
from erms.lib.errors import ApplicationError

_MFA_SETUP_KEY = "accounts:mfa_setup_key"


@login_required
@permission_required("accounts.view_employee", raise_exception=True)
def employee_list(request: HttpRequest) -> HttpResponse:
    department = request.GET.get("department") or None
    qs = selectors.employee_list(
        user=cast(User, request.user),  # login_required
        q=request.GET.get("q", "").strip(),
        department=int(department) if department and department.isdigit() else None,
        jurisdiction=request.GET.get("jurisdiction", ""),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/employee_list.html",
        {
            "page": page,
            "departments": Department.objects.order_by("name"),
            "jurisdictions": Jurisdiction.choices,
        },
    )


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class SignInView(auth_views.LoginView):
    """Django's sign-in; a person who chose a language gets it back on the pages that follow
    (a person who never chose one keeps the browser's)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        language = cast(User, form.get_user()).language
        if language:
            _remember_language(response, language)
        return response


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """The header's language switch (Django's ``set_language``); a signed-in person's choice is
    also kept on their account, so their next sign-in, e-mails and letters follow it."""
    response = i18n.set_language(request)
    if request.user.is_authenticated:
        try:
            services.user_set_language(
                user=cast(User, request.user), language=request.POST.get("language", "")
            )
        except ApplicationError:
            pass  # as Django's switch does, an unknown language changes nothing
    return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Log out of this browser and revoke the person's API tokens."""
    if request.user.is_authenticated:
        services.user_tokens_revoke(user=cast(User, request.user))
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    services.user_sign_out_everywhere(user=cast(User, request.user))  # login_required
    auth_logout(request)
    messages.success(
        request, gettext("You are signed out everywhere: every session and API token has ended.")
    )
    return redirect(settings.LOGIN_URL)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required
    return render(
        request,
        "accounts/account.html",
        {
            "app": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "mfa_required": mfa_required(user),
            "mfa_switched_off": not settings.ERMS_REQUIRE_MFA,
            "token_count": user.api_tokens.count(),
            "idle_minutes": settings.ERMS_TOKEN_IDLE_MINUTES,
        },
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: show its QR code and secret, confirm a code, show the recovery codes once.

    Replacing an app already added needs this session's second factor first.
    """
    user = cast(User, request.user)  # login_required
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if has_app and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect("accounts:mfa_verify")
    key = request.session.get(_MFA_SETUP_KEY) or services.mfa_totp_key()
    request.session[_MFA_SETUP_KEY] = key
    form = MfaCodeForm(request.POST or None)
    if form.is_valid():
        try:
            device, codes = services.mfa_totp_confirm(user=user, key=key, code=form.cleaned_data["code"])
        except ApplicationError as e:
            e.add_to(form)
        else:
            del request.session[_MFA_SETUP_KEY]
            otp_login(request, device)
            return render(request, "accounts/mfa_codes.html", {"codes": codes, "next": _next_url(request)})
    uri = services.mfa_totp_device(user=user, key=key).config_url
    # segno writes the SVG itself from the URI; nothing a user typed goes into it unescaped.
    qr = mark_safe(
        segno.make(uri, error="m").svg_inline(scale=4, title=gettext("QR code for your authenticator app"))
    )
    secret = uri.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": qr,
            "uri": uri,
            "secret": secret,
            "next": _next_url(request),
            "replacing": has_app,
        },
    )


@login_required
def mfa_verify(request: HttpRequest, recovery: bool = False) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    user = cast(User, request.user)  # login_required
    form = MfaCodeForm(request.POST or None)
    if form.is_valid():
        device = services.mfa_code_check(user=user, code=form.cleaned_data["code"], recovery=recovery)
        if device is None:
            form.add_error("code", gettext("That code is not valid. Wait for a new code and try again."))
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(
        request, "accounts/mfa_verify.html", {"form": form, "recovery": recovery, "next": _next_url(request)}
    )
