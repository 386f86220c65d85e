"""An owner's deadline panel (the case page's) reads in date order: the open deadlines first, earliest
due first, then the met and lapsed ones, also by due date; never grouped by the alphabet of their status."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import deadlines
from deadlines import selectors
from deadlines import services as engine

pytestmark = pytest.mark.django_db


def _deadline(case, hana, days: int, key: str):
    return deadlines.deadline_set(
        key=key,
        title=f"Do {key}",
        due_on=timezone.localdate() + datetime.timedelta(days=days),
        time_zone="Europe/London",
        responsible=hana,
        case=case,
        rule_id="GB-APP-001",
    )


@pytest.fixture
def mixed(case, hana):
    """Deadlines set out of date order: two open, one met, one cancelled."""
    later = _deadline(case, hana, 30, "open_later")
    met = _deadline(case, hana, 2, "met_early")
    sooner = _deadline(case, hana, 5, "open_sooner")
    cancelled = _deadline(case, hana, -3, "cancelled_earliest")
    with transaction.atomic():
        engine.deadline_met(deadline=met, actor=hana)
        engine.deadline_cancel(deadline=cancelled, actor=hana)
    return [sooner, later, cancelled, met]


def test_it_lists_an_owners_deadlines_open_first_then_by_due_date(case, mixed):
    rows = selectors.owner_deadlines("cases.case", case.pk)
    # The case's own deadlines (set when it opened) are open too; ours keep their order among them.
    ours = [d.key for d in rows if d.key in {m.key for m in mixed}]
    assert ours == [m.key for m in mixed]
    open_due = [d.due_at for d in rows if d.status == "open"]
    assert open_due == sorted(open_due)
    states = [d.status == "open" for d in rows]
    assert states == sorted(states, reverse=True)


def test_it_shows_the_case_pages_deadline_table_in_that_order(client, hana, case, mixed):
    client.force_login(hana)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    table = page[page.index('id="deadlines"') :]
    shown = [k for k in re.findall(r"Do (\w+)", table) if k in {m.key for m in mixed}]
    assert shown[:4] == [m.key for m in mixed]
