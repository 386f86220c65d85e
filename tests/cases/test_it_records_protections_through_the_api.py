"""The API for leave and protected status, the request for a representative (US-ACC-001) and the
worker's alternative hearing time (GB-ACC-002): allowed for the case manager, 404 for people who
may not see the case, 403 for a view-only grant, 405 for the wrong method, 400 with details."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from rest_framework.test import APIClient

from accounts.models import ProtectedPeriod
from cases import services
from cases.models import CaseKind, MeetingKind, PartyRole
from tests.days import AFTER_SPRING_2026
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def us_case(hana, new_york, operations):
    employee = EmployeeFactory(
        first_name="Joe", last_name="Park", location=new_york, department=operations, union_represented=True
    )
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Till",
        case_manager=hana,
        location=new_york,
        department=operations,
        parties=[(employee, PartyRole.SUBJECT)],
    )


@pytest.fixture
def interview(hana, ivan, us_case):
    return services.meeting_schedule(
        actor=hana,
        case=us_case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=datetime.datetime(2026, 3, 2, 10, tzinfo=NEW_YORK),
        chair=ivan,
        attendees=[us_case.parties.get().employee],
    )


def test_the_case_manager_records_and_lists_leave_of_a_person_of_the_case(api, hana, us_case):
    api.force_login(hana)
    url = f"/api/v1/cases/{us_case.pk}/protected-periods/"
    joe = us_case.parties.get().employee
    created = api.post(
        url, {"employee": joe.pk, "status": "sick_leave", "starts_on": "2026-07-20"}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["ends_on"] is None
    listed = api.get(url)
    assert [p["status"] for p in listed.json()] == ["sick_leave"]
    stranger = EmployeeFactory()
    refused = api.post(
        url, {"employee": stranger.pk, "status": "pregnancy", "starts_on": "2026-07-20"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["field"] == "employee"
    bad = api.post(
        url,
        {"employee": joe.pk, "status": "sick_leave", "starts_on": "2026-07-20", "ends_on": "2026-07-01"},
        format="json",
    )
    assert bad.status_code == 400
    assert ProtectedPeriod.objects.count() == 1
    assert api.delete(url).status_code == 405


@pytest.mark.parametrize("who", ["olga", "liam", "rita", "sam"])
def test_people_who_may_not_see_the_case_get_404(request, api, us_case, interview, who):
    api.force_login(request.getfixturevalue(who))
    joe = us_case.parties.get().employee
    for url, body in (
        (
            f"/api/v1/cases/{us_case.pk}/protected-periods/",
            {"employee": joe.pk, "status": "sick_leave", "starts_on": "2026-07-20"},
        ),
        (f"/api/v1/meetings/{interview.pk}/representation-request/", {"employee": joe.pk}),
        (f"/api/v1/meetings/{interview.pk}/representation-choice/", {"choice": "wait"}),
        (f"/api/v1/meetings/{interview.pk}/companion-alternative/", {"proposed_for": "2026-03-03T10:00:00Z"}),
    ):
        assert api.post(url, body, format="json").status_code == 404, url
    assert api.get(f"/api/v1/cases/{us_case.pk}/protected-periods/").status_code == 404
    assert not ProtectedPeriod.objects.exists()


def test_a_view_only_grant_may_list_but_not_record(api, erin, liam, us_case, interview):
    services.case_grant_access(actor=erin, case=us_case, user=liam)
    api.force_login(liam)
    assert api.get(f"/api/v1/cases/{us_case.pk}/protected-periods/").status_code == 200
    joe = us_case.parties.get().employee
    assert (
        api.post(
            f"/api/v1/cases/{us_case.pk}/protected-periods/",
            {"employee": joe.pk, "status": "sick_leave", "starts_on": "2026-07-20"},
            format="json",
        ).status_code
        == 403
    )
    assert (
        api.post(
            f"/api/v1/meetings/{interview.pk}/representation-choice/", {"choice": "wait"}, format="json"
        ).status_code
        == 403
    )


def test_the_interview_stops_until_a_choice_is_logged(api, hana, us_case, interview):
    api.force_login(hana)
    joe = us_case.parties.get().employee
    asked = api.post(
        f"/api/v1/meetings/{interview.pk}/representation-request/", {"employee": joe.pk}, format="json"
    )
    assert asked.status_code == 200 and asked.json()["representation_requested_by"]["id"] == joe.pk
    held = api.post(f"/api/v1/meetings/{interview.pk}/held/", {"outcome_summary": "Went on"}, format="json")
    assert held.status_code == 400 and held.json()["rule"] == "US-ACC-001"
    bad = api.post(
        f"/api/v1/meetings/{interview.pk}/representation-choice/", {"choice": "shrug"}, format="json"
    )
    assert bad.status_code == 400
    chosen = api.post(
        f"/api/v1/meetings/{interview.pk}/representation-choice/", {"choice": "no_rep"}, format="json"
    )
    assert chosen.json()["representation_choice"] == "no_rep"
    assert (
        api.post(
            f"/api/v1/meetings/{interview.pk}/held/", {"outcome_summary": "Went on"}, format="json"
        ).status_code
        == 200
    )


def test_the_alternative_time_outside_the_window_is_a_400_naming_gb_acc_002(
    api, hana, erin, london, operations
):
    employee = EmployeeFactory(location=london, department=operations)
    case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(employee, PartyRole.SUBJECT)],
    )
    hearing = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=datetime.datetime(2026, 4, 1, 10, tzinfo=ZoneInfo("Europe/London")),
        chair=erin,
        notice_sent_on=datetime.date(2026, 3, 20),
    )
    api.force_login(hana)
    url = f"/api/v1/meetings/{hearing.pk}/companion-alternative/"
    late = api.post(url, {"proposed_for": "2026-04-13T10:00:00+01:00"}, format="json")
    assert late.status_code == 400 and late.json()["rule"] == "GB-ACC-002"
    moved = api.post(url, {"proposed_for": "2026-04-10T10:00:00+01:00"}, format="json")
    assert moved.status_code == 200 and moved.json()["scheduled_for"].startswith("2026-04-10")
