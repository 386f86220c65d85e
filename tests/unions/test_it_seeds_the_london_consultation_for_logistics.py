"""The demo's London warehouse consultation names the department affected (Logistics), not the
organisation as a whole; its proposal and the union's counter-proposal are shared with the union."""

from __future__ import annotations

import io

import pytest

from accounts.models import Department
from unions.demo import seed_unions
from unions.models import Consultation

pytestmark = pytest.mark.django_db


def test_it_seeds_the_london_consultation_for_logistics(rita):
    group = Department.objects.create(code="GRP", name="Northwind Group")
    Department.objects.create(code="LOG", name="Logistics", parent=group)
    rita.email = "rep@example.com"
    rita.save()
    seed_unions(io.StringIO())
    london = Consultation.objects.get(jurisdiction="GB")
    assert [d.name for d in london.departments.all()] == ["Logistics"]
    shared = {e.kind: e.shared_with_representatives for e in london.log_entries.all()}
    assert shared == {"proposal": True, "counter_proposal": True}
