"""The cases API for what is filed on a case: parties, allegations, meetings and the timeline."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from cases.models import (
    Allegation,
    CaseKind,
    Document,
    DocumentKind,
    Meeting,
    MeetingStatus,
    Party,
    PartyRole,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def api():
    return APIClient()


def login(api: APIClient, user) -> APIClient:
    api.force_login(user)
    return api


@pytest.fixture
def case(hana, sam, london, operations):
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )


@pytest.fixture
def allegation(hana, case):
    return services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")


def past_meeting(case, actor, chair, **extra) -> Meeting:
    when = timezone.now() - datetime.timedelta(hours=2)
    return services.meeting_schedule(
        actor=actor,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=when,
        chair=chair,
        notice_sent_on=when.date() - datetime.timedelta(days=10),
        **extra,
    )


# --------------------------------------------------------------------------- parties


def test_the_case_manager_lists_and_adds_parties(api, hana, sam, rita, case):
    login(api, hana)
    added = api.post(
        f"/api/v1/cases/{case.pk}/parties/",
        {"employee": rita.employee_record.pk, "role": PartyRole.COMPANION, "notes": "Union rep"},
        format="json",
    )
    listed = api.get(f"/api/v1/cases/{case.pk}/parties/")

    assert added.status_code == 201, added.json()
    assert Party.objects.filter(case=case, employee=rita.employee_record, role=PartyRole.COMPANION).exists()
    assert [(p["employee"]["id"], p["role"]) for p in listed.json()] == [
        (sam.employee_record.pk, PartyRole.SUBJECT),
        (rita.employee_record.pk, PartyRole.COMPANION),
    ]


def test_a_party_twice_in_the_same_role_or_an_unknown_role_is_refused(api, hana, sam, case):
    login(api, hana)
    twice = api.post(
        f"/api/v1/cases/{case.pk}/parties/",
        {"employee": sam.employee_record.pk, "role": PartyRole.SUBJECT},
        format="json",
    )
    unknown = api.post(
        f"/api/v1/cases/{case.pk}/parties/",
        {"employee": sam.employee_record.pk, "role": "bystander"},
        format="json",
    )

    assert twice.status_code == 400 and twice.json()["field"] == "employee"
    assert unknown.status_code == 400 and "role" in unknown.json()
    assert Party.objects.filter(case=case).count() == 1


def test_someone_added_as_respondent_loses_sight_of_the_case(api, hana, erin, case):
    assert login(api, erin).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    login(api, hana).post(
        f"/api/v1/cases/{case.pk}/parties/",
        {"employee": erin.employee_record.pk, "role": PartyRole.RESPONDENT},
        format="json",
    )

    assert login(api, erin).get(f"/api/v1/cases/{case.pk}/parties/").status_code == 404


# --------------------------------------------------------------------------- allegations and findings


def test_allegations_are_added_numbered_and_listed(api, hana, allegation, case):
    login(api, hana)
    added = api.post(
        f"/api/v1/cases/{case.pk}/allegations/",
        {"category": "bullying", "description": "Belittling remarks", "incident_date": "2026-02-01"},
        format="json",
    )
    listed = api.get(f"/api/v1/cases/{case.pk}/allegations/").json()

    assert added.status_code == 201 and added.json()["number"] == 2
    assert [(a["number"], a["category"]) for a in listed] == [(1, "conduct"), (2, "bullying")]


def test_a_bad_allegation_is_refused_with_field_details(api, hana, case):
    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/allegations/",
        {"category": "gossip", "incident_date": "yesterday"},
        format="json",
    )

    assert response.status_code == 400
    assert {"category", "description", "incident_date"} <= set(response.json())
    assert not Allegation.objects.exists()


def test_the_case_manager_records_a_finding(api, hana, allegation):
    response = login(api, hana).post(
        f"/api/v1/allegations/{allegation.pk}/finding/",
        {"finding": "upheld", "reasons": "Admitted at the hearing"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    allegation.refresh_from_db()
    assert allegation.finding == "upheld" and allegation.finding_reasons == "Admitted at the hearing"


def test_a_finding_needs_a_valid_finding_and_reasons(api, hana, allegation):
    login(api, hana)
    bad = api.post(
        f"/api/v1/allegations/{allegation.pk}/finding/", {"finding": "maybe", "reasons": "x"}, format="json"
    )
    blank = api.post(
        f"/api/v1/allegations/{allegation.pk}/finding/", {"finding": "upheld", "reasons": " "}, format="json"
    )

    assert bad.status_code == 400 and "finding" in bad.json()
    assert blank.status_code == 400 and "reasons" in blank.json()
    allegation.refresh_from_db()
    assert allegation.finding == ""


@pytest.mark.parametrize("who", ["olga", "sam", "liam", "ivan"])
def test_a_finding_on_a_case_the_user_cannot_see_answers_404(api, request, allegation, who):
    response = login(api, request.getfixturevalue(who)).post(
        f"/api/v1/allegations/{allegation.pk}/finding/", {"finding": "upheld", "reasons": "x"}, format="json"
    )

    assert response.status_code == 404
    allegation.refresh_from_db()
    assert allegation.finding == ""


def test_a_viewer_without_change_rights_cannot_record_a_finding(api, erin, olga, case, allegation):
    services.case_grant_access(actor=erin, case=case, user=olga)

    response = login(api, olga).post(
        f"/api/v1/allegations/{allegation.pk}/finding/", {"finding": "upheld", "reasons": "x"}, format="json"
    )

    assert response.status_code == 403


# --------------------------------------------------------------------------- meetings


def test_the_case_manager_schedules_and_lists_meetings(api, hana, erin, sam, rita, case):
    when = timezone.now() + datetime.timedelta(days=14)
    login(api, hana)
    scheduled = api.post(
        f"/api/v1/cases/{case.pk}/meetings/",
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.isoformat(),
            "chair": erin.pk,
            "note_taker": hana.pk,
            "companion": rita.employee_record.pk,
            "place": "Room 4",
            "notice_sent_on": timezone.localdate().isoformat(),
            "attendees": [sam.employee_record.pk],
        },
        format="json",
    )
    listed = api.get(f"/api/v1/cases/{case.pk}/meetings/").json()

    assert scheduled.status_code == 201, scheduled.json()
    meeting = Meeting.objects.get()
    assert meeting.chair == erin and list(meeting.attendees.all()) == [sam.employee_record]
    assert [m["id"] for m in listed] == [meeting.pk] and listed[0]["companion"][
        "id"
    ] == rita.employee_record.pk


def test_a_hearing_chaired_by_the_investigator_is_refused_with_the_rule(api, hana, ivan, case):
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    when = timezone.now() + datetime.timedelta(days=14)

    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/meetings/",
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.isoformat(),
            "chair": ivan.pk,
            "notice_sent_on": timezone.localdate().isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["rule"] == "XJ-001" and response.json()["field"] == "chair"
    assert not Meeting.objects.exists()


def test_an_er_lead_may_override_the_chair_guardrail_with_a_reason(api, hana, erin, ivan, case):
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    when = timezone.now() + datetime.timedelta(days=14)

    response = login(api, erin).post(
        f"/api/v1/cases/{case.pk}/meetings/",
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.isoformat(),
            "chair": ivan.pk,
            "notice_sent_on": timezone.localdate().isoformat(),
            "override_reason": "Only trained chair on site",
        },
        format="json",
    )

    assert response.status_code == 201


def test_a_hearing_with_too_little_notice_is_refused_in_vietnam(api, hana, erin, sam, hanoi, operations):
    case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Late",
        case_manager=hana,
        location=hanoi,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )
    when = timezone.now() + datetime.timedelta(days=1)

    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/meetings/",
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.isoformat(),
            "chair": erin.pk,
            "notice_sent_on": timezone.localdate().isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400 and response.json()["rule"]
    assert not Meeting.objects.exists()


def test_a_held_meeting_is_recorded_with_its_minutes(api, hana, erin, case):
    meeting = past_meeting(case, hana, erin)
    minutes = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")

    response = login(api, hana).post(
        f"/api/v1/meetings/{meeting.pk}/held/",
        {"outcome_summary": "Heard both sides", "minutes": minutes},
        format="multipart",
    )

    assert response.status_code == 200, response.json()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.minutes.kind == DocumentKind.MINUTES
    assert meeting.minutes.case == case and response.json()["minutes"] == meeting.minutes.pk


def test_minutes_of_a_disallowed_type_are_refused_naming_the_field(api, hana, erin, case):
    meeting = past_meeting(case, hana, erin)
    junk = SimpleUploadedFile("minutes.pdf", b"PK\x03\x04not really a zip" + b"\x00" * 40)

    response = login(api, hana).post(
        f"/api/v1/meetings/{meeting.pk}/held/", {"minutes": junk}, format="multipart"
    )

    assert response.status_code == 400 and response.json()["field"] == "minutes"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and not Document.objects.exists()


def test_a_future_meeting_cannot_be_recorded_as_held(api, hana, erin, case):
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind="investigation_interview",
        scheduled_for=timezone.now() + datetime.timedelta(days=3),
        chair=erin,
    )

    response = login(api, hana).post(
        f"/api/v1/meetings/{meeting.pk}/held/", {"outcome_summary": "x"}, format="json"
    )

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_meeting_is_cancelled_once(api, hana, erin, case):
    meeting = past_meeting(case, hana, erin)
    login(api, hana)

    no_reason = api.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {}, format="json")
    cancelled = api.post(
        f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "Employee off sick"}, format="json"
    )
    again = api.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}, format="json")

    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert cancelled.status_code == 200 and cancelled.json()["status"] == MeetingStatus.CANCELLED
    assert again.status_code == 400


@pytest.mark.parametrize("who", ["olga", "sam", "liam"])
def test_meeting_actions_answer_404_to_people_who_cannot_see_the_case(api, request, hana, erin, case, who):
    meeting = past_meeting(case, hana, erin)
    login(api, request.getfixturevalue(who))

    assert api.post(f"/api/v1/meetings/{meeting.pk}/held/", {}, format="json").status_code == 404
    assert (
        api.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}, format="json").status_code == 404
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


# --------------------------------------------------------------------------- timeline


def test_the_timeline_is_newest_first_and_paged(api, hana, case):
    for text in ("First note", "Second note", "Third note"):
        services.note_add(actor=hana, case=case, body=text)
    login(api, hana)

    first = api.get(f"/api/v1/cases/{case.pk}/timeline/?page_size=2").json()
    rest = api.get(first["next"]).json()

    summaries = [e["summary"] for e in first["results"] + rest["results"]]
    assert summaries[:3] == ["Third note", "Second note", "First note"]
    assert len(summaries) == 4 and summaries[3].startswith("Case opened")


# --------------------------------------------------------------------------- methods and anonymous


def test_wrong_methods_are_refused(api, hana, erin, case, allegation):
    meeting = past_meeting(case, hana, erin)
    login(api, hana)

    assert api.get(f"/api/v1/allegations/{allegation.pk}/finding/").status_code == 405
    assert api.get(f"/api/v1/meetings/{meeting.pk}/held/").status_code == 405
    assert api.get(f"/api/v1/meetings/{meeting.pk}/cancel/").status_code == 405
    assert api.post(f"/api/v1/cases/{case.pk}/timeline/").status_code == 405
    for suffix in ("parties", "allegations", "meetings"):
        assert api.delete(f"/api/v1/cases/{case.pk}/{suffix}/").status_code == 405


def test_anonymous_users_are_refused(api, hana, erin, case, allegation):
    meeting = past_meeting(case, hana, erin)

    assert api.post(f"/api/v1/allegations/{allegation.pk}/finding/").status_code in (401, 403)
    assert api.post(f"/api/v1/meetings/{meeting.pk}/held/").status_code in (401, 403)
    assert api.post(f"/api/v1/meetings/{meeting.pk}/cancel/").status_code in (401, 403)
