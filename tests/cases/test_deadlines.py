"""Deadlines set by the services that cause them, computed per DOMAIN.md."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases import deadlines, services
from cases.models import CaseKind, CaseStatus
from deadlines.models import Deadline, DeadlineStatus, Reminder, ReminderStage
from policies import deadlines as policy_deadlines
from policies.models import Policy, Procedure
from tests.days import AFTER_SPRING_2026, DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

LONDON = ZoneInfo("Europe/London")


def _open(hana, location, department, subject, kind=CaseKind.DISCIPLINARY):
    return services.case_open(
        actor=hana,
        kind=kind,
        title="Conduct",
        case_manager=hana,
        location=location,
        department=department,
        parties=[(subject.employee_record, "subject")],
    )


def _hold_hearing(case, hana, erin, day=datetime.date(2026, 3, 10)):
    when = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=when,
        chair=erin,
        notice_sent_on=day - datetime.timedelta(days=20),
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    case.refresh_from_db()
    return meeting


def _open_deadline(case, key):
    return Deadline.objects.get(
        owner_type="cases.case", owner_id=case.pk, key=key, status=DeadlineStatus.OPEN
    )


def test_it_sets_the_hearing_notice_and_the_gb_companion_window_when_a_hearing_is_scheduled(
    hana, erin, sam, london, operations
):
    case = _open(hana, london, operations, sam)
    proposed = datetime.datetime(2026, 4, 1, 10, tzinfo=LONDON)  # E1: Wed 1 Apr 2026, England
    services.meeting_schedule(
        actor=hana,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=proposed,
        chair=erin,
        notice_sent_on=datetime.date(2026, 3, 20),
    )

    companion = _open_deadline(case, deadlines.COMPANION_POSTPONEMENT)
    assert companion.due_on == datetime.date(2026, 4, 10)
    assert companion.rule_id == "GB-ACC-002"
    assert companion.responsible == hana
    notice = Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=deadlines.HEARING_NOTICE)
    # 5 working days' notice (the GB procedure) for Wed 1 Apr: the invitation is due by Wed 25 Mar;
    # it was sent on 20 Mar, so the deadline is met at once.
    assert notice.due_on == datetime.date(2026, 3, 25)
    assert notice.status == DeadlineStatus.MET


def test_it_leaves_the_hearing_notice_open_until_the_invitation_is_sent_and_uses_scotlands_holidays(
    hana, erin, sam, operations
):
    from tests.factories import LocationFactory

    glasgow = LocationFactory(
        code="GLA", name="Glasgow", jurisdiction="GB", region="GB-SCT", time_zone="Europe/London"
    )
    # No procedure for capability cases, nor (here) for disciplinary hearings: GB-DISC-003 only warns.
    Procedure.objects.filter(kind="disciplinary", jurisdiction="GB").update(is_active=False)
    case = _open(hana, glasgow, operations, sam, kind=CaseKind.CAPABILITY)
    services.meeting_schedule(
        actor=hana,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=datetime.datetime(2026, 4, 1, 10, tzinfo=LONDON),
        chair=erin,
    )

    assert _open_deadline(case, deadlines.COMPANION_POSTPONEMENT).due_on == datetime.date(2026, 4, 9)
    assert not Deadline.objects.filter(
        owner_type="cases.case", owner_id=case.pk, key=deadlines.HEARING_NOTICE
    ).exists()


@pytest.mark.days(*AFTER_SPRING_2026)
def test_holding_the_hearing_meets_its_notice_and_sets_the_decision_letter_due(
    hana, erin, sam, new_york, operations
):
    case = _open(hana, new_york, operations, sam)  # the US procedure's 2 working days' notice only warns
    when = datetime.datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/New_York"))
    meeting = services.meeting_schedule(
        actor=hana, case=case, kind="disciplinary_hearing", scheduled_for=when, chair=erin
    )
    notice = _open_deadline(case, deadlines.HEARING_NOTICE)
    assert (notice.due_on, notice.rule_id) == (datetime.date(2026, 3, 6), "US-DISC-001")

    # A hearing is recorded as held only with its invitation date, given here as it was not before.
    services.meeting_record_held(
        actor=hana, meeting=meeting, outcome_summary="Heard", notice_sent_on=datetime.date(2026, 3, 5)
    )

    notice = Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=deadlines.HEARING_NOTICE)
    assert notice.status == DeadlineStatus.MET and notice.met_by == hana
    letter = _open_deadline(case, deadlines.DECISION_LETTER_DUE)
    meeting.refresh_from_db()
    held_on = timezone.localtime(meeting.held_at, ZoneInfo("America/New_York")).date()
    assert letter.due_on > held_on
    assert letter.citation == "US disciplinary procedure"


@pytest.mark.days(*AFTER_SPRING_2026)
def test_an_outcome_opens_the_appeal_window_and_the_warning_expiry(hana, erin, sam, london, operations):
    case = _open(hana, london, operations, sam)
    _hold_hearing(case, hana, erin)
    services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction="first_written_warning",
        decided_on=datetime.date(2026, 3, 16),
        expected_version=case.version,
    )

    expiry = _open_deadline(case, deadlines.WARNING_EXPIRY)
    assert expiry.due_on == datetime.date(2027, 3, 15)  # AC-05: live through Mon 15 Mar 2027
    assert expiry.rule_id == "GB-SANC-001"
    appeal = _open_deadline(case, deadlines.APPEAL_WINDOW)
    assert appeal.due_on == case.outcome.appeal_deadline == datetime.date(2026, 3, 23)
    assert appeal.rule_id == "GB-APP-001" and appeal.citation.startswith("Acas Code")
    assert (
        Deadline.objects.get(
            owner_type="cases.case", owner_id=case.pk, key=deadlines.DECISION_LETTER_DUE
        ).status
        == DeadlineStatus.MET
    )
    # Lapsing dates are reminded but never escalated.
    assert not Reminder.objects.filter(deadline=expiry, stage=ReminderStage.ESCALATION).exists()


@pytest.mark.days(*AFTER_SPRING_2026)
@pytest.mark.parametrize(
    ("location_name", "decided_on", "expected"),
    [
        (
            "london",
            datetime.date(2026, 5, 15),
            {deadlines.TRIBUNAL_LIMIT: ("GB-LIM-001", datetime.date(2026, 8, 14))},
        ),
        (
            "oslo",
            datetime.date(2026, 1, 20),
            {
                deadlines.NEGOTIATION_DEMAND: ("NO-DISP-001", datetime.date(2026, 2, 3)),
                deadlines.LAWSUIT_LIMIT: ("NO-LIM-001", datetime.date(2026, 3, 17)),
                deadlines.LAWSUIT_DAMAGES_LIMIT: ("NO-LIM-001", datetime.date(2026, 7, 20)),
            },
        ),
        (
            "new_york",
            datetime.date(2026, 1, 15),
            {deadlines.EEOC_CHARGE: ("US-LIM-001", datetime.date(2026, 7, 14))},
        ),
    ],
)
def test_a_dismissal_starts_the_limitation_risk_dates(
    request, hana, erin, sam, operations, location_name, decided_on, expected
):
    case = _open(hana, request.getfixturevalue(location_name), operations, sam)
    _hold_hearing(case, hana, erin, day=decided_on - datetime.timedelta(days=1))
    services.outcome_record(
        actor=hana,
        case=case,
        decision="Dismissed",
        reasons="Gross misconduct",
        sanction="summary_dismissal",
        decided_on=decided_on,
        expected_version=case.version,
    )

    for key, (rule_id, due) in expected.items():
        deadline = _open_deadline(case, key)
        assert (deadline.rule_id, deadline.due_on, deadline.is_risk_date) == (rule_id, due, True)


def test_vietnam_discipline_limitation_runs_six_months_from_the_violation(hana, sam, hanoi, operations):
    case = _open(hana, hanoi, operations, sam)
    opened = _open_deadline(case, deadlines.DISCIPLINE_LIMITATION)
    assert opened.rule_id == "VN-DISC-003"

    services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="Took cash",
        incident_date=datetime.date(2026, 2, 10),
    )

    limitation = _open_deadline(case, deadlines.DISCIPLINE_LIMITATION)
    assert limitation.due_on == datetime.date(2026, 8, 10)  # E3: Tue 10 Feb 2026 → Mon 10 Aug 2026
    assert limitation.pk == opened.pk
    assert [h["due_on"] for h in limitation.history] == [opened.due_on.isoformat()]
    case.refresh_from_db()
    assert case.next_deadline_on == datetime.date(2026, 8, 10)


def test_an_investigation_plan_sets_its_target_date(hana, sam, london, operations):
    case = _open(hana, london, operations, sam)
    services.investigation_plan_set(
        actor=hana, case=case, terms_of_reference="Find out", target_date=datetime.date(2026, 12, 18)
    )
    target = _open_deadline(case, deadlines.INVESTIGATION_TARGET)
    assert target.due_on == datetime.date(2026, 12, 18)
    assert target.rule_id == "GB-DISC-001"

    services.investigation_plan_set(
        actor=hana, case=case, terms_of_reference="Find out", target_date=datetime.date(2027, 1, 8)
    )
    target.refresh_from_db()
    assert target.due_on == datetime.date(2027, 1, 8)
    assert target.history[0]["due_on"] == "2026-12-18"


@pytest.mark.days(*AFTER_SPRING_2026)
def test_closing_a_case_meets_or_cancels_its_deadlines_but_keeps_risk_dates(
    hana, erin, sam, london, operations
):
    case = _open(hana, london, operations, sam)
    services.investigation_plan_set(
        actor=hana, case=case, terms_of_reference="Find out", target_date=datetime.date(2026, 12, 18)
    )
    _hold_hearing(case, hana, erin, day=datetime.date(2026, 5, 14))
    services.outcome_record(
        actor=hana,
        case=case,
        decision="Dismissed",
        reasons="Gross misconduct",
        sanction="summary_dismissal",
        decided_on=datetime.date(2026, 5, 15),
        expected_version=case.version,
    )
    case.refresh_from_db()
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.CLOSED, expected_version=case.version
    )

    statuses = dict(
        Deadline.objects.filter(owner_type="cases.case", owner_id=case.pk).values_list("key", "status")
    )
    assert statuses[deadlines.INVESTIGATION_TARGET] == DeadlineStatus.MET
    assert statuses[deadlines.TRIBUNAL_LIMIT] == DeadlineStatus.OPEN
    # The appeal window lapses with the case (lapsing keys); only risk dates run on.
    assert statuses[deadlines.APPEAL_WINDOW] == DeadlineStatus.CANCELLED
    case.refresh_from_db()
    assert case.next_deadline_on is None


def test_withdrawing_a_case_cancels_what_no_longer_applies(hana, erin, sam, new_york, operations):
    case = _open(hana, new_york, operations, sam)
    services.meeting_schedule(
        actor=hana,
        case=case,
        kind="disciplinary_hearing",
        chair=erin,
        scheduled_for=timezone.now() + datetime.timedelta(days=30),
    )
    services.case_transition(
        actor=hana,
        case=case,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=case.version,
        reason="Resigned",
    )

    assert set(
        Deadline.objects.filter(owner_type="cases.case", owner_id=case.pk).values_list("status", flat=True)
    ) == {DeadlineStatus.CANCELLED}
    case.refresh_from_db()
    assert case.next_deadline_on is None


def test_reminders_fall_before_the_due_date_on_working_days_and_escalate_after_it(
    hana, sam, london, operations
):
    case = _open(hana, london, operations, sam)
    due = datetime.date(2027, 3, 1)  # a Monday: 1 day before is Sunday, 3 days before is Friday
    deadline = deadlines.deadline_set(
        key="custom", title="Custom", due_on=due, time_zone="Europe/London", responsible=hana, case=case
    )

    rows = {(r.stage, r.days_before): r for r in deadline.reminders.all()}
    assert set(rows) == {(ReminderStage.BEFORE, 3), (ReminderStage.DUE, 0), (ReminderStage.ESCALATION, 0)}
    assert timezone.localtime(rows[(ReminderStage.BEFORE, 3)].send_at, LONDON) == datetime.datetime(
        2027, 2, 26, 8, tzinfo=LONDON
    )
    assert rows[(ReminderStage.DUE, 0)].send_at.astimezone(LONDON).date() == due
    assert rows[(ReminderStage.ESCALATION, 0)].send_at.astimezone(LONDON).date() == datetime.date(2027, 3, 2)
    assert rows[(ReminderStage.ESCALATION, 0)].recipient is None
    assert rows[(ReminderStage.DUE, 0)].recipient == hana


def test_a_recompute_keeps_the_earlier_date_and_reschedules_reminders(
    hana, sam, london, operations, settings
):
    settings.ERMS_REMINDER_DAYS_BEFORE = [5]
    case = _open(hana, london, operations, sam)
    kwargs = {
        "key": "custom",
        "title": "Custom",
        "time_zone": "Europe/London",
        "responsible": hana,
        "case": case,
        "rule_id": "GB-APP-001",
    }
    first = deadlines.deadline_set(due_on=datetime.date(2027, 3, 10), **kwargs)
    second = deadlines.deadline_set(due_on=datetime.date(2027, 3, 17), **kwargs)

    assert first.pk == second.pk
    assert second.history[0]["due_on"] == "2027-03-10"
    before = second.reminders.get(stage=ReminderStage.BEFORE)
    assert (before.days_before, before.send_at.astimezone(LONDON).date()) == (5, datetime.date(2027, 3, 12))
    assert Deadline.objects.filter(owner_type="cases.case", owner_id=case.pk, key="custom").count() == 1


def test_policy_reviews_get_one_deadline_each_and_a_new_one_once_reviewed(ada, erin):
    policy = Policy.objects.create(
        title="Conduct",
        category="conduct",
        owner=erin,
        jurisdictions=["GB"],
        review_due=datetime.date(2026, 1, 31),
    )
    policy_deadlines.policy_review_deadlines_sync()
    policy_deadlines.policy_review_deadlines_sync()
    review = Deadline.objects.get(owner_type="policies.policy", owner_id=policy.pk)
    assert (review.due_on, review.responsible, review.key) == (
        datetime.date(2026, 1, 31),
        erin,
        "policy_review",
    )

    Policy.objects.filter(pk=policy.pk).update(review_due=datetime.date(2027, 1, 31), owner=ada)
    policy_deadlines.policy_review_deadlines_sync()

    rows = list(Deadline.objects.filter(owner_type="policies.policy", owner_id=policy.pk).order_by("due_on"))
    assert [(d.status, d.responsible) for d in rows] == [
        (DeadlineStatus.MET, erin),
        (DeadlineStatus.OPEN, ada),
    ]
