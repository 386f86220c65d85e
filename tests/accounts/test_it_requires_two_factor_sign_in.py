"""Two-factor sign-in (authenticator app plus recovery codes) for HR admins, ER leads and case managers."""

from __future__ import annotations

import datetime
from binascii import unhexlify

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from rest_framework.test import APIClient

from accounts import services
from accounts.views import _MFA_SETUP_KEY
from erms.lib import clock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa_on(settings):
    settings.ERMS_REQUIRE_MFA = True


def _code(key: str) -> str:
    return f"{totp(unhexlify(key)):06d}"


def _next_time_step():
    return time_machine.travel(clock.now() + datetime.timedelta(seconds=31), tick=True)


@pytest.fixture
def enrolled(hana):
    """hana with an authenticator app; returns its key and her recovery codes."""
    key = services.mfa_totp_key()
    _, codes = services.mfa_totp_confirm(user=hana, key=key, code=_code(key))
    return key, codes


def _sign_in(client, email: str = "hana@example.com"):
    response = client.post(reverse("login"), {"username": email, "password": "pw"})
    assert response.status_code == 302
    return response


def test_a_case_manager_without_an_app_is_sent_to_set_up_and_sees_ten_recovery_codes_once(client, hana):
    _sign_in(client)

    home = client.get(reverse("home"))
    assert home.status_code == 302 and home.url.startswith(reverse("accounts:mfa_setup"))
    setup = client.get(home.url)
    body = setup.content.decode()
    assert setup.status_code == 200 and "<svg" in body and "otpauth://totp/ERMS%3Ahana%40example.com" in body
    key = client.session[_MFA_SETUP_KEY]

    wrong = client.post(home.url, {"code": "000000" if _code(key) != "000000" else "111111"})
    assert wrong.status_code == 200 and "does not match" in wrong.content.decode()
    done = client.post(home.url, {"code": _code(key), "next": "/"})

    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert all(code in done.content.decode() for code in done.context["codes"])
    assert client.get(reverse("home")).status_code == 200
    assert set(StaticToken.objects.filter(device__user=hana).values_list("token", flat=True)) == set(
        done.context["codes"]
    )


def test_after_the_password_a_code_from_the_app_is_asked_on_every_page_admin_included(client, ada, settings):
    ada.is_staff = True
    ada.save()
    key = services.mfa_totp_key()
    services.mfa_totp_confirm(user=ada, key=key, code=_code(key))
    _sign_in(client, "ada@example.com")

    for url in (reverse("home"), reverse("cases:case_list"), "/admin/", reverse("accounts:account")):
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response.url.startswith(reverse("accounts:mfa_verify")), url
    refused = client.post(reverse("accounts:mfa_verify"), {"code": "12345x", "next": "/admin/"})
    assert refused.status_code == 200 and "not valid" in refused.content.decode()

    with _next_time_step():  # a code works once: the one that confirmed the app is spent
        verified = client.post(reverse("accounts:mfa_verify"), {"code": _code(key), "next": "/admin/"})

    assert verified.status_code == 302 and verified.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(client, hana, enrolled):
    _, codes = enrolled
    _sign_in(client)

    first = client.post(reverse("accounts:mfa_recover"), {"code": codes[0]})
    assert first.status_code == 302 and client.get(reverse("home")).status_code == 200

    client.post(reverse("logout"))
    _sign_in(client)
    again = client.post(reverse("accounts:mfa_recover"), {"code": codes[0]})
    assert again.status_code == 200 and client.get(reverse("home")).status_code == 302


def test_pages_before_the_second_step_stay_open(client, hana, enrolled):
    _sign_in(client)

    assert client.get(reverse("accounts:mfa_verify")).status_code == 200
    assert client.get(reverse("accounts:mfa_recover")).status_code == 200
    assert client.get(reverse("healthz")).status_code in (200, 503)
    assert client.post(reverse("logout")).status_code == 302


def test_roles_that_need_no_second_factor_go_straight_in(client, liam):
    _sign_in(client, "liam@example.com")

    assert client.get(reverse("home")).status_code == 200


def test_it_is_off_when_the_setting_is_off(client, hana, settings):
    settings.ERMS_REQUIRE_MFA = False
    _sign_in(client)

    assert client.get(reverse("home")).status_code == 200


def test_the_token_endpoint_asks_for_the_code_and_its_tokens_count_as_verified(hana, enrolled):
    key, codes = enrolled
    api = APIClient()
    credentials = {"email": "hana@example.com", "password": "pw"}

    missing = api.post("/api/v1/auth/token/", credentials, format="json")
    with _next_time_step():
        right = api.post("/api/v1/auth/token/", {**credentials, "otp": _code(key)}, format="json")
    recovery = api.post("/api/v1/auth/token/", {**credentials, "otp": codes[1]}, format="json")
    wrong = api.post("/api/v1/auth/token/", {**credentials, "otp": "99999x"}, format="json")

    assert missing.status_code == 400 and "otp" in missing.json()
    assert wrong.status_code == 400 and "otp" in wrong.json()
    assert right.status_code == 200 and recovery.status_code == 200
    me = api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {right.json()['token']}")
    assert me.status_code == 200


def test_a_session_api_request_before_the_second_step_is_refused(client, hana, enrolled):
    _sign_in(client)

    response = client.get("/api/v1/me/")

    assert response.status_code == 403 and response.json()["code"] == "mfa_required"


def test_the_token_endpoint_sends_someone_without_an_app_to_the_browser_first(hana):
    response = APIClient().post(
        "/api/v1/auth/token/", {"email": "hana@example.com", "password": "pw", "otp": "123456"}, format="json"
    )

    assert response.status_code == 400 and "set it up" in response.json()["otp"][0]
