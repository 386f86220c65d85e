"""The case's status follows what is recorded on it: findings and a scheduled hearing bring the
hearing, a held hearing the decision, an outcome the appeal window (where the route gives one),
an appeal opens the appeal case. Each move is audited and on the timeline; never backwards,
never out of a closed case."""

from __future__ import annotations

import pytest

from cases import services
from cases.models import Case, CaseKind, CaseStatus, MeetingKind, TimelineEntry, TimelineKind
from cases.next_step import case_next_step
from erms.lib.errors import ApplicationError
from tests.cases.lifecycle_steps import decide, followed, hold_hearing, open_case, schedule_hearing

pytestmark = pytest.mark.django_db


def _status(case: Case) -> str:
    return Case.objects.values_list("status", flat=True).get(pk=case.pk)


def test_it_moves_a_gb_disciplinary_case_from_investigation_to_the_appeal_window(
    hana, erin, sam, london, operations
):
    case = open_case(hana, sam, london, operations)
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouted")
    services.allegation_record_finding(actor=hana, allegation=allegation, finding="upheld", reasons="Seen")
    assert _status(case) == CaseStatus.HEARING

    hold_hearing(hana, erin, case)
    assert _status(case) == CaseStatus.DECISION

    decide(hana, erin, case)
    assert _status(case) == CaseStatus.APPEAL_WINDOW

    assert followed(case) == [
        (CaseStatus.INVESTIGATION, CaseStatus.HEARING),
        (CaseStatus.HEARING, CaseStatus.DECISION),
        (CaseStatus.DECISION, CaseStatus.APPEAL_WINDOW),
    ]
    moves = TimelineEntry.objects.filter(case=case, kind=TimelineKind.STATUS, summary__contains="→")
    assert [e.summary for e in moves.order_by("id")][-3:] == [
        "Status: Investigation → Hearing (findings recorded)",
        "Status: Hearing → Decision (disciplinary hearing held)",
        "Status: Decision → Appeal window (outcome recorded)",
    ]


def test_it_moves_a_case_to_the_hearing_when_one_is_scheduled_and_keeps_it_there(
    hana, erin, sam, london, operations
):
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)
    schedule_hearing(hana, erin, case, days_ahead=8)
    assert _status(case) == CaseStatus.HEARING
    assert followed(case) == [(CaseStatus.TRIAGE, CaseStatus.HEARING)]


def test_it_never_moves_a_case_backwards(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    hold_hearing(hana, erin, case)
    assert _status(case) == CaseStatus.DECISION
    schedule_hearing(hana, erin, case, days_ahead=7)
    services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=schedule_hearing(hana, erin, case, days_ahead=9).scheduled_for,
        chair=erin,
    )
    assert _status(case) == CaseStatus.DECISION


def test_it_never_moves_a_closed_case(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    meeting = schedule_hearing(hana, erin, case, days_ahead=-1)
    services.case_transition(
        actor=hana,
        case=case,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=case.version,
        reason="Resigned",
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Held before the news")
    assert _status(case) == CaseStatus.WITHDRAWN


def test_it_keeps_a_norwegian_case_at_the_decision_as_its_route_runs_outside(
    hana, erin, sam, oslo, operations
):
    case = open_case(hana, sam, oslo, operations)
    hold_hearing(hana, erin, case)
    decide(hana, erin, case)
    assert _status(case) == CaseStatus.DECISION


def test_it_opens_the_appeal_case_and_shows_it_on_the_original(
    client, hana, erin, ada, sam, london, operations
):
    case = open_case(hana, sam, london, operations)
    hold_hearing(hana, erin, case)
    decide(hana, erin, case)
    appeal = services.appeal_open(actor=hana, original=case, grounds="Too harsh", case_manager=ada)
    assert appeal.kind == CaseKind.APPEAL and appeal.appeal_of_id == case.pk

    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    assert appeal.reference in page
    assert f"Wait for the appeal {appeal.reference} to be decided" in page


def test_it_schedules_an_appeal_hearing_only_on_an_appeal_case(hana, erin, ada, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    with pytest.raises(ApplicationError) as refused:
        schedule_hearing(hana, erin, case, days_ahead=7, kind=MeetingKind.APPEAL_HEARING)
    assert refused.value.field == "kind"

    hold_hearing(hana, erin, case)
    decide(hana, erin, case)
    appeal = services.appeal_open(actor=hana, original=case, grounds="Too harsh", case_manager=hana)
    schedule_hearing(hana, ada, appeal, days_ahead=7, kind=MeetingKind.APPEAL_HEARING)
    assert _status(appeal) == CaseStatus.HEARING


def test_it_tells_the_original_case_when_its_appeal_is_decided(hana, erin, ada, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    hold_hearing(hana, erin, case)
    decide(hana, erin, case)
    appeal = services.appeal_open(actor=hana, original=case, grounds="Too harsh", case_manager=hana)
    meeting = schedule_hearing(hana, ada, appeal, days_ahead=-1, kind=MeetingKind.APPEAL_HEARING)
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    decide(hana, ada, appeal, sanction="first_written_warning")
    assert _status(appeal) == CaseStatus.DECISION
    case.refresh_from_db()
    assert case_next_step(case).text == f"Close the case: the appeal {appeal.reference} is decided"
