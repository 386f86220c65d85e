"""The navigation (erms): each user sees the links their roles, or the apps' own checks, allow."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _links(client, user) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    context = response.context
    return [str(item["label"]) for item in [*context["nav_items"], *context["nav_more"]]]


def test_a_union_rep_gets_the_hearings_they_attend_and_hr_does_not(client, rita, hana):
    assert "Meetings I attend" in _links(client, rita)
    assert "Meetings I attend" not in _links(client, hana)


def test_an_employee_may_raise_a_concern_and_a_login_without_a_directory_entry_may_not(client, olga):
    assert {"Raise a concern", "My concerns"} <= set(_links(client, olga))
    assert not {"Raise a concern", "My concerns"} & set(_links(client, UserFactory()))


def test_only_the_most_specific_link_is_current(client, hana):
    client.force_login(hana)
    response = client.get(reverse("cases:dashboard"))
    items = [*response.context["nav_items"], *response.context["nav_more"]]
    assert [str(item["label"]) for item in items if item["active"]] == ["Trends"]


def test_it_keeps_rarely_used_links_under_more_for_a_user_with_many(client, ada):
    ada.is_staff = True
    ada.save(update_fields=["is_staff"])
    client.force_login(ada)
    context = client.get(reverse("home")).context
    main = [str(item["label"]) for item in context["nav_items"]]
    more = [str(item["label"]) for item in context["nav_more"]]
    assert main == ["Home", "My work", "Cases", "Triage", "Consultations"]
    assert {"Deadlines", "Trends", "Policies", "Directory", "Admin"} <= set(more)


def test_it_shows_a_user_with_few_links_all_of_them_in_the_menu(client, olga):
    client.force_login(olga)
    context = client.get(reverse("home")).context
    assert [str(item["label"]) for item in context["nav_items"]] == ["Home", "Raise a concern", "My concerns"]
    assert context["nav_more"] == []
