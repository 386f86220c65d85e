"""Notice before a hearing: refused where a statute or the procedure blocks (AC-01, VN-DISC-004),
warned where the procedure or guidance only warns (US-DISC-001, GB-DISC-003); every message names
the rule and the earliest allowed date."""

from __future__ import annotations

import datetime

import pytest

from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind
from policies.models import Procedure
from tests.cases.case_steps import open_case, schedule
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

MON_2_MAR = datetime.date(2026, 3, 2)


def _case(hana, sam, location, operations, kind):
    return open_case(hana, sam.employee_record, location, operations, kind)


def _schedule(hana, erin, case, day, notice=MON_2_MAR):
    return schedule(hana, erin, case, day, notice=notice)


def test_it_ac_01_names_the_rule_and_the_earliest_date_when_it_refuses(hana, erin, sam, london, operations):
    case = _case(hana, sam, london, operations, CaseKind.DISCIPLINARY)
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, erin, case, datetime.date(2026, 3, 5))
    assert "GB-DISC-003" in refused.value.message
    assert "9 Mar 2026" in refused.value.message


def test_it_holds_a_disciplinary_hearing_in_a_harassment_case_to_the_disciplinary_notice(
    hana, erin, sam, london, operations
):
    case = _case(hana, sam, london, operations, CaseKind.HARASSMENT_DISCRIMINATION)
    with pytest.raises(GuardrailRefusal) as refused:
        _schedule(hana, erin, case, datetime.date(2026, 3, 5))
    assert refused.value.rule == "GB-DISC-003"
    assert "9 Mar 2026" in refused.value.message
    assert _schedule(hana, erin, case, datetime.date(2026, 3, 9)).pk


def test_it_warns_of_notice_shorter_than_a_procedure_that_only_warns(hana, erin, sam, new_york, operations):
    case = _case(hana, sam, new_york, operations, CaseKind.DISCIPLINARY)
    meeting = _schedule(hana, erin, case, datetime.date(2026, 3, 3))
    assert meeting.pk
    [warning] = [w for w in meeting.warnings if w.rule == "US-DISC-001"]
    assert "US-DISC-001" in warning.message and "4 Mar 2026" in warning.message
    assert _schedule(hana, erin, case, datetime.date(2026, 3, 4)).warnings == []


def test_it_warns_of_a_gb_hearing_without_a_procedure_value_or_a_recorded_invitation(
    hana, erin, sam, london, operations
):
    Procedure.objects.filter(kind="disciplinary", jurisdiction="GB").update(is_active=False)
    case = _case(hana, sam, london, operations, CaseKind.DISCIPLINARY)
    meeting = _schedule(hana, erin, case, datetime.date(2026, 3, 3), notice=None)
    assert [w.rule for w in meeting.warnings] == ["GB-DISC-003"]
