"""Reminders make their notification and outbox e-mail exactly once, by real Celery workers over the
configured broker (delivery of the e-mail itself, at least once: test_it_sends_reminder_emails_…).

With ``REDIS_URL`` set the broker is Redis; without it, kombu's filesystem transport in a
temporary folder. The worker runs in this process (``celery.contrib.testing.worker``), so
it uses the test database.
"""

import datetime
import smtplib
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError, connection
from django.utils import timezone

from cases.models import Case
from deadlines import selectors as deadline_selectors
from deadlines import services as reminders
from deadlines.models import (
    Deadline,
    DeadlineStatus,
    EmailStatus,
    Notification,
    OutgoingEmail,
    Reminder,
    ReminderStage,
)
from deadlines.tasks import email_retry_countdown, email_send, reminders_sweep
from tests.days import DATE_SENSITIVE
from tests.deadlines.reminders import (
    backend_gone,
    blocking_connection,
    due_reminders,
    kill_when_it_waits,
    wait_for,
    worker_process,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.celery_worker,
    pytest.mark.days(*DATE_SENSITIVE),
]


class BrokenForSomeBackend(EmailBackend):
    """Locmem e-mail, except that addresses starting with ``broken`` are refused by the server."""

    def send_messages(self, messages):
        for message in messages:
            if any(to.startswith("broken") for to in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


def _reference(reminder: Reminder) -> str:
    """The case a reminder's notification and e-mail name first."""
    return Case.objects.get(pk=reminder.deadline.owner_id).reference


def _assert_each_sent_once(rows: list[Reminder]) -> None:
    ids = [r.pk for r in rows]
    assert not Reminder.objects.filter(pk__in=ids, sent_at__isnull=True).exists()
    for row in rows:
        assert Notification.objects.filter(deadline_id=row.deadline_id).count() == 1
    assert OutgoingEmail.objects.count() == len(rows)
    assert sorted(OutgoingEmail.objects.values_list("subject", flat=True)) == sorted(
        f"[ERMS] {_reference(r)} — Due today: {r.deadline.title}" for r in rows
    )
    # One outbox row per reminder and recipient, each with the Message-ID of that pair.
    assert sorted(OutgoingEmail.objects.values_list("message_id", flat=True)) == sorted(
        f"<erms.reminder.{r.pk}.{r.recipient_id}@example.com>" for r in rows
    )


@pytest.mark.skipif(
    not settings.IS_POSTGRES,
    reason="SQLite has no row locks and its in-memory test database "
    "refuses concurrent writers; the threaded sweep test below covers SQLite",
)
def test_two_workers_sweeping_at_once_send_one_reminder_per_due_deadline(broker, hana, case):
    rows = due_reminders(hana, case, 30)

    with start_worker(
        broker,
        pool="threads",
        concurrency=2,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=20,
    ):
        reminders_sweep.delay(batch=4)
        reminders_sweep.delay(batch=4)
        assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() >= 30)
        time.sleep(0.5)  # let any straggling task finish before counting

    _assert_each_sent_once(rows)
    assert len(mail.outbox) == 30
    assert {m.to[0] for m in mail.outbox} == {hana.email}
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 30


def test_two_sweeps_started_together_in_threads_never_send_a_reminder_twice(broker, hana, case):
    rows = due_reminders(hana, case, 20)
    start = threading.Barrier(2)
    claimed: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        start.wait()
        try:
            claimed.append(reminders.reminders_send_due(now=timezone.now(), batch=100))
        except OperationalError as exc:  # SQLite only: the losing writer is refused and rolls back
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    if settings.IS_POSTGRES:
        assert not errors and sum(claimed) == 20
    reminders.reminders_send_due(now=timezone.now(), batch=100)  # picks up whatever a refused sweep left
    _assert_each_sent_once(rows)


def test_a_worker_dying_mid_sweep_loses_and_doubles_nothing(broker, hana, case, monkeypatch):
    rows = due_reminders(hana, case, 6)
    real_notify = reminders._notify
    calls = {"n": 0}

    def crash_on_the_fourth(reminder, user):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")  # what a dying worker leaves: an interrupted transaction
        return real_notify(reminder, user)

    monkeypatch.setattr(reminders, "_notify", crash_on_the_fourth)
    with start_worker(
        broker, pool="solo", perform_ping_check=False, loglevel="CRITICAL", shutdown_timeout=10
    ):
        reminders_sweep.delay()
        assert wait_for(lambda: calls["n"] >= 4)
        time.sleep(0.5)
    # The claim rolled back with the crash: nothing marked sent, nothing half-sent.
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 6
    assert not Notification.objects.exists() and not OutgoingEmail.objects.exists()

    monkeypatch.setattr(reminders, "_notify", real_notify)
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        reminders_sweep.delay()
        reminders_sweep.delay()  # a second sweep, e.g. the crashed one redelivered: sends nothing again
        assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() >= 6)
        time.sleep(0.5)

    _assert_each_sent_once(rows)
    assert len(mail.outbox) == 6


def test_a_met_or_cancelled_deadline_is_never_reminded(broker, hana, case):
    live = due_reminders(hana, case, 1)
    met = Reminder.objects.create(
        deadline=Deadline.objects.create(
            key="met",
            title="Met",
            due_on=timezone.localdate(),
            due_at=timezone.now(),
            responsible=hana,
            owner_type="cases.case",
            owner_id=case.pk,
            status=DeadlineStatus.MET,
        ),
        stage=ReminderStage.BEFORE,
        days_before=1,
        send_at=timezone.now() - datetime.timedelta(hours=1),
    )
    cancelled = due_reminders(hana, case, 1, status=DeadlineStatus.CANCELLED)[0]

    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        reminders_sweep.delay()
        assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).exists())

    assert Notification.objects.filter(deadline_id__in=[met.deadline_id, cancelled.deadline_id]).count() == 0
    assert Reminder.objects.filter(pk__in=[met.pk, cancelled.pk], sent_at__isnull=False).count() == 2
    assert [m.subject for m in mail.outbox] == [
        f"[ERMS] {_reference(live[0])} — Due today: {live[0].deadline.title}"
    ]


def test_a_failing_email_is_retried_with_back_off_then_marked_failed_without_blocking_others(
    broker, settings, hana, case
):
    settings.EMAIL_BACKEND = "tests.deadlines.test_reminders.BrokenForSomeBackend"
    settings.ERMS_EMAIL_RETRY_BACKOFF = 0.02
    broken = OutgoingEmail.objects.create(to="broken@example.com", subject="Broken", body="x")
    fine = [
        OutgoingEmail.objects.create(to=f"ok{n}@example.com", subject=f"Fine {n}", body="x") for n in range(3)
    ]

    with start_worker(
        broker, pool="solo", perform_ping_check=False, loglevel="CRITICAL", shutdown_timeout=10
    ):
        email_send.delay(broken.pk)
        for email in fine:
            email_send.delay(email.pk)
        assert wait_for(
            lambda: (
                OutgoingEmail.objects.filter(pk=broken.pk, status=EmailStatus.FAILED).exists()
                and OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == len(fine)
            )
        )

    broken.refresh_from_db()
    assert broken.attempts == 6 and "SMTPRecipientsRefused" in broken.last_error
    assert set(
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in fine]).values_list("status", "attempts")
    ) == {(EmailStatus.SENT, 1)}
    assert sorted(m.subject for m in mail.outbox) == ["Fine 0", "Fine 1", "Fine 2"]


def test_the_back_off_doubles_from_the_configured_base(settings):
    settings.ERMS_EMAIL_RETRY_BACKOFF = 60
    assert [email_retry_countdown(n) for n in range(5)] == [60, 120, 240, 480, 960]


def test_an_email_already_sent_is_not_sent_again(hana):
    email = OutgoingEmail.objects.create(to="hana@example.com", subject="Once", body="x")
    email_send.apply(args=[email.pk])
    email_send.apply(args=[email.pk])
    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (EmailStatus.SENT, 1, 1)


def test_an_overdue_deadline_is_escalated_to_the_er_lead_and_told_to_its_responsible_person(hana, erin, case):
    deadline = Deadline.objects.create(
        key="x",
        title="Send the letter",
        due_on=timezone.localdate(),
        due_at=timezone.now() - datetime.timedelta(days=1),
        responsible=hana,
        owner_type="cases.case",
        owner_id=case.pk,
    )
    Reminder.objects.create(
        deadline=deadline,
        stage=ReminderStage.ESCALATION,
        send_at=timezone.now() - datetime.timedelta(minutes=5),
    )

    assert reminders.reminders_send_due(now=timezone.now()) == 1

    notifications = Notification.objects.order_by("user__email")
    assert [n.user for n in notifications] == [erin, hana]
    for notification in notifications:
        assert notification.title.startswith(f"{case.reference} — Overdue: Send the letter")
        assert notification.url == deadline_selectors.deadline_url(deadline)


def test_the_sweep_runs_every_five_minutes_from_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["cases-reminders-sweep"]
    assert entry["task"] == "deadlines.tasks.reminders_sweep"
    assert entry["schedule"] == datetime.timedelta(minutes=5)


@pytest.mark.skipif(
    not (settings.IS_POSTGRES and settings.REDIS_URL),
    reason="kills a separate worker process; needs PostgreSQL and Redis it can reach too",
)
@pytest.mark.parametrize("moment", ["before_commit", "during_commit"])
def test_a_worker_process_killed_inside_its_sweep_loses_and_doubles_nothing(broker, hana, case, moment):
    """A real ``celery worker`` process is SIGKILLed while its sweep waits on a lock: either
    inside the claim transaction (a table lock holds its notification insert) or in COMMIT
    (the deferred foreign-key check on the recipient waits on a row lock)."""
    rows = due_reminders(hana, case, 3)
    blocker = blocking_connection()
    try:
        if moment == "before_commit":
            blocker.cursor().execute("LOCK TABLE cases_notification IN SHARE MODE")
        else:
            blocker.cursor().execute("SELECT id FROM accounts_user WHERE id = %s FOR UPDATE", [hana.pk])
        with worker_process(broker) as worker:
            reminders_sweep.delay()
            stuck = kill_when_it_waits(worker)  # the worker dies mid-sweep
    finally:
        blocker.rollback()
        blocker.close()
    assert wait_for(lambda: backend_gone(stuck), timeout=20)
    if moment == "before_commit":
        # The claim rolled back with the worker: nothing marked sent, nothing half-sent.
        assert Reminder.objects.filter(sent_at__isnull=True).count() == 3
        assert not Notification.objects.exists() and not OutgoingEmail.objects.exists()
    else:
        # The commit went through, but the worker died before enqueuing the e-mails.
        assert not Reminder.objects.filter(sent_at__isnull=True).exists()
        assert OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).count() == 3
        OutgoingEmail.objects.update(created_at=timezone.now() - reminders.STALE_EMAIL_AFTER * 2)

    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        reminders_sweep.delay()
        assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() >= 3)
        time.sleep(0.3)
    _assert_each_sent_once(rows)
    assert len(mail.outbox) == 3
