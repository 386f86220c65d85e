"""The audit page reads as sentences in the reader's language: what happened to what, the
changed fields by name with their shown values and dates, no empty changes, short hashes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from audit import services as audit_services
from tests.cases import test_views_case_page

pytestmark = pytest.mark.django_db

case = test_views_case_page.case  # the case page's case, opened from a concern


def _changes(client, case) -> str:
    body = client.get(reverse("cases:case_audit", args=[case.pk])).content.decode()
    return body.split("<tbody>")[1].split("</tbody>")[0]


def test_it_writes_each_entry_as_a_sentence_with_named_fields_and_shown_values(client, erin, hana, case):
    audit_services.audit(
        actor=hana,
        action="case_status_changed",
        obj=case,
        case=case,
        changes={
            "status": ("triage", "investigation"),
            "refused_urls": (None, []),
            "title": ("Same", "Same"),
        },
    )
    audit_services.audit(
        actor=hana,
        action="case_updated",
        obj=case,
        case=case,
        changes={"opened_at": (None, "2026-12-01T09:30:00+00:00")},
    )
    client.force_login(erin)
    rows = _changes(client, case)
    assert "case_status_changed" not in rows and "cases.case" not in rows
    assert "Case status changed" in rows
    assert "Status" in rows and "Triage" in rows and "Investigation" in rows
    assert "refused_urls" not in rows and "[]" not in rows  # nothing changed: not shown
    assert "Same" not in rows
    shown = formats.date_format(
        timezone.localtime(datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)), "DATETIME_FORMAT"
    )
    assert "2026-12-01T" not in rows and shown in rows


def test_it_shortens_hashes_into_a_details_element(client, erin, case):
    client.force_login(erin)
    rows = _changes(client, case)
    full = re.findall(r"\b[0-9a-f]{64}\b", rows)
    assert full, "the full hash is still there for who opens the details"
    for digest in full:
        assert f"<summary>Integrity hash {digest[:8]}</summary>" in rows
        assert rows.count(digest) == 1


def test_it_words_the_log_in_the_readers_language(client, erin, case):
    client.force_login(erin)
    with translation.override("nb"):
        erin.language = "nb"
        rows = client.get(
            reverse("cases:case_audit", args=[case.pk]),
            HTTP_ACCEPT_LANGUAGE="nb",
            HTTP_COOKIE="django_language=nb",
        ).content.decode()
    assert "case_opened" not in rows
