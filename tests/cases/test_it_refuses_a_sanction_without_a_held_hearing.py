"""A disciplinary sanction needs a held hearing, whatever kind of case carries it: a
discrimination complaint cannot end in a final written warning without one."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind, PartyRole
from tests.cases.case_steps import hold_hearing, open_case
from tests.days import AFTER_SPRING_2026

RESPONDENT = PartyRole.RESPONDENT

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]


def _case(hana, sam, location, operations):
    return open_case(
        hana, sam.employee_record, location, operations, CaseKind.HARASSMENT_DISCRIMINATION, RESPONDENT
    )


def _outcome(hana, case, sanction):
    return services.outcome_record(
        actor=hana,
        case=case,
        decision="Decided",
        reasons="Because",
        sanction=sanction,
        expected_version=case.version,
    )


@pytest.mark.parametrize("location", ["london", "hanoi"])
def test_it_refuses_a_final_warning_on_a_discrimination_complaint_without_a_hearing(
    request, hana, sam, operations, location
):
    place = request.getfixturevalue(location)
    case = _case(hana, sam, place, operations)
    sanction = "final_written_warning" if location == "london" else "reprimand"
    with pytest.raises(GuardrailRefusal) as refused:
        _outcome(hana, case, sanction)
    assert refused.value.rule in ("GB-DISC-002", "VN-DISC-001")
    assert not hasattr(case, "outcome")


def test_it_allows_no_sanction_without_a_hearing(hana, sam, london, operations):
    case = _case(hana, sam, london, operations)
    assert _outcome(hana, case, "").pk
    case2 = _case(hana, sam, london, operations)
    assert _outcome(hana, case2, "informal_action").pk


def test_a_held_disciplinary_hearing_allows_the_sanction(hana, erin, sam, london, operations):
    case = _case(hana, sam, london, operations)
    hold_hearing(hana, erin, case, timezone.localdate() - datetime.timedelta(days=3))
    assert _outcome(hana, case, "final_written_warning").sanction == "final_written_warning"
