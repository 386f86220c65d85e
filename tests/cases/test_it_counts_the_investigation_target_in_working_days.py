"""A plan without a target date gets the procedure's investigation target (GB: 20 working days,
WARN), counted in the case's working days: it never lands on a weekend or a public holiday,
whatever day the plan is set on. A target date the case manager types is kept as typed (DOMAIN.md:
the organisation's own deadlines are never moved)."""

from __future__ import annotations

import pytest

from cases import deadlines, services
from erms.lib import clock, workdays
from tests.cases.lifecycle_steps import open_case
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def test_the_procedures_investigation_target_falls_on_a_working_day(hana, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    services.investigation_plan_set(actor=hana, case=case, terms_of_reference="Find out")

    target = deadlines.case_deadline_open(case, deadlines.INVESTIGATION_TARGET)
    assert target is not None and target.rule_id == "GB-DISC-001"
    today = workdays.local_date(clock.now(), "Europe/London")
    assert target.due_on == workdays.add_working_days(today, 20, "GB-ENG").due
    assert workdays.is_working_day(target.due_on, "GB-ENG")
