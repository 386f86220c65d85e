"""The one clock of ERMS.

Application code asks this module for the time and never asks Django's ``timezone`` or
the ``datetime`` module for it directly (a test greps for that), so that tests can freeze
it with time-machine and run on the days they choose: a Saturday, a holiday eve, a
clock-change day.

Dates are always *somewhere*: ``today()`` is the date in the deployment's time zone
(``TIME_ZONE``), ``today(tz)`` the date in a location's zone. A case in Hanoi and a case
in London can be on different days at the same instant (DOMAIN.md, rule 1).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _


def now() -> datetime.datetime:
    """The current instant, timezone-aware (UTC)."""
    return timezone.now()


@contextmanager
def travel(to: datetime.datetime) -> Iterator[None]:
    """Run the block as if the clock had said ``to`` when it began, ticking on from there.

    For loading history (the demo's cases were opened over two years, each step on its own
    day), so that services stamp, audit and compute deadlines on the day of each event. Also
    moves Django's ``timezone.now`` (what ``auto_now_add`` fields read) for the block.
    Single-threaded loaders only: never in a request, a task or a test (tests use time-machine).
    """
    real = timezone.now
    offset = to - real()
    timezone.now = lambda: real() + offset
    try:
        yield
    finally:
        timezone.now = real


def today(tz: str | datetime.tzinfo | None = None) -> datetime.date:
    """Today's date in ``tz`` (a zone name such as ``"Europe/Oslo"`` or a tzinfo);
    in the deployment's ``TIME_ZONE`` when not given."""
    return local_date(now(), tz)


def local_date(instant: datetime.datetime, tz: str | datetime.tzinfo | None = None) -> datetime.date:
    """The date ``instant`` falls on in ``tz`` (the deployment's zone when not given)."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return timezone.localtime(instant, zone).date()


#: The years ERMS accepts in any date it is given (forms, API, services): beyond them date
#: arithmetic overflows, and no employee-relations record is that old or that far ahead.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def require_year_in_range(day: datetime.date, *, field: str | None = None) -> None:
    """Refuse (``ApplicationError`` on ``field``) a date outside ``EARLIEST_YEAR``–``LATEST_YEAR``."""
    from erms.lib.errors import ApplicationError

    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ApplicationError(
            _("Give a date between the years %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            field=field,
        )
