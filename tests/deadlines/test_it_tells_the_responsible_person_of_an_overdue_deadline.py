"""When a deadline is overdue, the person responsible for it hears so, not only the ER leads it is
escalated to: the escalation goes to the ER leads in scope and to the responsible person, each
once, leaving out anyone whose account is inactive.

The deadline: hana's "Send the outcome letter" on a case, due Thursday 19 November 2026 in London;
its escalation falls on Friday 20 at 08:00. The sweep runs on Wednesday 9 December, late."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases import deadlines
from deadlines import services as reminders
from deadlines.models import Deadline, Notification, OutgoingEmail
from erms.lib import clock

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SET_ON = datetime.datetime(2026, 11, 2, 10, tzinfo=LONDON)
DUE_ON = datetime.date(2026, 11, 19)
SWEEP_AT = datetime.datetime(2026, 12, 9, 10, tzinfo=LONDON)


def _overdue(case, responsible) -> Deadline:
    """The deadline, set a fortnight before its due date (``case``: tests/deadlines/conftest.py)."""
    with time_machine.travel(SET_ON, tick=False):
        return deadlines.deadline_set(
            case=case,
            key="outcome_letter",
            title="Send the outcome letter",
            due_on=DUE_ON,
            time_zone="Europe/London",
            responsible=responsible,
        )


def _sweep() -> None:
    with time_machine.travel(SWEEP_AT, tick=False):
        reminders.reminders_send_due(now=clock.now())


def _told(deadline: Deadline) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(deadline=deadline).values_list("user__email", "title"))


def test_it_tells_the_responsible_person_and_the_er_lead_once_each(case, hana, erin):
    deadline = _overdue(case, hana)

    _sweep()

    told = _told(deadline)
    assert [email for email, _ in told] == [erin.email, hana.email]
    assert all(f"{case.reference} — Overdue: Send the outcome letter" in title for _, title in told)
    emails = dict(OutgoingEmail.objects.values_list("to", "body"))
    assert sorted(emails) == [erin.email, hana.email]
    assert "escalated to you as ER lead" in emails[erin.email]
    assert "escalated to you" not in emails[hana.email]  # hana is told as the one responsible


def test_it_tells_a_responsible_er_lead_once(case, erin):
    deadline = _overdue(case, erin)

    _sweep()

    assert [email for email, _ in _told(deadline)] == [erin.email]


def test_it_tells_no_inactive_responsible_person(case, hana, erin):
    deadline = _overdue(case, hana)
    hana.is_active = False
    hana.save(update_fields=["is_active"])

    _sweep()

    assert [email for email, _ in _told(deadline)] == [erin.email]
