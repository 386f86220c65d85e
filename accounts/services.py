"""State changes for people and log-ins."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from accounts.models import User
from erms.lib.errors import ApplicationError


class TooManyAttempts(ApplicationError):
    """Raised when a client has failed to authenticate too often recently."""


def _failure_key(email: str, client: str) -> str:
    digest = hashlib.sha256(f"{email.strip().lower()}|{client}".encode()).hexdigest()
    return f"erms:token-failures:{digest}"


def token_issue(*, email: str, password: str, client: str) -> Token:
    """Return the API token for these credentials, creating it on first use.

    Failed attempts are counted per e-mail and client address; past
    ``ERMS_TOKEN_FAILURE_LIMIT`` within ``ERMS_TOKEN_FAILURE_WINDOW`` seconds every
    further attempt is refused without checking the password.
    """
    key = _failure_key(email, client)
    failures = cache.get(key, 0)
    if failures >= settings.ERMS_TOKEN_FAILURE_LIMIT:
        raise TooManyAttempts("Too many failed attempts. Try again later.")
    user = authenticate(username=email, password=password)
    if user is None or not user.is_active:
        cache.set(key, failures + 1, settings.ERMS_TOKEN_FAILURE_WINDOW)
        raise ApplicationError("Unable to log in with these credentials.", field="non_field_errors")
    cache.delete(key)
    token, _ = Token.objects.get_or_create(user=user)
    return token


def user_set_language(*, user: User, language: str) -> None:
    """Remember a signed-in user's language so e-mails and letters follow it."""
    valid = {code for code, _ in settings.LANGUAGES}
    if language in valid and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
