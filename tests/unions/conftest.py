"""Bodies and consultations for the unions tests: rita represents the GB union; another body is not hers."""

from __future__ import annotations

import datetime

import pytest

from accounts.models import Jurisdiction
from unions.models import (
    BodyKind,
    CollectiveAgreement,
    Consultation,
    ConsultationStatus,
    EmployeeBody,
    Negotiation,
    ProposalKind,
    Representative,
)


@pytest.fixture
def gb_union(db, rita):
    body = EmployeeBody.objects.create(
        name="Unite London", kind=BodyKind.TRADE_UNION, jurisdiction=Jurisdiction.GB
    )
    Representative.objects.create(
        body=body,
        employee=rita.employee_record,
        user=rita,
        role="Shop steward",
        serves_from=datetime.date(2020, 1, 1),
    )
    return body


@pytest.fixture
def other_union(db):
    return EmployeeBody.objects.create(
        name="Teamsters 705", kind=BodyKind.TRADE_UNION, jurisdiction=Jurisdiction.US
    )


def make_consultation(body: EmployeeBody | None = None, **fields) -> Consultation:
    values = {
        "kind": ProposalKind.COLLECTIVE_REDUNDANCY,
        "title": "Warehouse redundancies",
        "jurisdiction": Jurisdiction.GB,
        "number_affected": 120,
        "status": ConsultationStatus.OPEN,
        "started_on": datetime.date(2026, 3, 2),
        "government_notified_on": datetime.date(2026, 3, 2),
    }
    values.update(fields)
    consultation = Consultation.objects.create(**values)
    if body is not None:
        consultation.bodies.add(body)
    return consultation


@pytest.fixture
def gb_consultation(gb_union):
    return make_consultation(gb_union)


@pytest.fixture
def other_consultation(other_union):
    return make_consultation(
        other_union,
        title="Chicago layoffs",
        jurisdiction=Jurisdiction.US,
        number_affected=60,
        government_notified_on=datetime.date(2026, 4, 2),
    )


@pytest.fixture
def gb_negotiation(gb_union):
    return Negotiation.objects.create(body=gb_union, title="Pay 2026", opened_on=datetime.date(2026, 1, 5))


@pytest.fixture
def other_negotiation(other_union):
    return Negotiation.objects.create(
        body=other_union, title="Wage reopener", opened_on=datetime.date(2026, 1, 5)
    )


@pytest.fixture
def gb_agreement(gb_union):
    return CollectiveAgreement.objects.create(
        body=gb_union, title="London recognition agreement", valid_from=datetime.date(2024, 1, 1)
    )


@pytest.fixture
def other_agreement(other_union):
    return CollectiveAgreement.objects.create(
        body=other_union, title="Chicago CBA", valid_from=datetime.date(2024, 1, 1)
    )
