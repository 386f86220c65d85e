"""My work counts the deadlines its list shows: every open deadline the user is responsible
for, whatever it belongs to (a case, a policy review …), overdue or due in the next 7 days.
Home counts the cases the user can see, and says so; both pages call the same 7 days, today
included, "the next 7 days"."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from deadlines import services as deadline_services
from erms.lib import clock
from policies import services as policy_services
from policies.deadlines import policy_review_deadlines_sync
from tests.erms.test_it_shows_each_role_its_work_queue import _case as open_case

pytestmark = pytest.mark.django_db


def _case(hana, sam, title: str, due: datetime.date) -> Case:
    case = open_case(hana, sam, title, next_deadline_on=due)
    with transaction.atomic():
        deadline_services.deadline_set(
            owner_type="cases.case",
            owner_id=case.pk,
            key="respond",
            title="Respond",
            due_on=due,
            time_zone="Europe/London",
            responsible=hana,
        )
    return case


def _policy(hana, title: str, due: datetime.date) -> None:
    policy_services.policy_create(
        actor=hana, title=title, category="conduct", jurisdictions=["GB"], review_due=due, owner=hana
    )
    policy_review_deadlines_sync()


def _my_work(client, user):
    client.force_login(user)
    response = client.get(reverse("cases:my_work"))
    assert response.status_code == 200
    return response


def test_it_counts_a_users_overdue_policy_review_on_my_work(client, hana):
    _policy(hana, "Dignity at work", clock.today() - datetime.timedelta(days=20))
    _policy(hana, "Absence management", clock.today() + datetime.timedelta(days=2))
    _policy(hana, "Travel", clock.today() + datetime.timedelta(days=40))
    response = _my_work(client, hana)
    counts = response.context["counts"]
    assert (counts["overdue"], counts["due_soon"]) == (1, 1)
    body = response.content.decode()
    assert "Your overdue deadlines" in body and "Your deadlines due in the next 7 days" in body


def test_it_counts_case_and_policy_deadlines_alike_and_the_next_7_days_include_today(client, hana, sam):
    today = clock.today()
    _case(hana, sam, "Late", today - datetime.timedelta(days=1))
    _case(hana, sam, "Today", today)
    _case(hana, sam, "In six days", today + datetime.timedelta(days=6))
    _case(hana, sam, "In seven days", today + datetime.timedelta(days=7))  # the 8th day: not counted
    _policy(hana, "Dignity at work", today - datetime.timedelta(days=3))
    counts = _my_work(client, hana).context["counts"]
    assert (counts["overdue"], counts["due_soon"]) == (2, 2)
    home = {str(i.label): i.count for i in client.get(reverse("home")).context["work"]}
    assert home["Cases you can see with an overdue deadline"] == 1
    assert home["Cases you can see with a deadline in the next 7 days"] == 2


def test_it_counts_my_works_deadlines_in_as_many_queries_however_many_there_are(client, hana, sam):
    today = clock.today()
    _case(hana, sam, "Late", today - datetime.timedelta(days=1))
    _policy(hana, "Dignity at work", today - datetime.timedelta(days=3))
    _my_work(client, hana)
    with CaptureQueriesContext(connection) as few:
        _my_work(client, hana)
    for n in range(4):
        _case(hana, sam, f"Late {n}", today - datetime.timedelta(days=n + 1))
        _policy(hana, f"Policy {n}", today + datetime.timedelta(days=n))
    with CaptureQueriesContext(connection) as many:
        counts = _my_work(client, hana).context["counts"]
    assert (counts["overdue"], counts["due_soon"]) == (6, 4)
    assert len(many) == len(few)
