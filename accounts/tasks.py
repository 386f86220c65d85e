"""Platform tasks for the accounts app."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone


@shared_task(name="accounts.tasks.worker_heartbeat")
def worker_heartbeat() -> str:
    """Record that beat and a worker are alive; shown on the admin home page."""
    now = timezone.now().isoformat()
    cache.set("erms:worker-heartbeat", now, 60 * 60)
    return now
