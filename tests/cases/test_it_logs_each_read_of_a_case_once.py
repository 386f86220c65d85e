"""Every read of case data goes through the fetch helpers of ``cases.permissions``, which write the
who-viewed entry themselves: each read path below writes exactly one entry (user, case, path),
however often the request fetches the case. A request for an existing case the user may not see
(answered 404) is logged as refused, with the path; an id that names nothing writes nothing."""

from __future__ import annotations

import pytest
from django.db.models import Max
from django.urls import reverse

from audit.models import AccessEntry
from cases.models import Case, Concern, Document, Letter, Meeting
from tests.cases.test_access_matrix import (
    World,
    _fast_settings,  # noqa: F401  (the module's settings fixture)
    client_for,
    send,
    world_fixture,
)

world = world_fixture({"D"})


def _paths(world: World) -> dict[str, tuple[str, str, str]]:
    """Each read path: (role, method, url), all on case D."""
    d = world.cases["D"]
    objects = world.objects["D"]
    letter, document = objects["letter"], objects["document"]
    return {
        "api case": ("hana", "GET", reverse("api:case-detail", args=[d.pk])),
        "api parties": ("hana", "GET", reverse("api:case-parties", args=[d.pk])),
        "api allegations": ("hana", "GET", reverse("api:case-allegations", args=[d.pk])),
        "api meetings": ("hana", "GET", reverse("api:case-meetings", args=[d.pk])),
        "api documents": ("hana", "GET", reverse("api:case-documents", args=[d.pk])),
        "api timeline": ("hana", "GET", reverse("api:case-timeline", args=[d.pk])),
        "api letters": ("hana", "GET", reverse("api:case-letters", args=[d.pk])),
        "api letter": ("hana", "GET", reverse("api:letter-detail", args=[letter.pk])),
        "api letter download": ("hana", "GET", reverse("api:letter-download", args=[letter.pk])),
        "api document download": ("hana", "GET", reverse("api:document-download", args=[document.pk])),
        "api concern of the case": (
            "ada",
            "GET",
            reverse("api:concern-detail", args=[world.concerns["Q_D"].pk]),
        ),
        "page case": ("hana", "GET", reverse("cases:case_detail", args=[d.pk])),
        "page refused edit shows the case": ("hana", "POST", reverse("cases:case_edit", args=[d.pk])),
        "page audit": ("erin", "GET", reverse("cases:case_audit", args=[d.pk])),
        "page letters section": ("hana", "GET", reverse("cases:letter_list", args=[d.pk])),
        "page letter preview": ("hana", "GET", reverse("cases:letter_preview", args=[d.pk])),
        "page action form": ("hana", "GET", reverse("cases:case_action_form", args=[d.pk, "meeting"])),
        "page document": ("hana", "GET", reverse("cases:document_download", args=[document.pk])),
        "page document preview": ("hana", "GET", reverse("cases:document_preview", args=[document.pk])),
        "page triage of the case's concern": (
            "ada",
            "GET",
            reverse("cases:triage_detail", args=[world.concerns["Q_D"].pk]),
        ),
    }


READ_PATHS = [
    "api case",
    "api parties",
    "api allegations",
    "api meetings",
    "api documents",
    "api timeline",
    "api letters",
    "api letter",
    "api letter download",
    "api document download",
    "api concern of the case",
    "page case",
    "page refused edit shows the case",
    "page audit",
    "page letters section",
    "page letter preview",
    "page action form",
    "page document",
    "page document preview",
    "page triage of the case's concern",
]


@pytest.mark.parametrize("name", READ_PATHS)
def test_each_read_path_writes_exactly_one_access_entry(world: World, name: str) -> None:
    role, method, url = _paths(world)[name]
    user = world.users[role]
    before = AccessEntry.objects.aggregate(m=Max("id"))["m"] or 0
    client = client_for(world, role)
    if name == "page letters section":  # the section is loaded by htmx; alone it redirects
        client.defaults["HTTP_HX_REQUEST"] = "true"
    response = send(client, method, url)
    assert response.status_code == 200, response.status_code
    entries = list(AccessEntry.objects.filter(id__gt=before))
    assert [(e.user_id, e.case_id, e.refused) for e in entries] == [(user.pk, world.cases["D"].pk, False)]
    assert entries[0].path.split("?")[0] == url


def test_the_action_form_fetched_by_htmx_writes_one_entry_too(world: World) -> None:
    d = world.cases["D"]
    before = AccessEntry.objects.count()
    response = client_for(world, "hana").get(
        reverse("cases:case_action_form", args=[d.pk, "document"]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert AccessEntry.objects.count() == before + 1


def _refusals(world: World) -> dict[str, str]:
    """URLs on D (which olga may not see) and on what is filed on it or became it."""
    d = world.cases["D"]
    objects = world.objects["D"]
    return {
        "api case": reverse("api:case-detail", args=[d.pk]),
        "api parties": reverse("api:case-parties", args=[d.pk]),
        "api letter": reverse("api:letter-detail", args=[objects["letter"].pk]),
        "api document": reverse("api:document-download", args=[objects["document"].pk]),
        "api meeting": reverse("api:meeting-cancel", args=[objects["meeting"].pk]),
        "api allegation": reverse("api:allegation-finding", args=[objects["allegation"].pk]),
        "page case": reverse("cases:case_detail", args=[d.pk]),
        "page edit": reverse("cases:case_edit", args=[d.pk]),
        "page letters section": reverse("cases:letter_list", args=[d.pk]),
        "page document": reverse("cases:document_download", args=[objects["document"].pk]),
    }


@pytest.mark.parametrize(
    "name",
    [
        "api case",
        "api parties",
        "api letter",
        "api document",
        "api meeting",
        "api allegation",
        "page case",
        "page edit",
        "page letters section",
        "page document",
    ],
)
def test_a_refused_request_for_an_existing_case_is_logged_with_its_path(world: World, name: str) -> None:
    url = _refusals(world)[name]
    method = "POST" if name in ("api meeting", "api allegation", "page edit") else "GET"
    before = AccessEntry.objects.aggregate(m=Max("id"))["m"] or 0
    assert send(client_for(world, "olga"), method, url).status_code == 404
    entries = list(AccessEntry.objects.filter(id__gt=before))
    assert [(e.user_id, e.case_id, e.refused, e.path.split("?")[0]) for e in entries] == [
        (world.users["olga"].pk, world.cases["D"].pk, True, url)
    ]


def test_a_concern_of_a_case_the_triager_may_not_see_is_refused_and_logged(world: World) -> None:
    """ada may triage, but Q_W became the confidential case W she may not see."""
    concern = world.concerns["Q_W"]
    client = client_for(world, "ada")
    for url in (
        reverse("api:concern-detail", args=[concern.pk]),
        reverse("cases:triage_detail", args=[concern.pk]),
    ):
        before = AccessEntry.objects.aggregate(m=Max("id"))["m"] or 0
        assert send(client, "GET", url).status_code == 404
        entries = list(AccessEntry.objects.filter(id__gt=before))
        assert [(e.user_id, e.case_id, e.refused) for e in entries] == [
            (world.users["ada"].pk, world.cases["W"].pk, True)
        ]


def test_ids_that_name_nothing_write_nothing(world: World) -> None:
    client = client_for(world, "olga")
    missing = {
        model: (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1000
        for model in (Case, Concern, Document, Letter, Meeting)
    }
    before = AccessEntry.objects.count()
    for url in (
        reverse("api:case-detail", args=[missing[Case]]),
        reverse("cases:case_detail", args=[missing[Case]]),
        reverse("api:case-parties", args=[missing[Case]]),
        reverse("api:letter-detail", args=[missing[Letter]]),
        reverse("api:document-download", args=[missing[Document]]),
        reverse("cases:document_download", args=[missing[Document]]),
        reverse("api:concern-detail", args=[missing[Concern]]),
    ):
        assert send(client, "GET", url).status_code == 404, url
    assert send(client, "POST", reverse("api:meeting-cancel", args=[missing[Meeting]])).status_code == 404
    assert AccessEntry.objects.count() == before


def test_another_cases_item_under_a_visible_case_url_is_refused_and_logged_against_its_case(
    world: World,
) -> None:
    """chris sees C2, not D: ``/cases/<C2>/meetings/<D's meeting>/cancel/`` is a refused request for D."""
    own = world.cases["C2"]
    theirs = world.objects["D"]
    client = client_for(world, "chris")
    for name, kwarg, item in (
        ("cases:meeting_cancel", "meeting_pk", theirs["meeting"]),
        ("cases:meeting_held", "meeting_pk", theirs["meeting"]),
        ("cases:allegation_finding", "allegation_pk", theirs["allegation"]),
    ):
        url = reverse(name, kwargs={"pk": own.pk, kwarg: item.pk})
        before = AccessEntry.objects.aggregate(m=Max("id"))["m"] or 0
        assert send(client, "POST", url).status_code == 404
        entries = AccessEntry.objects.filter(id__gt=before, case_id=world.cases["D"].pk)
        assert [(e.user_id, e.refused, e.path) for e in entries] == [(world.users["chris"].pk, True, url)]
