"""Policy fixtures built through the services, on top of the named cast."""

from __future__ import annotations

import datetime

import pytest

from policies import services
from policies.models import PolicyCategory


@pytest.fixture
def conduct_policy(erin):
    """Code of conduct: v1 superseded (from 2025-01-01), v2 effective (from 2026-01-01), v3 draft."""
    policy = services.policy_create(
        actor=erin,
        title="Code of conduct",
        category=PolicyCategory.CONDUCT,
        jurisdictions=["GB", "NO"],
        review_due=datetime.date(2030, 1, 1),
        body_markdown="# Conduct\n\nBe kind.\n",
    )
    v1 = policy.versions.get()
    services.policy_version_approve(actor=erin, version=v1)
    services.policy_version_make_effective(actor=erin, version=v1, effective_from=datetime.date(2025, 1, 1))
    v2 = services.policy_version_draft(
        actor=erin, policy=policy, body_markdown="# Conduct\n\nBe kind and fair.\n"
    )
    services.policy_version_approve(actor=erin, version=v2)
    services.policy_version_make_effective(actor=erin, version=v2, effective_from=datetime.date(2026, 1, 1))
    services.policy_version_draft(
        actor=erin, policy=policy, body_markdown="# Conduct\n\nSECRET DRAFT wording.\n"
    )
    return policy
