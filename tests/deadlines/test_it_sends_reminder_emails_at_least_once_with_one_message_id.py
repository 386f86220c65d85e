"""Reminder e-mail is delivered at least once, every copy with the same Message-ID; the in-app
notification exactly once.

A real SMTP server (aiosmtpd) runs in this process on a free port of 127.0.0.1, and Django's
SMTP backend sends to it, so what is counted is what a mail server received.
"""

from __future__ import annotations

import datetime
import socket
import time
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from deadlines import services as reminders
from deadlines import tasks
from deadlines.models import (
    Deadline,
    EmailStatus,
    Notification,
    OutgoingEmail,
    Reminder,
    ReminderStage,
)
from erms.lib import clock
from tests.deadlines.reminders import (
    backend_gone,
    blocking_connection,
    due_reminders,
    kill_when_it_waits,
    wait_for,
    worker_process,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOMAIN = "hr.example.org"


class MailServer:
    """What the SMTP server saw: every message offered (``offered``) and those it accepted
    (``received``); it answers ``451 try again later`` to the first ``refuse`` offers."""

    def __init__(self) -> None:
        self.offered: list[Message] = []
        self.received: list[Message] = []
        self.refuse = 0
        self.url = ""  # EMAIL_URL for a worker process
        # Called with each message the server is about to accept, before it answers 250.
        self.before_accepting: Callable[[Message], None] | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content)
        self.offered.append(message)
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        if self.before_accepting is not None:
            self.before_accepting(message)
        self.received.append(message)
        return "250 2.0.0 OK"

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.received]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    server = MailServer()
    controller = Controller(server, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = f"ERMS <erms@{DOMAIN}>"
    server.url = f"smtp://{controller.hostname}:{controller.port}"
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def queue(monkeypatch) -> list[int]:
    """The e-mail tasks the sweep enqueues, kept here for the test to run one by one."""
    kept: list[int] = []
    monkeypatch.setattr(tasks.email_send, "delay", kept.append)
    return kept


def _expected_id(reminder: Reminder, user) -> str:
    return f"<erms.reminder.{reminder.pk}.{user.pk}@{DOMAIN}>"


def _deliver(email_ids: list[int]) -> int:
    """Run the delivery task for each id as a worker would; count the workers that died."""
    died = 0
    for email_id in email_ids:
        try:
            tasks.email_send.apply(args=[email_id])
        except SystemExit:
            died += 1
    return died


@pytest.fixture
def retries_run_at_once(monkeypatch):
    """Run the delivery task in this process with each retry it asks for, as the broker would
    (without the back-off wait): Celery's eager ``apply`` retries only when it does not re-raise."""
    monkeypatch.setitem(tasks.email_send.app.conf, "task_eager_propagates", False)

    def deliver(email_id: int) -> str:
        return tasks.email_send.apply(args=[email_id]).state

    return deliver


def test_it_sends_again_with_the_same_message_id_when_a_worker_dies_after_the_server_took_the_e_mail(
    smtp_server, queue, hana, case, monkeypatch
):
    rows = due_reminders(hana, case, 20)
    assert reminders.reminders_send_due(now=clock.now()) == 20
    first_run = sorted(queue)
    assert len(first_run) == 20
    doomed = {first_run[4], first_run[11]}
    recorded = reminders._email_record

    def die_before_the_commit(email, *, error, final_attempt):
        # The SMTP server has accepted the e-mail; the worker dies before marking the row sent.
        if email.pk in doomed:
            doomed.discard(email.pk)
            raise SystemExit("worker killed")
        recorded(email, error=error, final_attempt=final_attempt)

    monkeypatch.setattr(reminders, "_email_record", die_before_the_commit)
    assert _deliver(first_run) == 2
    assert len(smtp_server.received) == 20
    died = sorted(OutgoingEmail.objects.filter(status=EmailStatus.SENDING).values_list("pk", flat=True))
    assert died == sorted({first_run[4], first_run[11]})

    # The sweep runs again later: the two rows left "sending" are sent again.
    queue.clear()
    reminders.reminders_sweep(now=clock.now() + reminders.STALE_EMAIL_AFTER * 2)
    assert sorted(queue) == died
    assert _deliver(list(queue)) == 0

    # 22 messages for 20 reminders: two duplicates, each with its original's Message-ID.
    expected = {_expected_id(r, hana) for r in rows}
    counts = Counter(smtp_server.message_ids())
    assert len(smtp_server.received) == 22 and set(counts) == expected
    twice = {message_id for message_id, n in counts.items() if n == 2}
    assert twice == set(OutgoingEmail.objects.filter(pk__in=died).values_list("message_id", flat=True))
    assert sorted(counts.values()) == [1] * 18 + [2] * 2
    for message_id in twice:
        copies = [m for m in smtp_server.received if m["Message-ID"] == message_id]
        assert copies[0].get_payload() == copies[1].get_payload()
        assert copies[0]["Subject"] == copies[1]["Subject"]
    # The in-app notification exactly once per reminder; every row sent; the duplicates show.
    assert Notification.objects.count() == 20
    assert all(Notification.objects.filter(deadline_id=r.deadline_id).count() == 1 for r in rows)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert set(OutgoingEmail.objects.filter(pk__in=died).values_list("attempts", "last_error")) == {
        (2, reminders.INTERRUPTED_ATTEMPT)
    }
    assert set(OutgoingEmail.objects.exclude(pk__in=died).values_list("attempts", "last_error")) == {(1, "")}


@pytest.mark.celery_worker
@pytest.mark.skipif(
    not (settings.IS_POSTGRES and settings.REDIS_URL),
    reason="kills a separate worker process; needs PostgreSQL and Redis it can reach too",
)
def test_it_sends_again_with_the_same_message_id_when_a_worker_process_is_killed_before_its_commit(
    broker, smtp_server, hana, case
):
    """A real ``celery worker`` process sends a reminder e-mail; as the SMTP server accepts it,
    the test locks the outbox table, so the worker's marking of the row waits, and the worker is
    SIGKILLed there: the server has the e-mail, the database does not know it was sent."""
    rows = due_reminders(hana, case, 5)
    blocker = blocking_connection()

    def hold_the_outbox(message: Message) -> None:
        blocker.cursor().execute("LOCK TABLE cases_outgoingemail IN SHARE MODE")
        smtp_server.before_accepting = None

    smtp_server.before_accepting = hold_the_outbox
    assert reminders.reminders_send_due(now=clock.now()) == 5  # the e-mail tasks go to the broker
    try:
        with worker_process(
            broker, EMAIL_URL=smtp_server.url, DEFAULT_FROM_EMAIL=settings.DEFAULT_FROM_EMAIL
        ) as worker:
            stuck = kill_when_it_waits(worker)
    finally:
        blocker.rollback()
        blocker.close()
    assert wait_for(lambda: backend_gone(stuck), timeout=20)
    (killed,) = OutgoingEmail.objects.filter(status=EmailStatus.SENDING)
    assert smtp_server.message_ids() == [killed.message_id]
    assert not OutgoingEmail.objects.filter(status=EmailStatus.SENT).exists()

    # Later the sweep finds the interrupted e-mail and a new worker sends what is left.
    reminders.reminders_sweep(now=clock.now() + reminders.STALE_EMAIL_AFTER * 2)
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() >= 5)
        time.sleep(0.3)  # let any straggling task finish before counting

    counts = Counter(smtp_server.message_ids())
    assert set(counts) == {_expected_id(r, hana) for r in rows}
    assert len(smtp_server.received) == 6 and counts[killed.message_id] == 2
    assert Notification.objects.count() == 5
    killed.refresh_from_db()
    assert (killed.status, killed.attempts, killed.last_error) == (
        EmailStatus.SENT,
        2,
        reminders.INTERRUPTED_ATTEMPT,
    )


@pytest.mark.celery_worker
def test_it_sends_each_reminder_e_mail_once_with_its_message_id_when_nothing_goes_wrong(
    broker, smtp_server, hana, erin, case
):
    rows = due_reminders(hana, case, 4)
    overdue = Reminder.objects.create(
        deadline=Deadline.objects.create(
            key="late",
            title="Late",
            due_on=timezone.localdate(),
            due_at=timezone.now() - datetime.timedelta(days=1),
            responsible=hana,
            owner_type="cases.case",
            owner_id=case.pk,
        ),
        stage=ReminderStage.ESCALATION,
        send_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        tasks.reminders_sweep.delay()
        assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() >= 6)
        time.sleep(0.3)  # let any straggling task finish before counting

    # The escalation goes to the ER lead and to hana, who is responsible: one Message-ID each.
    assert sorted(smtp_server.message_ids()) == sorted(
        [*(_expected_id(r, hana) for r in rows), _expected_id(overdue, erin), _expected_id(overdue, hana)]
    )
    assert all(len(m.get_all("Message-ID")) == 1 for m in smtp_server.received)
    for user in (erin, hana):
        assert [m["To"] for m in smtp_server.received if m["Message-ID"] == _expected_id(overdue, user)] == [
            user.email
        ]
    assert Notification.objects.count() == 6
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(EmailStatus.SENT, 1)}


def test_it_keeps_a_reminder_e_mails_message_id_on_every_retry(
    smtp_server, queue, retries_run_at_once, hana, case
):
    (reminder,) = due_reminders(hana, case, 1)
    reminders.reminders_send_due(now=clock.now())
    smtp_server.refuse = 2

    assert retries_run_at_once(*queue) == "SUCCESS"

    email = OutgoingEmail.objects.get()
    assert [m["Message-ID"] for m in smtp_server.offered] == [_expected_id(reminder, hana)] * 3
    assert smtp_server.message_ids() == [_expected_id(reminder, hana)]
    assert (email.status, email.attempts, email.message_id) == (
        EmailStatus.SENT,
        3,
        _expected_id(reminder, hana),
    )
    assert "SMTPDataError" in email.last_error


def test_it_gives_any_other_outbox_e_mail_a_message_id_of_its_row_kept_on_every_retry(
    smtp_server, retries_run_at_once
):
    email = OutgoingEmail.objects.create(to="someone@example.com", subject="Hello", body="Body")
    smtp_server.refuse = 1

    assert retries_run_at_once(email.pk) == "SUCCESS"
    tasks.email_send.apply(args=[email.pk])  # a duplicate task: the row is sent, nothing more goes out

    email.refresh_from_db()
    assert email.message_id == f"<erms.outbox.{email.pk}@{DOMAIN}>"
    assert [m["Message-ID"] for m in smtp_server.offered] == [email.message_id] * 2
    assert (len(smtp_server.received), email.status, email.attempts) == (1, EmailStatus.SENT, 2)


def test_it_refuses_a_second_outbox_row_for_the_same_reminder_and_recipient(hana, case):
    (reminder,) = due_reminders(hana, case, 1)
    message_id = reminders.reminder_message_id(reminder_id=reminder.pk, user_id=hana.pk)
    OutgoingEmail.objects.create(to=hana.email, subject="s", body="b", message_id=message_id)

    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingEmail.objects.create(to=hana.email, subject="s", body="b", message_id=message_id)
    OutgoingEmail.objects.create(to=hana.email, subject="s", body="b")  # rows without one are not limited
    OutgoingEmail.objects.create(to=hana.email, subject="s", body="b")
