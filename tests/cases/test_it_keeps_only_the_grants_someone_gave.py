"""Cases migration 0011: user grants written by earlier releases for case managers and
investigators (and left behind on reassignment) go; grants given on the grant screen stay."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from cases import services
from cases.models import Case, CaseKind, CaseUserObjectPermission, PartyRole
from cases.permissions import cases_visible_to, has_case_perm

migration = importlib.import_module("cases.migrations.0011_grants_only_where_audited")


def _old_style_grant(user, case: Case, codename: str) -> None:
    """A grant row as earlier releases wrote it at case opening, with no audit entry of a grant."""
    CaseUserObjectPermission.objects.create(
        user=user, content_object=case, permission=Permission.objects.get(codename=codename)
    )


def _rows(user, case: Case) -> set[str]:
    return set(
        CaseUserObjectPermission.objects.filter(user=user, content_object=case).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.fixture
def case(hana, sam, london, operations):
    return services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Rota dispute",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.COMPLAINANT)],
    )


def test_it_takes_a_former_managers_leftover_grants_away(case, hana, ada, erin):
    for codename in ("view_case", "change_case"):
        _old_style_grant(hana, case, codename)
    services.case_assign_manager(actor=ada, case=case, case_manager=erin, expected_version=case.version)
    _old_style_grant(hana, case, "view_case")  # as a release that did not revoke on reassignment left it
    assert cases_visible_to(hana).filter(pk=case.pk).exists()

    migration.forwards(apps, None)

    assert _rows(hana, case) == set()
    assert not cases_visible_to(hana).filter(pk=case.pk).exists()


def test_it_keeps_explicit_grants_as_they_were_given(case, erin, liam, olga, rita):
    services.case_grant_access(actor=erin, case=case, user=liam)
    _old_style_grant(liam, case, "change_case")  # more than the audited grant gave
    services.case_grant_access(actor=erin, case=case, user=olga, can_change=True)
    services.case_grant_access(actor=erin, case=case, user=rita)
    services.case_revoke_access(actor=erin, case=case, user=rita)
    _old_style_grant(rita, case, "view_case")  # revoked in the trail: the row should not be there

    migration.forwards(apps, None)

    assert _rows(liam, case) == {"view_case"}
    assert _rows(olga, case) == {"view_case", "change_case"}
    assert _rows(rita, case) == set()
    olga = type(olga).objects.get(pk=olga.pk)
    assert has_case_perm(olga, case, "cases.change_case")
