"""How ERMS authenticates: passwords (every sign-in form and the token endpoint) and API tokens.

``SignInBackend`` is the one place a password is checked, so the login form, the admin login and
``POST /api/v1/auth/token/`` share its limits. ``SignInRecordHandler`` lets django-axes keep its
records of attempts while ERMS takes the decision. ``ApiTokenAuthentication`` is DRF's side.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts import services
from accounts.models import ApiToken, User


class SignInBackend(AxesStandaloneBackend, ModelBackend):
    """Django's password check, behind ERMS's sign-in limits.

    Each attempt is counted before its password is checked (``services.signin_attempt_reserve``), so
    forty parallel guesses make at most the limit's number of password checks. A refused attempt sets
    ``request.signin_lock`` (forms and the token endpoint turn it into their message) and stops
    ``authenticate()``; Django then signals a failed sign-in, which axes records. Without a request (a
    management command, a test's ``client.login``) only the account's limit applies.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = None
        if request is not None:
            AxesProxyHandler.update_request(request)
            address = request.axes_ip_address  # type: ignore[attr-defined]
        lock = services.signin_attempt_reserve(account=username, address=address)
        if lock is not None:
            if request is not None:
                request.signin_lock = lock  # type: ignore[attr-defined]
            raise PermissionDenied(lock.message)
        user = ModelBackend.authenticate(self, request, username=username, password=password, **kwargs)
        if user is not None:
            services.signin_attempt_release(account=username, address=address)
        return user


class SignInRecordHandler(AxesDatabaseHandler):
    """axes' database records (every failure and sign-in, listed in the admin); lifting a lock with
    ``manage.py axes_reset``, ``axes_reset_username`` or ``axes_reset_ip`` lifts ERMS's limits too."""

    def reset_attempts(
        self, *, ip_address: str | None = None, username: str | None = None, ip_or_username: bool = False
    ) -> int:
        count = super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )
        if ip_address is None and username is None:
            services.signin_limits_clear_all()
        else:
            services.signin_limits_clear(account=username, address=ip_address)
        return count


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` for tokens from ``POST /api/v1/auth/token/``.

    A token unused for ``ERMS_TOKEN_IDLE_MINUTES`` is refused (401) and deleted; a revoked one is
    gone. Requests with a valid token count as two-factor verified: the token was issued only after
    the second factor, when one is required.
    """

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = services.api_token_use(key=key)
        if token is None:
            raise AuthenticationFailed(gettext("Invalid or expired token; ask for a new one."))
        return token.user, token
