"""The bench seeder (``python -m bench.seed``) at a tiny size: row counts, the bench personas'
views, references, and list query counts that do not grow with the table."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Department, Employee, Location, Role, User
from bench.seed import BENCH_HR, BENCH_LEAD, BENCH_LEAD_SCOPE, BENCH_MANAGER
from bench.seed.command import Command
from cases.models import (
    CONFIDENTIAL_KINDS,
    OPEN_STATUSES,
    Case,
    CaseUserObjectPermission,
    Concern,
    Party,
    TimelineEntry,
)
from cases.permissions import cases_visible_to, conflicted_case_ids
from cases.services.common import next_reference
from deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def seed(cases: int = 200, **extra: object) -> str:
    out = io.StringIO()
    call_command(Command(), cases=cases, employees=100, hr_users=20, stdout=out, **extra)
    return out.getvalue()


def visible_ids(user: User, **kwargs: bool) -> set[int]:
    return set(cases_visible_to(user, **kwargs).values_list("pk", flat=True))


def test_it_seeds_the_expected_rows():
    output = seed()
    assert Case.objects.count() == 200
    assert Employee.objects.filter(employee_number__startswith="SB").count() == 100
    assert Department.objects.filter(code__startswith="SB-").count() == 50
    assert set(Location.objects.filter(code__startswith="SB-").values_list("jurisdiction", flat=True)) == {
        "GB",
        "US",
        "NO",
        "VN",
    }
    assert User.objects.count() == 23
    assert {r for u in User.objects.all() for r in u.role_names} == set(Role.values)
    assert 200 * 12 <= TimelineEntry.objects.count() <= 200 * 28
    assert Party.objects.count() >= 200
    # No grant stands for a case manager's or investigator's relation (case_open writes none), and
    # every ER lead has a scope (without one they would see no case); open cases have deadlines.
    assert not CaseUserObjectPermission.objects.filter(permission__codename="change_case").exists()
    assert not User.objects.filter(groups__name=Role.ER_LEAD).exclude(er_scopes__isnull=False).exists()
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES)
    assert 0 < open_cases.count() < 60
    assert not open_cases.filter(next_deadline_on__isnull=True).exists()
    assert (
        Deadline.objects.filter(
            status="open", owner_type="cases.case", owner_id__in=open_cases.values("pk")
        ).count()
        >= open_cases.count()
    )
    assert Concern.objects.filter(case__isnull=False).exists()
    assert not Case.objects.filter(search_text="").exists()
    assert "erms-bench-2026" in output


def test_it_is_repeatable_with_the_same_seed():
    seed()
    first = list(Case.objects.order_by("reference").values_list("reference", "kind", "status", "title"))
    seed(reset=True)
    assert list(Case.objects.order_by("reference").values_list("reference", "kind", "status", "title")) != []
    assert [
        row[1:]
        for row in Case.objects.order_by("reference").values_list("reference", "kind", "status", "title")
    ] == [row[1:] for row in first]


def test_new_references_do_not_collide_with_seeded_ones():
    seed()
    assert not Case.objects.filter(reference=next_reference("ER")).exists()
    assert not Concern.objects.filter(reference=next_reference("CON")).exists()


def test_the_bench_personas_see_what_their_roles_allow():
    seed()
    hr, lead, manager = (User.objects.get(email=e) for e in (BENCH_HR, BENCH_LEAD, BENCH_MANAGER))
    managed = set(
        Case.objects.filter(case_manager=hr)
        .exclude(pk__in=conflicted_case_ids(hr))
        .values_list("pk", flat=True)
    )
    assert managed and visible_ids(hr) == managed
    lead_cases = Case.objects.filter(jurisdiction__in=BENCH_LEAD_SCOPE).exclude(
        pk__in=conflicted_case_ids(lead)
    )
    assert visible_ids(lead) >= set(lead_cases.values_list("pk", flat=True)) > set()
    granted = set(
        CaseUserObjectPermission.objects.filter(user=manager).values_list("content_object_id", flat=True)
    )
    expected = set(
        Case.objects.filter(pk__in=granted)
        .exclude(kind__in=CONFIDENTIAL_KINDS)
        .exclude(pk__in=conflicted_case_ids(manager))
        .values_list("pk", flat=True)
    )
    assert expected and visible_ids(manager) == expected


def test_listing_and_single_case_checks_agree_on_visibility():
    seed()
    for user in User.objects.all():
        assert visible_ids(user, for_listing=True) == visible_ids(user), user.email


def test_list_query_counts_do_not_grow_with_the_table(client):
    seed()
    hr = User.objects.get(email=BENCH_HR)
    client.force_login(hr)
    pages = [reverse("cases:case_list"), reverse("api:case-list")]

    def counts() -> list[int]:
        result = []
        for page in pages:
            client.get(page)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            result.append(len(captured.captured_queries))
        return result

    small = counts()
    seed(cases=600, reset=True)
    client.force_login(User.objects.get(email=BENCH_HR))
    assert Case.objects.count() == 600
    assert counts() == small


def test_it_refuses_to_seed_twice_without_reset():
    seed()
    with pytest.raises(CommandError, match="--reset"):
        seed()


def test_reset_refuses_a_database_with_other_users(hana):
    with pytest.raises(CommandError, match="not bench users"):
        seed(reset=True)


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the size limit applies to other databases only"
)
def test_it_refuses_benchmark_sizes_without_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL"):
        seed(cases=5000)
