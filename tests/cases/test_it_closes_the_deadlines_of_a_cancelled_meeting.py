"""Cancelling a meeting closes the deadlines it started; another meeting's deadlines keep running."""

from __future__ import annotations

import datetime

import pytest

from cases import deadlines, services
from deadlines.models import Deadline, DeadlineStatus
from tests.cases.case_steps import open_case, schedule
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def _hearing(hana, erin, case, day: datetime.date):
    return schedule(hana, erin, case, day, notice=datetime.date(2027, 1, 4))


def _open(case) -> list[Deadline]:
    return list(
        Deadline.objects.filter(
            owner_type=deadlines.CASE_OWNER_TYPE, owner_id=case.pk, status=DeadlineStatus.OPEN
        ).exclude(key=deadlines.INVESTIGATION_TARGET)
    )


def test_it_closes_every_deadline_a_cancelled_hearing_started(hana, erin, sam, london, operations):
    case = open_case(hana, sam.employee_record, london, operations)
    meeting = _hearing(hana, erin, case, datetime.date(2027, 1, 20))
    assert {d.key for d in _open(case)} >= {deadlines.COMPANION_POSTPONEMENT}
    services.meeting_cancel(actor=hana, meeting=meeting, reason="Employee off sick")
    assert _open(case) == []
    case.refresh_from_db()
    assert case.next_deadline_on is None or case.next_deadline_on != datetime.date(2027, 1, 27)


def test_it_keeps_the_deadlines_of_the_rearranged_hearing_when_the_first_is_cancelled(
    hana, erin, sam, london, operations
):
    case = open_case(hana, sam.employee_record, london, operations)
    first = _hearing(hana, erin, case, datetime.date(2027, 1, 20))
    second = _hearing(hana, erin, case, datetime.date(2027, 1, 27))
    services.meeting_cancel(actor=hana, meeting=first, reason="Rearranged")
    still_open = {d.key: d for d in _open(case)}
    assert deadlines.COMPANION_POSTPONEMENT in still_open
    assert "27 Jan 2027" in still_open[deadlines.COMPANION_POSTPONEMENT].display_title
    services.meeting_cancel(actor=hana, meeting=second, reason="Withdrawn")
    assert _open(case) == []
