"""An ER lead sees the cases of the jurisdictions their scope rows name; with no scope row they see
none (access fails closed): every case URL answers 404 and every list is empty. Concerns that
became cases follow their cases; deadlines of those cases are not escalated to them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from cases.deadlines import escalation_recipients
from deadlines.models import Deadline
from tests.cases.test_access_direct_ids import ALL_CASES, OBJECT_ENDPOINTS, _url
from tests.cases.test_access_matrix import (
    World,
    _fast_settings,  # noqa: F401  (the module's settings fixture)
    send,
    world_fixture,
)
from tests.conftest import _person

world = world_fixture({"D"})


@pytest.fixture
def nell(world: World) -> User:
    """An ER lead whose scope rows are missing."""
    case = world.cases["D"]
    return _person("nell@example.com", "Nell Lead", Role.ER_LEAD, case.department, case.location)


@pytest.fixture
def client(nell: User) -> Client:
    client = Client()
    client.force_login(nell)
    return client


def test_every_case_url_answers_an_er_lead_without_scope_404(world: World, client: Client) -> None:
    for case_name in sorted(ALL_CASES):
        for name, method in OBJECT_ENDPOINTS:
            url = _url(world, name, case_name)
            response = send(client, method, url)
            assert response.status_code == 404, f"{method} {url} ({case_name}): {response.status_code}"


def test_every_list_is_empty_for_an_er_lead_without_scope(world: World, client: Client) -> None:
    assert not client.get(reverse("cases:case_list")).context["page"].object_list
    assert client.get(reverse("api:case-list")).json()["results"] == []
    export = client.get(reverse("cases:case_export"))
    assert b"".join(export.streaming_content).decode().splitlines()[1:] == []
    work = client.get(reverse("cases:my_work"))
    assert list(work.context["cases"]) == [] and work.context["counts"]["open"] == 0
    assert sum(r["n"] for r in client.get(reverse("cases:dashboard")).context["trends"]["by_kind"]) == 0
    assert client.get(reverse("api:deadline-list")).json()["results"] == []
    for name in ("Q_D", "Q_W", "Q_K"):  # concerns that became cases go with them
        concern = world.concerns[name]
        assert send(client, "GET", reverse("api:concern-detail", args=[concern.pk])).status_code == 404
        assert send(client, "GET", reverse("cases:triage_detail", args=[concern.pk])).status_code == 404


def test_a_deadline_is_escalated_only_to_er_leads_whose_scope_covers_the_case(
    world: World, nell: User
) -> None:
    deadline = Deadline.objects.filter(owner_type="cases.case", owner_id=world.cases["D"].pk).first()
    recipients = escalation_recipients(deadline)
    assert world.users["erin"] in recipients  # her scope is GB
    assert nell not in recipients
