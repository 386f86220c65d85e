"""Every malformed request to the API is answered in JSON with a 4xx naming what is wrong, never a
500 or an HTML page: deep JSON, dates out of range, oversized bodies, NUL characters, made-up
cursors, huge ids, wrong content types, empty bodies and arrays where objects belong."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from policies.models import Rule
from tests.cases.test_api_cases import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hana, sam, london, operations):
    return open_case(hana, hana, sam, london, operations)


@pytest.fixture
def api(hana) -> APIClient:
    client = APIClient()
    client.force_login(hana)
    return client


def assert_json(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_deeply_nested_json_is_a_400_not_a_recursion_error(api, case):
    for depth in (33, 100_000):
        body = '{"body": ' + "[" * depth + "]" * depth + "}"
        response = api.post(f"/api/v1/cases/{case.pk}/notes/", body, content_type="application/json")
        assert "nested deeper than 32" in assert_json(response, 400)["detail"]


def test_json_of_ordinary_depth_is_accepted(api, case):
    response = api.post(f"/api/v1/cases/{case.pk}/notes/", {"body": "Called the witness"}, format="json")

    assert_json(response, 201)


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_the_rule_calculator_refuses_a_start_out_of_range(api, start):
    rule = Rule.objects.filter(rule_id__startswith="GB").order_by("id").first()

    response = api.get(f"/api/v1/rules/{rule.rule_id}/deadline/", {"start": start, "region": "GB-ENG"})

    assert "start" in assert_json(response, 400)


def test_the_calculator_page_shows_a_start_out_of_range_as_a_form_error(client, hana):
    client.force_login(hana)

    response = client.get(
        reverse("policies:deadline_calculator"),
        {"rule": "GB-ACC-002", "start": "9999-12-31", "region": "GB-ENG"},
    )

    assert response.status_code == 200
    assert "between the years 1900 and 2200" in str(response.context["form"].errors["start"])


def test_a_body_over_the_limit_is_a_json_413(api, case, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"body": "x" * 5000})

    response = api.post(f"/api/v1/cases/{case.pk}/notes/", body, content_type="application/json")
    form = api.post(f"/api/v1/cases/{case.pk}/notes/", {"body": "x" * 5000})

    assert "too large" in assert_json(response, 413)["detail"]
    assert "too large" in assert_json(form, 413)["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rules/GB%00X/deadline/?start=2026-12-09&region=GB-ENG",
        "/api/v1/employees/?number=%00",
        "/api/v1/cases/?q=a%00b",
        "/api/v1/deadlines/?status=%00",
    ],
)
def test_a_nul_character_in_the_address_is_a_400(api, url):
    assert_json(api.get(url), 400)


def test_a_nul_character_in_a_body_is_a_400_naming_the_field(api, case):
    response = api.post(f"/api/v1/cases/{case.pk}/notes/", {"body": "a\x00b"}, format="json")

    assert "body" in assert_json(response, 400)


def test_a_made_up_cursor_is_a_400_on_the_cursor(api):
    for url in ("/api/v1/cases/", "/api/v1/deadlines/", "/api/v1/notifications/", "/api/v1/concerns/"):
        assert "cursor" in assert_json(api.get(url, {"cursor": "owner"}), 400)


def test_huge_ids_are_a_404_and_huge_numbers_a_400(api, case):
    huge = 2**70
    assert_json(api.get(f"/api/v1/cases/{huge}/"), 404)
    assert_json(api.get(f"/api/v1/documents/{huge}/download/"), 404)
    assert "investigator" in assert_json(
        api.post(f"/api/v1/cases/{case.pk}/investigators/", {"investigator": huge}), 400
    )
    assert (
        assert_json(api.patch(f"/api/v1/cases/{case.pk}/", {"version": huge}, format="json"), 409)[
            "current_version"
        ]
        == case.version
    )
    assert assert_json(api.get("/api/v1/cases/", {"department": huge}), 200)["results"] == []
    assert assert_json(api.get("/api/v1/deadlines/", {"case": huge}), 200)["results"] == []


def test_an_unknown_api_address_is_a_json_404(api):
    assert_json(api.get("/api/v1/no-such-thing/"), 404)


@pytest.mark.parametrize("field", ["due_from", "due_to"])
def test_far_dates_in_filters_are_a_400(api, field):
    assert field in assert_json(api.get("/api/v1/deadlines/", {field: "9999-12-31"}), 400)


def test_far_dates_in_inputs_are_a_400(api, case, hana, erin):
    far = "9999-12-31"
    answers = {
        "incident_date": api.post(
            f"/api/v1/cases/{case.pk}/allegations/",
            {"category": "conduct", "description": "Shouted", "incident_date": far},
            format="json",
        ),
        "scheduled_for": api.post(
            f"/api/v1/cases/{case.pk}/meetings/",
            {"kind": "investigation_meeting", "scheduled_for": "9999-12-31T23:59:59+14:00", "chair": erin.pk},
            format="json",
        ),
        "notice_sent_on": api.post(
            f"/api/v1/cases/{case.pk}/meetings/",
            {
                "kind": "investigation_meeting",
                "scheduled_for": "2026-12-20T10:00:00Z",
                "chair": erin.pk,
                "notice_sent_on": "0001-01-01",
            },
            format="json",
        ),
    }
    for field, response in answers.items():
        assert field in assert_json(response, 400)


def test_wrong_content_type_empty_body_and_arrays_are_4xx_in_json(api, case):
    url = f"/api/v1/cases/{case.pk}/notes/"
    assert_json(api.post(url, "body=x", content_type="text/csv"), 415)
    assert "body" in assert_json(api.post(url, "", content_type="application/json"), 400)
    assert_json(api.post(url, "[1, 2]", content_type="application/json"), 400)
    assert_json(api.post(url, "{not json", content_type="application/json"), 400)
    assert_json(
        api.post(f"/api/v1/cases/{case.pk}/allegations/", '["category"]', content_type="application/json"),
        400,
    )


def test_an_invalid_choice_is_a_400_naming_the_field(api, case):
    response = api.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": "exploded", "version": case.version},
        format="json",
    )
    assert "to_status" in assert_json(response, 400)
    assert "kind" in assert_json(api.get("/api/v1/cases/", {"kind": "exploded"}), 400)


def test_a_date_in_the_future_is_refused_by_the_api_as_by_the_form(api, case, liam, sam, hana):
    tomorrow = (datetime.date(2026, 12, 9) + datetime.timedelta(days=1)).isoformat()
    raiser = APIClient()
    raiser.force_login(liam)

    concern = raiser.post(
        "/api/v1/concerns/",
        {
            "about": [sam.employee_record.pk],
            "category": "conduct",
            "description": "x",
            "occurred_on": tomorrow,
        },
        format="json",
    )
    allegation = api.post(
        f"/api/v1/cases/{case.pk}/allegations/",
        {"category": "conduct", "description": "Shouted", "incident_date": tomorrow},
        format="json",
    )
    outcome = api.post(
        f"/api/v1/cases/{case.pk}/outcome/",
        {"decision": "Upheld", "reasons": "Seen", "decided_on": tomorrow, "version": case.version},
        format="json",
    )

    assert assert_json(concern, 400)["occurred_on"] == ["This date is in the future."]
    assert assert_json(allegation, 400)["incident_date"] == ["This date is in the future."]
    assert assert_json(outcome, 400)["decided_on"] == ["This date is in the future."]


def test_a_null_body_is_a_400_naming_the_missing_fields(api, case):
    response = api.post(f"/api/v1/cases/{case.pk}/notes/", "null", content_type="application/json")

    assert "nested" not in str(assert_json(response, 400))
