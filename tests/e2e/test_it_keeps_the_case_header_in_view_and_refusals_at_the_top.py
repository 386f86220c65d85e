"""The case page at 1366×900: its header stays in view while the user scrolls, the in-page nav and the
actions menu lead to their section and form without hiding them under the header, a refused action's
summary is the first thing seen and focused, the letter composer shows whole letter names, and list pages use the width so references stay on one line."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services
from cases.models import CaseKind, PartyRole
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def wide(page):
    page.set_viewport_size({"width": 1366, "height": 900})
    return page


def _header_bottom(page) -> float:
    return (
        page.locator(".case-header").bounding_box()["y"]
        + page.locator(".case-header").bounding_box()["height"]
    )


def _visible_below_header(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None
    assert _header_bottom(page) <= box["y"] + 1 and box["y"] < 900, (selector, box, _header_bottom(page))


def test_it_keeps_the_case_header_in_view_and_refusals_at_the_top(
    wide, screenshot, hana, ivan, sam, london, operations
):
    page = wide
    case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Conduct: Sam Subject",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    for n in range(12):
        services.note_add(actor=hana, case=case, body=f"Note {n}: spoke to the store manager.")
    log_in(page, "hana@example.com")
    page.goto(case.get_absolute_url())
    page.wait_for_load_state("load")
    expect(page.locator(".letter-composer select[name=kind]")).to_be_visible()

    # The letter composer's select is wide enough for the longest letter name.
    widest = page.locator(".letter-composer select[name=kind]").evaluate(
        """select => {
            const pen = document.createElement("canvas").getContext("2d");
            pen.font = getComputedStyle(select).font;
            return Math.max(...[...select.options].map(o => pen.measureText(o.text).width)) - select.clientWidth;
        }"""
    )
    assert widest < -24, widest  # room left for the arrow

    # Scrolled to the bottom, the header is still at the top of the window.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    header = page.locator(".case-header")
    expect(header).to_be_in_viewport()
    assert header.bounding_box()["y"] == 0
    expect(header).to_contain_text(case.reference)

    # The in-page nav lands each section just below the header.
    page.locator(".case-nav a", has_text="Meetings").click()
    page.wait_for_timeout(200)
    _visible_below_header(page, "#meetings h2")

    # The actions menu closes with Escape; it opens the action's form where it belongs, ready to type in.
    page.locator(".case-menu summary").click()
    expect(page.locator(".case-menu")).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(page.locator(".case-menu")).not_to_have_attribute("open", "")
    expect(page.locator(".case-menu summary")).to_be_focused()
    page.locator(".case-menu summary").click()
    page.locator(".case-menu a", has_text="Schedule a meeting").click()
    meeting = page.locator("#action-meeting")
    expect(meeting).to_have_attribute("open", "")
    expect(page.locator(".case-menu")).not_to_have_attribute("open", "")
    _visible_below_header(page, "#action-meeting summary")

    # A refused hearing: the summary at the top has the focus; its link leads to the field.
    when = timezone.localtime() + datetime.timedelta(days=14)
    meeting.locator("select[name=kind]").select_option("disciplinary_hearing")
    meeting.locator("input[name=scheduled_for]").fill(when.strftime("%Y-%m-%dT%H:%M"))
    meeting.locator("select[name=chair]").select_option(label="Ivan Investigator")
    meeting.locator("input[name=notice_sent_on]").fill(timezone.localdate().isoformat())
    meeting.locator("input[name=place]").fill("Room 4")
    meeting.get_by_role("button", name="Schedule").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("cannot chair its hearing")
    summary.locator("a", has_text="cannot chair").click()
    chair = page.locator("#action-meeting select[name=chair]")
    expect(chair).to_be_focused()
    _visible_below_header(page, "#action-meeting select[name=chair]")
    expect(page.locator("#action-meeting input[name=place]")).to_have_value("Room 4")
    page.screenshot(path=str(screenshot("case_page_wide").with_name("case_page_refused_viewport.png")))

    # The case list uses the wide screen; a reference stays on one line.
    page.goto("/cases/")
    ref = page.locator("table.list td.ref a").first
    line = float(ref.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || e.offsetHeight"))
    assert ref.bounding_box()["height"] <= line * 1.5
    assert page.locator("main.content").bounding_box()["width"] > 1250
    screenshot("case_list_wide")
