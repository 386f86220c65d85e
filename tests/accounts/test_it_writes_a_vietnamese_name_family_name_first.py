"""A person's name in their own order: family name first for Vietnamese names (Phạm Thị Thảo),
given names first otherwise; the demo's Vietnamese people are written family name first."""

import io

import pytest

from accounts.demo import seed_accounts
from accounts.models import Employee

pytestmark = pytest.mark.django_db


def test_it_writes_a_name_family_name_first_when_the_person_does():
    thao = Employee(first_name="Thị Thảo", last_name="Phạm", family_name_first=True)
    assert thao.full_name == "Phạm Thị Thảo"
    assert Employee(first_name="Marit", last_name="Hansen").full_name == "Marit Hansen"


def test_it_seeds_the_demos_vietnamese_people_family_name_first():
    seed_accounts(io.StringIO())

    vietnamese = Employee.objects.filter(location__jurisdiction="VN")
    assert vietnamese.count() >= 20
    assert not vietnamese.filter(family_name_first=False).exists()
    assert not Employee.objects.exclude(location__jurisdiction="VN").filter(family_name_first=True).exists()
    person = vietnamese.order_by("employee_number").first()
    assert person is not None
    assert person.full_name == f"{person.last_name} {person.first_name}"
    assert str(person).startswith(person.last_name)
