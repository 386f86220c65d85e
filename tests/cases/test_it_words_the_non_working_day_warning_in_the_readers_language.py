"""The warning beside a meeting planned on a non-working day reads as a sentence for the reader:
a plain badge rather than an internal code, the day in the reader's own date format and the
region by its name (England, Anh), never "WORKING-DAY" or "GB-ENG"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from cases.models import CaseKind, MeetingKind, PartyRole
from tests.cases.case_steps import open_case, schedule
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

BANK_HOLIDAY = datetime.date(2026, 12, 28)  # a Monday: England's substitute day for Boxing Day
EXPECTED = {
    "en": ("Mon 28 Dec 2026", "England"),
    "nb": ("man 28. des. 2026", "England"),
    "vi": ("Thứ 2, 28/12/2026", "Anh"),
}


@pytest.mark.parametrize("language", ["en", "nb", "vi"])
def test_it_words_the_non_working_day_warning_in_the_readers_language(
    client, language, hana, erin, sam, london, operations
):
    case = open_case(hana, sam.employee_record, london, operations, CaseKind.GRIEVANCE, PartyRole.COMPLAINANT)
    meeting = schedule(
        hana, erin, case, BANK_HOLIDAY, MeetingKind.GRIEVANCE_MEETING, notice=datetime.date(2026, 12, 1)
    )
    [warning] = meeting.warnings
    day, region = EXPECTED[language]
    with translation.override(language):
        assert date_format(BANK_HOLIDAY, "DAY_DATE_FORMAT") == day
        message = str(warning.message)
    assert day in message and region in message, message
    assert "GB-ENG" not in message

    hana.language = language
    hana.save(update_fields=["language"])
    client.force_login(hana)
    with translation.override("en"):  # the page activates the reader's language; leave "en" for the next test
        url = reverse("cases:case_detail", args=[case.pk])
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert day in page and region in page
    assert "WORKING-DAY" not in page
    assert "GB-ENG" not in page
    assert "28 desember" not in page and "Tháng 12" not in page
