"""The case page in a browser: adding an allegation, fair-notice refusals on a hearing, concurrent
edits refused with a clear message, and the timeline newest first."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Jurisdiction
from cases import services
from cases.models import Case, CaseKind, Meeting, PartyRole
from erms.lib import clock
from tests.days import ORDINARY, SATURDAY, TET_WEEK
from tests.e2e.conftest import log_in
from tests.factories import EmployeeFactory

# serialized_rollback: the live server needs committed rows, and the role groups made by the data
# migrations must be back for the tests that run after this one.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# VN-DISC-004: five working days' notice in Hanoi (Mon–Fri, Vietnamese public holidays), counted from
# the day after the invitation. The hearing's earliest date for an invitation sent on each test day:
EARLIEST_HEARING = {
    SATURDAY.name: datetime.date(2026, 12, 11),  # Sat 5 Dec → 7, 8, 9, 10, 11 Dec
    ORDINARY.name: datetime.date(2026, 12, 16),  # Wed 9 Dec → 10, 11, 14, 15, 16 Dec
    TET_WEEK.name: datetime.date(2026, 2, 27),  # Mon 16 Feb, Tết until Fri 20 Feb → 23–27 Feb
}
EARLIEST = re.compile(r"earliest date for the hearing is (\d{1,2} \w{3} \d{4})")


@pytest.fixture
def hanoi_case(hana, hanoi, operations) -> Case:
    """A disciplinary case in Vietnam, where a hearing needs five working days' notice (VN-DISC-004)."""
    minh = EmployeeFactory(first_name="Minh", last_name="Tran", location=hanoi, department=operations)
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Conduct: Minh Tran",
        case_manager=hana,
        location=hanoi,
        department=operations,
        parties=[(minh, PartyRole.SUBJECT)],
    )


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    """Assertions wait as long as actions do (10 s), so a busy machine does not fail the test."""
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("ERMS_E2E_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open_action(page: Page, summary: str):
    """Unfold the action whose summary reads ``summary`` and return its <details>."""
    action = page.locator("details.action").filter(has=page.locator("summary", has_text=summary))
    if action.get_attribute("open") is None:
        action.locator("summary").click()
    return action


@pytest.mark.days(SATURDAY, ORDINARY, TET_WEEK)
def test_a_case_manager_works_a_case_and_is_stopped_by_short_notice_and_a_stale_edit(
    page, shots, hana, erin, hanoi_case, london, operations, sam, clock_day
):
    case = hanoi_case
    assert case.jurisdiction == Jurisdiction.VN
    services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Pay: Sam Subject",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )
    log_in(page, "hana@example.com")
    page.goto(case.get_absolute_url())
    expect(page.locator("h1 .reference")).to_have_text(case.reference)

    # An allegation.
    allegation = _open_action(page, "Add an allegation")
    allegation.locator("select[name=category]").select_option("conduct")
    allegation.locator("textarea[name=description]").fill("Took cash from the till without recording it.")
    allegation.locator("input[name=incident_date]").fill(
        (clock.today() - datetime.timedelta(days=7)).isoformat()
    )
    allegation.get_by_role("button", name="Add allegation").click()
    expect(page.locator("body")).to_contain_text("Allegation added.")
    expect(page.locator("#allegations article.allegation")).to_contain_text("1. Conduct")
    expect(page.locator("#allegations article.allegation")).to_contain_text("No finding yet")

    # A hearing the day after the invitation is refused, naming the earliest lawful date.
    today = clock.today("Asia/Ho_Chi_Minh")
    assert today == clock_day.date
    meeting = _open_action(page, "Schedule a meeting")
    meeting.locator("select[name=kind]").select_option("disciplinary_hearing")
    meeting.locator("input[name=scheduled_for]").fill(f"{today + datetime.timedelta(days=1)}T10:00")
    meeting.locator("select[name=chair]").select_option(label="Erin Lead")
    meeting.locator("input[name=notice_sent_on]").fill(today.isoformat())
    meeting.locator("input[name=place]").fill("Hanoi office, room 2")
    meeting.get_by_role("button", name="Schedule").click()

    meeting = page.locator("#meetings details.action[open]")
    error = meeting.locator(".errorlist")
    expect(error).to_contain_text(
        "requires 5 working days' notice: with the invitation sent on " + f"{today.day} {today:%b %Y}"
    )
    match = EARLIEST.search(error.inner_text())
    assert match, error.inner_text()
    earliest = datetime.datetime.strptime(match.group(1), "%d %b %Y").date()
    assert earliest == EARLIEST_HEARING[clock_day.name]
    assert not Meeting.objects.filter(case=case).exists()
    # The refused form keeps what was typed; only the date changes.
    expect(meeting.locator("input[name=place]")).to_have_value("Hanoi office, room 2")
    meeting.locator("input[name=scheduled_for]").fill(f"{earliest}T10:00")
    meeting.get_by_role("button", name="Schedule").click()
    expect(page.locator("body")).to_contain_text("Meeting scheduled.")
    expect(page.locator("#meetings article.meeting")).to_contain_text("Disciplinary hearing")
    expect(page.locator("#meetings article.meeting")).to_contain_text(
        earliest.strftime("%-d %b %Y") + " 10:00"
    )
    assert Meeting.objects.get(case=case).scheduled_for.date() == earliest

    # Two tabs edit the title; the second one works from a stale version and is refused.
    other = page.context.new_page()
    other.goto(case.get_absolute_url())
    for tab in (page, other):
        _open_action(tab, "Edit title and summary")
    edit = page.locator("details.action", has=page.locator("summary", has_text="Edit title and summary"))
    edit.locator("input[name=title]").fill("Conduct: Minh Tran (cash handling)")
    edit.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Case updated.")
    expect(page.locator("h1")).to_contain_text("Conduct: Minh Tran (cash handling)")

    stale = other.locator("details.action", has=other.locator("summary", has_text="Edit title and summary"))
    stale.locator("input[name=title]").fill("Conduct: Minh Tran (overwritten)")
    stale.get_by_role("button", name="Save").click()
    refused = other.locator(
        "details.action[open]", has=other.locator("summary", has_text="Edit title and summary")
    )
    expect(refused.locator(".errorlist")).to_contain_text("Someone else changed this case")
    expect(other.locator("h1")).to_contain_text("Conduct: Minh Tran (cash handling)")
    case.refresh_from_db()
    assert case.title == "Conduct: Minh Tran (cash handling)"
    other.close()

    # A note, then the timeline reads newest first.
    note = _open_action(page, "Add a note")
    note.locator("textarea[name=body]").fill("Spoke to the store manager about the till records.")
    note.get_by_role("button", name="Add note").click()
    expect(page.locator("body")).to_contain_text("Note added.")
    entries = page.locator("#timeline ol.timeline > li")
    expect(entries.first).to_contain_text("Spoke to the store manager")
    texts = entries.all_inner_texts()
    position = {
        name: next(i for i, t in enumerate(texts) if needle in t)
        for name, needle in (
            ("note", "Spoke to the store manager"),
            ("meeting", "Disciplinary hearing scheduled"),
            ("allegation", "Allegation 1 added"),
            ("opened", "Case opened"),
        )
    }
    assert position["note"] < position["meeting"] < position["allegation"] < position["opened"], texts
    times = [
        datetime.datetime.fromisoformat(t)
        for t in entries.locator("time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    ]
    assert times == sorted(times, reverse=True)

    page.screenshot(path=str(shots / "case_page.png"), full_page=True)
    page.locator("nav.main-nav").get_by_role("link", name="Cases").click()
    expect(page.locator("table.list.cases tbody tr")).to_have_count(2)
    page.screenshot(path=str(shots / "case_list.png"), full_page=True)
