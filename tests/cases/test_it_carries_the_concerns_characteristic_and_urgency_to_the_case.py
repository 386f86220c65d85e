"""The protected characteristic given on a concern goes with it into the case and the case's
discrimination allegations; the urgency chosen at triage becomes the case's urgency. Both show on
the case page and in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import Case, CaseKind, Concern

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(liam, sam) -> Concern:
    return services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="discrimination",
        protected_characteristic="race",
        description="Passed over because of his accent",
        urgency="normal",
    )


def _accept(client, hana, concern: Concern, **extra: str) -> Case:
    client.force_login(hana)
    response = client.post(
        reverse("cases:triage_accept", args=[concern.pk]),
        {"kind": CaseKind.HARASSMENT_DISCRIMINATION, "case_manager": hana.pk, "reason": "Serious", **extra},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    concern.refresh_from_db()
    return concern.case


def test_it_carries_the_urgency_chosen_at_triage_and_the_characteristic_to_the_case(client, hana, concern):
    client.force_login(hana)
    page = client.get(reverse("cases:triage_detail", args=[concern.pk])).content.decode()
    assert 'name="urgency"' in page
    case = _accept(client, hana, concern, urgency="urgent")
    assert (case.urgency, case.protected_characteristic) == ("urgent", "race")
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Urgent: risk of harm" in page and "Race, colour, ethnicity or national origin" in page


def test_it_keeps_the_concerns_urgency_when_triage_does_not_change_it(client, hana, liam, sam):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouting", urgency="high"
    )
    case = _accept(client, hana, concern)
    assert (case.urgency, case.protected_characteristic) == ("high", "")


def test_it_gives_the_cases_discrimination_allegations_its_characteristic(client, hana, concern):
    case = _accept(client, hana, concern)
    response = client.post(
        reverse("cases:allegation_add", args=[case.pk]),
        {"category": "discrimination", "description": "Comments about his accent"},
    )
    assert response.status_code == 302
    conduct = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")
    allegation = case.allegations.get(category="discrimination")
    assert allegation.protected_characteristic == "race" and conduct.protected_characteristic == ""
    page = client.get(case.get_absolute_url()).content.decode()
    assert page.count("Race, colour, ethnicity or national origin") >= 2


def test_the_api_accepts_with_an_urgency_and_shows_both_on_the_case(hana, concern):
    api = APIClient()
    api.force_login(hana)
    response = api.post(
        f"/api/v1/concerns/{concern.pk}/accept/",
        {
            "kind": CaseKind.HARASSMENT_DISCRIMINATION,
            "case_manager": hana.pk,
            "reason": "Serious",
            "urgency": "high",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert (case.urgency, case.protected_characteristic) == ("high", "race")
    detail = api.get(f"/api/v1/cases/{case.pk}/").json()
    assert (detail["urgency"], detail["protected_characteristic"]) == ("high", "race")
