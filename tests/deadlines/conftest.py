"""Fixtures of the deadline engine's tests."""

from __future__ import annotations

import pytest

from cases import services
from cases.models import CaseKind


@pytest.fixture
def case(hana, sam, london, operations):
    return services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Pay",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, "respondent")],
    )
