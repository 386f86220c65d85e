from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

# serialized_rollback: the live server needs committed rows, and the role groups made by the data
# migrations must be back for the tests that run after this one.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_case_manager_logs_in_switches_to_norwegian_and_logs_out(page, screenshot, hana):
    log_in(page, "hana@example.com")

    expect(page.locator(".site-header .who")).to_have_text("Hana Case")
    nav = page.locator("nav.main-nav")
    expect(nav.get_by_role("link", name="Home")).to_be_visible()
    nav.locator("details.nav-more summary").click()  # the directory is used rarely: under "More"
    expect(nav.get_by_role("link", name="Directory")).to_be_visible()
    expect(page.locator(".site-header button", has_text="Log out")).to_be_visible()
    screenshot("home_en")

    page.select_option("#language-select", "nb")
    page.click(".language-switch button[type=submit]")  # a button, not a submit on change
    page.wait_for_load_state("domcontentloaded")

    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.locator(".site-header button", has_text="Logg ut")).to_be_visible()
    nav.locator("details.nav-more summary").click()
    expect(nav.get_by_role("link", name="Ansattoversikt")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Velkommen, Hana")
    screenshot("home_nb")

    page.click(".site-header button:has-text('Logg ut')")
    page.wait_for_load_state("domcontentloaded")

    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.locator("h1")).to_have_text("Logg inn")
    expect(page.locator(".site-header .who")).to_have_count(0)


def test_a_line_manager_sees_no_directory_and_a_wrong_password_is_refused(page, liam):
    log_in(page, "liam@example.com", password="wrong")
    expect(page.locator("[role=alert]")).to_be_visible()
    expect(page.locator(".site-header .who")).to_have_count(0)

    log_in(page, "liam@example.com")
    expect(page.locator(".site-header .who")).to_have_text("Liam Manager")
    expect(page.locator(".badge", has_text=re.compile(r"line_manager|Line manager"))).to_be_visible()
    expect(page.locator("nav.main-nav").get_by_role("link", name="Home")).to_be_visible()
    expect(page.locator("nav.main-nav").get_by_role("link", name="Directory")).to_have_count(0)
