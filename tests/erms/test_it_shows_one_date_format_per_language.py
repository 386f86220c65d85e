"""Dates read the same way on every page, e-mail and letter of a language (erms/formats)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2026, 12, 5)
MOMENT = datetime.datetime(2026, 12, 5, 14, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "date", "moment", "with_weekday"),
    [
        ("en", "5 Dec 2026", "5 Dec 2026 14:30", "Sat 5 Dec 2026"),
        ("nb", "5. des. 2026", "5. des. 2026 14:30", "lør 5. des. 2026"),
        ("vi", "5/12/2026", "5/12/2026 14:30", "Thứ 7, 5/12/2026"),
    ],
)
def test_it_shows_one_date_format_per_language(language, date, moment, with_weekday):
    template = Template('{{ day|date }}|{{ day }}|{{ moment|date:"DATETIME_FORMAT" }}|{{ day|day_date }}')

    with translation.override(language):
        shown = template.render(Context({"day": DAY, "moment": MOMENT}))

    assert shown == f"{date}|{date}|{moment}|{with_weekday}"


# Formats a machine reads (URLs, <time datetime>, inputs) or a part of a date (a calendar's day).
_MACHINE_FORMATS = {"Y-m-d", "Y-m", "c", "Y", "j", "D"}
_NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT"}


def test_it_spells_no_date_format_out_in_a_template():
    spelled = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in _MACHINE_FORMATS | _NAMED:
                spelled.append(f"{path.name}: {fmt}")

    assert not spelled, f"use |date, |date:'DATETIME_FORMAT' or |day_date instead: {spelled}"
