import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache

from accounts.tasks import worker_heartbeat
from erms.celery import app

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.celery_worker]

HEARTBEAT_KEY = "erms:worker-heartbeat"


def test_a_real_worker_runs_the_heartbeat_task_from_the_broker(broker):
    cache.delete(HEARTBEAT_KEY)
    assert app.conf.task_always_eager is False

    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        worker_heartbeat.delay()
        deadline = time.monotonic() + 20
        while cache.get(HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.1)

    assert cache.get(HEARTBEAT_KEY) is not None
