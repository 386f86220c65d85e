"""The employee's live warnings from earlier cases (AC-05, AC-13) are listed on the case page and
in the outcome form with their expiry dates, and a sanction that skips the ladder without a live
warning below it is warned about."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import selectors, services
from tests.cases.case_steps import hold_hearing, open_case
from tests.days import AFTER_SPRING_2026

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]

MON_16_MAR = datetime.date(2026, 3, 16)


def _case(hana, employee, location, operations):
    return open_case(hana, employee, location, operations)


def _hold(hana, erin, case):
    hold_hearing(hana, erin, case, datetime.date(2026, 3, 10))


def _warned(hana, erin, employee, location, operations, sanction, on=MON_16_MAR):
    """A case about ``employee`` decided with ``sanction`` on ``on`` (today if ``None``): its outcome."""
    case = _case(hana, employee, location, operations)
    _hold(hana, erin, case)
    return services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction=sanction,
        decided_by=erin,
        decided_on=on,
        expected_version=case.version,
    )


def test_it_ac_05_lists_a_gb_warning_live_through_the_day_before_the_anniversary(
    hana, erin, sam, london, operations
):
    earlier = _warned(hana, erin, sam.employee_record, london, operations, "first_written_warning")
    [live] = selectors.employee_live_warnings(sam.employee_record, on=datetime.date(2027, 3, 15))
    assert live.sanction == "first_written_warning"
    assert live.live_until == datetime.date(2027, 3, 15)
    assert live.case_id == earlier.case_id
    assert selectors.employee_live_warnings(sam.employee_record, on=datetime.date(2027, 3, 16)) == []


def test_it_ac_13_clears_a_vietnamese_reprimand_after_three_months(hana, erin, hanoi, operations):
    from tests.factories import EmployeeFactory

    nam = EmployeeFactory(location=hanoi, department=operations)
    _warned(hana, erin, nam, hanoi, operations, "reprimand")
    [live] = selectors.employee_live_warnings(nam, on=datetime.date(2026, 6, 16))
    assert live.live_until == datetime.date(2026, 6, 16)
    assert selectors.employee_live_warnings(nam, on=datetime.date(2026, 6, 17)) == []


def test_it_shows_the_live_warnings_on_the_case_page_and_in_the_outcome_form(
    client, hana, erin, sam, london, operations
):
    _warned(hana, erin, sam.employee_record, london, operations, "first_written_warning")
    case = _case(hana, sam.employee_record, london, operations)
    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="live-warnings"' in page
    assert "First written warning" in page and "15 Mar 2027" in page
    form = client.get(reverse("cases:case_action_form", args=[case.pk, "outcome"])).content.decode()
    assert "First written warning" in form and "15 Mar 2027" in form


def test_it_warns_of_a_final_warning_that_skips_the_ladder(hana, erin, sam, london, operations):
    outcome = _warned(hana, erin, sam.employee_record, london, operations, "final_written_warning", on=None)
    assert outcome.pk  # a warning, not a refusal
    [warning] = outcome.warnings
    assert warning.rule == "GB-SANC-001"
    assert "Final written warning" in warning.message


def test_a_live_first_warning_makes_a_final_warning_the_next_step(hana, erin, sam, london, operations):
    _warned(hana, erin, sam.employee_record, london, operations, "first_written_warning")
    outcome = _warned(hana, erin, sam.employee_record, london, operations, "final_written_warning", on=None)
    assert outcome.warnings == []


def test_it_shows_earlier_sanctions_only_to_those_who_decide_the_case(
    client, hana, erin, ivan, liam, sam, london, operations
):
    """Earlier cases' sanctions are other cases' data: the case manager who decides sees them; an
    investigator (it would prejudge) and a line manager the case is shared with do not."""
    from cases import services as case_services
    from cases.permissions import case_access_grant

    _warned(hana, erin, sam.employee_record, london, operations, "first_written_warning")
    case = _case(hana, sam.employee_record, london, operations)
    case_services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    case_access_grant(liam, case, ["cases.view_case"])
    for user, sees in ((hana, True), (ivan, False), (liam, False)):
        client.force_login(user)
        response = client.get(case.get_absolute_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert ('id="live-warnings"' in page) is sees, user.email
        assert ("First written warning" in page) is sees, user.email
