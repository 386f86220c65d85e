"""Celery tasks of the cases app: thin, take ids, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from cases import services
from cases.models import Letter

LETTER_MAX_RETRIES = 4
LETTER_RETRY_BACKOFF = 5.0


def letter_retry_countdown(retries: int) -> float:
    """Back-off for letter rendering: 5, 10, 20, 40 … seconds, capped at ten minutes."""
    return min(LETTER_RETRY_BACKOFF * (2**retries), 600.0)


@shared_task(name="cases.tasks.letters_requeue_stuck")
def letters_requeue_stuck() -> int:
    """Beat, every minute: put letters queued for longer than a worker needs back on the queue, once."""
    return services.letters_requeue_stuck()


@shared_task(bind=True, name="cases.tasks.letter_render", max_retries=LETTER_MAX_RETRIES, acks_late=True)
def letter_render_task(self, letter_id: int) -> str:
    """Render one issued letter to PDF and file it. Safe to run twice (a rendered letter is
    left alone). Transient errors (storage, database connection) are retried with back-off;
    after the last retry, or on any other error, the letter is marked failed with the reason."""
    try:
        letter = services.letter_render(
            letter_id=letter_id, final_attempt=self.request.retries >= self.max_retries
        )
    except Letter.DoesNotExist:
        return "missing"
    except services.TRANSIENT_RENDER_ERRORS as exc:
        raise self.retry(exc=exc, countdown=letter_retry_countdown(self.request.retries)) from exc
    return letter.status
