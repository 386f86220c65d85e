"""The worker's heartbeat: when a Celery worker last proved it was taking tasks.

A beat task (``accounts.tasks.worker_heartbeat``, every minute) and each worker as it starts
record the instant in the cache (Redis in production, a shared folder in the demo), which
every process can read. ``/healthz`` and the header's warning read it: no heartbeat for
``STALE_AFTER`` means no worker is taking tasks, so letters and reminders wait.
"""

from __future__ import annotations

import datetime
import socket

from django.core.cache import cache

from erms.lib import clock

KEY = "erms:worker-heartbeat"
STALE_AFTER = datetime.timedelta(minutes=3)
# Kept well beyond STALE_AFTER, so "last seen 2 hours ago" can still be told.
_KEEP_SECONDS = 7 * 24 * 3600


def record(worker: str | None = None) -> datetime.datetime:
    """Record that a worker is alive now; returns the instant recorded."""
    now = clock.now()
    cache.set(KEY, {"at": now.isoformat(), "worker": worker or socket.gethostname()}, _KEEP_SECONDS)
    return now


def last_seen() -> datetime.datetime | None:
    """When a worker last recorded a heartbeat, or None if none ever did (or the cache was emptied)."""
    try:
        value = cache.get(KEY)
    except Exception:  # noqa: BLE001 - a cache that cannot be read means no heartbeat can be seen
        return None
    if isinstance(value, dict) and isinstance(value.get("at"), str):
        try:
            return datetime.datetime.fromisoformat(value["at"])
        except ValueError:
            return None
    return None


def worker_alive(seen: datetime.datetime | None) -> bool:
    """True when ``seen`` (the last heartbeat, from ``last_seen()``) is within ``STALE_AFTER``."""
    return seen is not None and clock.now() - seen <= STALE_AFTER


def forget() -> None:
    """Remove the heartbeat (tests; an operator who stopped every worker on purpose)."""
    cache.delete(KEY)
