"""Date arithmetic for deadlines: calendar days, weeks, months and working days.

Pure functions, no database. Follows "How deadlines are computed" in DOMAIN.md:
dates are local dates; the trigger is day 0 unless the period *includes* the trigger
day; months keep the day number, clamped to the month end; working days skip the
working week's rest days, public holidays (the pinned ``holidays`` package) and the
organisation closure days the caller passes in; an end date on a non-working day is
not moved unless ``roll_forward`` is set; the due instant is the end of the local due
date, converted to UTC.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, gettext_lazy

from erms.lib import holiday_names

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
WEEKS = "weeks"
MONTHS = "months"
UNITS = (CALENDAR_DAYS, WORKING_DAYS, WEEKS, MONTHS)

EXCLUDES_TRIGGER_DAY = "excludes_trigger_day"
INCLUDES_TRIGGER_DAY = "includes_trigger_day"
# Norwegian notice periods run from the first day of the month after receipt (aml §15-3).
FROM_NEXT_MONTH_START = "from_next_month_start"
COUNTINGS = (EXCLUDES_TRIGGER_DAY, INCLUDES_TRIGGER_DAY, FROM_NEXT_MONTH_START)

MONDAY_TO_FRIDAY: frozenset[int] = frozenset({0, 1, 2, 3, 4})
MONDAY_TO_SATURDAY: frozenset[int] = frozenset({0, 1, 2, 3, 4, 5})

GB_REGIONS = {"GB-ENG": "ENG", "GB-WLS": "WLS", "GB-SCT": "SCT"}
#: The region a country's dates are counted in when a location names none (the US has no
#: federal calendar default: each state is its own region).
DEFAULT_REGIONS = {"GB": "GB-ENG", "NO": "NO", "VN": "VN"}

# Time zone of the region when the caller has no location time zone. For US states
# spanning zones this is the zone most of the state's population lives in.
_US_STATE_ZONES = {
    "AK": "America/Anchorage",
    "AL": "America/Chicago",
    "AR": "America/Chicago",
    "AS": "Pacific/Pago_Pago",
    "AZ": "America/Phoenix",
    "CA": "America/Los_Angeles",
    "CO": "America/Denver",
    "CT": "America/New_York",
    "DC": "America/New_York",
    "DE": "America/New_York",
    "FL": "America/New_York",
    "GA": "America/New_York",
    "GU": "Pacific/Guam",
    "HI": "Pacific/Honolulu",
    "IA": "America/Chicago",
    "ID": "America/Boise",
    "IL": "America/Chicago",
    "IN": "America/Indiana/Indianapolis",
    "KS": "America/Chicago",
    "KY": "America/New_York",
    "LA": "America/Chicago",
    "MA": "America/New_York",
    "MD": "America/New_York",
    "ME": "America/New_York",
    "MI": "America/Detroit",
    "MN": "America/Chicago",
    "MO": "America/Chicago",
    "MP": "Pacific/Saipan",
    "MS": "America/Chicago",
    "MT": "America/Denver",
    "NC": "America/New_York",
    "ND": "America/Chicago",
    "NE": "America/Chicago",
    "NH": "America/New_York",
    "NJ": "America/New_York",
    "NM": "America/Denver",
    "NV": "America/Los_Angeles",
    "NY": "America/New_York",
    "OH": "America/New_York",
    "OK": "America/Chicago",
    "OR": "America/Los_Angeles",
    "PA": "America/New_York",
    "PR": "America/Puerto_Rico",
    "RI": "America/New_York",
    "SC": "America/New_York",
    "SD": "America/Chicago",
    "TN": "America/Chicago",
    "TX": "America/Chicago",
    "UM": "Pacific/Wake",
    "UT": "America/Denver",
    "VA": "America/New_York",
    "VI": "America/St_Thomas",
    "VT": "America/New_York",
    "WA": "America/Los_Angeles",
    "WI": "America/Chicago",
    "WV": "America/New_York",
    "WY": "America/Denver",
}
_COUNTRY_ZONES = {"GB": "Europe/London", "NO": "Europe/Oslo", "VN": "Asia/Ho_Chi_Minh"}


class UnknownRegion(ValueError):
    """The region code is not one ERMS keeps a calendar for."""


@dataclass(frozen=True)
class SkippedDay:
    date: datetime.date
    kind: str  # "weekend", "holiday" or "closure"
    reason: str  # the weekday's or the holiday's name, in the language active when it was computed

    @property
    def kind_label(self) -> str:
        return {"weekend": gettext("rest day"), "holiday": gettext("public holiday")}.get(
            self.kind, gettext("organisation closure")
        )


@dataclass(frozen=True)
class DueDate:
    due: datetime.date
    skipped: list[SkippedDay] = field(default_factory=list)
    # Set when the due date itself is not a working day and was not moved.
    falls_on: SkippedDay | None = None
    # Set when a ``roll_forward`` rule moved the due date: the end before it was moved.
    unmoved: datetime.date | None = None


def region_country(region: str) -> str:
    """``GB-ENG`` → ``GB``; ``NO`` → ``NO``. Raises ``UnknownRegion`` for codes ERMS has no calendar for."""
    code = (region or "").strip().upper()
    if code in GB_REGIONS:
        return "GB"
    if code in {"NO", "VN"}:
        return code
    if code.startswith("US-") and code[3:] in _US_STATE_ZONES:
        return "US"
    raise UnknownRegion(region)


def valid_regions() -> list[str]:
    return [*GB_REGIONS, "NO", "VN", *(f"US-{state}" for state in sorted(_US_STATE_ZONES))]


_REGION_NAMES = {
    "GB-ENG": gettext_lazy("England"),
    "GB-WLS": gettext_lazy("Wales"),
    "GB-SCT": gettext_lazy("Scotland"),
    "NO": gettext_lazy("Norway"),
    "VN": gettext_lazy("Vietnam"),
}


def region_name(region: str) -> str:
    """A region's name for people ("England", "New York"), in the reader's language where it
    has one; the code itself for a region ERMS has no name for."""
    code = (region or "").strip().upper()
    if code in _REGION_NAMES:
        return str(_REGION_NAMES[code])
    if code.startswith("US-"):
        return _us_state_names().get(code[3:], code)
    return code


@lru_cache(maxsize=1)
def _us_state_names() -> dict[str, str]:
    aliases = getattr(holidays.country_holidays("US"), "subdivisions_aliases", {})
    return {state: name for name, state in aliases.items()}


def region_time_zone(region: str) -> str:
    country = region_country(region)
    if country == "US":
        return _US_STATE_ZONES[region.strip().upper()[3:]]
    return _COUNTRY_ZONES[country]


# ERMS's languages in the ``holidays`` package, which names each country's holidays in some
# languages only (GB and the US: English only; Norway: also Norwegian; Vietnam: also Vietnamese).
_HOLIDAY_LANGUAGES = {"nb": "no", "vi": "vi"}


@lru_cache(maxsize=8)
def _holiday_language(country: str, language: str) -> str | None:
    """The package's language for ``language``, or ``None`` when it names this country's holidays
    only in English (then ERMS's own catalogue translates the English names: ``holiday_names``)."""
    supported = holidays.country_holidays(country).supported_languages
    wanted = _HOLIDAY_LANGUAGES.get(language)
    return wanted if wanted in supported else None


def _english(country: str) -> str:
    return "en_GB" if country == "GB" else "en_US"


@lru_cache(maxsize=128)
def _calendar(region: str, year: int, named_in: str | None = None) -> Mapping[datetime.date, str]:
    """The region's public holidays in ``year``, named in the package's language ``named_in``
    (``None``: English)."""
    country = region_country(region)
    code = region.strip().upper()
    options: dict[str, Any] = {"years": year, "language": named_in or _english(country)}
    if country == "GB":
        options["subdiv"] = GB_REGIONS[code]
    elif country == "US":
        options["subdiv"] = code[3:]
    elif country == "NO":
        options["include_sundays"] = False  # without this the package lists every Sunday as a holiday
    return dict(holidays.country_holidays(country, **options))


def public_holiday(region: str, day: datetime.date) -> str | None:
    """The holiday's name, in the active language, if ``day`` is a public holiday in ``region``."""
    language = translation.get_language() or "en"
    named_in = _holiday_language(region_country(region), language)
    name = _calendar(region, day.year, named_in).get(day)
    if name is None or named_in is not None or language == "en":
        return name
    return holiday_names.translate(name)


def public_holiday_name(region: str, day: datetime.date, language: str) -> str | None:
    """The holiday's name in ``language`` ("en", "nb", "vi"), ``None`` if ``day`` is no public
    holiday in ``region`` (``public_holiday`` in that language)."""
    with translation.override((language or "en").split("-")[0]):
        return public_holiday(region, day)


def non_working_reason(
    day: datetime.date,
    region: str,
    closures: Mapping[datetime.date, str] | None = None,
    working_week: Iterable[int] = MONDAY_TO_FRIDAY,
) -> SkippedDay | None:
    """Why ``day`` is not a working day, or ``None`` if it is one."""
    if day.weekday() not in set(working_week):
        return SkippedDay(day, "weekend", str(WEEKDAYS[day.weekday()]))
    name = public_holiday(region, day)
    if name:
        return SkippedDay(day, "holiday", name)
    if closures and day in closures:
        return SkippedDay(day, "closure", closures[day] or gettext("Organisation closure"))
    return None


def add_calendar_days(start: datetime.date, days: int) -> datetime.date:
    return start + datetime.timedelta(days=days)


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Same day number ``months`` later, clamped to the month end (31 Aug + 1 = 30 Sep)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_working_days(
    start: datetime.date,
    days: int,
    region: str,
    closures: Mapping[datetime.date, str] | None = None,
    working_week: Iterable[int] = MONDAY_TO_FRIDAY,
) -> DueDate:
    """Step forward from day 0 (``start``) counting only working days; negative steps back."""
    week = frozenset(working_week)
    if not week:
        raise ValueError("A working week needs at least one working day.")
    step = 1 if days >= 0 else -1
    remaining, day, skipped = abs(days), start, []
    while remaining:
        day += datetime.timedelta(days=step)
        reason = non_working_reason(day, region, closures, week)
        if reason:
            skipped.append(reason)
        else:
            remaining -= 1
    return DueDate(day, skipped)


def is_working_day(
    day: datetime.date,
    region: str,
    closures: Mapping[datetime.date, str] | None = None,
    working_week: Iterable[int] = MONDAY_TO_FRIDAY,
) -> bool:
    return non_working_reason(day, region, closures, working_week) is None


def due_date(
    start: datetime.date,
    number: int,
    unit: str,
    counting: str = EXCLUDES_TRIGGER_DAY,
    region: str = "GB-ENG",
    closures: Mapping[datetime.date, str] | None = None,
    *,
    working_week: Iterable[int] = MONDAY_TO_FRIDAY,
    roll_forward: bool = False,
) -> DueDate:
    """The last day of a period of ``number`` ``unit`` triggered on ``start``.

    For a minimum period (notice, consultation) the same date is the earliest allowed day.
    Raises ``UnknownRegion`` or ``ValueError`` for inputs it cannot count.
    """
    region_country(region)  # refuse an unknown region even for calendar units
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}.")
    if counting not in COUNTINGS:
        raise ValueError(f"Unknown counting {counting!r}.")
    if number < 0:
        raise ValueError("A period cannot be negative.")
    week = frozenset(working_week)

    base = start
    if counting == FROM_NEXT_MONTH_START:
        base = add_months(start.replace(day=1), 1)

    if unit == WORKING_DAYS:
        steps = number
        if counting != EXCLUDES_TRIGGER_DAY and number and is_working_day(base, region, closures, week):
            steps -= 1  # the base day itself is day 1
        return add_working_days(base, steps, region, closures, week)

    if unit == MONTHS:
        end = add_months(base, number)
    else:
        end = add_calendar_days(base, number * (7 if unit == WEEKS else 1))
    if counting != EXCLUDES_TRIGGER_DAY and number:
        end -= datetime.timedelta(days=1)

    falls_on = non_working_reason(end, region, closures, week)
    if falls_on and roll_forward:
        skipped = []
        while (reason := non_working_reason(end, region, closures, week)) is not None:
            skipped.append(reason)
            end += datetime.timedelta(days=1)
        return DueDate(end, skipped, unmoved=skipped[0].date)
    return DueDate(end, [], falls_on)


def latest_trigger(
    target: datetime.date,
    number: int,
    unit: str,
    counting: str = EXCLUDES_TRIGGER_DAY,
    region: str = "GB-ENG",
    closures: Mapping[datetime.date, str] | None = None,
    *,
    working_week: Iterable[int] = MONDAY_TO_FRIDAY,
) -> datetime.date:
    """The latest trigger date whose minimum period of ``number`` ``unit`` ends by ``target``.

    E.g. a meeting on ``target`` needing 5 working days' notice: the notice must be given
    by the returned date. Only ``excludes_trigger_day`` and ``includes_trigger_day`` apply.
    """
    if counting == FROM_NEXT_MONTH_START:
        raise ValueError("A period counted from the next month has no single latest trigger.")
    # Step back roughly, then walk forward to the last trigger that still fits.
    if unit == WORKING_DAYS:
        guess = add_working_days(target, -max(number, 0) - 1, region, closures, working_week).due
    elif unit == MONTHS:
        guess = add_months(target, -number) - datetime.timedelta(days=1)
    else:
        guess = target - datetime.timedelta(days=number * (7 if unit == WEEKS else 1) + 1)
    guess -= datetime.timedelta(days=3)
    best = None
    day = guess
    while day <= target:
        if due_date(day, number, unit, counting, region, closures, working_week=working_week).due <= target:
            best = day
        day += datetime.timedelta(days=1)
    if best is None:  # pragma: no cover - the rough step back always undershoots
        raise ValueError("No trigger date fits.")
    return best


def end_of_day_utc(day: datetime.date, time_zone: str) -> datetime.datetime:
    """The due instant: 23:59:59 local time on ``day``, as an aware UTC datetime.

    London 29 Mar 2026 (the spring clock change) ends 22:59:59 UTC; 28 Mar ends 23:59:59 UTC.
    """
    local = datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=ZoneInfo(time_zone))
    return local.astimezone(datetime.UTC)


def local_date(instant: datetime.datetime, time_zone: str) -> datetime.date:
    """The local calendar date of an aware instant (a letter e-mailed 23:30 UTC is dated next day in Hanoi)."""
    return instant.astimezone(ZoneInfo(time_zone)).date()
