"""What the tests of the sweep and the e-mail outbox share: due reminders, waiting for a worker,
and a real ``celery worker`` process to kill while its database session waits on a lock that
the test holds (PostgreSQL and Redis only)."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from celery import Celery
from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from deadlines.models import Deadline, DeadlineStatus, Reminder, ReminderStage
from erms.lib import clock
from tests import frozen_process


def wait_for(condition, timeout: float = 30) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (a worker is at work)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:  # SQLite's shared in-memory test database: the worker is writing
            pass
        time.sleep(0.1)
    return condition()


def due_reminders(case_manager, case, count: int, *, status: str = DeadlineStatus.OPEN) -> list[Reminder]:
    """``count`` deadlines of ``case``, each with an on-the-day reminder due a minute ago."""
    now = timezone.now()
    rows = []
    for n in range(count):
        deadline = Deadline.objects.create(
            key=f"test_{n}",
            title=f"Deadline {n}",
            due_on=timezone.localdate(),
            due_at=now + datetime.timedelta(hours=1),
            responsible=case_manager,
            owner_type="cases.case",
            owner_id=case.pk,
            status=status,
        )
        rows.append(
            Reminder.objects.create(
                deadline=deadline,
                stage=ReminderStage.DUE,
                send_at=now - datetime.timedelta(minutes=1),
                recipient=case_manager,
            )
        )
    return rows


def _database() -> tuple[dict[str, Any], str]:
    db = connection.settings_dict
    params = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "password": db.get("PASSWORD") or None,
    }
    url = (
        f"postgres://{db['USER']}{':' + db['PASSWORD'] if db.get('PASSWORD') else ''}@{params['host']}:"
        f"{params['port']}/{db['NAME']}"
    )
    return params, url


def blocking_connection() -> Any:
    """A second connection to the test database, to hold the lock a worker process will wait on."""
    import psycopg2

    return psycopg2.connect(**_database()[0])


@contextmanager
def worker_process(broker: Celery, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """A ``celery worker`` process (solo pool) on the test database and ``broker``, on this test's
    clock so it finds the same reminders due; ``env`` adds settings (``EMAIL_URL=…``)."""
    environment = {
        **os.environ,
        "DATABASE_URL": _database()[1],
        "REDIS_URL": broker.conf.broker_url,
        "DJANGO_SETTINGS_MODULE": "erms.settings",
        **env,
    }
    worker = subprocess.Popen(
        frozen_process.command(
            clock.now(),
            "celery",
            "-A",
            "erms",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ),
        env=environment,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield worker
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def waiting_pids() -> list[int]:
    """The sessions on the test database, other than this one, waiting on a lock (``pg_locks``
    covers the whole server, where other test runs may be waiting too)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE NOT l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def kill_when_it_waits(worker: subprocess.Popen[bytes]) -> list[int]:
    """SIGKILL the worker process once its session waits on a lock; the waiting sessions' ids."""
    # A separate process imports Django and Celery first: allow for a busy machine.
    assert wait_for(lambda: bool(waiting_pids()), timeout=90), "the worker never reached the lock"
    stuck = waiting_pids()
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    return stuck


def backend_gone(pids: list[int]) -> bool:
    """PostgreSQL has ended these sessions (a dead client's open transaction is rolled back)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
        return cursor.fetchone()[0] == 0
