"""The days the suite runs on.

Every test runs with ERMS's clock (``erms.lib.clock``) frozen by time-machine, never on
the real today. Unmarked tests run on ``ORDINARY`` (a Wednesday). A date-sensitive test or
module says which days it must hold on with ``@pytest.mark.days(*DATE_SENSITIVE)``; it then
runs once per day, and the day shows in its id (``[saturday]``). Time keeps flowing from
the chosen instant (``tick=True``), so waits and timeouts behave as usual.

Assertions compare with the dates DOMAIN.md gives, or with dates derived from the frozen
day by ERMS's own calendar rules; never with arithmetic that assumes what weekday it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Day:
    name: str
    at: datetime.datetime  # aware

    @property
    def date(self) -> datetime.date:
        return self.at.date()


def _at(name: str, when: str, zone: str) -> Day:
    return Day(name, datetime.datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(zone)))


ORDINARY = _at("wednesday", "2026-12-09 10:00", "Europe/London")
SATURDAY = _at("saturday", "2026-12-05 10:00", "Europe/London")
# Christmas Eve: the last working day before two (England) or three (Norway) public holidays.
HOLIDAY_EVE = _at("holiday-eve", "2026-12-24 11:00", "Europe/London")
# London and Oslo put their clocks forward on Sunday 29 March 2026 and back on Sunday 25 October.
SPRING_FORWARD = _at("spring-forward", "2026-03-29 12:00", "Europe/London")
FALL_BACK = _at("fall-back", "2026-10-25 12:00", "Europe/London")
# Monday 16 February 2026 is Lunar New Year's Eve in Vietnam: the Tết holiday runs 16–20 February.
TET_WEEK = _at("tet-week", "2026-02-16 10:00", "Asia/Ho_Chi_Minh")

DATE_SENSITIVE = (SATURDAY, HOLIDAY_EVE, SPRING_FORWARD, FALL_BACK, TET_WEEK, ORDINARY)

# For tests that hold meetings on DOMAIN.md's dates in spring 2026: a meeting is recorded as held only
# once it has taken place, so "today" must come after them.
AFTER_SPRING_2026 = tuple(day for day in DATE_SENSITIVE if day.date >= datetime.date(2026, 6, 1))
