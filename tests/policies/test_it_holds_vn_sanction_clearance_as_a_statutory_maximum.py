"""VN-SANC-003 (LC Art 126) clears a reprimand after 3 months by law: the VN procedure's warning
live period rests on it as a statutory maximum, not as guidance "not enforced"; and the procedures
page names each step's rule, so VN-DISC-003 reads as the limitation period it is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from policies.models import ProcedureStep, RuleBound

pytestmark = pytest.mark.django_db


def test_it_bounds_the_vn_warning_live_period_by_the_law():
    step = ProcedureStep.objects.get(
        procedure__jurisdiction="VN", key="warning_live_period", rule__rule_id="VN-SANC-003"
    )
    assert step.rule_bound == RuleBound.CEILING


def test_it_names_the_rule_beside_each_step(client, hana):
    client.force_login(hana)
    page = client.get(reverse("policies:procedure_list"), {"jurisdiction": "VN"}).content.decode()
    assert "VN-DISC-003</span> Discipline limitation period from the violation" in page
    assert "not enforced" not in page
