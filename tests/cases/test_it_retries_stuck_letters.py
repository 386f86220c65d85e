"""A letter no worker has taken says how long it has waited, may be retried, and beat puts it
back on the queue once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEntry
from cases import services
from cases.models import Letter, LetterKind, LetterStatus
from cases.tasks import letters_requeue_stuck
from erms.lib import clock
from erms.lib.errors import ApplicationError
from tests.cases.test_letters import letter_world, schedule  # noqa: F401 - fixture
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


@pytest.fixture
def queued(hana, erin, letter_world) -> Letter:  # noqa: F811 - the fixture imported above
    schedule(hana, letter_world.case, erin)
    return services.letter_issue(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )


def _later(minutes: int):
    return time_machine.travel(clock.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_it_records_when_a_letter_was_queued(queued):
    assert queued.status == LetterStatus.QUEUED
    assert abs(queued.queued_at - clock.now()) < datetime.timedelta(seconds=5)
    assert not queued.is_stuck(clock.now())


def test_it_shows_how_long_a_stuck_letter_has_waited_and_offers_retry(client, hana, queued):
    client.force_login(hana)
    url = reverse("cases:letter_list", args=[queued.case_id])
    retry = reverse("cases:letter_retry", args=[queued.case_id, queued.pk])

    with _later(4):
        fresh = client.get(url, headers={"HX-Request": "true"}).content.decode()
    with _later(12):
        stuck = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "Waiting for" not in fresh and retry not in fresh
    assert "Waiting for 12 minutes: no worker has taken it." in stuck and retry in stuck


def test_it_hides_retry_from_who_may_only_read_the_case(client, hana, olga, queued):
    services.case_grant_access(actor=hana, case=queued.case, user=olga)
    client.force_login(olga)
    with _later(12):
        url = reverse("cases:letter_list", args=[queued.case_id])
        page = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "Waiting for 12 minutes" in page
    assert reverse("cases:letter_retry", args=[queued.case_id, queued.pk]) not in page


def test_it_refuses_to_retry_a_letter_still_within_its_queue_time(hana, queued):
    with _later(4), pytest.raises(ApplicationError, match="more than 5 minutes"):
        services.letter_retry(actor=hana, letter=queued)


def test_it_retries_a_stuck_letter_through_the_page(client, hana, queued, django_capture_on_commit_callbacks):
    client.force_login(hana)
    with _later(12), django_capture_on_commit_callbacks() as enqueued:
        response = client.post(reverse("cases:letter_retry", args=[queued.case_id, queued.pk]))
        retried_at = clock.now()

    assert response.status_code == 302
    assert len(enqueued) == 1
    queued.refresh_from_db()
    assert queued.status == LetterStatus.QUEUED and queued.queued_at == retried_at
    assert AuditEntry.objects.filter(action="letter_retried", object_id=str(queued.pk)).exists()


def test_beat_requeues_a_stuck_letter_once(queued, django_capture_on_commit_callbacks):
    with _later(4), django_capture_on_commit_callbacks() as too_soon:
        assert letters_requeue_stuck() == 0
    with _later(6), django_capture_on_commit_callbacks() as first:
        assert letters_requeue_stuck() == 1
    with _later(30), django_capture_on_commit_callbacks() as second:
        assert letters_requeue_stuck() == 0

    assert (len(too_soon), len(first), len(second)) == (0, 1, 0)
    queued.refresh_from_db()
    assert queued.requeued_at is not None and queued.status == LetterStatus.QUEUED
    assert AuditEntry.objects.filter(action="letter_requeued", object_id=str(queued.pk)).count() == 1


def test_a_requeued_letter_renders_once_however_often_it_is_sent(queued):
    with _later(6):
        services.letters_requeue_stuck()
    first = services.letter_render(letter_id=queued.pk)
    again = services.letter_render(letter_id=queued.pk)

    assert first.status == again.status == LetterStatus.RENDERED
    assert first.document_id == again.document_id
    assert Letter.objects.get(pk=queued.pk).attempts == 1
