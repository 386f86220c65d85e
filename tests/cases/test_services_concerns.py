"""Raising and triaging concerns: validation, attachments, decisions and messages to the submitter."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEntry
from cases import services
from cases.models import CaseKind, Concern, ConcernMessage, ConcernStatus, Document, PartyRole
from cases.selectors import my_concerns, triage_queue
from erms.lib.errors import ApplicationError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _raise(liam, sam, **kwargs):
    return services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category=kwargs.pop("category", "conduct"),
        description="Shouted at a customer",
        **kwargs,
    )


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_it_refuses_a_concern_about_nobody(liam):
    with pytest.raises(ApplicationError) as refused:
        services.concern_raise(actor=liam, about=[], category="conduct", description="Something")
    assert refused.value.field == "about"
    assert not Concern.objects.exists()


def test_it_refuses_discrimination_without_the_protected_characteristic(liam, sam):
    with pytest.raises(ApplicationError) as refused:
        _raise(liam, sam, category="discrimination")
    assert refused.value.field == "protected_characteristic"
    concern = _raise(liam, sam, category="discrimination", protected_characteristic="age")
    assert concern.protected_characteristic == "age"


def test_a_raised_concern_is_received_with_its_people_and_an_audit_entry(liam, sam):
    concern = _raise(liam, sam, urgency="high", place="Shop floor", witnesses="Olga")
    assert concern.status == ConcernStatus.RECEIVED
    assert list(concern.about.all()) == [sam.employee_record]
    entry = AuditEntry.objects.get(action="concern_raised", object_id=str(concern.pk))
    assert entry.actor == liam
    assert entry.changes["urgency"] == [None, "high"]
    assert entry.changes["about"] == [None, [str(sam.employee_record)]]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("statement.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("notes.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("photo.png", "Plain words, å and ư".encode(), "text/plain"),  # judged by content, not the name
    ],
)
def test_it_stores_allowed_attachments_through_storage_with_their_sha256(
    liam, sam, name, content, content_type
):
    concern = _raise(liam, sam, attachments=[SimpleUploadedFile(name, content, "application/octet-stream")])
    doc = concern.attachments.get()
    assert doc.content_type == content_type
    assert doc.sha256 == hashlib.sha256(content).hexdigest()
    assert doc.size == len(content) and doc.original_name == name and doc.uploaded_by == liam
    assert default_storage.exists(doc.file.name)
    with default_storage.open(doc.file.name) as stored:
        assert stored.read() == content
    assert name not in doc.file.name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100),  # a program renamed to .pdf
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 60),  # not a real Office file
        ("script.txt", b"MZ\x90\x00\x03\x00\x00\x00"),  # a Windows executable
    ],
)
def test_it_refuses_a_renamed_binary_and_keeps_nothing(liam, sam, name, content):
    with pytest.raises(ApplicationError) as refused:
        _raise(liam, sam, attachments=[SimpleUploadedFile(name, content, "application/pdf")])
    assert name in refused.value.message and refused.value.field == "attachments"
    assert not Concern.objects.exists() and not Document.objects.exists()


def test_it_refuses_an_attachment_over_the_size_limit(liam, sam, settings):
    settings.ERMS_MAX_UPLOAD_BYTES = 16
    with pytest.raises(ApplicationError) as refused:
        _raise(liam, sam, attachments=[SimpleUploadedFile("big.txt", b"x" * 17, "text/plain")])
    assert "big.txt" in refused.value.message
    assert not Concern.objects.exists()
    assert (
        _raise(
            liam, sam, attachments=[SimpleUploadedFile("ok.txt", b"x" * 16, "text/plain")]
        ).attachments.count()
        == 1
    )


def test_it_refuses_an_empty_attachment(liam, sam):
    with pytest.raises(ApplicationError):
        _raise(liam, sam, attachments=[SimpleUploadedFile("empty.txt", b"", "text/plain")])


def test_accepting_opens_a_case_and_records_who_and_why(hana, liam, sam):
    concern = _raise(liam, sam, attachments=[SimpleUploadedFile("s.pdf", PDF, "application/pdf")])
    case = services.concern_accept(
        actor=hana,
        concern=concern,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Formal process needed",
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CASE_OPENED and concern.case == case
    assert concern.triaged_by == hana and concern.triage_reason == "Formal process needed"
    assert concern.triaged_at is not None
    assert list(case.parties.values_list("employee", "role")) == [(sam.employee_record.pk, PartyRole.SUBJECT)]
    assert case.location == sam.employee_record.location and case.jurisdiction == "GB"
    assert list(case.documents.all()) == list(concern.attachments.all())
    entry = AuditEntry.objects.get(action="concern_triaged", object_id=str(concern.pk))
    assert entry.actor == hana and entry.case_id == case.pk
    assert entry.changes == {"status": ["received", "case_opened"], "reason": [None, "Formal process needed"]}


def test_a_grievance_makes_the_people_it_is_about_respondents(hana, liam, sam):
    concern = _raise(liam, sam, category="grievance")
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.GRIEVANCE, case_manager=hana, reason="Grievance"
    )
    assert case.parties.get().role == PartyRole.RESPONDENT


def test_merging_links_the_concern_to_an_existing_case(hana, liam, sam):
    case = services.concern_accept(
        actor=hana, concern=_raise(liam, sam), kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal"
    )
    version = case.version
    second = _raise(liam, sam)
    services.concern_merge(actor=hana, concern=second, case=case, reason="Same incident")
    second.refresh_from_db()
    assert second.status == ConcernStatus.CASE_OPENED and second.case == case and second.triaged_by == hana
    assert second.triage_reason == "Same incident"
    assert case.version == version + 1
    assert case.timeline.filter(summary__contains=second.reference).exists()


def test_resolving_informally_sends_the_advice_to_the_submitter(hana, liam, sam):
    concern = _raise(liam, sam)
    services.concern_resolve_informally(actor=hana, concern=concern, advice="Have a quiet word first")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED_INFORMALLY and concern.triaged_by == hana
    assert list(my_concerns(user=liam)[0].messages.values_list("body", flat=True)) == [
        "Have a quiet word first"
    ]


def test_closing_needs_a_reason_and_the_message_is_optional(hana, liam, sam):
    concern = _raise(liam, sam)
    with pytest.raises(ApplicationError) as refused:
        services.concern_close(actor=hana, concern=concern, reason="  ")
    assert refused.value.field == "reason"
    services.concern_close(actor=hana, concern=concern, reason="Not an HR matter")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.NO_FURTHER_ACTION and concern.triage_reason == "Not an HR matter"
    assert not concern.messages.exists()


def test_a_decided_concern_cannot_be_decided_again(hana, erin, liam, sam):
    concern = _raise(liam, sam)
    services.concern_close(actor=hana, concern=concern, reason="No case")
    with pytest.raises(ApplicationError):
        services.concern_accept(
            actor=erin,
            concern=concern,
            kind=CaseKind.DISCIPLINARY,
            case_manager=hana,
            reason="Changed my mind",
        )
    with pytest.raises(ApplicationError):
        services.concern_resolve_informally(actor=erin, concern=concern, advice="Talk")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.NO_FURTHER_ACTION and concern.triaged_by == hana
    assert concern.case is None


def test_starting_review_moves_a_received_concern_once_and_keeps_it_in_the_queue(hana, liam, sam):
    concern = _raise(liam, sam)
    services.concern_review_start(actor=hana, concern=concern)
    services.concern_review_start(actor=hana, concern=concern)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.UNDER_REVIEW
    assert AuditEntry.objects.filter(action="concern_review_started").count() == 1
    assert list(triage_queue(user=hana)) == [concern]


def test_shared_notes_reach_the_submitter_and_internal_notes_do_not(hana, liam, sam):
    concern = _raise(liam, sam)
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal"
    )
    services.note_add(actor=hana, case=case, body="Witness says he was provoked")
    services.note_add(actor=hana, case=case, body="A hearing is being arranged", shared_with_submitter=True)
    assert list(ConcernMessage.objects.filter(concern=concern).values_list("body", flat=True)) == [
        "A hearing is being arranged"
    ]
    shown = my_concerns(user=liam).get()
    assert [m.body for m in shown.messages.all()] == ["A hearing is being arranged"]
    assert not my_concerns(user=hana).exists()


def test_a_message_to_the_submitter_needs_words(hana, liam, sam):
    concern = _raise(liam, sam)
    with pytest.raises(ApplicationError):
        services.concern_message_send(actor=hana, concern=concern, body=" ")
    services.concern_message_send(actor=hana, concern=concern, body="We are looking into it")
    assert concern.messages.get().author == hana


def test_references_run_in_sequence_per_year(hana, liam, sam):
    year = timezone.now().year
    concerns = [_raise(liam, sam) for _ in range(3)]
    assert [c.reference for c in concerns] == [f"CON-{year}-0000{n}" for n in (1, 2, 3)]
    cases = [
        services.concern_accept(
            actor=hana, concern=c, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal"
        )
        for c in concerns[:2]
    ]
    assert [c.reference for c in cases] == [f"ER-{year}-00001", f"ER-{year}-00002"]
