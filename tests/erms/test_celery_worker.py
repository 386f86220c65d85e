import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.cache import cache

from accounts.tasks import worker_heartbeat
from erms.celery import app

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.celery_worker]

HEARTBEAT_KEY = "erms:worker-heartbeat"


@pytest.fixture
def broker(tmp_path):
    """The configured broker: Redis when REDIS_URL is set, else kombu's filesystem transport in tmp_path."""
    saved = dict(app.conf.broker_transport_options or {})
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        queue, processed = tmp_path / "queue", tmp_path / "processed"
        queue.mkdir()
        processed.mkdir()
        app.conf.broker_transport_options = {
            "data_folder_in": str(queue), "data_folder_out": str(queue), "processed_folder": str(processed),
        }
    _drop_connection_pool()
    yield app
    app.conf.broker_transport_options = saved
    _drop_connection_pool()


def _drop_connection_pool() -> None:
    # Connections made earlier in the session carry the old transport options; the next use makes a new pool.
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None


def test_a_real_worker_runs_the_heartbeat_task_from_the_broker(broker):
    cache.delete(HEARTBEAT_KEY)
    assert app.conf.task_always_eager is False

    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        worker_heartbeat.delay()
        deadline = time.monotonic() + 20
        while cache.get(HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.1)

    assert cache.get(HEARTBEAT_KEY) is not None
