"""A concern's whole journey through the browser: a line manager raises it, HR triages it into
a case, and the line manager follows it without ever seeing the case itself."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case, Concern, ConcernStatus
from tests.e2e.conftest import log_in

# serialized_rollback: the live server needs committed rows, and the role groups made by the data
# migrations must be back for the tests that run after this one.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REFERENCE = re.compile(r"ER-\d{4}-\d{5}")


@pytest.fixture
def new_tab(browser, live_server) -> Iterator[Callable[[], Page]]:
    """Opens pages in fresh browser contexts, so a second person has their own cookies."""
    contexts = []

    def open_tab() -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 800}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    """Assertions wait as long as actions do (10 s), so a busy machine does not fail the journey."""
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


def _current_step(page: Page):
    return page.locator(".card.concern .steps li[aria-current=step]")


def test_a_concern_raised_by_a_line_manager_becomes_a_case_he_cannot_see(
    page, new_tab, tmp_path, liam, sam, hana
):
    evidence = tmp_path / "what-i-saw.txt"
    evidence.write_text("Sam shouted at a customer at the till on Monday morning.\n", encoding="utf-8")

    # Liam raises the concern through the form, finding Sam with the search picker.
    log_in(page, "liam@example.com")
    page.locator("nav.main-nav").get_by_role("link", name="Raise a concern").click()
    expect(page.locator("h1")).to_have_text("Raise a concern")
    page.wait_for_load_state("load")  # htmx (deferred) must be listening before we type
    page.fill("#id_about", "Sam")
    result = page.locator(".picker-results label", has_text="Sam Subject")
    expect(result).to_be_visible()
    result.locator("input").check()
    chosen = page.locator(".picker-selected .chip", has_text="Sam Subject")
    expect(chosen).to_be_visible()
    expect(chosen.locator("input")).to_be_checked()
    expect(page.locator(".picker-results li")).to_have_count(0)
    page.select_option("#id_category", "conduct")
    page.fill("#id_description", "Sam shouted at a customer in front of the team.")
    page.fill("#id_place", "Shop floor")
    page.fill("#id_witnesses", "Two colleagues at the till")
    page.set_input_files("#id_attachments", str(evidence))
    page.get_by_role("button", name="Send to HR").click()

    expect(page).to_have_url(re.compile(r"/cases/concerns/mine/$"))
    concern = Concern.objects.get(raised_by=liam)
    assert list(concern.about.all()) == [sam.employee_record]
    assert concern.attachments.get().original_name == "what-i-saw.txt"
    expect(page.locator("body")).to_contain_text(f"Concern {concern.reference} received")
    expect(page.locator(".card.concern h2 a")).to_have_text(concern.reference)
    expect(_current_step(page)).to_have_text("Received")

    # Hana triages it in her own browser session.
    hr = new_tab()
    log_in(hr, "hana@example.com")
    hr.locator("nav.main-nav").get_by_role("link", name="Triage").click()
    row = hr.locator("table.list tbody tr", has_text=concern.reference)
    expect(row).to_contain_text("Sam Subject")
    expect(row).to_contain_text("Received")
    row.get_by_role("link", name=concern.reference).click()
    expect(hr.locator("h1")).to_contain_text("Under review")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.UNDER_REVIEW
    expect(hr.locator(".card", has_text="Attachments")).to_contain_text("what-i-saw.txt")

    hr.locator("details.action summary", has_text="Accept into a new case").click()
    accept = hr.locator("details.action", has_text="Accept into a new case")
    accept.locator("select[name=kind]").select_option("disciplinary")
    accept.locator("select[name=case_manager]").select_option(label="Hana Case")
    accept.locator("textarea[name=reason]").fill("Customer-facing misconduct needs a formal process.")
    accept.get_by_role("button", name="Open the case").click()

    expect(hr).to_have_url(re.compile(r"/cases/\d+/$"))  # the case page, so the case exists by now
    case = Case.objects.get()
    assert REFERENCE.fullmatch(case.reference)
    expect(hr).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    expect(hr.locator("h1 .reference")).to_have_text(case.reference)
    expect(hr.locator("#parties tbody tr", has_text="Sam Subject")).to_contain_text("Subject")
    expect(hr.locator("#documents")).to_contain_text("what-i-saw.txt")
    expect(hr.locator("#facts")).to_contain_text(concern.reference)

    # Liam sees the decision, and nothing of the case.
    page.reload()
    expect(_current_step(page)).to_have_text("Case opened")
    body = page.locator("main, body").first
    expect(body).not_to_contain_text(case.reference)
    expect(body).not_to_contain_text("formal process")
    expect(page.locator(f'a[href$="/cases/{case.pk}/"]')).to_have_count(0)
    page.get_by_role("link", name=concern.reference).click()
    expect(page.locator("h1")).to_contain_text("Case opened")
    expect(page.locator("body")).not_to_contain_text(case.reference)
    expect(page.locator(f'a[href$="/cases/{case.pk}/"]')).to_have_count(0)
    response = page.goto(f"/cases/{case.pk}/")
    assert response is not None and response.status == 404
    expect(page.locator("body")).not_to_contain_text("Sam shouted")
