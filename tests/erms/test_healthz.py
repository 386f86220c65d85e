import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse

from erms.lib import clock, heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def worker_seen():
    """A worker recorded its heartbeat just now; tests about a missing worker forget it."""
    heartbeat.record("worker@test")
    yield
    heartbeat.forget()


def test_it_answers_200_when_database_broker_and_worker_are_alive(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok", "failed": []}


def test_it_answers_503_naming_the_worker_when_no_heartbeat_was_ever_seen(client):
    heartbeat.forget()

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["worker"] == "no heartbeat seen"


def test_it_answers_503_naming_the_worker_three_minutes_after_the_last_heartbeat(client):
    seen = clock.now()
    with time_machine.travel(seen + datetime.timedelta(minutes=2, seconds=59), tick=False):
        assert client.get(reverse("healthz")).status_code == 200
    with time_machine.travel(seen + datetime.timedelta(minutes=4), tick=False):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["worker"] == "last heartbeat 4 minutes ago"


def test_beat_asks_a_worker_for_a_heartbeat_every_minute():
    entry = django_settings.CELERY_BEAT_SCHEDULE["accounts-heartbeat"]

    assert entry["task"] == "accounts.tasks.worker_heartbeat"
    assert entry["schedule"] == datetime.timedelta(minutes=1)


def test_it_answers_503_naming_the_broker_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]
    assert response.json()["database"] == "ok"


def test_it_answers_503_when_the_filesystem_broker_folder_cannot_be_made(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the queue folder should be")
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(blocker / "queue")}

    response = client.get(reverse("healthz"))

    assert response.status_code == 503 and response.json()["failed"] == ["broker"]


def test_it_needs_no_log_in_and_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405
