"""In the browser, the concern form asks what a discrimination or harassment is based on only once
one of those categories is chosen, label and help with it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_asks_the_characteristic_only_for_discrimination_or_harassment(page, liam):
    log_in(page, "liam@example.com")
    page.goto("/cases/concerns/new/")
    page.wait_for_load_state("load")
    field = page.locator("#id_protected_characteristic")
    label = page.locator('label[for="id_protected_characteristic"]')
    expect(field).to_be_hidden()
    expect(label).to_be_hidden()
    page.select_option("#id_category", "discrimination")
    expect(field).to_be_visible()
    expect(label).to_have_text("What is the discrimination or harassment based on?")
    page.select_option("#id_category", "harassment")
    expect(field).to_be_visible()
    page.select_option("#id_category", "conduct")
    expect(field).to_be_hidden()
    expect(page.locator("#id_protected_characteristic_helptext")).to_be_hidden()
