"""A sweep that runs after a gap (the demo's first run, a worker that was down) sends, for each
deadline, only the latest reminder whose moment has come and which is still true: never "Due in 3
days" on the day before, nor "Due today" for a date that has passed. What it skips is marked sent,
so no later sweep sends it either: one notification per deadline, not a burst of old ones.

The deadline: "Send the outcome letter", due Thursday 19 November 2026 in London. Its reminders,
at 08:00 London time: 3 days before on Monday 16, 1 day before on Wednesday 18, on the day on
Thursday 19, and the escalation, to the ER lead and to hana who is responsible, on Friday 20."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases import deadlines
from deadlines import services as reminders
from deadlines.models import Deadline, Notification, OutgoingEmail, Reminder, ReminderStage
from erms.lib import clock

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SET_ON = datetime.datetime(2026, 11, 2, 10, tzinfo=LONDON)  # Monday, a fortnight before
DUE_ON = datetime.date(2026, 11, 19)  # Thursday


def _at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def _set(case, key: str, title: str, responsible) -> Deadline:
    """The deadline, set a fortnight before its due date (``case``: tests/deadlines/conftest.py)."""
    with time_machine.travel(SET_ON, tick=False):
        return deadlines.deadline_set(
            case=case, key=key, title=title, due_on=DUE_ON, time_zone="Europe/London", responsible=responsible
        )


@pytest.fixture
def deadline(case, hana, erin) -> Deadline:
    row = _set(case, "outcome_letter", "Send the outcome letter", hana)
    schedule = sorted((r.send_at.astimezone(LONDON), r.stage, r.days_before) for r in row.reminders.all())
    assert schedule == [
        (_at(16, 8), ReminderStage.BEFORE, 3),
        (_at(18, 8), ReminderStage.BEFORE, 1),
        (_at(19, 8), ReminderStage.DUE, 0),
        (_at(20, 8), ReminderStage.ESCALATION, 0),
    ]
    return row


def _sweep(at: datetime.datetime) -> None:
    with time_machine.travel(at, tick=False):
        reminders.reminders_send_due(now=clock.now())


def _sent(deadline: Deadline) -> list[tuple[str, int, str]]:
    """(stage, days before, recipient) of each reminder that made an e-mail, from its Message-ID."""
    sent = []
    for reminder in Reminder.objects.filter(deadline=deadline).order_by("send_at"):
        for email in OutgoingEmail.objects.filter(
            message_id__startswith=f"<erms.reminder.{reminder.pk}."
        ).order_by("pk"):
            sent.append((reminder.stage, reminder.days_before, email.to))
    return sent


def _unsent(deadline: Deadline) -> int:
    return Reminder.objects.filter(deadline=deadline, sent_at__isnull=True).count()


def test_a_sweep_weeks_after_the_due_date_sends_only_the_escalation(deadline, hana, erin):
    _sweep(_at(9, 10, month=12))  # Wednesday 9 December: every reminder's moment has come

    assert sorted(_sent(deadline)) == [
        (ReminderStage.ESCALATION, 0, erin.email),
        (ReminderStage.ESCALATION, 0, hana.email),
    ]
    # One notification each, saying it is overdue: no "Due in 3 days" three weeks late
    assert sorted(Notification.objects.filter(deadline=deadline).values_list("user", flat=True)) == sorted(
        [erin.pk, hana.pk]
    )
    assert all("Overdue" in n.title for n in Notification.objects.filter(deadline=deadline))
    assert _unsent(deadline) == 0  # the skipped ones are done with: no later sweep sends them


def test_a_sweep_on_the_day_before_sends_the_one_day_reminder_not_the_three_day_one(deadline, hana):
    _sweep(_at(18, 10))  # Wednesday 18: the sweep missed Monday's reminder

    assert _sent(deadline) == [(ReminderStage.BEFORE, 1, hana.email)]
    assert _unsent(deadline) == 2  # on the day and the escalation are still to come


def test_a_reminder_whose_day_has_passed_is_not_sent_the_next_day(deadline, hana):
    _sweep(_at(17, 10))  # Tuesday 17: Monday's "Due in 3 days" is no longer so

    assert _sent(deadline) == []
    _sweep(_at(18, 8, 5))

    assert _sent(deadline) == [(ReminderStage.BEFORE, 1, hana.email)]


def test_a_late_sweep_on_the_due_day_sends_only_due_today(deadline, hana):
    _sweep(_at(19, 15))  # Thursday 19, afternoon: both earlier reminders were missed

    assert _sent(deadline) == [(ReminderStage.DUE, 0, hana.email)]
    _sweep(_at(19, 23, 55))  # the same day, later: nothing more

    assert _sent(deadline) == [(ReminderStage.DUE, 0, hana.email)]


def test_sweeps_on_time_send_each_reminder_once(deadline, hana, erin):
    for moment in (_at(16, 8, 5), _at(18, 8, 5), _at(19, 8, 5), _at(20, 8, 5)):
        _sweep(moment)

    assert _sent(deadline) == [
        (ReminderStage.BEFORE, 3, hana.email),
        (ReminderStage.BEFORE, 1, hana.email),
        (ReminderStage.DUE, 0, hana.email),
        (ReminderStage.ESCALATION, 0, erin.email),
        (ReminderStage.ESCALATION, 0, hana.email),
    ]


def test_a_lapsing_date_long_past_is_not_reminded_at_all(case, hana):
    window = _set(case, deadlines.APPEAL_WINDOW, "Appeal window closes", hana)
    _sweep(_at(9, 10, month=12))

    assert _sent(window) == []  # it simply passed: neither "Due today" nor an escalation
    assert _unsent(window) == 0
