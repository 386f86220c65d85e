"""Celery tasks of the deadline engine: thin, take ids, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from deadlines import services

EMAIL_MAX_RETRIES = 5


def email_retry_countdown(retries: int) -> float:
    """Exponential back-off: base, 2×base, 4×base … capped at an hour (``ERMS_EMAIL_RETRY_BACKOFF`` seconds)."""
    return min(float(settings.ERMS_EMAIL_RETRY_BACKOFF) * (2**retries), 3600.0)


@shared_task(name="deadlines.tasks.reminders_sweep")
def reminders_sweep(batch: int = 100) -> int:
    """Beat, every few minutes: send the reminders that are due. Several may run at once."""
    return services.reminders_sweep(batch=batch)


@shared_task(bind=True, name="deadlines.tasks.email_send", max_retries=EMAIL_MAX_RETRIES, acks_late=True)
def email_send(self, email_id: int) -> bool:
    """Deliver one ``OutgoingEmail``, at least once and always with its own Message-ID; transient
    SMTP and network errors are retried with exponential back-off, and the row is marked failed
    after the last retry."""
    return _email_send(self, email_id)


# Before deadlines/ existed this task was ``cases.tasks.email_send``: deliveries a worker of the
# previous release queued, or left waiting for a retry, under that name still reach the outbox.
@shared_task(bind=True, name="cases.tasks.email_send", max_retries=EMAIL_MAX_RETRIES, acks_late=True)
def email_send_under_previous_name(self, email_id: int) -> bool:
    return _email_send(self, email_id)


def _email_send(task, email_id: int) -> bool:
    try:
        return services.email_deliver(
            email_id=email_id, final_attempt=task.request.retries >= task.max_retries
        )
    except services.TRANSIENT_EMAIL_ERRORS as exc:
        if task.request.retries >= task.max_retries:
            return False  # recorded as failed on the row; visible to admins
        raise task.retry(exc=exc, countdown=email_retry_countdown(task.request.retries)) from exc
