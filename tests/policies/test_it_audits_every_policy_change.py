"""Every change to a policy, its versions and a procedure's time limits writes the audit trail."""

from __future__ import annotations

import datetime

import pytest

from audit.models import AuditEntry
from policies import services
from policies.models import Procedure, StepKey, Unit

pytestmark = pytest.mark.django_db


def _actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_it_audits_a_policy_from_creation_to_its_next_review(erin, conduct_policy):
    v1, v2, v3 = conduct_policy.versions.order_by("number")
    services.policy_version_update(
        actor=erin,
        version=v3,
        body_markdown="# Conduct\n\nBe kind, fair and honest.\n",
        change_note="Honesty added",
    )
    services.policy_review_record(
        actor=erin, policy=conduct_policy, next_review_due=datetime.date(2031, 1, 1)
    )

    assert _actions(conduct_policy) == ["policy_created", "policy_reviewed"]
    assert _actions(v1) == [
        "policy_version_drafted",
        "policy_version_approved",
        "policy_version_made_effective",
        "policy_version_superseded",
    ]
    assert _actions(v2) == [
        "policy_version_drafted",
        "policy_version_approved",
        "policy_version_made_effective",
    ]
    assert _actions(v3) == ["policy_version_drafted", "policy_version_updated"]
    reviewed = AuditEntry.objects.get(action="policy_reviewed")
    assert reviewed.actor == erin and reviewed.changes == {"review_due": ["2030-01-01", "2031-01-01"]}
    updated = AuditEntry.objects.get(action="policy_version_updated")
    assert updated.changes["change_note"] == ["", "Honesty added"]
    assert AuditEntry.objects.get(action="policy_version_made_effective", object_id=str(v2.pk)).changes == {
        "status": ["approved", "effective"],
        "effective_from": [None, "2026-01-01"],
    }


def test_it_audits_a_procedure_time_limit_only_when_it_changes(erin):
    procedure = Procedure.objects.first()
    step = services.procedure_step_set(
        actor=erin, procedure=procedure, key=StepKey.APPEAL_WINDOW, number=9, unit=Unit.WORKING_DAYS
    )
    services.procedure_step_set(
        actor=erin, procedure=procedure, key=StepKey.APPEAL_WINDOW, number=9, unit=Unit.WORKING_DAYS
    )

    entries = AuditEntry.objects.filter(action="procedure_step_set", object_id=str(step.pk))
    assert entries.count() == 1
    assert entries.get().changes["number"][1] == 9 and entries.get().actor == erin
