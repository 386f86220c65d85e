"""Fixtures of the cases pages' tests."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases import deadlines, services
from cases.models import Case, CaseKind


@pytest.fixture
def case_with_a_deadline(hana, liam, sam) -> Case:
    """A disciplinary case from liam's concern about sam, managed by hana, with a deadline (GB-DISC-003)
    due in three days."""
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouted at a customer"
    )
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal process"
    )
    deadlines.deadline_set(
        key="custom",
        title="Send the invitation",
        due_on=timezone.localdate() + datetime.timedelta(days=3),
        time_zone="Europe/London",
        responsible=hana,
        case=case,
        rule_id="GB-DISC-003",
    )
    case.refresh_from_db()
    return case
