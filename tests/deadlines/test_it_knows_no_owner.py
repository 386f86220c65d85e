"""The deadline engine knows no case, union or policy: it imports none of their modules, and the
owners registered at start-up decide who sees a deadline and where it links."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from cases import services
from cases.models import CaseKind
from deadlines import owners, selectors
from deadlines import services as engine

ENGINE = Path(settings.BASE_DIR) / "deadlines"
OWNER_APPS = ("cases", "unions", "policies")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_it_imports_no_case_union_or_policy_module():
    offenders = {
        f"{path.relative_to(ENGINE)}: {name}"
        for path in ENGINE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in OWNER_APPS
    }
    assert offenders == set()


def test_it_resolves_nothing_by_name_at_run_time():
    source = "\n".join(p.read_text() for p in ENGINE.rglob("*.py"))
    assert "import_string" not in source and "importlib" not in source


def test_cases_unions_and_policies_register_their_owners_at_start_up():
    assert {"cases.case", "unions.consultation", "unions.collectiveagreement", "policies.policy"} <= {
        o.label for o in owners.registered()
    }


@pytest.mark.django_db
def test_the_case_owner_hides_a_case_deadline_from_a_user_who_cannot_see_the_case(
    hana, ivan, sam, london, operations
):
    case = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Pay",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, "respondent")],
    )
    deadline = engine.deadline_set(
        owner_type="cases.case",
        owner_id=case.pk,
        key="custom",
        title="Do it",
        due_on=timezone.localdate() + datetime.timedelta(days=2),
        time_zone="Europe/London",
        responsible=ivan,
    )

    assert deadline.pk in set(selectors.deadlines_visible_to(hana).values_list("pk", flat=True))
    # Ivan is responsible, but may not see the case: the case owner decides, and hides it.
    assert deadline.pk not in set(selectors.deadlines_visible_to(ivan).values_list("pk", flat=True))
    assert selectors.my_open_deadlines(user=ivan) == []
    assert selectors.deadline_url(deadline) == f"/cases/{case.pk}/"
    named = selectors.deadlines_named([deadline])[0]
    assert (named.owner_name, named.owner_link) == (case.reference, f"/cases/{case.pk}/")


@pytest.mark.django_db
def test_a_deadline_of_an_owner_nobody_registered_is_shown_to_nobody(hana):
    deadline = engine.deadline_set(
        owner_type="nowhere.thing",
        owner_id=1,
        key="custom",
        title="Orphan",
        due_on=timezone.localdate() + datetime.timedelta(days=2),
        time_zone="Europe/London",
        responsible=hana,
    )

    assert not selectors.deadlines_visible_to(hana).filter(pk=deadline.pk).exists()
    assert selectors.deadline_url(deadline) == ""
