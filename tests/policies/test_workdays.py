"""Date arithmetic against the worked and acceptance examples of DOMAIN.md."""

import datetime

import pytest

from erms.lib import workdays
from erms.lib.workdays import (
    CALENDAR_DAYS,
    EXCLUDES_TRIGGER_DAY,
    FROM_NEXT_MONTH_START,
    INCLUDES_TRIGGER_DAY,
    MONTHS,
    WEEKS,
    WORKING_DAYS,
    add_months,
    due_date,
    end_of_day_utc,
    latest_trigger,
)
from tests.days import DATE_SENSITIVE

pytestmark = pytest.mark.days(*DATE_SENSITIVE)

D = datetime.date


def test_e1_companion_window_in_england_skips_good_friday_and_easter_monday():
    result = due_date(D(2026, 4, 1), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "GB-ENG")
    assert result.due == D(2026, 4, 10)
    assert [(s.date, s.reason) for s in result.skipped] == [
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 4, 4), "Saturday"),
        (D(2026, 4, 5), "Sunday"),
        (D(2026, 4, 6), "Easter Monday"),
    ]


def test_e1_companion_window_in_scotland_ends_a_day_earlier_without_easter_monday():
    assert due_date(D(2026, 4, 1), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "GB-SCT").due == D(2026, 4, 9)


def test_e2_tribunal_limit_is_three_months_less_one_day():
    assert due_date(D(2026, 5, 15), 3, MONTHS, INCLUDES_TRIGGER_DAY, "GB-ENG").due == D(2026, 8, 14)


def test_e3_vietnam_limitation_dates():
    assert due_date(D(2026, 2, 10), 6, MONTHS, EXCLUDES_TRIGGER_DAY, "VN").due == D(2026, 8, 10)
    assert due_date(D(2026, 2, 10), 12, MONTHS, EXCLUDES_TRIGGER_DAY, "VN").due == D(2027, 2, 10)


def test_e3_meeting_on_3_november_needs_notice_by_27_october():
    assert latest_trigger(D(2026, 11, 3), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "VN") == D(2026, 10, 27)
    assert due_date(D(2026, 10, 27), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "VN").due == D(2026, 11, 3)
    assert due_date(D(2026, 10, 28), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "VN").due == D(2026, 11, 4)


def test_e4_eeoc_risk_dates_and_veterans_day_is_not_moved():
    assert due_date(D(2026, 1, 15), 180, CALENDAR_DAYS, EXCLUDES_TRIGGER_DAY, "US-NY").due == D(2026, 7, 14)
    result = due_date(D(2026, 1, 15), 300, CALENDAR_DAYS, EXCLUDES_TRIGGER_DAY, "US-NY")
    assert result.due == D(2026, 11, 11)
    assert result.falls_on is not None and result.falls_on.reason == "Veterans Day"


def test_e4_warn_notices_for_a_first_loss_on_1_june_are_due_by_2_april():
    assert latest_trigger(D(2026, 6, 1), 60, CALENDAR_DAYS, EXCLUDES_TRIGGER_DAY, "US-NY") == D(2026, 4, 2)


def test_e5_norway_dates():
    assert due_date(D(2026, 1, 20), 2, MONTHS, FROM_NEXT_MONTH_START, "NO").due == D(2026, 3, 31)
    assert due_date(D(2026, 1, 20), 2, WEEKS, EXCLUDES_TRIGGER_DAY, "NO").due == D(2026, 2, 3)
    assert due_date(D(2026, 2, 2), 2, WEEKS, EXCLUDES_TRIGGER_DAY, "NO").due == D(2026, 2, 16)
    assert due_date(D(2026, 2, 10), 2, WEEKS, EXCLUDES_TRIGGER_DAY, "NO").due == D(2026, 2, 24)
    assert due_date(D(2026, 2, 24), 8, WEEKS, EXCLUDES_TRIGGER_DAY, "NO").due == D(2026, 4, 21)
    assert due_date(D(2026, 2, 24), 6, MONTHS, EXCLUDES_TRIGGER_DAY, "NO").due == D(2026, 8, 24)


def test_it_ac_01_earliest_hearing_after_five_working_days_notice_is_monday_9_march():
    assert due_date(D(2026, 3, 2), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "GB-ENG").due == D(2026, 3, 9)


def test_it_ac_05_twelve_month_warning_issued_16_march_is_live_through_15_march_next_year():
    assert due_date(D(2026, 3, 16), 12, MONTHS, INCLUDES_TRIGGER_DAY, "GB-ENG").due == D(2027, 3, 15)


def test_it_ac_13_vietnam_reprimand_and_suspension_dates():
    assert due_date(D(2026, 3, 16), 3, MONTHS, EXCLUDES_TRIGGER_DAY, "VN").due == D(2026, 6, 16)
    assert due_date(D(2026, 6, 1), 15, CALENDAR_DAYS, INCLUDES_TRIGGER_DAY, "VN").due == D(2026, 6, 15)
    assert due_date(D(2026, 6, 1), 90, CALENDAR_DAYS, INCLUDES_TRIGGER_DAY, "VN").due == D(2026, 8, 29)


def test_due_instant_is_end_of_local_day_across_the_london_clock_change():
    assert end_of_day_utc(D(2026, 3, 29), "Europe/London") == datetime.datetime(
        2026, 3, 29, 22, 59, 59, tzinfo=datetime.UTC
    )
    assert end_of_day_utc(D(2026, 3, 28), "Europe/London") == datetime.datetime(
        2026, 3, 28, 23, 59, 59, tzinfo=datetime.UTC
    )


def test_a_letter_sent_late_in_the_utc_evening_is_dated_next_day_in_vietnam():
    sent = datetime.datetime(2026, 10, 28, 23, 30, tzinfo=datetime.UTC)
    assert workdays.local_date(sent, "Asia/Ho_Chi_Minh") == D(2026, 10, 29)
    assert workdays.local_date(sent, "Europe/London") == D(2026, 10, 28)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
    ],
)
def test_months_keep_the_day_number_clamped_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_closure_days_are_skipped_with_their_reason():
    closures = {D(2026, 3, 4): "Office move"}
    result = due_date(D(2026, 3, 2), 5, WORKING_DAYS, EXCLUDES_TRIGGER_DAY, "GB-ENG", closures)
    assert result.due == D(2026, 3, 10)
    assert [(s.kind, s.reason) for s in result.skipped][0] == ("closure", "Office move")


def test_a_six_day_working_week_counts_saturdays():
    result = due_date(D(2026, 3, 2), 5, WORKING_DAYS, region="VN", working_week=workdays.MONDAY_TO_SATURDAY)
    assert result.due == D(2026, 3, 7)


def test_roll_forward_moves_an_end_on_a_holiday_to_the_next_working_day():
    result = due_date(D(2026, 1, 15), 300, CALENDAR_DAYS, region="US-NY", roll_forward=True)
    assert result.due == D(2026, 11, 12)


def test_unknown_regions_are_refused():
    with pytest.raises(workdays.UnknownRegion):
        due_date(D(2026, 1, 1), 5, WORKING_DAYS, region="GB-XXX")
    with pytest.raises(workdays.UnknownRegion):
        due_date(D(2026, 1, 1), 5, CALENDAR_DAYS, region="FR")


def test_it_rule_5_roll_forward_keeps_the_unmoved_end_and_without_it_nothing_moves():
    rolled = due_date(D(2026, 1, 15), 300, CALENDAR_DAYS, region="US-NY", roll_forward=True)
    assert (rolled.due, rolled.unmoved, rolled.falls_on) == (D(2026, 11, 12), D(2026, 11, 11), None)
    kept = due_date(D(2026, 1, 15), 300, CALENDAR_DAYS, region="US-NY")
    assert (kept.due, kept.unmoved) == (D(2026, 11, 11), None)
