"""The audit page names what a change linked (a document by its title, not its database id), gives
sizes with their unit, and labels each entry's integrity hash."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from audit import services as audit_services
from cases import services
from tests.cases import test_views_case_page

pytestmark = pytest.mark.django_db

case = test_views_case_page.case  # the case page's case, opened from a concern


def _changes(client, case) -> str:
    body = client.get(reverse("cases:case_audit", args=[case.pk])).content.decode()
    return body.split("<tbody>")[1].split("</tbody>")[0]


@pytest.fixture
def document(hana, case):
    with transaction.atomic():
        return services.document_store(
            actor=hana,
            file=SimpleUploadedFile("notes.txt", b"Witness notes, one page." * 7, content_type="text/plain"),
            title="Witness statement",
            case=case,
        )


def test_it_names_a_linked_document_by_its_title_not_its_id(client, erin, hana, case, document):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")
    audit_services.audit(
        actor=hana,
        action="allegation_changed",
        obj=allegation,
        case=case,
        changes={"evidence": (None, [document.pk]), "policy_version": (None, None)},
    )
    client.force_login(erin)
    rows = _changes(client, case)
    row = re.search(r"<strong>Evidence</strong>.*?</div>", rows, flags=re.S)
    assert row, rows
    assert "Witness statement" in row.group(0)
    assert f'→ <span class="after">{document.pk}</span>' not in row.group(0)


def test_it_gives_a_documents_size_with_its_unit(client, erin, case, document):
    client.force_login(erin)
    rows = _changes(client, case)
    row = re.search(r"<strong>Size</strong>.*?</div>", rows, flags=re.S)
    assert row, rows
    assert "168\xa0bytes" in row.group(0)


def test_it_labels_each_entrys_integrity_hash(client, erin, case):
    client.force_login(erin)
    rows = _changes(client, case)
    summaries = re.findall(r"<summary>([^<]*)</summary>", rows)
    assert summaries and all(s.startswith("Integrity hash ") for s in summaries), summaries
