"""Policy version lifecycle: draft → approved → effective; one effective at a time; old versions read-only."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from erms.lib.errors import ApplicationError
from policies import selectors, services
from policies.models import PolicyVersion, VersionStatus

pytestmark = pytest.mark.django_db
D = datetime.date


def test_making_a_version_effective_supersedes_the_previous_one(conduct_policy):
    statuses = dict(conduct_policy.versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.EFFECTIVE, 3: VersionStatus.DRAFT}
    v2 = conduct_policy.versions.get(number=2)
    assert v2.approved_by.email == "erin@example.com" and v2.approved_at is not None


def test_the_version_effective_on_an_incident_date_is_the_one_then_in_force(conduct_policy):
    assert selectors.policy_version_effective_on(conduct_policy, D(2024, 12, 31)) is None
    assert selectors.policy_version_effective_on(conduct_policy, D(2025, 6, 1)).number == 1
    assert selectors.policy_version_effective_on(conduct_policy, D(2026, 1, 1)).number == 2


def test_the_database_refuses_two_effective_versions(conduct_policy):
    v1 = conduct_policy.versions.get(number=1)
    v1.status = VersionStatus.EFFECTIVE
    with pytest.raises(IntegrityError), transaction.atomic():
        v1.save()


@pytest.mark.parametrize("number", [1, 2])
def test_it_refuses_to_edit_a_superseded_or_effective_version(conduct_policy, erin, number):
    version = conduct_policy.versions.get(number=number)
    with pytest.raises(ApplicationError, match="read-only"):
        services.policy_version_update(actor=erin, version=version, body_markdown="rewritten history")
    assert "rewritten" not in PolicyVersion.objects.get(pk=version.pk).body_markdown


def test_it_refuses_to_approve_a_version_twice(conduct_policy, erin):
    with pytest.raises(ApplicationError):
        services.policy_version_approve(actor=erin, version=conduct_policy.versions.get(number=2))


def test_it_refuses_to_make_a_draft_effective_before_approval(conduct_policy, erin):
    with pytest.raises(ApplicationError, match="approved"):
        services.policy_version_make_effective(actor=erin, version=conduct_policy.versions.get(number=3))


def test_it_refuses_a_second_open_draft(conduct_policy, erin):
    with pytest.raises(ApplicationError, match="still open"):
        services.policy_version_draft(actor=erin, policy=conduct_policy, body_markdown="another")


def test_it_refuses_an_effective_date_not_after_the_current_one(conduct_policy, erin):
    v3 = services.policy_version_approve(actor=erin, version=conduct_policy.versions.get(number=3))
    with pytest.raises(ApplicationError) as refused:
        services.policy_version_make_effective(actor=erin, version=v3, effective_from=D(2026, 1, 1))
    assert refused.value.field == "effective_from"
    services.policy_version_make_effective(actor=erin, version=v3, effective_from=D(2026, 2, 1))
    assert conduct_policy.versions.filter(status=VersionStatus.EFFECTIVE).get().number == 3


def test_a_draft_can_be_edited(conduct_policy, erin):
    draft = services.policy_version_update(
        actor=erin,
        version=conduct_policy.versions.get(number=3),
        body_markdown="new words",
        change_note="tone",
    )
    assert draft.body_markdown == "new words" and draft.change_note == "tone"


def test_overdue_reviews_appear_for_the_owner_only(conduct_policy, erin, ada):
    conduct_policy.review_due = D(2020, 1, 1)
    conduct_policy.save()
    assert list(selectors.policies_review_overdue_for(erin)) == [conduct_policy]
    assert list(selectors.policies_review_overdue_for(ada)) == []
