import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_user_logs_in_with_email_and_password(client, hana):
    response = client.post(reverse("login"), {"username": "HANA@example.com", "password": "pw"})

    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == hana


def test_a_wrong_password_shows_an_error_and_does_not_log_in(client, hana):
    response = client.post(reverse("login"), {"username": "hana@example.com", "password": "nope"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_logs_out_with_post_and_get_is_refused(client, hana):
    client.force_login(hana)

    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))

    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client, hana):
    response = client.post(reverse("password_reset"), {"email": "hana@example.com"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hana@example.com"]
    link = re.search(r"https?://[^/\s]+(/password-reset/\S+/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"},
    )

    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    hana.refresh_from_db()
    assert hana.check_password("a-long-new-passphrase")
    assert client.login(email="hana@example.com", password="a-long-new-passphrase")


def test_a_password_reset_for_an_unknown_address_sends_nothing(client, hana):
    client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert mail.outbox == []


@pytest.mark.parametrize("language", ["nb", "vi"])
def test_switching_language_changes_the_language_of_the_pages(client, language):
    response = client.post(reverse("set_language"), {"language": language, "next": reverse("login")})
    assert response.status_code == 302

    page = client.get(reverse("login"))

    assert page["Content-Language"] == language
    assert f'<html lang="{language}">' in page.content.decode()
    english = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert english.status_code == 302 and client.get(reverse("login"))["Content-Language"] == "en"
