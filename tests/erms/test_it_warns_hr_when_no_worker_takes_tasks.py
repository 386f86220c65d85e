"""The header tells HR users when letters or reminders wait and no worker has been seen for three minutes."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.models import LetterKind
from deadlines.models import EmailStatus, OutgoingEmail
from erms.lib import clock, heartbeat
from tests.cases.test_letters import letter_world, schedule  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

WARNING = "no background worker is running"


@pytest.fixture
def queued_letter(hana, erin, letter_world):  # noqa: F811 - the fixture imported above
    schedule(hana, letter_world.case, erin)
    return services.letter_issue(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_it_warns_an_hr_case_manager_while_a_letter_waits_with_no_worker(client, hana, queued_letter):
    heartbeat.forget()

    page = _home(client, hana)

    assert WARNING in page and "1 letter is queued." in page


def test_it_says_nothing_while_a_worker_is_alive(client, hana, queued_letter):
    heartbeat.record("worker@test")

    assert WARNING not in _home(client, hana)


def test_it_warns_again_three_minutes_after_the_last_heartbeat(client, hana, queued_letter):
    heartbeat.record("worker@test")
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=4), tick=False):
        page = _home(client, hana)

    assert WARNING in page and "A worker was last seen 4" in page


def test_it_says_nothing_when_nothing_waits(client, hana):
    heartbeat.forget()

    assert WARNING not in _home(client, hana)


def test_it_says_nothing_to_a_line_manager(client, liam, queued_letter):
    heartbeat.forget()

    assert WARNING not in _home(client, liam)


def test_it_counts_what_waits_once_for_many_pages(client, hana, queued_letter):
    heartbeat.forget()
    _home(client, hana)  # works the counts out and keeps them for half a minute

    # Another page (home itself counts the user's cases with letters waiting, a different count).
    with CaptureQueriesContext(connection) as again:
        page = client.get(reverse("cases:my_work")).content.decode()

    assert "1 letter is queued." in page
    assert not [
        q for q in again.captured_queries if "cases_letter" in q["sql"] and "COUNT" in q["sql"].upper()
    ]


def test_it_counts_an_e_mail_a_worker_died_sending(client, hana):
    OutgoingEmail.objects.create(
        to="hana@example.com", subject="Reminder", body="…", status=EmailStatus.SENDING
    )
    heartbeat.forget()

    page = _home(client, hana)

    assert WARNING in page and "1 reminder or e-mail is waiting to be sent." in page
