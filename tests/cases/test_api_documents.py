"""The documents API: listing, uploading (checked by content) and downloading case documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from audit.models import AccessEntry
from cases import services
from cases.models import CaseKind, Document, PartyRole

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def api():
    return APIClient()


def login(api: APIClient, user) -> APIClient:
    api.force_login(user)
    return api


@pytest.fixture
def case(hana, sam, london, operations):
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )


def upload(api: APIClient, case, name: str, data: bytes, **fields):
    return api.post(
        f"/api/v1/cases/{case.pk}/documents/",
        {"file": SimpleUploadedFile(name, data), **fields},
        format="multipart",
    )


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_case_manager_uploads_evidence_with_its_hash(api, hana, case):
    response = upload(
        login(api, hana), case, "statement.pdf", PDF, title="Witness statement", kind="statement"
    )

    assert response.status_code == 201, response.json()
    document = Document.objects.get()
    assert document.case == case and document.uploaded_by == hana
    assert document.content_type == "application/pdf" and document.kind == "statement"
    assert document.sha256 == hashlib.sha256(PDF).hexdigest() == response.json()["sha256"]
    assert [p.read_bytes() for p in stored_files()] == [PDF]


def test_a_new_version_replaces_the_old_one(api, hana, case):
    login(api, hana)
    first = upload(api, case, "statement.pdf", PDF).json()
    second = upload(api, case, "statement-v2.pdf", PDF + b"% amended\n", replaces=first["id"])
    third = upload(api, case, "statement-v3.pdf", PDF, replaces=first["id"])

    assert (
        second.status_code == 201
        and second.json()["version"] == 2
        and second.json()["replaces"] == first["id"]
    )
    assert third.status_code == 400
    assert Document.objects.count() == 2


def test_replacing_a_document_of_another_case_is_refused(api, hana, sam, case, london, operations):
    other = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Other",
        case_manager=hana,
        location=london,
        department=operations,
    )
    login(api, hana)
    foreign = upload(api, other, "a.pdf", PDF).json()

    response = upload(api, case, "b.pdf", PDF, replaces=foreign["id"])

    assert response.status_code == 400 and response.json()["field"] == "replaces"
    assert not case.documents.exists()


@pytest.mark.parametrize(
    "junk",
    [
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120,
        b"PK\x03\x04\x14\x00\x00\x00garbage that is not a zip archive",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
    ],
)
def test_a_disallowed_type_named_pdf_is_refused_and_nothing_is_stored(api, hana, case, junk):
    response = upload(login(api, hana), case, "evidence.pdf", junk)

    assert response.status_code == 400
    assert response.json()["field"] == "file" and "file" in response.json()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_an_upload_without_a_file_is_refused_with_the_field(api, hana, case):
    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/documents/", {"title": "x"}, format="multipart"
    )

    assert response.status_code == 400 and "file" in response.json()


def test_an_oversized_upload_is_refused(api, hana, case, settings):
    settings.ERMS_MAX_UPLOAD_BYTES = 100

    response = upload(login(api, hana), case, "big.png", PNG)

    assert response.status_code == 400 and response.json()["field"] == "file"
    assert not Document.objects.exists()


def test_the_document_list_shows_the_case_documents(api, hana, case):
    login(api, hana)
    upload(api, case, "a.pdf", PDF, title="A")
    upload(api, case, "b.png", PNG, title="B")

    listed = api.get(f"/api/v1/cases/{case.pk}/documents/").json()

    assert [d["title"] for d in listed] == ["B", "A"]
    assert listed[0]["content_type"] == "image/png"


def test_download_streams_the_exact_bytes_as_an_attachment(api, hana, case):
    login(api, hana)
    document_id = upload(api, case, "photo.png", PNG).json()["id"]

    response = api.get(f"/api/v1/documents/{document_id}/download/", HTTP_ACCEPT="image/png")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "photo.png" in response["Content-Disposition"]
    )
    assert AccessEntry.objects.filter(case_id=case.pk, user=hana, via="api").exists()


@pytest.mark.parametrize("who", ["olga", "sam", "liam", "ada_on_eap"])
def test_people_who_cannot_see_the_case_cannot_list_upload_or_download(
    api, request, hana, sam, london, operations, case, who
):
    if who == "ada_on_eap":
        case = services.case_open(
            actor=hana,
            kind=CaseKind.EAP_REFERRAL,
            title="Support",
            case_manager=hana,
            location=london,
            department=operations,
        )
        who = "ada"
    document_id = upload(login(api, hana), case, "a.pdf", PDF).json()["id"]
    login(api, request.getfixturevalue(who))

    assert api.get(f"/api/v1/documents/{document_id}/download/").status_code == 404
    assert api.get(f"/api/v1/cases/{case.pk}/documents/").status_code == 404
    assert upload(api, case, "b.pdf", PDF).status_code == 404
    assert Document.objects.count() == 1


def test_a_concern_attachment_is_downloadable_by_its_submitter_and_triagers_only(api, liam, sam, hana, olga):
    attachment = SimpleUploadedFile("note.pdf", PDF)
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="x", attachments=[attachment]
    )
    document = concern.attachments.get()

    assert login(api, liam).get(f"/api/v1/documents/{document.pk}/download/").status_code == 200
    assert login(api, hana).get(f"/api/v1/documents/{document.pk}/download/").status_code == 200
    assert login(api, olga).get(f"/api/v1/documents/{document.pk}/download/").status_code == 404


def test_unknown_documents_answer_404(api, hana):
    assert login(api, hana).get("/api/v1/documents/999999/download/").status_code == 404


def test_wrong_methods_and_anonymous_users_are_refused(api, hana, case):
    login(api, hana)
    document_id = upload(api, case, "a.pdf", PDF).json()["id"]

    assert api.post(f"/api/v1/documents/{document_id}/download/").status_code == 405
    assert api.delete(f"/api/v1/cases/{case.pk}/documents/").status_code == 405
    api.logout()
    assert api.get(f"/api/v1/documents/{document_id}/download/").status_code in (401, 403)
