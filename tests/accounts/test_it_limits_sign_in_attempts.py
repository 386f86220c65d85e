"""Sign-in limits: per account from anywhere, per address across accounts, counted before the password check,
shared by the login form, the admin login and the token endpoint."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import SignInWindow, User
from erms.lib import clock
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LOCKED = "Too many failed sign-ins; try again in"


@pytest.fixture
def password_checks(monkeypatch):
    """Counts every password check (made slow, as a real hash is, so parallel attempts overlap)."""
    checks = {"n": 0}
    lock = threading.Lock()
    real = User.check_password

    def counted(self, raw_password):
        with lock:
            checks["n"] += 1
        time.sleep(0.05)
        return real(self, raw_password)

    monkeypatch.setattr(User, "check_password", counted)
    return checks


def _form_sign_in(client, email: str, password: str, address: str = "198.51.100.7"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address)


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="parallel connections need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_checks_at_most_the_limit_of_passwords_for_forty_parallel_token_attempts(hana, password_checks):
    start = threading.Barrier(40)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        client = APIClient()
        start.wait()
        try:
            response = client.post(
                TOKEN_URL,
                {"email": "hana@example.com", "password": f"guess-{n}"},
                format="json",
                REMOTE_ADDR=f"203.0.113.{n}",
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert password_checks["n"] <= settings.ERMS_SIGNIN_ACCOUNT_LIMIT
    assert sorted(statuses) == [400] * password_checks["n"] + [429] * (40 - password_checks["n"])
    right = APIClient().post(TOKEN_URL, {"email": "hana@example.com", "password": "pw"}, format="json")
    assert right.status_code == 429


def test_the_login_form_locks_after_five_wrong_passwords_and_then_refuses_the_right_one(client, hana):
    wrong_before_lock = 0
    while LOCKED not in _form_sign_in(client, "hana@example.com", "nope").content.decode():
        wrong_before_lock += 1
        assert wrong_before_lock <= 50

    response = _form_sign_in(client, "hana@example.com", "pw")

    assert wrong_before_lock == settings.ERMS_SIGNIN_ACCOUNT_LIMIT == 5
    assert "Too many failed sign-ins; try again in 15 minutes." in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From any other address too: the lock is on the account.
    assert LOCKED in _form_sign_in(client, "hana@example.com", "pw", address="192.0.2.99").content.decode()


def test_the_lock_lifts_when_its_window_has_passed(client, hana):
    for _ in range(6):
        _form_sign_in(client, "hana@example.com", "nope")

    with time_machine.travel(clock.now() + datetime.timedelta(minutes=16), tick=False):
        response = _form_sign_in(client, "hana@example.com", "pw")

    assert response.status_code == 302 and response.url == reverse("home")


def test_successful_sign_ins_do_not_use_up_the_limit(client, hana):
    for _ in range(4):
        _form_sign_in(client, "hana@example.com", "nope")
    for _ in range(3):
        assert _form_sign_in(client, "hana@example.com", "pw").status_code == 302
        client.logout()

    assert SignInWindow.objects.get(key="account:hana@example.com").attempts == 4


def test_spraying_many_accounts_from_one_address_is_stopped(client, hana):
    users = [UserFactory(email=f"sprayed{n}@example.com") for n in range(25)]

    sprayed_before_block = 0
    for user in users:
        if (
            LOCKED
            in _form_sign_in(client, user.email, "Summer2026!", address="203.0.113.50").content.decode()
        ):
            break
        sprayed_before_block += 1

    assert sprayed_before_block == settings.ERMS_SIGNIN_ADDRESS_LIMIT == 20
    # The address is blocked even for a right password; the same account from elsewhere is not.
    assert LOCKED in _form_sign_in(client, "hana@example.com", "pw", address="203.0.113.50").content.decode()
    assert _form_sign_in(client, "hana@example.com", "pw", address="192.0.2.1").status_code == 302


def test_the_token_endpoint_answers_429_with_details_and_counts_with_the_form(client, hana):
    for _ in range(3):
        _form_sign_in(client, "hana@example.com", "nope")
    api = APIClient()
    for _ in range(2):
        assert (
            api.post(TOKEN_URL, {"email": "hana@example.com", "password": "nope"}, format="json").status_code
            == 400
        )

    response = api.post(TOKEN_URL, {"email": "hana@example.com", "password": "pw"}, format="json")

    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "too_many_sign_ins"
    assert body["detail"] == "Too many failed sign-ins; try again in 15 minutes."
    assert 14 * 60 < body["retry_after"] <= 15 * 60
    assert response["Retry-After"] == str(body["retry_after"])


def test_the_admin_login_shares_the_limit(client, ada):
    ada.is_staff = True
    ada.save()
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "ada@example.com", "password": "nope"})

    response = client.post(reverse("admin:login"), {"username": "ada@example.com", "password": "pw"})

    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_axes_records_the_failures_and_its_reset_lifts_the_lock(client, hana):
    from axes.models import AccessAttempt
    from axes.utils import reset

    for _ in range(6):
        _form_sign_in(client, "hana@example.com", "nope")
    assert AccessAttempt.objects.get(username="hana@example.com").failures_since_start == 6

    reset(username="hana@example.com")

    assert _form_sign_in(client, "hana@example.com", "pw").status_code == 302


def test_counts_whose_window_has_ended_are_cleared_hourly(client, hana):
    from accounts.tasks import signin_windows_clear

    _form_sign_in(client, "nobody@example.com", "guess", address="203.0.113.77")
    assert SignInWindow.objects.count() == 2

    assert signin_windows_clear() == 0
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=16), tick=False):
        assert signin_windows_clear() == 2
