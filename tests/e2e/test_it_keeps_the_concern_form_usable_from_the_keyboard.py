"""The concern form from the keyboard: Enter on a search result picks that person (it does not send the
concern), an arrow key on the header's language select changes nothing until its button is pressed (so
what was typed survives), and a refused submit puts the focus on an error summary at the top whose links
lead to the fields."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from cases.models import Concern
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


def test_it_keeps_the_concern_form_usable_from_the_keyboard(page, liam, sam):
    log_in(page, "liam@example.com")
    page.goto("/cases/concerns/new/")
    page.wait_for_load_state("load")  # htmx (deferred) must be listening before we type
    page.fill("#id_description", "Sam shouted at a customer.")

    # Enter on a search result picks the person and sends nothing.
    page.fill("#id_about", "Sam")
    result = page.locator(".picker-results label", has_text="Sam Subject").locator("input")
    expect(result).to_be_visible()
    result.focus()
    page.keyboard.press("Enter")
    chosen = page.locator(".picker-selected .chip", has_text="Sam Subject")
    expect(chosen.locator("input")).to_be_checked()
    expect(page.locator("#id_description")).to_have_value("Sam shouted at a customer.")
    assert not Concern.objects.exists()

    # An arrow key on the language select does not reload the page.
    page.focus("#language-select")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    expect(page.locator("#id_description")).to_have_value("Sam shouted at a customer.")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Sent without a category: the summary at the top has the focus and leads to the field.
    page.get_by_role("button", name="Send to HR").click()
    page.wait_for_load_state("load")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.get_by_role("link", name="Category")
    expect(link).to_have_attribute("href", "#id_category")
    link.click()
    expect(page.locator("#id_category")).to_be_focused()
    assert not Concern.objects.exists()
