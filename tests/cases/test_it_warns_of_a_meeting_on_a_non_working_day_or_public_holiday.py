"""A meeting set on a weekend, a public holiday or a closure day of the case's location is
accepted with a warning naming the day and the holiday, in the reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from cases.models import CaseKind, Meeting, MeetingKind, PartyRole
from tests.cases.case_steps import open_case, schedule
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

BOXING_DAY_2026 = datetime.date(2026, 12, 26)  # a Saturday
NATIONAL_DAY_VN_2027 = datetime.date(2027, 9, 2)  # a Thursday
GRIEVANCE = MeetingKind.GRIEVANCE_MEETING


def _grievance(hana, sam, location, operations):
    return open_case(
        hana, sam.employee_record, location, operations, CaseKind.GRIEVANCE, PartyRole.COMPLAINANT
    )


def test_it_warns_of_a_hearing_on_boxing_day_naming_the_day_and_the_holiday(
    hana, erin, sam, london, operations
):
    case = _grievance(hana, sam, london, operations)
    meeting = schedule(hana, erin, case, BOXING_DAY_2026, GRIEVANCE, notice=datetime.date(2026, 12, 1))
    assert meeting.pk  # a warning, not a refusal
    [warning] = meeting.warnings
    assert warning.rule == "WORKING-DAY"
    assert "Sat 26 Dec 2026, a weekend day and a public holiday in England" in warning.message
    assert "Boxing Day" in warning.message


def test_it_names_a_vietnamese_holiday_in_the_readers_language(hana, erin, sam, hanoi, operations):
    case = open_case(hana, sam.employee_record, hanoi, operations, CaseKind.INVESTIGATION)
    meeting = schedule(hana, erin, case, NATIONAL_DAY_VN_2027, MeetingKind.INVESTIGATION_INTERVIEW)
    [warning] = meeting.warnings
    with translation.override("en"):
        assert "National Day" in str(warning.message)
    with translation.override("vi"):
        assert "Quốc khánh" in str(warning.message)


def test_it_does_not_warn_of_a_meeting_on_an_ordinary_working_day(hana, erin, sam, london, operations):
    case = _grievance(hana, sam, london, operations)
    meeting = schedule(
        hana, erin, case, datetime.date(2027, 1, 13), GRIEVANCE, notice=datetime.date(2026, 12, 1)
    )
    assert meeting.warnings == []


def test_it_returns_the_warning_from_the_api(hana, erin, sam, london, operations):
    case = _grievance(hana, sam, london, operations)
    api = APIClient()
    api.force_login(hana)
    response = api.post(
        f"/api/v1/cases/{case.pk}/meetings/",
        {
            "kind": "grievance_meeting",
            "scheduled_for": "2026-12-26T10:00:00+00:00",
            "chair": erin.pk,
            "notice_sent_on": "2026-12-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    [warning] = response.json()["warnings"]
    assert warning["rule"] == "WORKING-DAY" and "Boxing Day" in warning["message"]


def test_it_shows_the_warning_on_the_case_page(client, hana, erin, sam, london, operations):
    case = _grievance(hana, sam, london, operations)
    client.force_login(hana)
    response = client.post(
        reverse("cases:meeting_schedule", args=[case.pk]),
        {
            "kind": "grievance_meeting",
            "scheduled_for": "2026-12-26T10:00",
            "chair": erin.pk,
            "notice_sent_on": "2026-12-01",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Meeting.objects.filter(case=case).exists()
    body = response.content.decode()
    # Once as the message after scheduling, once beside the meeting for as long as it is planned.
    assert body.count("Boxing Day") >= 2
