"""The demo cases: every kind in every state, built through the services, seeded once."""

from __future__ import annotations

import io
import time

import pytest

from accounts.demo import seed_accounts
from accounts.models import Jurisdiction, Organisation, User
from audit.models import AuditEntry
from cases.demo import seed_cases
from cases.models import Case, CaseStatus, Concern, ConcernMessage, ConcernStatus
from cases.permissions import cases_visible_to
from cases.workflow import PATHS

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_accounts(io.StringIO())
    started = time.monotonic()
    seed_cases(io.StringIO())
    return time.monotonic() - started


def test_the_demo_has_every_kind_in_every_state_of_its_path_and_seeding_again_changes_nothing(seeded):
    assert seeded < 30
    states = set(Case.objects.values_list("kind", "status"))
    for kind, path in PATHS.items():
        for status in [*path, CaseStatus.WITHDRAWN]:
            assert (kind, status) in states, (kind, status)
    assert 55 <= Case.objects.count() <= 70
    assert set(Case.objects.values_list("jurisdiction", flat=True)) == set(Jurisdiction.values)
    assert all(c.appeal_of_id for c in Case.objects.filter(kind="appeal"))
    assert AuditEntry.objects.filter(action="case_opened").count() == Case.objects.count()
    assert Organisation.objects.get().name == "Northwind Group"
    before = (Case.objects.count(), Concern.objects.count(), AuditEntry.objects.count())
    seed_cases(io.StringIO())
    assert (Case.objects.count(), Concern.objects.count(), AuditEntry.objects.count()) == before


def test_the_demo_gives_each_user_something_to_see_and_the_manager_his_concerns(seeded):
    hr = User.objects.get(email="hr@example.com")
    manager = User.objects.get(email="manager@example.com")
    # Hannah runs Great Britain's cases; each other country has its own HR case manager.
    assert cases_visible_to(hr).count() >= 8
    assert cases_visible_to(User.objects.get(email="investigator@example.com")).exists()
    # The demo ER lead covers every jurisdiction by explicit scope rows (without them she would see none).
    lead = User.objects.get(email="lead@example.com")
    assert set(lead.er_scopes.values_list("jurisdiction", flat=True)) == set(Jurisdiction.values)
    assert cases_visible_to(lead).count() == Case.objects.count()
    shared = cases_visible_to(manager)
    assert shared.exists() and not shared.filter(kind__in=["eap_referral", "whistleblowing"]).exists()
    concerns = Concern.objects.filter(raised_by=manager)
    assert concerns.filter(status__in=[ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW]).exists()
    assert concerns.filter(status=ConcernStatus.CASE_OPENED).exists()
    assert ConcernMessage.objects.filter(concern__raised_by=manager).exists()
