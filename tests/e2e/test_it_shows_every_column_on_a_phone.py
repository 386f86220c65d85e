"""On a phone (390×844) a list's rows stack as cards, each cell on its own line after its column's name,
so the columns that matter (status, next deadline, the documents' Download link, what changed, a rule's
citation) are on the screen, not past its right edge; the deadline calendar shows every day that has a
deadline, the weekend included. On a desktop the lists stay tables. Every cell of a list names its
column (``data-label``) with its header's words."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from cases import services
from cases.models import Case
from deadlines import services as deadline_services
from erms.lib import clock
from policies.models import Rule
from tests.e2e.conftest import log_in
from tests.e2e.pages_world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
#: How the rules page words a rule's status.
RULE_STATUS = {
    "verified": "Checked against its source",
    "unverified": "Not yet checked against its source",
    "inactive": "Switched off",
}
DESKTOP = {"width": 1366, "height": 900}

#: Where each cell lies, its words and its column's name; cells of a lone message row are left out.
CELLS = """(selector) => Array.from(document.querySelectorAll(selector)).map(cell => {
  const box = cell.getBoundingClientRect();
  const table = cell.closest("table");
  const heads = Array.from(table.querySelectorAll("thead th"));
  const column = heads[Array.from(cell.parentElement.children).indexOf(cell)];
  return {text: cell.innerText.trim(), left: box.left, right: box.right, width: box.width,
          label: cell.getAttribute("data-label"), header: column ? column.innerText.trim() : null,
          colspan: cell.hasAttribute("colspan")};
})"""


def _sunday_this_month() -> datetime.date:
    today = clock.today()
    last = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - 6) % 7)


def _cells(page, selector: str) -> list[dict]:
    return [c for c in page.evaluate(CELLS, selector) if not c["colspan"]]


def _off_screen(page, where: str, selector: str, wanted: str) -> list[str]:
    """The cells under ``selector`` holding ``wanted`` that are not wholly on the phone's screen."""
    cells = [c for c in _cells(page, selector) if wanted in c["text"]]
    if not cells:
        return [f"{where}: no cell holds {wanted!r} ({selector})"]
    return [
        f"{where}: {wanted!r} lies at {c['left']:.0f}–{c['right']:.0f} px, past the {PHONE['width']} px screen"
        for c in cells
        if c["right"] > PHONE["width"] or c["left"] < 0 or c["width"] == 0
    ]


#: Each labelled cell's height and its column name's: the name must sit inside its own cell.
LABEL_FITS = """(selector) => Array.from(document.querySelectorAll(selector)).filter(td => td.dataset.label)
  .map(td => ({label: td.dataset.label, name: parseFloat(getComputedStyle(td, "::before").height) || 0,
               cell: td.getBoundingClientRect().height}))"""


def _labels_overlap(page, where: str, selector: str) -> list[str]:
    """Cells whose column name (on a phone, shown before the value) runs out of the cell into the next."""
    return [
        f"{where}: the column name {c['label']!r} ({c['name']:.0f} px) runs out of its cell ({c['cell']:.0f} px)"
        for c in page.evaluate(LABEL_FITS, selector)
        if c["name"] > c["cell"] + 0.5
    ]


def _unlabelled(page, where: str) -> list[str]:
    """The columns of a list with a cell whose data-label is not the column header's words."""
    wrong = {
        (c["header"], c["label"])
        for c in _cells(page, "table.list tbody td")
        if c["header"] is not None and (c["label"] or "") != c["header"]
    }
    return [
        f"{where}: cells of the column {h!r} are labelled {label!r}" for h, label in sorted(wrong, key=str)
    ]


def test_it_shows_every_column_on_a_phone(
    page, screenshot, ada, hana, erin, liam, sam, rita, london, operations
):
    build_world(
        ada=ada, hana=hana, erin=erin, liam=liam, sam=sam, rita=rita, london=london, operations=operations
    )
    case = Case.objects.get(title="Rota grievance")
    sunday = _sunday_this_month()
    with transaction.atomic():
        services.document_store(
            actor=hana,
            case=case,
            title="Rota",
            file=SimpleUploadedFile("rota.txt", b"Early shifts: Sam, Sam, Sam."),
        )
        deadline_services.deadline_set(
            owner_type="cases.case",
            owner_id=case.pk,
            key="phone_check",
            title="Answer the grievance",
            due_on=sunday,
            time_zone="Europe/London",
            responsible=hana,
            actor=hana,
        )
    rule = Rule.objects.get(rule_id="GB-ACC-002")
    hr, lead = "hana@example.com", "erin@example.com"
    checks = [
        ("case-list", hr, "/cases/", "table.cases tbody td", ["Hearing", "Overdue"]),
        (
            "my-work",
            hr,
            "/cases/my-work/",
            "table.list tbody td",
            ["Hearing", "Overdue", "Answer the grievance"],
        ),
        ("case", hr, case.get_absolute_url(), "#documents table tbody td", ["Download", "Preview"]),
        (
            "rules",
            hr,
            "/policies/rules/",
            "table.list tbody td",
            [rule.display_citation, RULE_STATUS[rule.status]],
        ),
        ("audit", lead, f"/cases/{case.pk}/audit/", "table.audit-log tbody td", ["Title: "]),
    ]
    problems: list[str] = []
    signed_in = None
    for name, email, path, selector, wanted in checks:
        if email != signed_in:
            page.context.clear_cookies()
            page.set_viewport_size(DESKTOP)
            log_in(page, email)
            signed_in = email
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(150)
            screenshot(f"{name}-{size}")
            if size == "phone":
                for words in wanted:
                    problems += _off_screen(page, name, selector, words)
            else:
                problems += _unlabelled(page, name)
                display = page.evaluate(
                    "getComputedStyle(document.querySelector('table.list tbody tr')).display"
                )
                if display != "table-row":
                    problems.append(f"{name} (desktop): a list row shows as {display!r}, not as a table row")

    page.context.clear_cookies()
    log_in(page, hr)
    page.set_viewport_size(PHONE)
    page.goto("/deadlines/")
    page.wait_for_load_state("load")
    screenshot("calendar-phone")
    entry = page.locator("table.calendar li.deadline", has_text="Answer the grievance")
    if entry.count() != 1 or not entry.is_visible():
        problems.append(f"calendar: the deadline on Sunday {sunday} is not shown")
    else:
        box = entry.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > PHONE["width"]:
            problems.append(f"calendar: the deadline on Sunday {sunday} lies off the screen ({box})")
        day = (
            page.locator("table.calendar td")
            .filter(has=page.locator("li.deadline", has_text="Answer the grievance"))
            .inner_text()
        )
        if "Sun" not in day or str(sunday.day) not in day:
            problems.append(f"calendar: the day of the Sunday deadline does not read as Sunday: {day!r}")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"calendar: the page scrolls sideways ({width} px wide)")
    # Vietnamese column names are long ("Người chịu trách nhiệm", "Thời hạn kế tiếp"): each stays in its cell.
    hana.language = "vi"
    hana.save(update_fields=["language"])
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    log_in(page, hr)
    page.set_viewport_size(PHONE)
    for name, path in (("case-list (vi)", "/cases/"), ("my-work (vi)", "/cases/my-work/")):
        page.goto(path)
        page.wait_for_load_state("load")
        screenshot(f"{name}-phone")
        problems += _labels_overlap(page, name, "table.list tbody td")
    assert not problems, "\n".join(problems)
