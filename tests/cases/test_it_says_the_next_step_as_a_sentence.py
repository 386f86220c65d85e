"""The next step is a sentence naming what to do and by when, built when it is shown in the
reader's language; the case page and the API show the same one. The API also names the case's
route after a decision by a rule of its own country."""

from __future__ import annotations

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from cases import services
from cases.models import CaseKind, CaseStatus
from cases.next_step import case_next_step
from tests.cases.lifecycle_steps import decide, hold_hearing, open_case, schedule_hearing

pytestmark = pytest.mark.django_db


def test_it_names_the_hearing_and_its_day(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)  # the default day is Wed 9 Dec 2026
    step = case_next_step(case)
    assert step.text == "Hold the disciplinary hearing by Wed 16 Dec 2026"
    assert step.due.isoformat() == "2026-12-16"


def test_it_asks_for_the_outcome_then_waits_for_an_appeal(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    hold_hearing(hana, erin, case)
    case.refresh_from_db()
    assert case_next_step(case).text.startswith("Record the outcome and send the outcome letter")
    outcome = decide(hana, erin, case)
    case.refresh_from_db()
    assert case_next_step(case).text.startswith("Send the outcome letter")
    assert outcome.appeal_deadline.isoformat() == "2026-12-16"  # GB-APP-001: 5 working days


def test_it_words_the_step_in_the_readers_language_when_shown(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)
    with translation.override("nb"):
        norwegian = case_next_step(case).text
    assert "ons 16" in norwegian and "Wed" not in norwegian
    with translation.override("en"):
        assert "Wed 16 Dec 2026" in case_next_step(case).text


def test_it_shows_the_next_step_on_the_case_page(client, hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)
    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Hold the disciplinary hearing by Wed 16 Dec 2026" in page
    assert "Hearing / Closed" not in page and "Set the investigation plan, interview" not in page


@pytest.mark.parametrize(
    ("location_name", "kind", "rule"),
    [
        ("london", CaseKind.DISCIPLINARY, "GB-APP-001"),
        ("new_york", CaseKind.DISCIPLINARY, "US-DISC-001"),
        ("oslo", CaseKind.DISCIPLINARY, "NO-DISP-001"),
        ("hanoi", CaseKind.DISCIPLINARY, "VN-DISP-001"),
        ("london", CaseKind.CLAIM, "GB-LIM-001"),
        ("new_york", CaseKind.CLAIM, "US-LIM-002"),
        ("oslo", CaseKind.CLAIM, "NO-LIM-001"),
        ("hanoi", CaseKind.CLAIM, "VN-LIM-001"),
    ],
)
def test_it_gives_the_api_the_next_step_and_the_route_after_decision_of_the_cases_country(
    hana, sam, operations, request, location_name, kind, rule
):
    location = request.getfixturevalue(location_name)
    case = open_case(hana, sam, location, operations, kind=kind)
    api = APIClient()
    api.force_login(hana)
    body = api.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["after_decision_rule"] == rule
    assert body["after_decision_rule"].startswith(location.jurisdiction + "-")
    assert body["next_step"] == "Check the facts, add the parties and allegations, and choose the route"
    assert body["next_step_due"] is None


def test_it_words_the_api_next_step_in_the_users_language(hana, erin, sam, london, operations):
    hana.language = "nb"
    hana.save(update_fields=["language"])
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)
    api = APIClient()
    api.force_login(hana)
    body = api.get(f"/api/v1/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "ons 16" in body["next_step"] and body["next_step_due"] == "2026-12-16"


def test_it_says_a_closed_case_has_no_next_step(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.WITHDRAWN, expected_version=case.version, reason="Left"
    )
    assert case_next_step(case).text == "None: the case is withdrawn."


def test_it_documents_next_step_and_after_decision_rule_in_the_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    detail = schema["paths"]["/api/v1/cases/{id}/"]["get"]["responses"]["200"]["content"]["application/json"]
    name = detail["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]
    assert properties["next_step"]["description"] and properties["after_decision_rule"]["description"]
    assert "/api/v1/cases/{id}/reopen/" in schema["paths"]
