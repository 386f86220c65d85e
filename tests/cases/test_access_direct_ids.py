"""Typing another case's id into the address bar or the API finds nothing.

For every user, every case they must not see is tried on every object URL (pages and API:
the case, its allegations, meetings, documents and letters), with the method the endpoint
answers: the answer is always 404, never 200 and never 403 (a 403 would confirm that the
case exists). Ids of objects of an invisible case are also tried under a visible case's URL,
and ids just above the largest and of deleted objects answer 404 to everyone.

The endpoints come from the same discovery and table as ``test_access_matrix.py``.
"""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Allegation, Case, Concern, Document, Meeting, MeetingKind
from deadlines.models import Notification
from tests.cases.test_access_matrix import (
    MATRIX,
    TRIAGE,
    VISIBLE,
    World,
    _fast_settings,  # noqa: F401  (the module's settings fixture)
    _text,
    client_for,
    discover_endpoints,
    page_kwargs,
    send,
    url_kwargs,
    world_fixture,
)

ALL_CASES = {"D", "EAP", "W", "G", "X", "K", "C2"}
world = world_fixture(ALL_CASES)  # letters rendered everywhere, so a missing check would answer 200

CASE_TARGETS = ("case", "allegation", "meeting", "document", "letter")
OBJECT_ENDPOINTS = sorted(
    (name, method) for (name, method), row in MATRIX.items() if row.target in CASE_TARGETS
)
SIGNED_IN = ("ada", "erin", "hana", "ivan", "liam", "rita", "sam", "olga", "chris")


def _url(world: World, name: str, case_name: str) -> str:
    endpoint = discover_endpoints()[name]
    target = MATRIX[next(k for k in MATRIX if k[0] == name)].target
    if endpoint.is_api:
        return reverse(name, kwargs=url_kwargs(world, target, None, case_name))
    return reverse(name, kwargs=page_kwargs(world, endpoint, target, case_name))


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_object_url_of_a_case_the_user_may_not_see_answers_404(world: World, role: str) -> None:
    client = client_for(world, role)
    hidden = sorted(ALL_CASES - VISIBLE[role])
    tried = 0
    for case_name in hidden:
        for name, method in OBJECT_ENDPOINTS:
            url = _url(world, name, case_name)
            response = send(client, method, url)
            assert response.status_code == 404, f"{role} {method} {url} ({case_name}): {response.status_code}"
            tried += 1
    assert tried == len(hidden) * len(OBJECT_ENDPOINTS)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_same_urls_answer_the_user_on_the_cases_they_may_see(world: World, role: str) -> None:
    """The control for the test above: the ids are right, only the visibility differs."""
    client = client_for(world, role)
    for case_name in sorted(VISIBLE[role]):
        for name in (
            "cases:case_detail",
            "api:case-detail",
            "api:case-timeline",
            "cases:document_download",
            "api:document-download",
            "api:letter-download",
        ):
            response = send(client, "GET", _url(world, name, case_name))
            assert response.status_code == 200, f"{role} {name} {case_name}"


@pytest.mark.parametrize("role", ("ada", "hana", "ivan", "chris"))
def test_an_invisible_cases_items_under_a_visible_case_url_answer_404(world: World, role: str) -> None:
    """``/cases/<mine>/meetings/<theirs>/held/`` must not reach the other case's meeting."""
    client = client_for(world, role)
    mine = sorted(VISIBLE[role])[0]
    own_pk = world.cases[mine].pk
    for theirs in sorted(ALL_CASES - VISIBLE[role]):
        items = world.objects[theirs]
        for name, kwarg, item in (
            ("cases:allegation_finding", "allegation_pk", items["allegation"]),
            ("cases:meeting_held", "meeting_pk", items["meeting"]),
            ("cases:meeting_cancel", "meeting_pk", items["meeting"]),
            ("cases:letter_retry", "letter_pk", items["letter"]),
        ):
            if name not in discover_endpoints():
                continue
            url = reverse(name, kwargs={"pk": own_pk, kwarg: item.pk})
            assert send(client, "POST", url).status_code == 404, url
        # The API's id lists and filters ignore another case's objects too.
        replaces = items["document"].pk
        response = client.post(
            reverse("api:case-documents", args=[own_pk]), {"file": _text("new"), "replaces": replaces}
        )
        assert response.status_code == 400 and "replaces" in response.json(), response.content


def test_even_a_sharp_eyed_triager_gets_404_for_a_concern_about_himself(world: World) -> None:
    client = client_for(world, "chris")
    pk = world.concerns["Q_chris"].pk
    assert "Q_chris" not in TRIAGE["chris"]
    for name, method in sorted(MATRIX):
        if MATRIX[(name, method)].target == "concern":
            assert send(client, method, reverse(name, args=[pk])).status_code == 404, name


@pytest.mark.parametrize("role", SIGNED_IN)
def test_other_peoples_concerns_and_notifications_answer_404(world: World, role: str) -> None:
    client = client_for(world, role)
    user = world.users[role]
    for concern in world.concerns.values():
        if concern.raised_by_id == user.pk:
            continue
        assert send(client, "GET", reverse("cases:my_concern_detail", args=[concern.pk])).status_code == 404
    for notification in Notification.objects.exclude(user=user):
        response = send(client, "POST", reverse("api:notification-read", args=[notification.pk]))
        assert response.status_code == 404


def _probe_ids(world: World) -> dict[str, list[int]]:
    """Ids just above the largest of each kind, and ids of objects just deleted."""
    hana = world.users["hana"]
    case = world.cases["D"]
    gone_allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Gone")
    gone_meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=timezone.now() + datetime.timedelta(days=3),
        chair=hana,
    )
    gone_document = services.document_store(actor=hana, file=_text("gone"), case=case)
    ids: dict[str, list[int]] = {}
    for key, model in (
        ("case", Case),
        ("allegation", Allegation),
        ("meeting", Meeting),
        ("document", Document),
        ("concern", Concern),
        ("notification", Notification),
    ):
        top = model.objects.aggregate(m=Max("pk"))["m"] or 0
        ids[key] = [top + 1, top + 2, top + 1000, 2**31 - 1]
    for key, obj in (("allegation", gone_allegation), ("meeting", gone_meeting), ("document", gone_document)):
        ids[key].append(obj.pk)
        type(obj).objects.filter(pk=obj.pk).delete()
    try:
        from cases.models import Letter
    except ImportError:
        return ids
    top = Letter.objects.aggregate(m=Max("pk"))["m"] or 0
    ids["letter"] = [top + 1, top + 1000]
    return ids


@pytest.mark.parametrize("role", ("ada", "erin", "hana", "liam", "olga"))
def test_ids_above_the_largest_and_of_deleted_objects_answer_404(world: World, role: str) -> None:
    ids = _probe_ids(world)
    client = client_for(world, role)
    for (name, method), row in sorted(MATRIX.items()):
        endpoint = discover_endpoints()[name]
        if row.target in ("none",) or row.target not in ids:
            continue
        for pk in ids[row.target]:
            if endpoint.is_api or row.target in ("case", "document", "concern"):
                kwargs = {"pk": pk}
                if "action" in endpoint.kwargs:  # the case page's on-demand action forms
                    kwargs["action"] = "meeting"
            else:  # pages nest items under their case: a real visible case, a missing item
                nested = {"allegation": "allegation_pk", "meeting": "meeting_pk", "letter": "letter_pk"}[
                    row.target
                ]
                visible = sorted(VISIBLE[role]) or ["D"]
                kwargs = {"pk": world.cases[visible[0]].pk, nested: pk}
            response = send(client, method, reverse(name, kwargs=kwargs))
            expected = {404}
            if row.target == "concern" and name.startswith("cases:triage") and role in ("liam", "olga"):
                expected = {403}  # the role may not triage at all: refused before any lookup
            if (
                row.target == "concern"
                and name.startswith("api:concern-")
                and name != "api:concern-detail"
                and role in ("liam", "olga")
            ):
                expected = {403}
            if not endpoint.is_api and row.target in ("allegation", "meeting") and role == "liam":
                expected = {403}  # liam may see G but not change it: refused before the item lookup
            assert response.status_code in expected, f"{role} {method} {reverse(name, kwargs=kwargs)}"
