"""Uploads are checked inside, not only by their first bytes: zip bombs and programs or macros in
Word/Excel files, binary data behind a text head and PDF/HTML polyglots are refused with the
field named (a form error on the page, a 400 in the API); previews are sandboxed."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import Document
from erms.lib.errors import ApplicationError
from tests.cases.test_api_cases import open_case

pytestmark = pytest.mark.django_db

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


def docx(*parts: tuple[str, bytes], content_types: str = CONTENT_TYPES) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document>Statement</w:document>")
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


DANGEROUS = {
    "zip bomb": ("bomb.docx", docx(("word/media/filler.xml", b"\x00" * (60 * 1024 * 1024))), "zip bomb"),
    "program by name": ("tool.docx", docx(("word/embeddings/setup.exe", b"hello")), "program"),
    "script by name": ("tool.docx", docx(("word/run.vbs", b"MsgBox 1")), "program"),
    "program by content": (
        "tool.docx",
        docx(("word/media/image1.png", b"MZ\x90\x00" + b"\x00" * 60)),
        "program",
    ),
    "ELF by content": ("tool.docx", docx(("word/media/image1.png", ELF)), "program"),
    "macros": ("macro.docx", docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")), "macros"),
    "macro content type": (
        "macro.docx",
        docx(content_types=CONTENT_TYPES.replace("document.main+xml", "document.macroEnabled.main+xml")),
        "macros",
    ),
    "text then ELF": ("notes.txt", b"Meeting notes\n" * 400 + ELF, "not plain text"),
    "PDF/HTML polyglot": (
        "statement.pdf",
        b"%PDF-1.4\n<html><body><script>fetch('/api/v1/cases/')</script></body></html>\n%%EOF\n",
        "web page",
    ),
}


@pytest.fixture
def case(hana, sam, london, operations):
    return open_case(hana, hana, sam, london, operations)


@pytest.mark.parametrize("kind", DANGEROUS)
def test_it_refuses_a_dangerous_upload_in_the_service(kind):
    name, data, message = DANGEROUS[kind]

    with pytest.raises(ApplicationError) as refused:
        services.document_check(SimpleUploadedFile(name, data))

    assert refused.value.field == "attachments" and message in refused.value.message


def test_it_accepts_genuine_word_excel_text_and_pdf_files():
    printer = ("word/printerSettings/printerSettings1.bin", b"\x00\x01" * 200)
    for name, data in (
        ("statement.docx", docx(printer)),
        ("notes.txt", "Notes from Tromsø — «quoted»\n".encode() * 500),
        ("statement.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    ):
        assert services.document_check(SimpleUploadedFile(name, data))


def test_the_api_answers_400_naming_the_file_field(hana, case):
    api = APIClient()
    api.force_login(hana)
    name, data, message = DANGEROUS["PDF/HTML polyglot"]

    response = api.post(
        f"/api/v1/cases/{case.pk}/documents/", {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["field"] == "file" and message in response.json()["file"][0]
    assert not Document.objects.exists()


def test_the_page_shows_the_refusal_at_the_file_field(client, hana, case):
    client.force_login(hana)
    name, data, message = DANGEROUS["macros"]

    response = client.post(
        reverse("cases:document_upload", args=[case.pk]),
        {"title": "Macro", "kind": "evidence", "file": SimpleUploadedFile(name, data)},
    )

    assert response.status_code == 200
    assert message in str(response.context["document_form"].errors["file"])
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("statement.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x01" * 64),
        ("notes.txt", b"Plain notes\n"),
    ],
)
def test_previews_and_downloads_are_sandboxed_and_not_sniffed(client, hana, case, name, data):
    document = services.document_store(actor=hana, case=case, file=SimpleUploadedFile(name, data))
    client.force_login(hana)

    for view in ("cases:document_preview", "cases:document_download"):
        response = client.get(reverse(view, args=[document.pk]))
        policy = [d.strip() for d in response["Content-Security-Policy"].split(";")]
        assert "sandbox" in policy and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_nul_character_in_a_file_name_is_never_a_server_error(hana, case):
    api = APIClient()
    api.force_login(hana)

    response = api.post(
        f"/api/v1/cases/{case.pk}/documents/",
        {"file": SimpleUploadedFile("state\x00ment.pdf", b"%PDF-1.4\n%%EOF\n"), "title": "Statement"},
        format="multipart",
    )

    assert response.status_code in (201, 400), response.content[:300]
    assert all("\x00" not in d.original_name for d in Document.objects.all())
