"""The sign-in page's header offers no "Log in" link (it would only reload the page); other pages
seen signed out still offer it."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_offers_no_log_in_link_on_the_sign_in_page(client):
    page = client.get(reverse("login")).content.decode()
    header = page.split("</header>")[0]
    assert f'href="{reverse("login")}"' not in header


def test_it_offers_the_log_in_link_on_another_page_seen_signed_out(client):
    page = client.get(reverse("password_reset")).content.decode()
    header = page.split("</header>")[0]
    assert f'href="{reverse("login")}"' in header
