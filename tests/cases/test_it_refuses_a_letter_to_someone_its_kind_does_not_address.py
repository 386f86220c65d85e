"""A letter goes only to the people its kind is for: an outcome letter to a witness is refused
(400 with details through the API)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Letter, PartyRole
from erms.lib.errors import ApplicationError
from tests.cases.case_steps import open_case
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hana, sam, london, operations):
    return open_case(hana, sam.employee_record, london, operations)


@pytest.fixture
def witness(hana, case, london, operations):
    employee = EmployeeFactory(location=london, department=operations)
    services.party_add(actor=hana, case=case, employee=employee, role=PartyRole.WITNESS)
    return employee


def test_it_refuses_an_outcome_letter_to_a_witness_through_the_api(hana, case, witness):
    api = APIClient()
    api.force_login(hana)
    response = api.post(
        f"/api/v1/cases/{case.pk}/letters/",
        {"kind": "disciplinary_outcome", "language": "en", "addressee": witness.pk},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "addressee"
    assert witness.full_name in body["detail"]
    assert not Letter.objects.filter(case=case).exists()


def test_it_refuses_the_witness_in_the_letter_service(hana, case, witness):
    with pytest.raises(ApplicationError) as refused:
        services.letter_issue(
            actor=hana, case=case, kind="disciplinary_outcome", language="en", addressee=witness
        )
    assert refused.value.field == "addressee"


def test_a_witness_may_be_invited_to_an_investigation_meeting(hana, case, witness):
    _html, gaps = services.letter_preview(
        actor=hana, case=case, kind="investigation_invitation", language="en", addressee=witness
    )
    assert not [g for g in gaps if g.field == "addressee"]
