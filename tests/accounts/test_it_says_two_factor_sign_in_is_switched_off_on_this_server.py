"""The account page says why two-factor sign-in is not asked for: switched off on this server (an HR
admin's role would need it), or not needed for the person's role."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("accounts:account")).content.decode()


def test_it_tells_an_hr_admin_it_is_switched_off_on_this_server(client, ada, settings):
    settings.ERMS_REQUIRE_MFA = False
    page = _page(client, ada)
    assert "Not needed for your role" not in page
    assert "switched off on this server" in page


def test_it_tells_a_line_manager_it_is_not_needed_for_their_role(client, liam, settings):
    settings.ERMS_REQUIRE_MFA = True
    page = _page(client, liam)
    assert "Not needed for your role" in page and "switched off" not in page
