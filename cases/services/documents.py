"""Documents: content checks (type sniffing, size) and filing a file on a case or concern."""

from __future__ import annotations

import hashlib
import zipfile
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit
from cases.models import (
    Case,
    Concern,
    Document,
    DocumentKind,
    TimelineKind,
    document_upload_to,
)
from cases.services.common import (
    created_changes,
    timeline_add,
)
from erms.lib.errors import ApplicationError

_SNIFFERS: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]
_OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff_content_type(head: bytes, file: Any) -> str | None:
    """The type of a file judged by its content, never its name; ``None`` if not allowed."""
    for magic, content_type in _SNIFFERS:
        if head.startswith(magic):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for folder, content_type in _OOXML.items():
                if any(n.startswith(folder) for n in names):
                    return content_type
        return None
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a multi-byte character cut at the end of the sample is fine
            return None
    return "text/plain"


def document_check(file: UploadedFile) -> str:
    """Refuse an upload that is too large, empty or not an allowed type; return its content type."""
    if file.size > settings.ERMS_MAX_UPLOAD_BYTES:
        raise ApplicationError(
            _("%(name)s is larger than the %(limit)s MB limit.")
            % {"name": file.name, "limit": settings.ERMS_MAX_UPLOAD_BYTES // (1024 * 1024)},
            field="attachments",
        )
    if file.size == 0:
        raise ApplicationError(_("%(name)s is empty.") % {"name": file.name}, field="attachments")
    file.seek(0)
    head = file.read(2048)
    content_type = sniff_content_type(head, file)
    if content_type is None:
        raise ApplicationError(
            _(
                "%(name)s is not an allowed type: upload PDF, Word, Excel, images (PNG, JPEG, GIF) or plain text."
            )
            % {"name": file.name},
            field="attachments",
        )
    return content_type


def document_store(
    *,
    actor: User,
    file: UploadedFile,
    title: str = "",
    kind: str = DocumentKind.EVIDENCE,
    case: Case | None = None,
    concern: Concern | None = None,
    replaces: Document | None = None,
) -> Document:
    """Validate and store an upload through Django storage with its SHA-256.

    Allowed types are checked by content (PDF, PNG, JPEG, GIF, Word/Excel, plain text);
    the size limit is ``ERMS_MAX_UPLOAD_BYTES``. Must be called inside ``transaction.atomic``.
    """
    content_type = document_check(file)
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    version = 1
    if replaces is not None:
        if hasattr(replaces, "replaced_by"):
            raise ApplicationError(_("That document was already replaced by a newer version."))
        version = replaces.version + 1
        case = replaces.case
    doc = Document(
        case=case,
        concern=concern,
        kind=kind,
        title=title or file.name[:200],
        original_name=file.name[:255],
        content_type=content_type,
        size=file.size,
        sha256=digest.hexdigest(),
        version=version,
        replaces=replaces,
        uploaded_by=actor,
    )
    # Content-addressed: identical content is stored once and shared by the documents that hold it.
    stored_name = document_upload_to(doc, file.name)
    if doc.file.storage.exists(stored_name):
        doc.file.name = stored_name
    else:
        file.seek(0)
        doc.file.save(doc.sha256, file, save=False)
    doc.save()
    if case is not None:
        audit(
            actor=actor,
            action="document_added",
            obj=doc,
            case=case,
            changes=created_changes(doc, ["title", "kind", "sha256", "size", "version"]),
        )
        timeline_add(
            case,
            TimelineKind.DOCUMENT,
            _("Document added: %(title)s (v%(v)s)") % {"title": doc.title, "v": doc.version},
            author=actor,
        )
    return doc


def document_store_bytes(
    *, actor: User, data: bytes, name: str, title: str, kind: str, case: Case, page_count: int | None = None
) -> Document:
    """Store generated content (e.g. a rendered letter) as a case document."""
    upload = ContentFile(data, name=name)
    upload.size = len(data)
    doc = document_store(actor=actor, file=upload, title=title, kind=kind, case=case)  # type: ignore[arg-type]
    if page_count is not None:
        Document.objects.filter(pk=doc.pk).update(page_count=page_count)
        doc.page_count = page_count
    return doc
