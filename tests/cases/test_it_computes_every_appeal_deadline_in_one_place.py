"""Every appeal deadline comes from one place (``guardrails.appeal_window``): the outcome, the
outcome letter and the appeal-window deadline agree, whichever of them sets it. Where the
procedure sets no window, the jurisdiction's route applies: GB-APP-001 (5 working days) in
Great Britain only; Norway's and Vietnam's routes run outside the organisation (NO-DISP-001,
VN-DISP-001) and a claim case has no internal appeal."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from cases import deadlines, guardrails, services
from cases.models import CaseKind, LetterKind, Sanction
from deadlines.models import Deadline, DeadlineStatus
from policies.models import Procedure
from tests.cases.test_letters import issue_and_render, make_organisation
from tests.days import AFTER_SPRING_2026

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]

MONDAY = datetime.date(2026, 3, 16)


def _decided(hana, erin, sam, location, department, sanction, kind=CaseKind.DISCIPLINARY):
    case = services.case_open(
        actor=hana,
        kind=kind,
        title="Conduct",
        case_manager=hana,
        location=location,
        department=department,
        parties=[(sam.employee_record, "subject")],
    )
    when = datetime.datetime(2026, 3, 10, 10, tzinfo=ZoneInfo(location.time_zone))
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=when,
        chair=erin,
        notice_sent_on=datetime.date(2026, 2, 16),
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    case.refresh_from_db()
    services.outcome_record(
        actor=hana,
        case=case,
        decision="Upheld",
        reasons="Admitted",
        sanction=sanction,
        decided_on=MONDAY,
        expected_version=case.version,
    )
    case.refresh_from_db()
    return case


def _window(case):
    return Deadline.objects.get(
        owner_type=deadlines.CASE_OWNER_TYPE,
        owner_id=case.pk,
        key=deadlines.APPEAL_WINDOW,
        status=DeadlineStatus.OPEN,
    )


@pytest.mark.parametrize(
    ("location_name", "sanction", "route"),
    [("oslo", Sanction.FIRST_WRITTEN_WARNING, "NO-DISP-001"), ("hanoi", Sanction.REPRIMAND, "VN-DISP-001")],
)
def test_it_gives_norway_and_vietnam_no_borrowed_gb_app_001_window(
    hana, erin, sam, operations, request, location_name, sanction, route
):
    case = _decided(hana, erin, sam, request.getfixturevalue(location_name), operations, sanction)
    assert guardrails.appeal_window(case) is None
    assert guardrails.appeal_route(case).rule == route
    assert case.outcome.appeal_deadline is None and guardrails.appeal_deadline(case, MONDAY) is None
    assert not Deadline.objects.filter(
        owner_type=deadlines.CASE_OWNER_TYPE, owner_id=case.pk, key=deadlines.APPEAL_WINDOW
    ).exists()


def test_it_keeps_gb_app_001_for_a_british_case_without_a_procedure_window(
    hana, erin, sam, london, operations
):
    Procedure.objects.filter(jurisdiction="GB").update(is_active=False)
    case = _decided(hana, erin, sam, london, operations, Sanction.FIRST_WRITTEN_WARNING)
    assert guardrails.appeal_window(case).rule == "GB-APP-001"
    window = _window(case)
    assert (window.due_on, window.rule_id) == (datetime.date(2026, 3, 23), "GB-APP-001")
    assert window.citation.startswith("Acas Code")


def test_the_procedure_window_wins_where_there_is_one(hana, erin, sam, new_york, operations):
    case = _decided(hana, erin, sam, new_york, operations, Sanction.FIRST_WRITTEN_WARNING)
    assert guardrails.appeal_window(case).rule == "US-DISC-001"  # the US procedure: 10 calendar days
    assert case.outcome.appeal_deadline == datetime.date(2026, 3, 26) == _window(case).due_on


@pytest.mark.parametrize("location_name", ["london", "new_york", "oslo", "hanoi"])
def test_it_gives_a_claim_case_no_internal_appeal_deadline(hana, sam, operations, request, location_name):
    case = services.case_open(
        actor=hana,
        kind=CaseKind.CLAIM,
        title="Tribunal claim",
        case_manager=hana,
        location=request.getfixturevalue(location_name),
        department=operations,
        parties=[(sam.employee_record, "subject")],
    )
    assert guardrails.appeal_window(case) is None
    assert guardrails.appeal_deadline(case, MONDAY) is None


def test_the_outcome_letter_moves_the_window_to_its_date_and_keeps_its_rule_and_citation(
    hana, erin, sam, london, operations
):
    make_organisation()
    case = _decided(hana, erin, sam, london, operations, Sanction.FIRST_WRITTEN_WARNING)
    before = _window(case)

    letter = issue_and_render(hana, case, LetterKind.DISCIPLINARY_OUTCOME)

    letter_date = datetime.date.fromisoformat(letter.context["letter_date"])
    due = guardrails.appeal_deadline(case, letter_date)
    assert letter.context["appeal"]["deadline"] == due.isoformat()
    after = _window(case)
    assert after.pk == before.pk and after.due_on == due
    assert (after.rule_id, after.citation) == (before.rule_id, before.citation)
    case.outcome.refresh_from_db()
    assert case.outcome.appeal_deadline == due
