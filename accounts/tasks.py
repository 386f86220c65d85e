"""Platform tasks for the accounts app."""

from __future__ import annotations

from celery import shared_task

from erms.lib import heartbeat


@shared_task(name="accounts.tasks.worker_heartbeat")
def worker_heartbeat() -> str:
    """Beat, every minute: record that a worker took a task just now (read by ``/healthz``
    and the header's warning, ``erms.lib.heartbeat``)."""
    return heartbeat.record().isoformat()
