"""The meeting form in a browser: the union representatives are fetched into the companion picker
(from unions, which cases may not import), and the one chosen is the meeting's companion."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import CaseKind, Meeting, PartyRole
from erms.lib import clock
from tests.e2e.conftest import log_in
from unions.models import BodyKind, EmployeeBody, Representative

# serialized_rollback: the live server needs committed rows, and the role groups made by the data
# migrations must be back for the tests that run after this one.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_case_manager_names_a_suggested_representative_as_companion(
    page, hana, erin, rita, sam, london, operations
):
    body = EmployeeBody.objects.create(name="Unite London", kind=BodyKind.TRADE_UNION, jurisdiction="GB")
    Representative.objects.create(
        body=body,
        employee=rita.employee_record,
        user=rita,
        role="Shop steward",
        serves_from=datetime.date(2020, 1, 1),
    )
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
    page.goto(case.get_absolute_url())
    action = page.locator("details.action").filter(has=page.locator("summary", has_text="Schedule a meeting"))
    action.locator("summary").click()

    suggested = action.locator("fieldset.picker-suggested")
    expect(suggested).to_contain_text("Rita Rep (union rep, Unite London)")
    suggested.get_by_label("Rita Rep").check()
    action.locator("select[name=kind]").select_option("investigation_interview")
    when = clock.today() + datetime.timedelta(days=14)
    action.locator("input[name=scheduled_for]").fill(f"{when}T10:00")
    action.locator("select[name=chair]").select_option(label="Erin Lead")
    action.locator("input[name=notice_sent_on]").fill(clock.today().isoformat())
    action.get_by_role("button", name="Schedule").click()

    expect(page.locator("body")).to_contain_text("Meeting scheduled.")
    assert Meeting.objects.get(case=case).companion == rita.employee_record
