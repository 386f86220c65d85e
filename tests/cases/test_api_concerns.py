"""The concerns API: raising, "my concerns", the triage queue and triage decisions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cases import services
from cases.models import Case, CaseKind, CaseStatus, Concern, ConcernStatus, Document, PartyRole
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def api():
    return APIClient()


def login(api: APIClient, user) -> APIClient:
    api.force_login(user)
    return api


@pytest.fixture
def concern(liam, sam):
    return services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description="Shouted at a customer",
        urgency="high",
    )


def test_a_line_manager_raises_a_concern_with_json(api, liam, sam):
    response = login(api, liam).post(
        "/api/v1/concerns/",
        {
            "about": [sam.employee_record.pk],
            "category": "conduct",
            "description": "Shouted at a customer",
            "occurred_on": "2026-03-02",
            "urgency": "high",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    concern = Concern.objects.get()
    assert concern.raised_by == liam
    assert list(concern.about.all()) == [sam.employee_record]
    assert response.json()["reference"] == concern.reference
    assert response.json()["status"] == ConcernStatus.RECEIVED


def test_a_concern_can_carry_attachments_in_multipart(api, liam, sam):
    upload = SimpleUploadedFile("note.pdf", PDF, content_type="application/pdf")
    response = login(api, liam).post(
        "/api/v1/concerns/",
        {
            "about": [sam.employee_record.pk],
            "category": "conduct",
            "description": "See the note",
            "attachments": [upload],
        },
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    attachment = Document.objects.get()
    assert attachment.concern.raised_by == liam
    assert attachment.content_type == "application/pdf"


def test_an_attachment_of_a_disallowed_type_refuses_the_concern(api, liam, sam):
    junk = SimpleUploadedFile("note.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64)
    response = login(api, liam).post(
        "/api/v1/concerns/",
        {
            "about": [sam.employee_record.pk],
            "category": "conduct",
            "description": "x",
            "attachments": [junk],
        },
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "attachments"
    assert not Concern.objects.exists() and not Document.objects.exists()


def test_any_employee_with_a_log_in_may_raise_a_concern(api, olga, sam):
    response = login(api, olga).post(
        "/api/v1/concerns/",
        {
            "about": [sam.employee_record.pk],
            "category": "bullying",
            "description": "Name-calling",
        },
        format="json",
    )

    assert response.status_code == 201


def test_unknown_or_missing_people_are_refused_with_field_details(api, liam, sam):
    unknown = login(api, liam).post(
        "/api/v1/concerns/", {"about": [999999], "category": "conduct", "description": "x"}, format="json"
    )
    nobody = api.post(
        "/api/v1/concerns/", {"about": [], "category": "conduct", "description": "x"}, format="json"
    )
    no_ground = api.post(
        "/api/v1/concerns/",
        {"about": [sam.employee_record.pk], "category": "discrimination", "description": "x"},
        format="json",
    )

    assert unknown.status_code == 400 and "about" in unknown.json()
    assert nobody.status_code == 400 and "about" in nobody.json()
    assert no_ground.status_code == 400 and no_ground.json()["field"] == "protected_characteristic"
    assert not Concern.objects.exists()


def test_a_concern_about_someone_who_has_left_is_refused(api, liam, operations, london):
    leaver = EmployeeFactory(employment_status="left", department=operations, location=london)
    response = login(api, liam).post(
        "/api/v1/concerns/", {"about": [leaver.pk], "category": "conduct", "description": "x"}, format="json"
    )

    assert response.status_code == 400 and "about" in response.json()


def test_the_submitter_lists_only_their_own_concerns_without_case_internals(
    api, liam, olga, sam, hana, concern
):
    services.concern_raise(actor=olga, about=[sam.employee_record], category="conduct", description="Other")
    services.concern_accept(
        actor=hana,
        concern=concern,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Formal process needed",
    )

    response = login(api, liam).get("/api/v1/concerns/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["reference"] for r in rows] == [concern.reference]
    assert rows[0]["status"] == ConcernStatus.CASE_OPENED
    assert not {"case", "triage_reason", "raised_by", "attachments"} & set(rows[0])


def test_the_triage_queue_is_for_triagers_only(api, liam, hana, concern):
    assert login(api, liam).get("/api/v1/concerns/?queue=triage").status_code == 403

    response = login(api, hana).get("/api/v1/concerns/?queue=triage")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["reference"] for r in rows] == [concern.reference]
    assert rows[0]["raised_by"]["id"] == liam.pk


def test_the_triage_queue_puts_urgent_concerns_first(api, liam, sam, hana, concern):
    urgent = services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="harassment",
        description="Threats",
        urgency="urgent",
    )

    rows = login(api, hana).get("/api/v1/concerns/?queue=triage&page_size=1").json()
    second = api.get(rows["next"]).json()

    assert [r["id"] for r in rows["results"] + second["results"]] == [urgent.pk, concern.pk]


def test_a_concern_shows_the_triage_view_to_triagers_and_the_own_view_to_its_submitter(
    api, liam, hana, olga, concern
):
    own = login(api, liam).get(f"/api/v1/concerns/{concern.pk}/")
    triage = login(api, hana).get(f"/api/v1/concerns/{concern.pk}/")
    outsider = login(api, olga).get(f"/api/v1/concerns/{concern.pk}/")

    assert own.status_code == 200 and "triage_reason" not in own.json()
    assert triage.status_code == 200 and triage.json()["description"] == "Shouted at a customer"
    assert outsider.status_code == 404


def test_a_triager_cannot_see_a_concern_about_themselves(api, liam, hana):
    about_hana = services.concern_raise(
        actor=liam, about=[hana.employee_record], category="conduct", description="Rude in a meeting"
    )

    assert login(api, hana).get(f"/api/v1/concerns/{about_hana.pk}/").status_code == 404
    assert api.post(f"/api/v1/concerns/{about_hana.pk}/close/", {"reason": "x"}).status_code == 404


def test_accepting_a_concern_opens_a_case(api, hana, sam, concern):
    response = login(api, hana).post(
        f"/api/v1/concerns/{concern.pk}/accept/",
        {"kind": CaseKind.DISCIPLINARY, "case_manager": hana.pk, "reason": "Formal process needed"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert case.status == CaseStatus.TRIAGE and case.case_manager == hana
    assert case.parties.get().employee == sam.employee_record
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CASE_OPENED and concern.case == case and concern.triaged_by == hana


def test_accepting_without_a_reason_or_with_a_non_hr_manager_is_refused(api, hana, liam, concern):
    no_reason = login(api, hana).post(
        f"/api/v1/concerns/{concern.pk}/accept/",
        {"kind": CaseKind.DISCIPLINARY, "case_manager": hana.pk, "reason": ""},
        format="json",
    )
    not_hr = api.post(
        f"/api/v1/concerns/{concern.pk}/accept/",
        {"kind": CaseKind.DISCIPLINARY, "case_manager": liam.pk, "reason": "Formal"},
        format="json",
    )

    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert not_hr.status_code == 400 and not_hr.json()["field"] == "case_manager"
    assert not Case.objects.exists()


def test_people_who_may_not_triage_cannot_decide_concerns(api, liam, concern):
    login(api, liam)
    for action, body in [
        ("accept", {"kind": "disciplinary", "case_manager": liam.pk, "reason": "x"}),
        ("merge", {"case": 1, "reason": "x"}),
        ("resolve", {"advice": "x"}),
        ("close", {"reason": "x"}),
        ("messages", {"body": "x"}),
    ]:
        assert api.post(f"/api/v1/concerns/{concern.pk}/{action}/", body, format="json").status_code == 403
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RECEIVED and not concern.messages.exists()


def test_merging_adds_the_concern_to_a_case_the_triager_may_change(
    api, hana, erin, sam, london, operations, concern
):
    mine = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Earlier",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )
    not_mine = services.case_open(
        actor=erin,
        kind=CaseKind.GRIEVANCE,
        title="Elsewhere",
        case_manager=erin,
        location=london,
        department=operations,
    )
    login(api, hana)

    refused = api.post(
        f"/api/v1/concerns/{concern.pk}/merge/", {"case": not_mine.pk, "reason": "Same"}, format="json"
    )
    merged = api.post(
        f"/api/v1/concerns/{concern.pk}/merge/", {"case": mine.pk, "reason": "Same incident"}, format="json"
    )

    assert refused.status_code == 400 and "case" in refused.json()
    assert merged.status_code == 200
    concern.refresh_from_db()
    assert concern.case == mine and concern.status == ConcernStatus.CASE_OPENED


def test_resolving_informally_shares_the_advice_with_the_submitter(api, hana, liam, concern):
    response = login(api, hana).post(
        f"/api/v1/concerns/{concern.pk}/resolve/", {"advice": "Have a quiet word first"}, format="json"
    )

    assert response.status_code == 200
    own = login(api, liam).get(f"/api/v1/concerns/{concern.pk}/").json()
    assert own["status"] == ConcernStatus.RESOLVED_INFORMALLY
    assert [m["body"] for m in own["messages"]] == ["Have a quiet word first"]


def test_closing_records_the_reason_and_a_decided_concern_cannot_be_decided_again(api, hana, concern):
    login(api, hana)
    closed = api.post(
        f"/api/v1/concerns/{concern.pk}/close/", {"reason": "Not a workplace matter"}, format="json"
    )
    again = api.post(f"/api/v1/concerns/{concern.pk}/resolve/", {"advice": "x"}, format="json")

    assert closed.status_code == 200 and closed.json()["triage_reason"] == "Not a workplace matter"
    assert again.status_code == 400 and "already" in again.json()["detail"]
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.NO_FURTHER_ACTION


def test_a_triager_sends_a_message_the_submitter_then_sees(api, hana, liam, concern):
    empty = login(api, hana).post(f"/api/v1/concerns/{concern.pk}/messages/", {"body": " "}, format="json")
    sent = api.post(
        f"/api/v1/concerns/{concern.pk}/messages/", {"body": "We are looking into it"}, format="json"
    )

    assert empty.status_code == 400
    assert sent.status_code == 201
    rows = login(api, liam).get("/api/v1/concerns/").json()["results"]
    assert [m["body"] for m in rows[0]["messages"]] == ["We are looking into it"]


@pytest.mark.parametrize("url", ["/api/v1/concerns/", "/api/v1/concerns/1/"])
def test_anonymous_users_are_refused(api, url):
    assert api.get(url).status_code in (401, 403)


def test_wrong_methods_are_refused(api, hana, concern):
    login(api, hana)
    assert api.put("/api/v1/concerns/", {}).status_code == 405
    assert api.post(f"/api/v1/concerns/{concern.pk}/").status_code == 405
    for action in ("accept", "merge", "resolve", "close", "messages"):
        assert api.get(f"/api/v1/concerns/{concern.pk}/{action}/").status_code == 405
