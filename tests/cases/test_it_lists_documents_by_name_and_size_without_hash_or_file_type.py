"""A case's documents and a concern's attachments read as people name files: title or file name and
size with its unit; the SHA-256 and the MIME type ("text/plain") stay on the audit page and in the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from cases import services
from tests.cases import test_views_case_page

pytestmark = pytest.mark.django_db

case = test_views_case_page.case  # the case page's case, opened from a concern


def test_it_lists_a_cases_documents_without_their_hash(client, hana, case):
    with transaction.atomic():
        document = services.document_store(
            actor=hana,
            file=SimpleUploadedFile("notes.txt", b"x" * 55, content_type="text/plain"),
            title="Witness statement",
            case=case,
        )
    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    section = page.split('id="documents"')[1].split("</section>")[0]
    assert "Witness statement" in section and "55\xa0bytes" in section
    assert "SHA-256" not in section and document.sha256[:12] not in section


def test_it_shows_an_attachment_by_name_and_size_at_triage(client, hana, liam, sam):
    concern = services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description="Shouted at a customer",
        attachments=[SimpleUploadedFile("notes.txt", b"x" * 55, content_type="text/plain")],
    )
    client.force_login(hana)
    page = client.get(reverse("cases:triage_detail", args=[concern.pk])).content.decode()
    assert '>notes.txt</a><span class="muted">, 55\xa0bytes</span>' in page
    assert "text/plain" not in page
