"""Statutory consultation dates and agreement expiries become deadlines, kept in step by the services."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines import selectors as case_deadlines
from deadlines import services as deadline_services
from deadlines.models import Deadline, DeadlineStatus, Notification, ReminderStage
from deadlines.services import reminders_send_due
from tests.days import DATE_SENSITIVE
from unions import services
from unions.deadlines import (
    AGREEMENT_EXPIRY,
    AGREEMENT_OWNER_TYPE,
    CONSULTATION_NOTICE_PERIOD,
    CONSULTATION_OWNER_TYPE,
    CONSULTATION_PERIOD,
    GOVERNMENT_NOTICE,
    agreement_expiry_deadlines_sync,
    consultation_deadlines,
)
from unions.models import CollectiveAgreement, ProposalKind

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

TODAY = datetime.date.today


def _rows(consultation, key=None):
    qs = Deadline.objects.filter(owner_type=CONSULTATION_OWNER_TYPE, owner_id=consultation.pk)
    return qs.filter(key=key) if key else qs


def _open(consultation, key):
    return _rows(consultation, key).get(status=DeadlineStatus.OPEN)


def _gb(erin, gb_union, **kwargs):
    values = {
        "actor": erin,
        "kind": ProposalKind.COLLECTIVE_REDUNDANCY,
        "title": "Warehouse redundancies",
        "jurisdiction": "GB",
        "region": "GB-ENG",
        "number_affected": 120,
        "bodies": [gb_union],
    }
    values.update(kwargs)
    return services.consultation_create(**values)


def test_a_planned_consultation_has_no_deadlines_until_its_dates_are_known(erin, gb_union):
    consultation = _gb(erin, gb_union)
    assert not _rows(consultation).exists()


def test_opening_sets_the_minimum_period_end_with_rule_citation_and_the_owner_responsible(erin, gb_union):
    start = timezone.localdate() - datetime.timedelta(days=5)
    consultation = _gb(erin, gb_union, started_on=start)
    period = _open(consultation, CONSULTATION_PERIOD)
    assert period.due_on == start + datetime.timedelta(days=45)  # 120 affected: 45 calendar days (GB-RED-001)
    assert (period.rule_id, period.citation) == ("GB-RED-001", "TULRCA s188, s188A")
    assert period.responsible == erin
    assert period.owner_type == "unions.consultation"
    assert "Warehouse redundancies" in period.title


def test_planning_the_first_dismissal_sets_the_hr1_deadline_and_moving_it_recomputes_with_history(
    erin, gb_union
):
    start = timezone.localdate() - datetime.timedelta(days=5)
    consultation = _gb(erin, gb_union, started_on=start)
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=60)
    )
    hr1 = _open(consultation, GOVERNMENT_NOTICE)
    assert (hr1.rule_id, hr1.due_on) == ("GB-RED-003", start + datetime.timedelta(days=15))
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=70)
    )
    moved = _open(consultation, GOVERNMENT_NOTICE)
    assert moved.pk == hr1.pk and moved.due_on == start + datetime.timedelta(days=25)
    assert moved.history[0]["due_on"] == (start + datetime.timedelta(days=15)).isoformat()
    assert _rows(consultation, GOVERNMENT_NOTICE).count() == 1


def test_recording_hr1_meets_the_notice_deadline_and_starts_the_notice_period_without_duplicates(
    erin, gb_union
):
    start = timezone.localdate() - datetime.timedelta(days=5)
    consultation = _gb(erin, gb_union, started_on=start)
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=60)
    )
    notified = timezone.localdate()
    services.consultation_record_government_notice(actor=erin, consultation=consultation, on=notified)
    hr1 = _rows(consultation, GOVERNMENT_NOTICE).get()
    assert hr1.status == DeadlineStatus.MET and case_deadlines.deadline_state(hr1) == "met"
    effect = _open(consultation, CONSULTATION_NOTICE_PERIOD)
    assert (effect.rule_id, effect.due_on) == ("GB-RED-003", notified + datetime.timedelta(days=45))
    # Later changes never reopen a notice that was given.
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=notified + datetime.timedelta(days=50)
    )
    assert list(_rows(consultation, GOVERNMENT_NOTICE).values_list("status", flat=True)) == [
        DeadlineStatus.MET
    ]


def test_a_notice_recorded_after_its_due_date_shows_as_met_late(erin, gb_union):
    start = timezone.localdate() - datetime.timedelta(days=20)
    consultation = _gb(erin, gb_union, started_on=start)
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=timezone.localdate() + datetime.timedelta(days=46)
    )
    hr1 = _open(consultation, GOVERNMENT_NOTICE)  # due tomorrow
    services.consultation_record_government_notice(
        actor=erin, consultation=consultation, on=hr1.due_on + datetime.timedelta(days=3)
    )
    hr1.refresh_from_db()
    assert case_deadlines.deadline_state(hr1) == "missed"


def test_concluding_closes_the_period_as_passed_and_cancels_what_is_still_open(erin, gb_union):
    start = timezone.localdate() - datetime.timedelta(days=50)
    consultation = _gb(erin, gb_union, started_on=start, government_notified_on=start)
    services.consultation_conclude(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=45)
    )
    period = _rows(consultation, CONSULTATION_PERIOD).get()
    assert period.status == DeadlineStatus.MET and case_deadlines.deadline_state(period) == "passed"
    effect = _rows(consultation, CONSULTATION_NOTICE_PERIOD).get()
    assert effect.status == DeadlineStatus.CANCELLED
    assert not _rows(consultation).filter(status=DeadlineStatus.OPEN).exists()


def test_withdrawing_cancels_every_open_deadline(erin, gb_union):
    start = timezone.localdate() - datetime.timedelta(days=3)
    consultation = _gb(erin, gb_union, started_on=start)
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=60)
    )
    assert _rows(consultation).filter(status=DeadlineStatus.OPEN).count() == 2
    services.consultation_withdraw(actor=erin, consultation=consultation, reason="Budget found")
    assert set(_rows(consultation).values_list("status", flat=True)) == {DeadlineStatus.CANCELLED}
    assert Notification.objects.count() == 0
    reminders_send_due(now=timezone.now() + datetime.timedelta(days=90))
    assert Notification.objects.count() == 0  # cancelled deadlines are never reminded


def test_a_new_owner_takes_over_the_deadlines(erin, ada, gb_union):
    consultation = _gb(erin, gb_union, started_on=timezone.localdate())
    services.consultation_update(
        actor=erin,
        consultation=consultation,
        title=consultation.title,
        description="",
        owner=ada,
        bodies=[gb_union],
        departments=[],
        locations=[],
    )
    period = _open(consultation, CONSULTATION_PERIOD)
    assert period.responsible == ada
    assert set(
        period.reminders.filter(sent_at__isnull=True)
        .exclude(stage=ReminderStage.ESCALATION)
        .values_list("recipient", flat=True)
    ) == {ada.pk}


def test_the_minimum_period_end_lapses_and_is_never_escalated(erin, gb_union):
    consultation = _gb(erin, gb_union, started_on=timezone.localdate())
    period = _open(consultation, CONSULTATION_PERIOD)
    assert not period.reminders.filter(stage=ReminderStage.ESCALATION).exists()
    assert not case_deadlines.is_overdue(period, now=period.due_at + datetime.timedelta(days=5))


def test_a_missed_hr1_is_escalated(erin, gb_union):
    start = timezone.localdate() - datetime.timedelta(days=5)
    consultation = _gb(erin, gb_union, started_on=start)
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=60)
    )
    hr1 = _open(consultation, GOVERNMENT_NOTICE)
    assert hr1.reminders.filter(stage=ReminderStage.ESCALATION).exists()
    assert case_deadlines.is_overdue(hr1, now=hr1.due_at + datetime.timedelta(hours=1))


def test_the_page_lists_the_consultation_deadlines_with_their_state(erin, gb_union):
    consultation = _gb(
        erin,
        gb_union,
        started_on=timezone.localdate() - datetime.timedelta(days=50),
        government_notified_on=timezone.localdate() - datetime.timedelta(days=50),
    )
    states = {d.key: d.state for d in consultation_deadlines(consultation)}
    assert states == {CONSULTATION_PERIOD: "passed", CONSULTATION_NOTICE_PERIOD: "passed"}


# --------------------------------------------------------------------------- agreements


def _agreement_rows(agreement):
    return Deadline.objects.filter(
        owner_type=AGREEMENT_OWNER_TYPE, owner_id=agreement.pk, key=AGREEMENT_EXPIRY
    )


def test_an_agreement_end_date_becomes_an_expiry_deadline_for_an_er_lead_with_a_30_day_reminder(
    erin, gb_union
):
    valid_to = timezone.localdate() + datetime.timedelta(days=60)
    agreement = services.agreement_create(
        actor=erin,
        body=gb_union,
        title="Pay deal",
        valid_to=valid_to,
        valid_from=timezone.localdate() - datetime.timedelta(days=300),
    )
    deadline = _agreement_rows(agreement).get(status=DeadlineStatus.OPEN)
    assert deadline.due_on == valid_to and deadline.responsible == erin
    days = set(deadline.reminders.filter(stage=ReminderStage.BEFORE).values_list("days_before", flat=True))
    assert 30 in days and 90 not in days  # 90 days ahead has already passed
    assert not deadline.reminders.filter(stage=ReminderStage.ESCALATION).exists()  # an expiry lapses


def test_the_agreement_owner_is_responsible_and_changing_the_end_date_moves_or_cancels_the_deadline(
    erin, ada, gb_union
):
    agreement = services.agreement_create(
        actor=erin,
        body=gb_union,
        title="Pay deal",
        owner=ada,
        valid_from=timezone.localdate(),
        valid_to=timezone.localdate() + datetime.timedelta(days=100),
    )
    assert _agreement_rows(agreement).get().responsible == ada
    later = timezone.localdate() + datetime.timedelta(days=465)
    services.agreement_update(actor=erin, agreement=agreement, valid_to=later)
    row = _agreement_rows(agreement).get()
    assert row.due_on == later and len(row.history) == 1
    services.agreement_update(actor=erin, agreement=agreement, valid_to=None)
    assert _agreement_rows(agreement).get().status == DeadlineStatus.CANCELLED


def test_the_agreement_expiry_reminder_goes_out_exactly_once(erin, gb_union):
    valid_to = timezone.localdate() + datetime.timedelta(days=10)
    agreement = services.agreement_create(
        actor=erin,
        body=gb_union,
        title="Pay deal",
        valid_to=valid_to,
        valid_from=timezone.localdate() - datetime.timedelta(days=300),
    )
    deadline = _agreement_rows(agreement).get()
    due = deadline.reminders.get(stage=ReminderStage.DUE)
    claimed = reminders_send_due(now=due.send_at)
    assert claimed == deadline.reminders.count()
    assert reminders_send_due(now=due.send_at + datetime.timedelta(hours=1)) == 0
    notes = Notification.objects.filter(deadline=deadline, user=erin)
    # A sweep that finds the earlier reminders due too sends only the latest: the one on the day.
    assert notes.count() == 1
    assert notes.filter(title__startswith="Due today").count() == 1
    assert notes.get(title__startswith="Due today").url == (
        reverse("unions:agreement_list") + f"#agreement-{agreement.pk}"
    )


def test_a_passed_expiry_lapses_and_a_renewal_opens_the_next_one(erin, gb_union):
    agreement = services.agreement_create(
        actor=erin,
        body=gb_union,
        title="Pay deal",
        valid_from=timezone.localdate() - datetime.timedelta(days=300),
        valid_to=timezone.localdate() + datetime.timedelta(days=1),
    )
    deadline = _agreement_rows(agreement).get()
    deadline_services.deadlines_lapse(now=deadline.due_at + datetime.timedelta(seconds=1))
    deadline.refresh_from_db()
    assert case_deadlines.deadline_state(deadline) == "passed"
    agreement_expiry_deadlines_sync()  # the lapsed date is not reopened
    assert _agreement_rows(agreement).count() == 1
    services.agreement_update(
        actor=erin, agreement=agreement, valid_to=timezone.localdate() + datetime.timedelta(days=365)
    )
    assert _agreement_rows(agreement).filter(status=DeadlineStatus.OPEN).count() == 1


def test_the_sync_covers_agreements_entered_without_the_services_and_cancels_deleted_ones(erin, gb_union):
    agreement = CollectiveAgreement.objects.create(
        body=gb_union, title="Old deal", valid_from=TODAY(), valid_to=TODAY() + datetime.timedelta(days=40)
    )
    agreement_expiry_deadlines_sync()
    agreement_expiry_deadlines_sync()
    assert _agreement_rows(agreement).filter(status=DeadlineStatus.OPEN).count() == 1
    pk = agreement.pk
    agreement.delete()
    agreement_expiry_deadlines_sync()
    assert (
        Deadline.objects.get(owner_type=AGREEMENT_OWNER_TYPE, owner_id=pk).status == DeadlineStatus.CANCELLED
    )
