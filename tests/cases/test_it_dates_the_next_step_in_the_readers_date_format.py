"""The next step's day is written in the reader's own date format, the one every other date on the
page uses ("ons. 16. des. 2026" in Norwegian, "Thứ 4, 16/12/2026" in Vietnamese), not an English
pattern with translated names ("ons 16 Des 2026")."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.next_step import case_next_step
from erms.templatetags.erms_dates import day_date
from tests.cases.lifecycle_steps import open_case, schedule_hearing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "nb", "vi"])
def test_it_dates_the_next_step_as_the_page_dates_everything_else(
    hana, erin, sam, london, operations, language
):
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)
    with translation.override(language):
        step = case_next_step(case)
        assert step.due is not None
        assert step.text.endswith(day_date(step.due)), step.text


def test_it_writes_the_norwegian_day_with_its_dots(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    schedule_hearing(hana, erin, case, days_ahead=7)
    with translation.override("nb"):
        text = case_next_step(case).text
    assert "16. des. 2026" in text and "Des" not in text
