"""The demo policies (``seed_policies``): every version approved before the day it took effect,
on a working day, and every review due on a working day."""

import io

import pytest

from erms.lib import clock
from policies.demo import seed_policies
from policies.models import Policy, PolicyVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_approves_each_demo_version_on_a_working_day_before_it_took_effect():
    UserFactory(email="lead@example.com")
    seed_policies(io.StringIO())

    effective = PolicyVersion.objects.exclude(effective_from=None)
    assert effective.count() >= 10
    for version in effective:
        assert version.approved_at is not None and version.effective_from is not None
        approved_on = clock.local_date(version.approved_at)
        assert approved_on < version.effective_from, version
        assert approved_on.weekday() < 5, version
        assert clock.local_date(version.created_at) <= approved_on, version
    for policy in Policy.objects.all():
        assert policy.review_due.weekday() < 5, policy
