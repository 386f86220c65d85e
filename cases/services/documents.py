"""Documents: content checks (type sniffing, size) and filing a file on a case or concern."""

from __future__ import annotations

import codecs
import hashlib
import zipfile
import zlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
from erms.lib.sentences import Sentence

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
#: Every content type a stored document can have (what ``document_check`` answers).
DOCUMENT_CONTENT_TYPES: tuple[str, ...] = (
    *dict.fromkeys(content_type for _magic, content_type in _SNIFFERS),
    *_OOXML.values(),
    "text/plain",
)

#: Limits on what an office file (a zip) may unpack to: a "zip bomb" unpacks a small upload
#: into gigabytes when someone opens it.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_ENTRIES = 5000
#: Names that run as programs or scripts when opened; none belongs in a Word or Excel file.
_EXECUTABLE_SUFFIXES = (
    ".exe",
    ".dll",
    ".com",
    ".scr",
    ".msi",
    ".pif",
    ".cpl",
    ".sys",
    ".bat",
    ".cmd",
    ".ps1",
    ".psm1",
    ".sh",
    ".bash",
    ".js",
    ".jse",
    ".mjs",
    ".vbs",
    ".vbe",
    ".wsf",
    ".wsh",
    ".hta",
    ".jar",
    ".class",
    ".so",
    ".dylib",
    ".elf",
    ".app",
    ".lnk",
    ".reg",
    ".py",
    ".pl",
    ".bin",
)
#: Binary parts Word and Excel write themselves (printer settings), the only ``.bin`` allowed.
_HARMLESS_BIN = ("printersettings",)
#: Windows (MZ), Linux (ELF) and macOS (Mach-O, fat) programs.
_EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
#: HTML in the first bytes of a PDF makes it a PDF/HTML polyglot a browser may run as a page.
_HTML_MARKERS = (b"<html", b"<script", b"<!doctype", b"<body", b"<iframe", b"<svg", b"<object", b"<embed")
_PDF_HEAD = 4096
#: What reading a damaged or crafted zip may raise.
_UNREADABLE = (
    zipfile.BadZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
    EOFError,
    zlib.error,
)


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
        except (zipfile.BadZipFile, ValueError, OSError):
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


def _refuse(message: str, file: UploadedFile, **values: Any) -> ApplicationError:
    return ApplicationError(message % {"name": file.name, **values}, field="attachments")


def _check_office_file(file: UploadedFile) -> None:
    """Refuse a Word or Excel file that unpacks too large (a zip bomb) or carries macros or programs.

    Sizes are counted while unpacking, not taken from the zip's own (forgeable) headers.
    """
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(_("%(name)s is not a readable Word or Excel file."), file) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise _refuse(_("%(name)s holds too many parts to be a Word or Excel file."), file)
        names = [entry.filename.lower() for entry in entries]
        types = next((e for e, n in zip(entries, names, strict=True) if n == "[content_types].xml"), None)
        declared = b""
        if types is not None and types.file_size <= 1024 * 1024:
            try:
                declared = archive.read(types).lower()
            except _UNREADABLE:
                raise _refuse(_("%(name)s is not a readable Word or Excel file."), file) from None
        if b"macroenabled" in declared or any(
            name.rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml") for name in names
        ):
            raise _refuse(
                _("%(name)s contains macros; save it without macros (.docx, .xlsx) and upload it again."),
                file,
            )
        unpacked = 0
        limit = min(MAX_UNZIPPED_BYTES, max(file.size, 1) * MAX_COMPRESSION_RATIO)
        for entry, name in zip(entries, names, strict=True):
            base = name.rsplit("/", 1)[-1]
            if name.endswith(_EXECUTABLE_SUFFIXES) and not base.startswith(_HARMLESS_BIN):
                raise _refuse(_("%(name)s contains a program (%(part)s)."), file, part=entry.filename)
            try:
                with archive.open(entry) as part:
                    head = part.read(8)
                    if head.startswith(_EXECUTABLE_MAGIC):
                        raise _refuse(_("%(name)s contains a program (%(part)s)."), file, part=entry.filename)
                    unpacked += len(head)
                    while chunk := part.read(64 * 1024):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            break
            except _UNREADABLE:
                raise _refuse(_("%(name)s is not a readable Word or Excel file."), file) from None
            if unpacked > limit:
                raise _refuse(
                    _("%(name)s unpacks to more than %(limit)s MB; it may be a zip bomb."),
                    file,
                    limit=limit // (1024 * 1024) or 1,
                )


def _check_text(file: UploadedFile) -> None:
    """Plain text must be text throughout: UTF-8 (or the charset the upload declares), no NUL
    (a text head followed by a program is refused)."""
    encoding = getattr(file, "charset", None) or "utf-8"
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        for chunk in file.chunks():
            if b"\x00" in chunk:
                raise UnicodeDecodeError(encoding, chunk, 0, 1, "NUL")
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _refuse(_("%(name)s is not plain text (UTF-8): it holds binary data."), file) from None


def _check_pdf(head: bytes, file: UploadedFile) -> None:
    if any(marker in head[:_PDF_HEAD].lower() for marker in _HTML_MARKERS):
        raise _refuse(_("%(name)s is not a plain PDF: it also holds a web page."), file)


def document_check(file: UploadedFile) -> str:
    """Refuse an upload that is too large, empty, not an allowed type, or dangerous inside
    (a zip bomb, macros or a program in an office file, binary data in text, a PDF that is also
    a web page); return its content type. Refusals name the ``attachments`` field."""
    if file.size > settings.ERMS_MAX_UPLOAD_BYTES:
        raise ApplicationError(
            _("%(name)s is larger than the %(limit)s MB limit.")
            % {"name": file.name, "limit": settings.ERMS_MAX_UPLOAD_BYTES // (1024 * 1024)},
            field="attachments",
        )
    if file.size == 0:
        raise ApplicationError(_("%(name)s is empty.") % {"name": file.name}, field="attachments")
    file.seek(0)
    head = file.read(_PDF_HEAD)
    content_type = sniff_content_type(head, file)
    if content_type is None:
        raise ApplicationError(
            _(
                "%(name)s is not an allowed type: upload PDF, Word, Excel, images (PNG, JPEG, GIF) or plain text."
            )
            % {"name": file.name},
            field="attachments",
        )
    if content_type in _OOXML.values():
        _check_office_file(file)
    elif content_type == "text/plain":
        _check_text(file)
    elif content_type == "application/pdf":
        _check_pdf(head, file)
    file.seek(0)
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
            Sentence.of(gettext_noop("Document added: %(title)s (v%(v)s)"), title=doc.title, v=doc.version),
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
