"""What the tests of the sweep and the e-mail outbox share: due reminders, and waiting for a worker."""

from __future__ import annotations

import datetime
import time

from django.db import OperationalError
from django.utils import timezone

from deadlines.models import Deadline, DeadlineStatus, Reminder, ReminderStage


def wait_for(condition, timeout: float = 30) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (a worker is at work)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:  # SQLite's shared in-memory test database: the worker is writing
            pass
        time.sleep(0.1)
    return condition()


def due_reminders(case_manager, case, count: int, *, status: str = DeadlineStatus.OPEN) -> list[Reminder]:
    """``count`` deadlines of ``case``, each with an on-the-day reminder due a minute ago."""
    now = timezone.now()
    rows = []
    for n in range(count):
        deadline = Deadline.objects.create(
            key=f"test_{n}",
            title=f"Deadline {n}",
            due_on=timezone.localdate(),
            due_at=now + datetime.timedelta(hours=1),
            responsible=case_manager,
            owner_type="cases.case",
            owner_id=case.pk,
            status=status,
        )
        rows.append(
            Reminder.objects.create(
                deadline=deadline,
                stage=ReminderStage.DUE,
                send_at=now - datetime.timedelta(minutes=1),
                recipient=case_manager,
            )
        )
    return rows
