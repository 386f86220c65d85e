"""The demo's last step: send the reminders its history made due, as the beat sweep would.

The other apps' demos replay two years of cases, consultations and policy reviews; their
deadlines' reminders fell due along the way. Sweeping once gives each person the in-app
notifications (and queued e-mails) a running ERMS would have sent. Safe to run again: a
reminder is sent once.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db.models import Count

from deadlines.models import Notification
from deadlines.services import reminders_sweep


class _Writer(Protocol):
    def write(self, msg: str, /, *args: Any, **kwargs: Any) -> Any: ...


def seed_reminders(stdout: _Writer) -> None:
    sent = reminders_sweep()
    people = Notification.objects.values("user").annotate(n=Count("id")).count()
    stdout.write(f"Reminders: {sent} sent; {people} people have notifications.")
