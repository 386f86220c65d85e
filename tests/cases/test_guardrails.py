"""Fair-procedure refusals: notice, impartial chairs and decision makers, sanctions, findings, workflow."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from cases import deadlines, services
from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind, CaseStatus, MeetingKind, PartyRole
from deadlines.models import Deadline
from erms.lib.errors import ApplicationError
from policies import services as policy_services
from policies.models import Procedure, Rule, RuleBound
from tests.days import AFTER_SPRING_2026, DATE_SENSITIVE
from tests.factories import EmployeeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

MON_2_MAR = datetime.date(2026, 3, 2)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _case(hana, location, department, *, kind=CaseKind.DISCIPLINARY):
    employee = EmployeeFactory(location=location, department=department)
    return services.case_open(
        actor=hana,
        kind=kind,
        title="Case",
        case_manager=hana,
        location=location,
        department=department,
        parties=[(employee, PartyRole.SUBJECT)],
    )


def _hold_hearing(hana, case, chair, *, kind=MeetingKind.DISCIPLINARY_HEARING):
    day = timezone.localdate() - datetime.timedelta(days=3)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=kind,
        scheduled_for=_at(day),
        chair=chair,
        notice_sent_on=day - datetime.timedelta(days=30),
    )
    return services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")


def _retire_procedures(kind: str, jurisdiction: str) -> None:
    Procedure.objects.filter(kind=kind, jurisdiction=jurisdiction).update(is_active=False)


@pytest.fixture
def gb_procedure(ada):
    """AC-01: an organisation procedure giving five working days' notice of a disciplinary hearing."""
    _retire_procedures("disciplinary", "GB")
    procedure = Procedure.objects.create(
        kind="disciplinary", jurisdiction="GB", name="Northwind disciplinary procedure"
    )
    policy_services.procedure_step_set(
        actor=ada,
        procedure=procedure,
        key="hearing_notice",
        number=5,
        unit="working_days",
        rule=Rule.objects.get(rule_id="GB-DISC-003"),
        rule_bound=RuleBound.REFERENCE,
    )
    return procedure


def test_it_refuses_a_hearing_with_less_notice_than_the_procedure_names_and_accepts_the_earliest_day(
    hana, erin, london, operations, gb_procedure
):
    case = _case(hana, london, operations)
    with pytest.raises(GuardrailRefusal) as refused:
        services.meeting_schedule(
            actor=hana,
            case=case,
            kind=MeetingKind.DISCIPLINARY_HEARING,
            scheduled_for=_at(datetime.date(2026, 3, 5)),
            chair=erin,
            notice_sent_on=MON_2_MAR,
        )
    assert "Northwind disciplinary procedure" in refused.value.message
    assert "9 Mar 2026" in refused.value.message
    assert refused.value.rule == "GB-DISC-003"
    assert not case.meetings.exists()
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=_at(datetime.date(2026, 3, 9)),
        chair=erin,
        notice_sent_on=MON_2_MAR,
    )
    assert meeting.notice_sent_on == MON_2_MAR


def test_it_refuses_a_hearing_when_the_invitation_date_is_not_recorded(
    hana, erin, london, operations, gb_procedure
):
    case = _case(hana, london, operations)
    with pytest.raises(GuardrailRefusal) as refused:
        services.meeting_schedule(
            actor=hana,
            case=case,
            kind=MeetingKind.DISCIPLINARY_HEARING,
            scheduled_for=_at(datetime.date(2026, 3, 9)),
            chair=erin,
        )
    assert refused.value.field == "notice_sent_on"


def test_it_does_not_block_short_notice_in_great_britain_without_a_procedure_value(
    hana, erin, london, operations
):
    _retire_procedures("disciplinary", "GB")
    case = _case(hana, london, operations)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=_at(datetime.date(2026, 3, 3)),
        chair=erin,
        notice_sent_on=MON_2_MAR,
    )
    assert meeting.pk


def test_it_does_not_block_short_notice_where_the_procedure_only_warns(hana, erin, new_york, operations):
    # The default US procedure's notice step is a warning (US-DISC-001 is guidance).
    assert Procedure.objects.filter(
        kind="disciplinary",
        jurisdiction="US",
        is_active=True,
        steps__key="hearing_notice",
        steps__action="warn",
    ).exists()
    case = _case(hana, new_york, operations)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=_at(datetime.date(2026, 3, 3)),
        chair=erin,
        notice_sent_on=MON_2_MAR,
    )
    assert meeting.pk


@pytest.mark.parametrize("with_procedure", [True, False])
def test_it_refuses_a_vietnamese_hearing_with_less_than_five_working_days_notice(
    hana, erin, hanoi, operations, with_procedure
):
    if not with_procedure:
        _retire_procedures("disciplinary", "VN")
    case = _case(hana, hanoi, operations)
    with pytest.raises(GuardrailRefusal) as refused:
        services.meeting_schedule(
            actor=hana,
            case=case,
            kind=MeetingKind.DISCIPLINARY_HEARING,
            scheduled_for=_at(datetime.date(2026, 3, 6)),
            chair=erin,
            notice_sent_on=MON_2_MAR,
        )
    assert refused.value.rule == "VN-DISC-004"
    assert services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=_at(datetime.date(2026, 3, 9)),
        chair=erin,
        notice_sent_on=MON_2_MAR,
    ).pk


@pytest.mark.parametrize("with_procedure", [True, False])
def test_it_vn_disc_004_leaves_a_vietnamese_grievance_meeting_with_three_working_days_notice_alone(
    hana, erin, hanoi, operations, with_procedure
):
    # Decree 145 Art 70 governs disciplinary meetings only; the VN grievance procedure only warns.
    if not with_procedure:
        _retire_procedures("grievance", "VN")
    case = _case(hana, hanoi, operations, kind=CaseKind.GRIEVANCE)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.GRIEVANCE_MEETING,
        scheduled_for=_at(datetime.date(2026, 3, 5)),
        chair=erin,
        notice_sent_on=MON_2_MAR,
    )
    assert meeting.pk
    assert not Deadline.objects.filter(
        owner_type=deadlines.CASE_OWNER_TYPE, owner_id=case.pk, rule_id="VN-DISC-004"
    ).exists()


@pytest.fixture
def appeal(hana, erin, london, operations):
    """AC-03: a GB disciplinary case decided by manager Mo, and its appeal."""
    mo = UserFactory(email="mo@example.com", full_name="Mo Decider")
    original = _case(hana, london, operations)
    _hold_hearing(hana, original, mo)
    services.outcome_record(
        actor=hana,
        case=original,
        decision="Warning",
        reasons="Admitted",
        sanction="first_written_warning",
        decided_by=mo,
        expected_version=original.version,
    )
    original.refresh_from_db()
    appeal = services.appeal_open(actor=hana, original=original, grounds="Too harsh", case_manager=hana)
    return appeal, mo


def _schedule_appeal_hearing(actor, appeal, chair, override_reason=""):
    day = timezone.localdate() + datetime.timedelta(days=20)
    return services.meeting_schedule(
        actor=actor,
        case=appeal,
        kind=MeetingKind.APPEAL_HEARING,
        scheduled_for=_at(day),
        chair=chair,
        notice_sent_on=timezone.localdate(),
        override_reason=override_reason,
    )


def test_it_refuses_an_appeal_heard_by_the_person_who_decided_the_original_outcome(hana, appeal):
    case, mo = appeal
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule_appeal_hearing(hana, case, mo)
    assert refused.value.rule == "XJ-001"
    assert case.appeal_of.reference in refused.value.message


def test_a_case_manager_cannot_override_the_impartial_appeal_rule(hana, appeal):
    case, mo = appeal
    with pytest.raises(GuardrailRefusal):
        _schedule_appeal_hearing(hana, case, mo, override_reason="Nobody else is available")


def test_an_er_lead_can_override_the_impartial_appeal_rule_with_a_reason_which_is_audited(erin, appeal):
    case, mo = appeal
    with pytest.raises(GuardrailRefusal):
        _schedule_appeal_hearing(erin, case, mo, override_reason="   ")
    meeting = _schedule_appeal_hearing(
        erin, case, mo, override_reason="Only director on site; agreed by employee"
    )
    assert meeting.chair == mo
    entry = AuditEntry.objects.get(case_id=case.pk, action="guardrail_overridden")
    assert entry.actor == erin
    assert entry.changes == {
        "rule": [None, "XJ-001"],
        "reason": [None, "Only director on site; agreed by employee"],
    }
    assert case.timeline.filter(summary__contains="XJ-001").exists()


def test_an_uninvolved_chair_may_hear_the_appeal(ada, hana, appeal):
    case, _mo = appeal
    assert _schedule_appeal_hearing(hana, case, ada).chair == ada


def test_it_refuses_a_disciplinary_outcome_before_a_hearing_is_held(hana, erin, london, operations):
    case = _case(hana, london, operations)
    services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=_at(timezone.localdate() + datetime.timedelta(days=20)),
        chair=erin,
        notice_sent_on=timezone.localdate(),
    )
    with pytest.raises(GuardrailRefusal) as refused:
        services.outcome_record(
            actor=hana,
            case=case,
            decision="Warning",
            reasons="x",
            sanction="verbal_warning",
            decided_by=erin,
            expected_version=case.version,
        )
    assert refused.value.rule == "GB-DISC-002"
    assert not hasattr(case, "outcome")


def test_it_refuses_the_investigator_as_decision_maker_or_hearing_chair(hana, ivan, erin, london, operations):
    case = _case(hana, london, operations)
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    with pytest.raises(GuardrailRefusal) as refused:
        _hold_hearing(hana, case, ivan)
    assert refused.value.rule == "XJ-001"
    _hold_hearing(hana, case, erin)
    with pytest.raises(GuardrailRefusal) as refused:
        services.outcome_record(
            actor=hana,
            case=case,
            decision="Warning",
            reasons="x",
            sanction="verbal_warning",
            decided_by=ivan,
            expected_version=case.version,
        )
    assert refused.value.rule == "XJ-001"


@pytest.mark.parametrize(
    ("location", "sanction", "rule"),
    [
        ("hanoi", "first_written_warning", "VN-SANC-001"),
        ("london", "reprimand", "SANCTION-LADDER"),
    ],
)
def test_it_refuses_a_sanction_not_allowed_in_the_jurisdiction(
    request, hana, erin, operations, location, sanction, rule
):
    case = _case(hana, request.getfixturevalue(location), operations)
    _hold_hearing(hana, case, erin)
    with pytest.raises(GuardrailRefusal) as refused:
        services.outcome_record(
            actor=hana,
            case=case,
            decision="x",
            reasons="y",
            sanction=sanction,
            decided_by=erin,
            expected_version=case.version,
        )
    assert refused.value.rule == rule
    assert refused.value.field == "sanction"


def test_it_refuses_closing_while_an_allegation_has_no_finding(hana, london, operations):
    case = _case(hana, london, operations, kind=CaseKind.MEDIATION)
    first = services.allegation_add(actor=hana, case=case, category="conduct", description="One")
    services.allegation_add(actor=hana, case=case, category="conduct", description="Two")
    services.allegation_record_finding(actor=hana, allegation=first, finding="upheld", reasons="Seen")
    with pytest.raises(GuardrailRefusal) as refused:
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.CLOSED, expected_version=case.version
        )
    assert refused.value.rule == "FINDINGS"
    assert "2" in refused.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.TRIAGE


# A decision is recorded once taken: on days after 16 Mar 2026.
@pytest.mark.days(*AFTER_SPRING_2026)
def test_a_gb_twelve_month_first_written_warning_is_live_until_the_day_before_the_anniversary(
    hana, erin, london, operations
):
    case = _case(hana, london, operations)
    _hold_hearing(hana, case, erin)
    outcome = services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction="first_written_warning",
        decided_by=erin,
        decided_on=datetime.date(2026, 3, 16),
        expected_version=case.version,
    )
    assert outcome.warning_live_until == datetime.date(2027, 3, 15)


# A decision is recorded once taken: on days after 16 Mar 2026.
@pytest.mark.days(*AFTER_SPRING_2026)
@pytest.mark.parametrize(
    ("sanction", "live_until"),
    [
        ("reprimand", datetime.date(2026, 6, 16)),
        ("pay_rise_deferral", datetime.date(2026, 9, 16)),
        ("demotion", datetime.date(2029, 3, 16)),
    ],
)
def test_it_vn_sanc_003_gives_each_vietnamese_sanction_its_own_live_period(
    hana, erin, hanoi, operations, sanction, live_until
):
    # AC-13: a reprimand of Mon 16 Mar 2026 is live through Tue 16 Jun. The VN procedure's single
    # live period (3 months, for a reprimand) does not cut the others short.
    case = _case(hana, hanoi, operations)
    _hold_hearing(hana, case, erin)
    outcome = services.outcome_record(
        actor=hana,
        case=case,
        decision="Sanctioned",
        reasons="Admitted",
        sanction=sanction,
        decided_by=erin,
        decided_on=datetime.date(2026, 3, 16),
        expected_version=case.version,
    )
    assert outcome.warning_live_until == live_until
    expiry = Deadline.objects.get(
        owner_type=deadlines.CASE_OWNER_TYPE, owner_id=case.pk, key=deadlines.WARNING_EXPIRY
    )
    assert (expiry.due_on, expiry.rule_id) == (live_until, "VN-SANC-003")


#: Days on which Wed 4 Nov 2026 is in the past, so a decision may be recorded on it.
AFTER_E3 = tuple(day for day in AFTER_SPRING_2026 if day.date > datetime.date(2026, 11, 4))


@pytest.mark.days(*AFTER_E3)
def test_it_ac_11_refuses_a_vietnamese_meeting_and_decision_out_of_time(hana, erin, hanoi, operations):
    # E3: the limitation runs to Tue 3 Nov 2026 (here from a violation on Sun 3 May 2026; VN-DISC-003).
    case = _case(hana, hanoi, operations)
    services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="Took cash",
        incident_date=datetime.date(2026, 5, 3),
    )

    def schedule(notice_sent_on):
        return services.meeting_schedule(
            actor=hana,
            case=case,
            kind=MeetingKind.DISCIPLINARY_HEARING,
            scheduled_for=_at(datetime.date(2026, 11, 3)),
            chair=erin,
            notice_sent_on=notice_sent_on,
        )

    with pytest.raises(GuardrailRefusal) as refused:
        schedule(datetime.date(2026, 10, 28))
    assert refused.value.rule == "VN-DISC-004"
    meeting = schedule(datetime.date(2026, 10, 27))
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    case.refresh_from_db()

    def decide(day):
        return services.outcome_record(
            actor=hana,
            case=case,
            decision="Reprimand",
            reasons="Admitted",
            sanction="reprimand",
            decided_by=erin,
            decided_on=day,
            expected_version=case.version,
        )

    with pytest.raises(GuardrailRefusal) as refused:
        decide(datetime.date(2026, 11, 4))
    assert (refused.value.rule, refused.value.field) == ("VN-DISC-005", "decided_on")
    assert "3 Nov 2026" in refused.value.message
    assert decide(datetime.date(2026, 11, 3)).pk


def test_it_refuses_a_move_off_the_kinds_path(hana, london, operations):
    case = _case(hana, london, operations)
    for status in (CaseStatus.DECISION, CaseStatus.HEARING, CaseStatus.MEDIATION, CaseStatus.APPEAL_WINDOW):
        with pytest.raises(GuardrailRefusal) as refused:
            services.case_transition(actor=hana, case=case, to_status=status, expected_version=case.version)
        assert refused.value.rule == "WORKFLOW"
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION


def test_withdrawing_needs_a_reason_and_a_withdrawn_case_goes_nowhere(hana, london, operations):
    case = _case(hana, london, operations)
    with pytest.raises(ApplicationError) as refused:
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.WITHDRAWN, expected_version=case.version, reason=" "
        )
    assert refused.value.field == "reason"
    case.refresh_from_db()
    services.case_transition(
        actor=hana,
        case=case,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=case.version,
        reason="Resigned",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN and case.closed_at is not None
    with pytest.raises(GuardrailRefusal):
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
        )
