"""The unions API: same access rules as the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


LISTS = [
    ("api:union-list", "gb_union", "other_union"),
    ("api:consultation-list", "gb_consultation", "other_consultation"),
    ("api:negotiation-list", "gb_negotiation", "other_negotiation"),
    ("api:agreement-list", "gb_agreement", "other_agreement"),
]


@pytest.mark.parametrize(("url", "own", "other"), LISTS)
def test_each_list_shows_a_rep_only_their_body_and_an_er_lead_everything(
    api, request, rita, erin, url, own, other
):
    own, other = request.getfixturevalue(own), request.getfixturevalue(other)
    api.force_authenticate(rita)
    assert _ids(api.get(reverse(url))) == {own.pk}
    api.force_authenticate(erin)
    assert _ids(api.get(reverse(url))) == {own.pk, other.pk}


@pytest.mark.parametrize(("url", "own", "other"), LISTS)
def test_each_list_refuses_an_outsider_anonymous_and_post(api, request, olga, erin, url, own, other):
    request.getfixturevalue(own)
    api.force_authenticate(olga)
    assert api.get(reverse(url)).status_code == 403
    api.force_authenticate(None)
    assert api.get(reverse(url)).status_code in (401, 403)
    api.force_authenticate(erin)
    assert api.post(reverse(url), {}).status_code == 405


def test_lists_use_cursor_pagination(api, erin, gb_consultation):
    api.force_authenticate(erin)
    body = api.get(reverse("api:consultation-list")).json()
    assert set(body) >= {"next", "previous", "results"} and "count" not in body


def test_the_consultation_detail_has_requirements_and_progress(api, erin, gb_consultation):
    api.force_authenticate(erin)
    response = api.get(reverse("api:consultation-detail", args=[gb_consultation.pk]))
    assert response.status_code == 200
    data = response.json()
    period = next(r for r in data["requirements"] if r["rule_id"] == "GB-RED-001")
    assert (period["days"], period["date"], period["citation"]) == (45, "2026-04-16", "TULRCA s188, s188A")
    assert data["progress"]["of"] == 45


def test_the_consultation_detail_is_404_for_another_bodys_rep_and_403_for_an_outsider(
    api, rita, olga, erin, gb_consultation, other_consultation
):
    api.force_authenticate(rita)
    assert api.get(reverse("api:consultation-detail", args=[gb_consultation.pk])).status_code == 200
    assert api.get(reverse("api:consultation-detail", args=[other_consultation.pk])).status_code == 404
    api.force_authenticate(olga)
    assert api.get(reverse("api:consultation-detail", args=[gb_consultation.pk])).status_code == 403
    api.force_authenticate(erin)
    assert api.delete(reverse("api:consultation-detail", args=[gb_consultation.pk])).status_code == 405
