"""Time comes from one clock: application code never reads it any other way."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import time_machine

from erms.lib import clock
from tests.days import FALL_BACK, SPRING_FORWARD, TET_WEEK

ROOT = Path(__file__).resolve().parents[2]
APPS = ("erms", "accounts", "audit", "deadlines", "policies", "cases", "unions", "bench")
# Calls that read the real time, and model defaults that would (`default=timezone.now`).
READS_THE_TIME = re.compile(
    r"date\.today\b|timezone\.now\b|datetime\.now\(|datetime\.utcnow\(|timezone\.localdate\(\s*\)|"
    r"timezone\.localtime\(\s*\)|time\.time\(\)"
)


def _application_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and path != ROOT / "erms" / "lib" / "clock.py":
                yield path


def test_it_finds_no_direct_read_of_the_time_outside_the_clock():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _application_files()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if READS_THE_TIME.search(line)
    ]
    assert found == []


def test_it_dates_today_in_the_zone_asked_for():
    # 03:00 UTC on Monday 16 February 2026 is 10:00 in Hanoi and still Sunday evening in New York.
    with time_machine.travel(TET_WEEK.at, tick=False):
        assert clock.today("Asia/Ho_Chi_Minh") == datetime.date(2026, 2, 16)
        assert clock.today("America/New_York") == datetime.date(2026, 2, 15)
        assert clock.now() == TET_WEEK.at


@pytest.mark.parametrize("day", [SPRING_FORWARD, FALL_BACK], ids=lambda day: day.name)
def test_it_keeps_london_and_oslo_on_the_clock_change_day(day):
    with time_machine.travel(day.at, tick=False):
        assert clock.today("Europe/London") == day.date
        assert clock.today("Europe/Oslo") == day.date


def test_it_lets_a_test_freeze_it_on_the_day_it_chose(clock_day):
    assert clock.today(clock_day.at.tzinfo) == clock_day.date


def test_it_travels_back_for_a_loader_and_returns(db):
    """A loader (the demo) replays history: inside ``travel`` the clock and ``auto_now_add``
    stamps say the day of the event; afterwards the clock is where it was."""
    from django.utils import timezone

    from tests.factories import EmployeeFactory

    before = clock.now()
    then = datetime.datetime(2025, 3, 14, 10, 0, tzinfo=datetime.UTC)
    with clock.travel(then):
        assert then <= clock.now() < then + datetime.timedelta(minutes=1)
        assert clock.today() == datetime.date(2025, 3, 14)
        assert then <= timezone.now() < then + datetime.timedelta(minutes=1)
        employee = EmployeeFactory()
    assert then <= employee.updated_at < then + datetime.timedelta(minutes=1)
    assert before <= clock.now() < before + datetime.timedelta(minutes=5)
