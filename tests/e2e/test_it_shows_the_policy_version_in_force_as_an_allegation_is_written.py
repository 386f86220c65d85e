"""In a browser: typing an allegation's incident date selects the policy version then in force,
which the case manager may change; the saved allegation shows it with its evidence."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.cases.test_it_links_allegations_to_a_policy_version_and_evidence import (
    _document,
    _open_case,
    _policy,
)
from tests.e2e.conftest import log_in
from tests.e2e.test_case_page import _open_action

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def case(hana, erin, sam) -> Case:
    _policy(erin, "Code of conduct", "conduct", ["GB"], datetime.date(2025, 1, 1), datetime.date(2026, 6, 1))
    case = _open_case(hana, sam, "Conduct")
    _document(hana, case, title="Statement of Pat")
    return case


def test_it_selects_the_version_in_force_on_the_incident_date(page, hana, case):
    log_in(page, "hana@example.com")
    page.goto(case.get_absolute_url())
    form = _open_action(page, "Add an allegation")
    form.locator("textarea[name=description]").fill("Shouted at a colleague")
    policy = form.locator("select[name=policy_version]")
    form.locator("input[name=incident_date]").fill("2026-03-02")
    form.locator("input[name=incident_date]").dispatch_event("change")
    expect(policy.locator("option:checked")).to_contain_text("Code of conduct v1")
    form.locator("input[name=incident_date]").fill("2026-07-01")
    form.locator("input[name=incident_date]").dispatch_event("change")
    expect(policy.locator("option:checked")).to_contain_text("Code of conduct v2")
    form.get_by_label("Statement of Pat").check()
    form.get_by_role("button", name="Add allegation").click()
    article = page.locator("#allegations article.allegation")
    expect(article).to_contain_text("Code of conduct v2")
    expect(article).to_contain_text("Statement of Pat")
