"""A role says which kinds of action a user may take; on a given case they apply only through the
user's relation to it (case manager, investigator, ER lead in scope, HR admin) or a grant naming
the action. So a view-only grant is view-only whatever the grantee's role, and appointing
investigators or managing the case (its status, scope, hearings, letters) takes a relation that
manages it: a change grant works on the case's file as an investigator does.

Every case endpoint of the access matrix is tried on G with users of each role holding just a
view grant on it: each must answer as it answers liam, the line manager with a view grant there.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from cases import services
from cases.models import ErLeadScope
from tests.cases.test_access_matrix import (
    MATRIX,
    World,
    _answers,
    _fast_settings,  # noqa: F401  (the module's settings fixture)
    client_for,
    discover_endpoints,
    page_kwargs,
    send,
    url_kwargs,
    world_fixture,
)
from tests.conftest import _person

world = world_fixture({"G"})

CASE_TARGETS = ("case", "allegation", "meeting", "document", "letter")
CASE_ENDPOINTS = sorted((key for key, row in MATRIX.items() if row.target in CASE_TARGETS))


def _grantee(world: World, role: str | None, *, can_change: bool = False) -> User:
    """A user of ``role`` with an explicit grant on G and no other relation to it (an ER lead's
    scope covers another jurisdiction)."""
    case = world.cases["G"]
    name = role or "nobody"
    user = _person(f"{name}-grantee@example.com", "Vera Viewer", role, case.department, case.location)
    if role == Role.ER_LEAD:
        ErLeadScope.objects.create(user=user, jurisdiction="NO")
    services.case_grant_access(actor=world.users["erin"], case=case, user=user, can_change=can_change)
    return user


def _url(world: World, name: str, target: str, case_name: str) -> str:
    endpoint = discover_endpoints()[name]
    if endpoint.is_api:
        return reverse(name, kwargs=url_kwargs(world, target, None, case_name))
    return reverse(name, kwargs=page_kwargs(world, endpoint, target, case_name))


@pytest.mark.parametrize(
    "role", [Role.HR_CASE_MANAGER, Role.INVESTIGATOR, Role.ER_LEAD, Role.LINE_MANAGER, Role.UNION_REP, None]
)
def test_a_view_only_grant_lets_every_role_read_and_nothing_more(world: World, role: str | None) -> None:
    user = _grantee(world, role)
    client = Client()
    client.force_login(user)
    tried = writes = 0
    for name, method in CASE_ENDPOINTS:
        row = MATRIX[(name, method)]
        expected = _answers(row, "liam")[0]
        url = _url(world, name, row.target, "G")
        response = send(client, method, url)
        assert response.status_code == int(expected), f"{role} {method} {url}: {response.status_code}"
        tried += 1
        writes += expected == "403"
    assert tried == len(CASE_ENDPOINTS) and writes >= 20


def test_a_change_grant_does_not_let_anyone_appoint_investigators(world: World) -> None:
    """Appointing hands out access: it needs a relation that manages the case, never a grant.
    A change grant is work on the case's file (a note), not managing it (its title and summary)."""
    case = world.cases["G"]
    user = _grantee(world, Role.INVESTIGATOR, can_change=True)
    client = Client()
    client.force_login(user)
    note = send(client, "POST", reverse("api:case-notes", args=[case.pk]), {"body": "Read the file"})
    assert note.status_code == 201  # the grant's change
    url = reverse("api:case-detail", args=[case.pk])
    assert send(client, "PATCH", url, {"version": case.version}).status_code == 403
    appoint = {"investigator": world.users["olga"].pk}
    assert client.post(reverse("api:case-investigators", args=[case.pk]), appoint).status_code == 403
    assert client.post(reverse("cases:case_add_investigator", args=[case.pk]), appoint).status_code == 403
    form = reverse("cases:case_action_form", kwargs={"pk": case.pk, "action": "investigator"})
    assert client.get(form).status_code == 403
    assert not case.investigators.filter(pk=world.users["olga"].pk).exists()


def test_an_investigator_cannot_appoint_another_but_the_case_manager_can(world: World) -> None:
    case = world.cases["D"]
    olga = world.users["olga"]
    ivan = client_for(world, "ivan")
    body = {"investigator": world.users["hana"].pk}
    assert ivan.post(reverse("api:case-investigators", args=[case.pk]), body).status_code == 403
    assert ivan.post(reverse("cases:case_add_investigator", args=[case.pk]), body).status_code == 403
    form = reverse("cases:case_action_form", kwargs={"pk": case.pk, "action": "investigator"})
    assert ivan.get(form).status_code == 403
    assert list(case.investigators.all()) == [world.users["ivan"]]
    olga.groups.add(*User.objects.get(pk=world.users["ivan"].pk).groups.all())  # olga becomes an investigator
    hana = client_for(world, "hana")
    response = hana.post(reverse("api:case-investigators", args=[case.pk]), {"investigator": olga.pk})
    assert response.status_code == 201
    assert set(case.investigators.all()) == {world.users["ivan"], olga}


def test_merging_a_concern_into_a_case_needs_more_than_a_view_grant(world: World) -> None:
    user = _grantee(world, Role.HR_CASE_MANAGER)
    client = Client()
    client.force_login(user)
    concern = world.concerns["Q_open"]
    body = {"case": world.cases["G"].pk, "reason": "The same matter"}
    assert client.post(reverse("cases:triage_merge", args=[concern.pk]), body).status_code == 403
    assert client.post(reverse("api:concern-merge", args=[concern.pk]), body).status_code == 403
    concern.refresh_from_db()
    assert concern.case_id is None
