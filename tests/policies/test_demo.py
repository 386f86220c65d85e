import io

import pytest

from policies.demo import seed_policies
from policies.models import Policy, PolicyVersion, VersionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seed_policies_is_idempotent_and_leaves_one_review_overdue():
    lead = UserFactory(email="lead@example.com")
    seed_policies(io.StringIO())
    count, versions = Policy.objects.count(), PolicyVersion.objects.count()
    seed_policies(io.StringIO())
    assert (Policy.objects.count(), PolicyVersion.objects.count()) == (count, versions)
    assert count == 10
    assert Policy.objects.filter(owner=lead, review_due__lt="2100-01-01").count() == 10
    from policies.selectors import policies_review_overdue_for

    assert policies_review_overdue_for(lead).count() == 1
    for policy in Policy.objects.all():
        assert policy.versions.filter(status=VersionStatus.EFFECTIVE).count() == 1


def test_seed_policies_skips_without_the_lead_user():
    out = io.StringIO()
    seed_policies(out)
    assert Policy.objects.count() == 0 and "skipping" in out.getvalue()
