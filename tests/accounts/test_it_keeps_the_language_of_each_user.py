"""A user's language is kept on the user (API and the header switch) and comes back at sign-in."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, email: str) -> None:
    response = client.post(reverse("login"), {"username": email, "password": "pw"})
    assert response.status_code == 302


def test_it_keeps_the_language_set_through_the_api_for_the_next_sign_in(client, hana):
    client.force_login(hana)

    response = client.patch("/api/v1/me/", {"language": "nb"}, content_type="application/json")

    assert response.status_code == 200 and response.json()["language"] == "nb"
    hana.refresh_from_db()
    assert hana.language == "nb"
    fresh = Client()
    _sign_in(fresh, "hana@example.com")
    page = fresh.get(reverse("home"))
    assert page["Content-Language"] == "nb"
    assert '<html lang="nb">' in page.content.decode()


def test_it_refuses_an_unknown_language_through_the_api(client, hana):
    client.force_login(hana)

    response = client.patch("/api/v1/me/", {"language": "xx"}, content_type="application/json")

    assert response.status_code == 400
    assert "language" in response.json()
    hana.refresh_from_db()
    assert hana.language == ""


def test_it_refuses_changing_the_language_of_nobody(client):
    response = client.patch("/api/v1/me/", {"language": "nb"}, content_type="application/json")

    assert response.status_code in (401, 403)


def test_it_keeps_the_language_chosen_in_the_header_for_a_signed_in_user(client, hana):
    client.force_login(hana)

    response = client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})

    assert response.status_code == 302
    hana.refresh_from_db()
    assert hana.language == "vi"
    fresh = Client()
    _sign_in(fresh, "hana@example.com")
    assert fresh.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert fresh.get(reverse("home"))["Content-Language"] == "vi"


def test_it_switches_language_before_sign_in_without_a_user(client, hana):
    response = client.post(reverse("set_language"), {"language": "nb", "next": reverse("login")})

    assert response.status_code == 302
    hana.refresh_from_db()
    assert hana.language == ""


def test_it_keeps_the_browser_language_for_a_user_who_never_chose_one(client, hana):
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("login")})

    _sign_in(client, "hana@example.com")

    assert client.get(reverse("home"))["Content-Language"] == "vi"
