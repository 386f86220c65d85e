"""The investigation deadline ("Complete the investigation") is met the day the investigation ends:
when the case moves past the investigation (findings recorded, a hearing scheduled, a status moved
on by hand), not only when an outcome is recorded or the case closes. Met on that day, by whoever
moved the case on, audited and on the timeline like every deadline met; it never turns overdue
on a case that has moved on to its hearing or decision."""

from __future__ import annotations

import datetime

import pytest

from audit.models import AuditEntry
from cases import deadlines, services
from cases.models import Case, CaseKind, CaseStatus, MeetingKind, TimelineEntry, TimelineKind
from deadlines.models import Deadline, DeadlineStatus
from deadlines.selectors import deadline_state
from erms.lib import clock, workdays
from tests.cases.lifecycle_steps import at_ten, open_case, schedule_hearing
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def _investigating(hana, sam, location, department, kind=CaseKind.DISCIPLINARY) -> Case:
    """A case under investigation, its plan's target three weeks from today."""
    case = open_case(hana, sam, location, department, kind=kind)
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    services.investigation_plan_set(
        actor=hana,
        case=case,
        terms_of_reference="Establish the facts",
        target_date=clock.today() + datetime.timedelta(days=21),
    )
    case.refresh_from_db()
    return case


def _target(case: Case) -> Deadline:
    return Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=deadlines.INVESTIGATION_TARGET)


def _assert_met_today_by(case: Case, actor) -> None:
    target = _target(case)
    assert target.status == DeadlineStatus.MET
    assert target.met_by == actor
    assert workdays.local_date(target.met_at, "Europe/London") == workdays.local_date(
        clock.now(), "Europe/London"
    )
    assert deadline_state(target) == "met"
    assert AuditEntry.objects.filter(
        case_id=case.pk, action="deadline_met", object_id=str(target.pk), actor=actor
    ).exists()
    assert TimelineEntry.objects.filter(
        case=case, kind=TimelineKind.DEADLINE, summary="Deadline met: Complete the investigation"
    ).exists()


def test_it_meets_the_investigation_deadline_when_the_findings_take_the_case_to_the_hearing(
    hana, sam, london, operations
):
    case = _investigating(hana, sam, london, operations)
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouted")
    services.allegation_record_finding(actor=hana, allegation=allegation, finding="upheld", reasons="Seen")

    assert Case.objects.get(pk=case.pk).status == CaseStatus.HEARING
    _assert_met_today_by(case, hana)


def test_it_meets_the_investigation_deadline_when_a_hearing_is_scheduled(hana, erin, sam, london, operations):
    case = _investigating(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=14)

    assert Case.objects.get(pk=case.pk).status == CaseStatus.HEARING
    _assert_met_today_by(case, hana)


def test_it_meets_the_investigation_deadline_when_the_case_is_moved_on_by_hand(
    hana, erin, sam, london, operations
):
    case = _investigating(hana, sam, london, operations)
    services.case_transition(
        actor=erin, case=case, to_status=CaseStatus.HEARING, expected_version=case.version
    )

    _assert_met_today_by(case, erin)
    case.refresh_from_db()
    assert case.next_deadline_on is None  # nothing else is due on it


def test_it_meets_the_investigation_deadline_of_a_fact_finding_when_it_reaches_the_decision(
    hana, sam, london, operations
):
    case = _investigating(hana, sam, london, operations, kind=CaseKind.INVESTIGATION)
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.DECISION, expected_version=case.version
    )

    _assert_met_today_by(case, hana)


def test_it_keeps_the_investigation_deadline_open_while_the_investigation_runs(
    hana, ivan, sam, london, operations
):
    case = _investigating(hana, sam, london, operations)
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    services.meeting_schedule(
        actor=ivan,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=at_ten(clock.today() + datetime.timedelta(days=7)),
        chair=ivan,
    )

    assert Case.objects.get(pk=case.pk).status == CaseStatus.INVESTIGATION
    assert _target(case).status == DeadlineStatus.OPEN
    case.refresh_from_db()
    assert case.next_deadline_on == _target(case).due_on
