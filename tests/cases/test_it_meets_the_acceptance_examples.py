"""DOMAIN.md's acceptance examples that run through a case, one test per example, with its dates.

AC-04, AC-06 and AC-10 (consultations) are in ``tests/unions/test_statutory_requirements.py``;
AC-07 (EEOC risk dates) in ``tests/policies/test_it_rolls_forward_only_the_rules_that_say_so.py``.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Organisation, ProtectedStatus
from audit.models import AuditEntry
from cases import deadlines, services
from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind, LetterKind, MeetingKind, PartyRole, RepresentationChoice, Sanction
from deadlines.models import Deadline, DeadlineStatus
from erms.lib.errors import ApplicationError
from policies import services as policy_services
from policies.models import Procedure, Rule, RuleBound
from tests.days import AFTER_SPRING_2026
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]

#: Days on which Wed 4 Nov 2026 is in the past, so a decision may be recorded on it (AC-11).
AFTER_E3 = tuple(day for day in AFTER_SPRING_2026 if day.date > datetime.date(2026, 11, 4))


def _at(day: datetime.date, location, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(location.time_zone))


def _case(hana, location, department, *, kind=CaseKind.DISCIPLINARY, employee=None):
    employee = employee or EmployeeFactory(location=location, department=department)
    return services.case_open(
        actor=hana,
        kind=kind,
        title="Case",
        case_manager=hana,
        location=location,
        department=department,
        parties=[(employee, PartyRole.SUBJECT)],
    )


def _schedule(hana, case, chair, day, *, kind=MeetingKind.DISCIPLINARY_HEARING, notice=None, **extra):
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind=kind,
        scheduled_for=_at(day, case.location),
        chair=chair,
        notice_sent_on=notice if notice is not None else day - datetime.timedelta(days=30),
        **extra,
    )


def _held(hana, case, chair, day, **extra):
    meeting = _schedule(hana, case, chair, day, **extra)
    return services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")


def _decide(hana, case, decided_by, sanction, day, **extra):
    case.refresh_from_db()
    return services.outcome_record(
        actor=hana,
        case=case,
        decision="Decided",
        reasons="Established on the evidence",
        sanction=sanction,
        decided_by=decided_by,
        decided_on=day,
        expected_version=case.version,
        **extra,
    )


def test_it_ac_01_refuses_a_hearing_inside_the_procedures_five_working_days_and_names_it(
    ada, hana, erin, london, operations
):
    Procedure.objects.filter(kind="disciplinary", jurisdiction="GB").update(is_active=False)
    procedure = Procedure.objects.create(kind="disciplinary", jurisdiction="GB", name="Northwind procedure")
    policy_services.procedure_step_set(
        actor=ada,
        procedure=procedure,
        key="hearing_notice",
        number=5,
        unit="working_days",
        rule=Rule.objects.get(rule_id="GB-DISC-003"),
        rule_bound=RuleBound.REFERENCE,
    )
    case = _case(hana, london, operations)
    invitation = datetime.date(2026, 3, 2)  # Mon 2 Mar 2026
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, case, erin, datetime.date(2026, 3, 5), notice=invitation)  # Thu 5 Mar
    assert "Northwind procedure" in refused.value.message
    assert "9 Mar 2026" in refused.value.message
    assert _schedule(hana, case, erin, datetime.date(2026, 3, 9), notice=invitation).pk  # Mon 9 Mar


def test_it_ac_01_without_a_procedure_value_only_warns_under_gb_disc_003(hana, erin, london, operations):
    Procedure.objects.filter(kind="disciplinary", jurisdiction="GB").update(is_active=False)
    case = _case(hana, london, operations)
    meeting = _schedule(hana, case, erin, datetime.date(2026, 3, 5), notice=datetime.date(2026, 3, 2))
    assert meeting.pk


def test_it_ac_02_accepts_the_workers_alternative_time_of_fri_10_april_and_refuses_mon_13_april(
    hana, erin, london, operations
):
    case = _case(hana, london, operations)
    meeting = _schedule(hana, case, erin, datetime.date(2026, 4, 1))  # E1: Wed 1 Apr 2026, England
    with pytest.raises(GuardrailRefusal) as refused:
        services.meeting_companion_alternative(
            actor=hana, meeting=meeting, proposed_for=_at(datetime.date(2026, 4, 13), london)
        )
    assert (refused.value.rule, refused.value.field) == ("GB-ACC-002", "scheduled_for")
    moved = services.meeting_companion_alternative(
        actor=hana, meeting=meeting, proposed_for=_at(datetime.date(2026, 4, 10), london)
    )
    assert moved.scheduled_for == _at(datetime.date(2026, 4, 10), london)
    window = Deadline.objects.get(
        owner_type="cases.case", owner_id=case.pk, key=deadlines.COMPANION_POSTPONEMENT
    )
    assert (window.due_on, window.status) == (datetime.date(2026, 4, 10), DeadlineStatus.MET)
    assert AuditEntry.objects.filter(
        action="meeting_companion_alternative", object_id=str(meeting.pk)
    ).exists()


def test_it_ac_03_refuses_the_original_decision_maker_as_appeal_hearer_unless_an_er_lead_overrides(
    hana, erin, ada, london, operations
):
    manager_m = erin
    case = _case(hana, london, operations)
    day = datetime.date(2026, 3, 2)
    _held(hana, case, ada, day)
    _decide(hana, case, manager_m, Sanction.FIRST_WRITTEN_WARNING, day)
    appeal = services.appeal_open(actor=hana, original=case, grounds="Too harsh", case_manager=hana)
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, appeal, manager_m, datetime.date(2026, 3, 20), kind=MeetingKind.APPEAL_HEARING)
    assert refused.value.rule == "XJ-001"
    overridden = _schedule(
        erin,
        appeal,
        manager_m,
        datetime.date(2026, 3, 20),
        kind=MeetingKind.APPEAL_HEARING,
        override_reason="Only senior manager on site; employee agreed in writing",
    )
    assert overridden.pk


def test_it_ac_05_keeps_a_twelve_month_first_written_warning_live_through_mon_15_march_2027(
    hana, erin, london, operations
):
    case = _case(hana, london, operations)
    _held(hana, case, erin, datetime.date(2026, 3, 13))
    outcome = _decide(hana, case, erin, Sanction.FIRST_WRITTEN_WARNING, datetime.date(2026, 3, 16))
    assert outcome.warning_live_until == datetime.date(2027, 3, 15)


def _interview(hana, case, chair, employee):
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=_at(datetime.date(2026, 3, 2), case.location),
        chair=chair,
        attendees=[employee],
    )


def test_it_ac_08_stops_questions_when_a_represented_us_employee_asks_for_a_rep_until_a_choice_is_logged(
    hana, ivan, new_york, operations
):
    employee = EmployeeFactory(location=new_york, department=operations, union_represented=True)
    case = _case(hana, new_york, operations, employee=employee)
    meeting = _interview(hana, case, ivan, employee)
    services.meeting_representation_request(actor=hana, meeting=meeting, employee=employee)
    with pytest.raises(GuardrailRefusal) as refused:
        services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Questions went on")
    assert (refused.value.rule, refused.value.field) == ("US-ACC-001", "representation_choice")
    services.meeting_representation_choose(
        actor=hana, meeting=meeting, choice=RepresentationChoice.NO_INTERVIEW
    )
    with pytest.raises(GuardrailRefusal):
        services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Questions went on")
    services.meeting_representation_choose(actor=hana, meeting=meeting, choice=RepresentationChoice.WAIT)
    assert services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="With the rep").held_at
    assert (
        AuditEntry.objects.filter(action="representation_choice_logged", object_id=str(meeting.pk)).count()
        == 2
    )


def test_it_ac_08_does_not_stop_an_interview_outside_the_us_or_for_someone_not_represented(
    hana, ivan, new_york, london, operations
):
    not_represented = EmployeeFactory(location=new_york, department=operations)
    case = _case(hana, new_york, operations, employee=not_represented)
    meeting = _interview(hana, case, ivan, not_represented)
    with pytest.raises(ApplicationError) as refused:
        services.meeting_representation_request(actor=hana, meeting=meeting, employee=not_represented)
    assert refused.value.field == "employee"
    represented_in_london = EmployeeFactory(location=london, department=operations, union_represented=True)
    gb_case = _case(hana, london, operations, employee=represented_in_london)
    gb_meeting = _interview(hana, gb_case, ivan, represented_in_london)
    services.meeting_representation_request(actor=hana, meeting=gb_meeting, employee=represented_in_london)
    assert services.meeting_record_held(actor=hana, meeting=gb_meeting, outcome_summary="Went on").held_at


def test_it_ac_09_refuses_a_norwegian_dismissal_decided_without_a_droftingsmote_or_a_notice_lacking_15_4(
    hana, erin, oslo, operations
):
    Organisation.objects.create(name="Northwind AS", signatory_name="Ada Admin", signatory_title="HR")
    case = _case(hana, oslo, operations, kind=CaseKind.TERMINATION)
    receipt = datetime.date(2026, 1, 20)  # Tue 20 Jan 2026
    with pytest.raises(GuardrailRefusal) as refused:
        _decide(hana, case, erin, Sanction.DISMISSAL_WITH_NOTICE, receipt)
    assert refused.value.rule == "NO-TERM-001"
    _held(hana, case, erin, datetime.date(2026, 1, 15))
    _decide(hana, case, erin, Sanction.DISMISSAL_WITH_NOTICE, receipt)
    with pytest.raises(ApplicationError):
        services.letter_issue(actor=hana, case=case, kind=LetterKind.DISMISSAL_NOTICE, language="nb")
    _, gaps = services.letter_preview(actor=hana, case=case, kind=LetterKind.DISMISSAL_NOTICE, language="nb")
    assert "NO-TERM-002" in {g.rule for g in gaps if g.is_error}
    demand = Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=deadlines.NEGOTIATION_DEMAND)
    assert (demand.rule_id, demand.due_on) == ("NO-DISP-001", datetime.date(2026, 2, 3))  # E5: Tue 3 Feb


def _e3_case(hana, hanoi, operations):
    """E3: a violation on Tue 10 Feb 2026 (limitation Mon 10 Aug) and sick leave 20 Jul – 4 Sep 2026."""
    case = _case(hana, hanoi, operations)
    services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="Took cash",
        incident_date=datetime.date(2026, 2, 10),
    )
    return case


def test_it_ac_11_runs_the_limitation_to_60_days_after_sick_leave_that_spans_it(hana, hanoi, operations):
    case = _e3_case(hana, hanoi, operations)
    limitation = deadlines.case_deadline_open(case, deadlines.DISCIPLINE_LIMITATION)
    assert (limitation.rule_id, limitation.due_on) == ("VN-DISC-003", datetime.date(2026, 8, 10))
    services.protected_period_record(
        actor=hana,
        employee=case.parties.get().employee,
        status=ProtectedStatus.SICK_LEAVE,
        starts_on=datetime.date(2026, 7, 20),
        ends_on=datetime.date(2026, 9, 4),
        case=case,
    )
    limitation = deadlines.case_deadline_open(case, deadlines.DISCIPLINE_LIMITATION)
    assert limitation.due_on == datetime.date(2026, 11, 3)  # Tue 3 Nov 2026
    assert datetime.date(2026, 8, 10).isoformat() in [h.get("due_on") for h in limitation.history]


@pytest.mark.days(*AFTER_E3)
def test_it_ac_11_refuses_short_notice_a_late_decision_and_steps_during_the_leave(
    hana, erin, hanoi, operations
):
    case = _e3_case(hana, hanoi, operations)
    services.protected_period_record(
        actor=hana,
        employee=case.parties.get().employee,
        status=ProtectedStatus.SICK_LEAVE,
        starts_on=datetime.date(2026, 7, 20),
        ends_on=datetime.date(2026, 9, 4),
    )
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, case, erin, datetime.date(2026, 8, 20), notice=datetime.date(2026, 8, 3))
    assert (refused.value.rule, refused.value.field) == ("VN-DISC-002", "scheduled_for")
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, case, erin, datetime.date(2026, 11, 3), notice=datetime.date(2026, 10, 28))
    assert refused.value.rule == "VN-DISC-004"
    _held(hana, case, erin, datetime.date(2026, 11, 3), notice=datetime.date(2026, 10, 27))
    with pytest.raises(GuardrailRefusal) as refused:
        _decide(hana, case, erin, "reprimand", datetime.date(2026, 11, 4))
    assert refused.value.rule == "VN-DISC-005"
    assert _decide(hana, case, erin, "reprimand", datetime.date(2026, 11, 3)).pk


def test_it_ac_12_refuses_a_meeting_with_a_pregnant_vietnamese_employee_and_a_fine(
    hana, erin, hanoi, operations
):
    case = _case(hana, hanoi, operations)
    services.protected_period_record(
        actor=hana,
        employee=case.parties.get().employee,
        status=ProtectedStatus.PREGNANCY,
        starts_on=datetime.date(2026, 1, 5),
        case=case,
    )
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, case, erin, datetime.date(2026, 3, 2))
    assert (refused.value.rule, refused.value.field) == ("VN-DISC-002", "scheduled_for")
    assert not case.meetings.exists()
    with pytest.raises(GuardrailRefusal) as refused:
        services.outcome_record(
            actor=hana,
            case=case,
            decision="Fined",
            reasons="Late",
            sanction="fine" if "fine" in Sanction.values else "final_written_warning",
            decided_by=erin,
            decided_on=datetime.date(2026, 3, 2),
            expected_version=case.version,
        )
    assert refused.value.rule == "VN-SANC-001"


def test_it_ac_12_only_warns_xj_002_for_a_pregnant_employee_in_great_britain(hana, erin, london, operations):
    case = _case(hana, london, operations)
    services.protected_period_record(
        actor=hana,
        employee=case.parties.get().employee,
        status=ProtectedStatus.PREGNANCY,
        starts_on=datetime.date(2026, 1, 5),
    )
    meeting = _schedule(hana, case, erin, datetime.date(2026, 3, 2))
    assert [w.rule for w in meeting.warnings if w.rule == "XJ-002"] == ["XJ-002"]
    assert "pregnancy" in next(w.message for w in meeting.warnings if w.rule == "XJ-002")


def test_it_ac_13_clears_a_vietnamese_reprimand_of_mon_16_march_after_tue_16_june(
    hana, erin, hanoi, operations
):
    case = _case(hana, hanoi, operations)
    _held(hana, case, erin, datetime.date(2026, 3, 13))
    outcome = _decide(hana, case, erin, "reprimand", datetime.date(2026, 3, 16))
    assert outcome.warning_live_until == datetime.date(2026, 6, 16)
    expiry = Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=deadlines.WARNING_EXPIRY)
    assert (expiry.due_on, expiry.rule_id) == (datetime.date(2026, 6, 16), "VN-SANC-003")
    assert expiry.due_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date() == datetime.date(2026, 6, 16)
