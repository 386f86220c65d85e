"""The investigator investigates; those who manage the case decide (XJ-001, Acas Code paras 5-7).

Through the investigator relation ivan reads the case and its documents, adds notes, uploads
documents, sets the investigation plan, schedules and records investigation interviews, and
records the findings on the allegations (the investigation's conclusion). The case's course
stays with those who manage it: its status, title and summary, parties and allegations (and
their policy and evidence links), hearings, the outcome, letters and access.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cases import services
from cases.models import Case, CaseKind, CaseStatus, Meeting, MeetingKind, MeetingStatus, TimelineEntry
from erms.lib import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hana, ivan, liam, sam) -> Case:
    """A disciplinary case hana manages and ivan investigates, with an allegation, an interview
    and a disciplinary hearing ahead."""
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouted at a customer"
    )
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal process"
    )
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    services.allegation_add(actor=hana, case=case, category="conduct", description="Shouted at a customer")
    for kind, days, chair, notice in (
        (MeetingKind.INVESTIGATION_INTERVIEW, 7, ivan, None),
        (MeetingKind.DISCIPLINARY_HEARING, 21, hana, clock.today()),
    ):
        services.meeting_schedule(
            actor=hana,
            case=case,
            kind=kind,
            scheduled_for=clock.now() + datetime.timedelta(days=days),
            chair=chair,
            notice_sent_on=notice,
        )
    case.refresh_from_db()
    return case


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(name: str, case: Case, *args: int) -> str:
    return reverse(f"cases:{name}", args=[case.pk, *args])


def _api(name: str, pk: int) -> str:
    return reverse(f"api:{name}", args=[pk])


def _interview(case: Case) -> Meeting:
    return case.meetings.get(kind=MeetingKind.INVESTIGATION_INTERVIEW)


def _hearing(case: Case) -> Meeting:
    return case.meetings.get(kind=MeetingKind.DISCIPLINARY_HEARING)


MANAGERS_ACTIONS = (
    "transition",
    "edit",
    "party",
    "allegation",
    "outcome",
    "assign",
    "investigator",
    "access",
)
INVESTIGATORS_ACTIONS = ("meeting", "plan", "note", "document")


def test_the_investigators_case_page_offers_the_investigation_and_not_the_decisions(ivan, case):
    response = _client(ivan).get(case.get_absolute_url())
    assert response.status_code == 200
    can = response.context["can"]
    assert {name: can[name] for name in MANAGERS_ACTIONS} == dict.fromkeys(MANAGERS_ACTIONS, False)
    assert {name: can[name] for name in INVESTIGATORS_ACTIONS} == dict.fromkeys(INVESTIGATORS_ACTIONS, True)
    body = response.content.decode()
    allegation = case.allegations.get()
    for name, args in (
        ("case_transition", ()),
        ("case_edit", ()),
        ("party_add", ()),
        ("allegation_add", ()),
        ("allegation_links", (allegation.pk,)),
        ("outcome_record", ()),
        ("meeting_held", (_hearing(case).pk,)),
        ("meeting_cancel", (_hearing(case).pk,)),
    ):
        assert f'action="{_page(name, case, *args)}"' not in body, name
    for name, args in (
        ("allegation_finding", (allegation.pk,)),
        ("meeting_held", (_interview(case).pk,)),
        ("meeting_cancel", (_interview(case).pk,)),
        ("note_add", ()),
    ):
        assert f'action="{_page(name, case, *args)}"' in body, name
    for action in ("party", "outcome", "assign", "investigator"):  # forms loaded when opened
        assert reverse("cases:case_action_form", args=[case.pk, action]) not in body, action
    for action in ("plan", "meeting", "document"):
        assert reverse("cases:case_action_form", args=[case.pk, action]) in body, action
    menu = [anchor for anchor, _label in response.context["action_menu"]]
    assert menu == ["action-plan", "action-meeting", "action-document", "action-note"]


def test_the_investigator_may_schedule_only_interviews_and_has_no_letter_generator(ivan, case):
    client = _client(ivan)
    form = client.get(reverse("cases:case_action_form", args=[case.pk, "meeting"])).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == [MeetingKind.INVESTIGATION_INTERVIEW]
    for action in ("party", "outcome", "assign", "investigator"):
        assert client.get(reverse("cases:case_action_form", args=[case.pk, action])).status_code == 403, (
            action
        )
    letters = client.get(_page("letter_list", case), HTTP_HX_REQUEST="true")  # the case page's section
    assert letters.status_code == 200 and letters.context["can_issue"] is False
    assert _page("letter_preview", case) not in letters.content.decode()


def test_the_case_manager_keeps_every_control(hana, case):
    client = _client(hana)
    response = client.get(case.get_absolute_url())
    can = response.context["can"]
    assert all(
        can[name] for name in ("transition", "edit", "party", "allegation", "outcome", *INVESTIGATORS_ACTIONS)
    )
    assert _page("allegation_links", case, case.allegations.get().pk) in response.content.decode()
    form = client.get(reverse("cases:case_action_form", args=[case.pk, "meeting"])).context["form"]
    assert MeetingKind.DISCIPLINARY_HEARING in {value for value, _label in form.fields["kind"].choices}
    assert client.get(_page("letter_list", case), HTTP_HX_REQUEST="true").context["can_issue"] is True


def test_the_investigators_posts_to_the_managers_actions_are_refused(ivan, hana, case):
    client = _client(ivan)
    version, title, status = case.version, case.title, case.status
    refused = {
        "case_transition": {"to_status": CaseStatus.DECISION, "expected_version": version},
        "case_edit": {"title": "Mine now", "summary": "", "expected_version": version},
        "party_add": {"employee": hana.employee_record.pk, "role": "witness"},
        "allegation_add": {"category": "conduct", "description": "Another one"},
        "letter_issue": {"kind": "investigation_invitation", "language": "en"},
    }
    for name, data in refused.items():
        assert client.post(_page(name, case), data).status_code == 403, name
    hearing = {
        "kind": MeetingKind.DISCIPLINARY_HEARING,
        "scheduled_for": (clock.now() + datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "chair": hana.pk,
        "notice_sent_on": clock.today().isoformat(),
    }
    assert client.post(_page("meeting_schedule", case), hearing).status_code == 403
    assert client.post(_page("meeting_cancel", case, _hearing(case).pk), {"reason": "No"}).status_code == 403
    assert client.get(_page("letter_preview", case)).status_code == 403
    case.refresh_from_db()
    assert (case.version, case.title, case.status) == (version, title, status)
    assert case.meetings.count() == 2 and case.allegations.count() == 1 and case.letters.count() == 0
    assert _hearing(case).status == MeetingStatus.SCHEDULED


def test_the_investigators_own_work_goes_through(ivan, case):
    client = _client(ivan)
    assert client.post(_page("note_add", case), {"body": "Spoke to the witness"}).status_code == 302
    assert TimelineEntry.objects.filter(case=case, body="Spoke to the witness", author=ivan).exists()
    interview = {
        "kind": MeetingKind.INVESTIGATION_INTERVIEW,
        "scheduled_for": (clock.now() + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        "chair": ivan.pk,
    }
    assert client.post(_page("meeting_schedule", case), interview).status_code == 302
    assert case.meetings.filter(kind=MeetingKind.INVESTIGATION_INTERVIEW).count() == 2
    plan = {"terms_of_reference": "Establish the facts"}
    assert client.post(_page("investigation_plan_set", case), plan).status_code == 302
    finding = {"finding": "upheld", "reasons": "Two witnesses agree"}
    allegation = case.allegations.get()
    assert client.post(_page("allegation_finding", case, allegation.pk), finding).status_code == 302
    allegation.refresh_from_db()
    assert allegation.finding == "upheld"


def test_the_api_refuses_the_investigator_the_managers_actions_and_lets_the_case_manager(ivan, hana, case):
    allegation = case.allegations.get()
    hearing = {
        "kind": MeetingKind.DISCIPLINARY_HEARING,
        "scheduled_for": (clock.now() + datetime.timedelta(days=30)).isoformat(),
        "chair": hana.pk,
        "notice_sent_on": clock.today().isoformat(),
    }
    requests = [
        ("patch", _api("case-detail", case.pk), {"title": "Renamed", "version": case.version}),
        (
            "post",
            _api("case-transition", case.pk),
            {"to_status": CaseStatus.DECISION, "version": case.version},
        ),
        ("post", _api("case-parties", case.pk), {"employee": hana.employee_record.pk, "role": "witness"}),
        ("post", _api("case-allegations", case.pk), {"category": "conduct", "description": "Another one"}),
        ("patch", _api("allegation-links", allegation.pk), {"evidence": []}),
        ("post", _api("case-meetings", case.pk), hearing),
        ("post", _api("meeting-cancel", _hearing(case).pk), {"reason": "Not needed"}),
        ("post", _api("case-letters", case.pk), {"kind": "investigation_invitation", "language": "en"}),
        ("post", _api("case-protected-periods", case.pk), {}),
        ("post", _api("case-outcome", case.pk), {}),
    ]
    ivan_client = _client(ivan)
    status = case.status
    for method, url, data in requests:
        response = getattr(ivan_client, method)(url, data, content_type="application/json")
        assert response.status_code == 403, (method, url, response.content)
    case.refresh_from_db()
    assert case.title != "Renamed" and case.status == status
    assert case.meetings.count() == 2 and case.parties.filter(employee=hana.employee_record).count() == 0

    hana_client = _client(hana)  # the edit, a party, an allegation, the hearing (the version moves on)
    for method, url, data in [requests[0], *requests[2:4], requests[5]]:
        response = getattr(hana_client, method)(url, data, content_type="application/json")
        assert response.status_code in (200, 201), (method, url, response.content)
    case.refresh_from_db()
    assert case.title == "Renamed" and case.meetings.count() == 3


def test_the_api_lets_the_investigator_investigate(ivan, case):
    client = _client(ivan)
    allegation, first_interview = case.allegations.get(), _interview(case)
    note = client.post(
        _api("case-notes", case.pk), {"body": "Interview notes filed"}, content_type="application/json"
    )
    assert note.status_code == 201
    interview = {
        "kind": MeetingKind.INVESTIGATION_INTERVIEW,
        "scheduled_for": (clock.now() + datetime.timedelta(days=9)).isoformat(),
        "chair": ivan.pk,
    }
    assert (
        client.post(_api("case-meetings", case.pk), interview, content_type="application/json").status_code
        == 201
    )
    cancel = client.post(
        _api("meeting-cancel", first_interview.pk), {"reason": "Moved"}, content_type="application/json"
    )
    assert cancel.status_code == 200
    finding = {"finding": "not_upheld", "reasons": "No witness saw it"}
    response = client.post(
        _api("allegation-finding", allegation.pk), finding, content_type="application/json"
    )
    assert response.status_code == 200
    allegation.refresh_from_db()
    assert allegation.finding == "not_upheld"
