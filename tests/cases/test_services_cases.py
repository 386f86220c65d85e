"""Case services: optimistic locking, parties, allegations, meetings, outcomes, appeals, documents, audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from audit.models import AccessEntry, AuditEntry
from cases import services
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    MeetingKind,
    MeetingStatus,
    PartyRole,
    TimelineKind,
)
from cases.permissions import cases_visible_to, get_case_for_user, has_case_perm
from erms.lib.errors import ApplicationError

pytestmark = pytest.mark.django_db


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def case(hana, sam):
    employee = sam.employee_record
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        summary="On the floor",
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )


def _audit(case: Case, action: str) -> AuditEntry:
    return AuditEntry.objects.filter(case_id=case.pk, action=action).latest("id")


def _held_hearing(hana, chair, case):
    day = timezone.localdate() - datetime.timedelta(days=2)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=_at(day),
        chair=chair,
        notice_sent_on=day - datetime.timedelta(days=20),
    )
    return services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")


def test_opening_a_case_audits_it_and_gives_the_case_manager_access(hana, case):
    assert case.version == 1 and case.status == CaseStatus.TRIAGE
    assert has_case_perm(hana, case, "cases.change_case")
    entry = _audit(case, "case_opened")
    assert entry.actor == hana
    assert entry.changes["kind"] == [None, "disciplinary"] and entry.changes["title"] == [None, "Shouting"]
    assert "Sam Subject" in case.search_text and case.reference in case.search_text


def test_an_appeal_must_name_the_case_it_appeals(hana, sam):
    employee = sam.employee_record
    with pytest.raises(ApplicationError) as refused:
        services.case_open(
            actor=hana,
            kind=CaseKind.APPEAL,
            title="Appeal",
            case_manager=hana,
            location=employee.location,
            department=employee.department,
        )
    assert refused.value.field == "appeal_of"


def test_only_hr_can_manage_a_case(hana, liam, sam):
    employee = sam.employee_record
    with pytest.raises(ApplicationError):
        services.case_open(
            actor=hana,
            kind=CaseKind.GRIEVANCE,
            title="x",
            case_manager=liam,
            location=employee.location,
            department=employee.department,
        )


def test_a_second_edit_from_the_same_version_is_refused_and_overwrites_nothing(hana, erin, case):
    loaded = case.version
    first = Case.objects.get(pk=case.pk)
    second = Case.objects.get(pk=case.pk)
    services.case_update(actor=hana, case=first, expected_version=loaded, title="Hana's title", summary="S")
    with pytest.raises(ApplicationError) as refused:
        services.case_update(
            actor=erin, case=second, expected_version=loaded, title="Erin's title", summary="T"
        )
    assert "Someone else changed this case" in refused.value.message and refused.value.field == "version"
    stored = Case.objects.get(pk=case.pk)
    assert (stored.title, stored.summary, stored.version) == ("Hana's title", "S", loaded + 1)
    assert not AuditEntry.objects.filter(case_id=case.pk, actor=erin).exists()


def test_a_stale_transition_is_refused(hana, case):
    services.case_update(actor=hana, case=case, expected_version=1, title="New", summary="")
    with pytest.raises(ApplicationError):
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=1
        )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.TRIAGE


def test_editing_a_case_records_field_level_before_and_after(hana, case):
    services.case_update(
        actor=hana, case=case, expected_version=case.version, title="Raised voice", summary="On the floor"
    )
    assert _audit(case, "case_updated").changes == {"title": ["Shouting", "Raised voice"]}


def test_a_transition_is_audited_and_shown_on_the_timeline(hana, case):
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    assert _audit(case, "case_status_changed").changes == {"status": ["triage", "investigation"]}
    assert case.timeline.filter(kind=TimelineKind.STATUS, summary__contains="Investigation").exists()


def test_reassigning_the_case_manager_is_audited_and_moves_the_access(hana, erin, ada, case):
    services.case_grant_access(actor=ada, case=case, user=hana, can_change=True)  # e.g. an old grant
    services.case_assign_manager(actor=ada, case=case, case_manager=erin, expected_version=case.version)
    case.refresh_from_db()
    assert case.case_manager == erin and has_case_perm(erin, case, "cases.change_case")
    hana = User.objects.get(pk=hana.pk)  # a new request
    assert not cases_visible_to(hana).exists()
    assert not has_case_perm(hana, case, "cases.view_case")
    assert _audit(case, "case_manager_changed").changes == {"case_manager": [str(hana), str(erin)]}


def test_granting_and_revoking_access_are_audited(hana, erin, liam, case):
    services.case_grant_access(actor=erin, case=case, user=liam)
    services.case_revoke_access(actor=erin, case=case, user=liam)
    assert _audit(case, "access_granted").changes == {"user": [None, str(liam)], "can_change": [None, False]}
    assert _audit(case, "access_revoked").changes == {"user": [str(liam), None]}
    assert case.timeline.filter(kind=TimelineKind.ACCESS).count() == 2


def test_only_investigators_and_hr_can_be_assigned_to_investigate(hana, ivan, liam, case):
    with pytest.raises(ApplicationError):
        services.case_add_investigator(actor=hana, case=case, investigator=liam)
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    assert list(case.investigators.all()) == [ivan]
    assert _audit(case, "investigator_added").changes == {"investigator": [None, str(ivan)]}


def test_parties_are_added_once_per_role_and_become_searchable(hana, olga, case):
    witness = olga.employee_record
    party = services.party_add(actor=hana, case=case, employee=witness, role=PartyRole.WITNESS)
    with pytest.raises(ApplicationError):
        services.party_add(actor=hana, case=case, employee=witness, role=PartyRole.WITNESS)
    services.party_add(actor=hana, case=case, employee=witness, role=PartyRole.COMPANION)
    assert "Olga Outsider" in Case.objects.get(pk=case.pk).search_text
    assert AuditEntry.objects.get(action="party_added", object_id=str(party.pk)).changes == {
        "employee": [None, str(witness)],
        "role": [None, "witness"],
    }


def test_allegations_are_numbered_and_findings_need_reasons(hana, case):
    first = services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="Shouting",
        incident_date=datetime.date(2026, 3, 2),
    )
    second = services.allegation_add(actor=hana, case=case, category="conduct", description="Swearing")
    assert (first.number, second.number) == (1, 2)
    assert AuditEntry.objects.get(action="allegation_added", object_id=str(first.pk)).changes[
        "incident_date"
    ] == [None, "2026-03-02"]
    with pytest.raises(ApplicationError):
        services.allegation_record_finding(actor=hana, allegation=first, finding="guilty", reasons="Seen")
    with pytest.raises(ApplicationError):
        services.allegation_record_finding(actor=hana, allegation=first, finding="upheld", reasons=" ")
    services.allegation_record_finding(actor=hana, allegation=first, finding="upheld", reasons="Seen")
    services.allegation_record_finding(
        actor=hana, allegation=first, finding="partly_upheld", reasons="On review"
    )
    assert _audit(case, "finding_recorded").changes == {
        "finding": ["upheld", "partly_upheld"],
        "finding_reasons": ["Seen", "On review"],
    }


def test_a_meeting_is_recorded_as_held_only_once_and_only_after_it_happened(hana, erin, case):
    tomorrow = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=timezone.now() + datetime.timedelta(days=1),
        chair=erin,
    )
    with pytest.raises(ApplicationError):
        services.meeting_record_held(actor=hana, meeting=tomorrow, outcome_summary="x")
    services.meeting_cancel(actor=hana, meeting=tomorrow, reason="Employee ill")
    assert tomorrow.status == MeetingStatus.CANCELLED
    held = _held_hearing(hana, erin, case)
    assert held.status == MeetingStatus.HELD and held.held_at is not None
    with pytest.raises(ApplicationError):
        services.meeting_record_held(actor=hana, meeting=held, outcome_summary="again")
    assert AuditEntry.objects.get(action="meeting_held", object_id=str(held.pk)).changes == {
        "status": ["scheduled", "held"]
    }


def test_minutes_uploaded_with_a_held_meeting_are_filed_on_the_case(hana, erin, case):
    day = timezone.localdate() - datetime.timedelta(days=1)
    meeting = services.meeting_schedule(
        actor=hana, case=case, kind=MeetingKind.INVESTIGATION_INTERVIEW, scheduled_for=_at(day), chair=erin
    )
    services.meeting_record_held(
        actor=hana,
        meeting=meeting,
        outcome_summary="Done",
        minutes=SimpleUploadedFile("m.txt", b"Minutes of the interview", "text/plain"),
    )
    meeting.refresh_from_db()
    assert meeting.minutes.case == case and meeting.minutes.kind == "minutes"


def test_no_meeting_is_scheduled_on_a_closed_case(hana, erin, case):
    services.case_transition(
        actor=hana,
        case=case,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=case.version,
        reason="Resigned",
    )
    with pytest.raises(ApplicationError):
        services.meeting_schedule(
            actor=hana,
            case=case,
            kind=MeetingKind.INVESTIGATION_INTERVIEW,
            scheduled_for=timezone.now(),
            chair=erin,
        )


def test_an_outcome_moves_the_case_to_its_appeal_window_once(hana, erin, case):
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.HEARING, expected_version=case.version
    )
    _held_hearing(hana, erin, case)
    outcome = services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction="verbal_warning",
        decided_by=erin,
        expected_version=case.version,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEAL_WINDOW
    assert outcome.appeal_allowed and outcome.appeal_deadline > outcome.decided_on
    changes = _audit(case, "outcome_recorded").changes
    assert changes["sanction"] == [None, "verbal_warning"] and changes["decided_by"] == [None, str(erin)]
    with pytest.raises(ApplicationError):
        services.outcome_record(
            actor=hana,
            case=case,
            decision="Dismissal",
            reasons="x",
            sanction="summary_dismissal",
            decided_by=erin,
            expected_version=case.version,
        )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.APPEAL_WINDOW


def test_an_appeal_is_linked_to_its_case_carries_its_parties_and_has_no_further_appeal(hana, erin, ada, case):
    with pytest.raises(ApplicationError):
        services.appeal_open(actor=hana, original=case, grounds="Unfair", case_manager=hana)
    _held_hearing(hana, erin, case)
    services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction="verbal_warning",
        decided_by=erin,
        expected_version=case.version,
    )
    case.refresh_from_db()
    appeal = services.appeal_open(actor=hana, original=case, grounds="Unfair", case_manager=hana)
    assert appeal.kind == CaseKind.APPEAL and appeal.appeal_of == case and appeal.location == case.location
    assert list(appeal.parties.values_list("employee", "role")) == list(
        case.parties.values_list("employee", "role")
    )
    assert case.timeline.filter(summary__contains=appeal.reference).exists()
    day = timezone.localdate() - datetime.timedelta(days=1)
    hearing = services.meeting_schedule(
        actor=hana,
        case=appeal,
        kind=MeetingKind.APPEAL_HEARING,
        scheduled_for=_at(day),
        chair=ada,
        notice_sent_on=day - datetime.timedelta(days=20),
    )
    services.meeting_record_held(actor=hana, meeting=hearing, outcome_summary="Heard")
    outcome = services.outcome_record(
        actor=hana,
        case=appeal,
        decision="Not upheld",
        reasons="Fair",
        decided_by=ada,
        expected_version=appeal.version,
    )
    assert not outcome.appeal_allowed and outcome.appeal_deadline is None
    with pytest.raises(ApplicationError):
        services.appeal_open(actor=hana, original=appeal, grounds="Again", case_manager=hana)


def test_a_replacement_document_is_the_next_version_and_a_version_is_replaced_once(hana, case):
    first = services.document_store(
        actor=hana,
        case=case,
        title="Statement",
        file=SimpleUploadedFile("s.txt", b"First account", "text/plain"),
    )
    second = services.document_store(
        actor=hana,
        replaces=first,
        title="Statement",
        file=SimpleUploadedFile("s2.txt", b"Corrected account", "text/plain"),
    )
    assert (first.version, second.version) == (1, 2)
    assert second.case == case and second.replaces == first
    with pytest.raises(ApplicationError):
        services.document_store(
            actor=hana,
            replaces=first,
            title="Statement",
            file=SimpleUploadedFile("s3.txt", b"Third", "text/plain"),
        )
    assert case.documents.count() == 2
    assert AuditEntry.objects.get(action="document_added", object_id=str(second.pk)).changes["version"] == [
        None,
        2,
    ]


def test_an_investigation_plan_audits_only_what_changed(hana, olga, case):
    services.investigation_plan_set(
        actor=hana, case=case, terms_of_reference="Find the facts", interviewees=[olga.employee_record]
    )
    services.investigation_plan_set(
        actor=hana, case=case, terms_of_reference="Find the facts", questions="Who shouted?"
    )
    assert _audit(case, "investigation_plan_set").changes == {"questions": ["", "Who shouted?"]}


def test_an_empty_note_is_refused_and_a_note_is_audited(hana, case):
    with pytest.raises(ApplicationError):
        services.note_add(actor=hana, case=case, body="  ")
    entry = services.note_add(actor=hana, case=case, body="Called the employee\nNo answer")
    assert entry.summary == "Called the employee"
    assert _audit(case, "note_added").changes == {"shared_with_submitter": [None, False]}


def test_each_fetch_of_a_case_is_recorded_once_per_request(hana, case):
    get_case_for_user(hana, case.pk, via="page", path="/cases/1/")
    get_case_for_user(hana, case.pk, "cases.change_case", via="page", path="/cases/1/")  # the same request
    get_case_for_user(hana, case.pk, via="api", path="/api/v1/cases/1/")
    assert list(AccessEntry.objects.filter(case_id=case.pk).order_by("id").values_list("via", flat=True)) == [
        "page",
        "api",
    ]
