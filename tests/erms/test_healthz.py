import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_200_when_database_and_broker_are_reachable(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "failed": []}


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
