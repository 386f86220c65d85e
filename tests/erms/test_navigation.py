"""The navigation (erms): each user sees the links their roles, or the apps' own checks, allow."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _links(client, user) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return [str(item["label"]) for item in response.context["nav_items"]]


def test_a_union_rep_gets_the_hearings_they_attend_and_hr_does_not(client, rita, hana):
    assert "Hearings I attend" in _links(client, rita)
    assert "Hearings I attend" not in _links(client, hana)


def test_an_employee_may_raise_a_concern_and_a_login_without_a_directory_entry_may_not(client, olga):
    assert {"Raise a concern", "My concerns"} <= set(_links(client, olga))
    assert not {"Raise a concern", "My concerns"} & set(_links(client, UserFactory()))


def test_only_the_most_specific_link_is_current(client, hana):
    client.force_login(hana)
    response = client.get(reverse("cases:dashboard"))
    assert [str(item["label"]) for item in response.context["nav_items"] if item["active"]] == ["Trends"]
