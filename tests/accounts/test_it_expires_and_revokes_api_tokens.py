"""API tokens expire when idle and are revoked by logout; "sign out everywhere" ends sessions too."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken
from erms.lib import clock

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"


def _token(email: str = "hana@example.com") -> str:
    response = APIClient().post(TOKEN_URL, {"email": email, "password": "pw"}, format="json")
    assert response.status_code == 200
    return response.json()["token"]


def _me(token: str) -> int:
    return APIClient().get(ME_URL, HTTP_AUTHORIZATION=f"Token {token}").status_code


def _later(minutes: float):
    return time_machine.travel(clock.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_only_a_digest_of_the_token_is_stored(hana):
    token = _token()

    assert not ApiToken.objects.filter(digest=token).exists()
    assert ApiToken.objects.get(user=hana).digest != token


def test_a_token_idle_longer_than_the_limit_is_refused_with_401(hana, settings):
    assert settings.ERMS_TOKEN_IDLE_MINUTES == 60
    token = _token()

    with _later(61):
        assert _me(token) == 401
    assert not ApiToken.objects.filter(user=hana).exists()


def test_using_a_token_keeps_it_alive(hana):
    token = _token()

    with _later(50):
        assert _me(token) == 200
    with _later(100):
        assert _me(token) == 200
    with _later(161):
        assert _me(token) == 401


def test_the_last_use_is_written_at_most_once_a_minute(hana, django_assert_num_queries):
    token = _token()
    _me(token)
    with _later(0.5), django_assert_num_queries(3):  # token and user, groups; no write
        assert _me(token) == 200


def test_a_logged_out_token_is_refused_and_the_others_keep_working(hana):
    token, other = _token(), _token()

    response = APIClient().post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code == 204
    assert _me(token) == 401
    assert _me(other) == 200


def test_logging_out_of_the_site_revokes_the_users_tokens(client, hana, erin):
    token, erins = _token(), _token("erin@example.com")
    client.force_login(hana)

    assert client.post(reverse("logout")).status_code == 302

    assert _me(token) == 401
    assert _me(erins) == 200


def test_sign_out_everywhere_ends_every_session_and_token(hana):
    token = _token()
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        browser.post(reverse("login"), {"username": "hana@example.com", "password": "pw"})
        assert browser.get(reverse("home")).status_code == 200
    page = laptop.get(reverse("accounts:account"))
    assert "Sign out everywhere" in page.content.decode()

    response = laptop.post(reverse("accounts:sign_out_everywhere"))

    assert response.status_code == 302 and response.url == reverse("login")
    assert _me(token) == 401
    for browser in (laptop, phone):
        after = browser.get(reverse("home"))
        assert after.status_code == 302 and after.url.startswith(reverse("login"))
    fresh = Client()
    fresh.post(reverse("login"), {"username": "hana@example.com", "password": "pw"})
    assert fresh.get(reverse("home")).status_code == 200


def test_sign_out_everywhere_by_api(hana):
    token, other = _token(), _token()
    browser = Client()
    browser.post(reverse("login"), {"username": "hana@example.com", "password": "pw"})

    response = APIClient().post("/api/v1/auth/sign-out-everywhere/", HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code == 204
    assert _me(token) == 401 and _me(other) == 401
    assert browser.get(reverse("home")).status_code == 302


def test_sign_out_everywhere_refuses_get_and_anonymous_users(client, hana):
    client.force_login(hana)
    assert client.get(reverse("accounts:sign_out_everywhere")).status_code == 405
    assert APIClient().post("/api/v1/auth/sign-out-everywhere/").status_code in (401, 403)
