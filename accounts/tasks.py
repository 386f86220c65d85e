"""Platform tasks for the accounts app."""

from __future__ import annotations

from celery import shared_task

from accounts import services
from erms.lib import heartbeat


@shared_task(name="accounts.tasks.worker_heartbeat")
def worker_heartbeat() -> str:
    """Beat, every minute: record that a worker took a task just now (read by ``/healthz``
    and the header's warning, ``erms.lib.heartbeat``)."""
    return heartbeat.record().isoformat()


@shared_task(name="accounts.tasks.signin_windows_clear")
def signin_windows_clear() -> int:
    """Beat, hourly: forget sign-in counts whose window has ended (guessed addresses leave many)."""
    return services.signin_windows_clear_ended()
