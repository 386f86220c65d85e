"""What the header shows on every page, beyond navigation."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from accounts.models import Role
from cases.models import Letter, LetterStatus
from deadlines.models import EmailStatus, OutgoingEmail, Reminder
from erms.lib import clock, heartbeat

# The people who issue letters and rely on reminders; they can do something about a stopped worker.
WORKER_WARNING_ROLES = (Role.HR_ADMIN, Role.ER_LEAD, Role.HR_CASE_MANAGER)
# While no worker runs, the waiting counts are worked out at most once in this many seconds, for
# every page and user together, so a stopped worker does not also slow every page down.
WAITING_COUNTS_KEY = "erms:worker-waiting-counts"
WAITING_COUNTS_SECONDS = 30


def _waiting_counts() -> dict[str, int]:
    counts = cache.get(WAITING_COUNTS_KEY)
    if counts is None:
        counts = {
            "letters": Letter.objects.filter(status=LetterStatus.QUEUED).count(),
            "reminders": Reminder.objects.filter(sent_at__isnull=True, send_at__lte=clock.now()).count()
            + OutgoingEmail.objects.filter(status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]).count(),
        }
        cache.set(WAITING_COUNTS_KEY, counts, WAITING_COUNTS_SECONDS)
    return counts


def worker_warning(request: HttpRequest) -> dict[str, Any]:
    """``worker_waiting``: letters and reminders waiting while no worker has recorded a heartbeat
    for three minutes (``erms.lib.heartbeat``), for HR users only. A cache read on every page;
    the counts, cached for half a minute, only when the worker is missing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_role(*WORKER_WARNING_ROLES):
        return {}
    seen = heartbeat.last_seen()
    if heartbeat.worker_alive(seen):
        return {}
    counts = _waiting_counts()
    letters, reminders = counts["letters"], counts["reminders"]
    if not letters and not reminders:
        return {}
    return {"worker_waiting": {"letters": letters, "reminders": reminders, "last_seen": seen}}
