"""Every state change of concerns and cases.

Each function is keyword-only, runs in one transaction, writes the audit trail and the
case timeline, grants object permissions and enqueues work on commit. Refusals raise
``ApplicationError`` (guardrails raise its subclass ``GuardrailRefusal``).
"""

from __future__ import annotations

import datetime
import hashlib
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import OperationalError, models, transaction
from django.db.models import F
from django.template import TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import Employee, Role, User
from audit.services import access_record, audit
from cases import deadlines, guardrails, letters
from cases.guardrails import GuardrailRefusal
from cases.models import (
    HEARING_KINDS,
    LETTER_STUCK_AFTER,
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    Concern,
    ConcernMessage,
    ConcernStatus,
    Document,
    DocumentKind,
    Finding,
    InvestigationPlan,
    Letter,
    LetterStatus,
    LetterTemplateOverride,
    Meeting,
    MeetingStatus,
    Outcome,
    Party,
    PartyRole,
    ReferenceCounter,
    TimelineEntry,
    TimelineKind,
    document_upload_to,
)
from cases.permissions import forget_case_grants
from cases.workflow import next_statuses
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.pdf import render_pdf

# --------------------------------------------------------------------------- plumbing


def _next_reference(prefix: str) -> str:
    """``ER-2026-00042``: the next number for this prefix and year. Locks the counter row."""
    year = clock.today().year
    ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:05d}"


def _created(obj: models.Model, fields: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    return {f: (None, getattr(obj, f)) for f in fields}


def _timeline(case: Case, kind: str, summary: str, *, author: User | None, body: str = "",
              shared: bool = False) -> TimelineEntry:
    return TimelineEntry.objects.create(case=case, kind=kind, summary=summary[:300], author=author, body=body,
                                        shared_with_submitter=shared)


def _bump(case: Case, expected_version: int | None) -> None:
    """Optimistic lock: increment the version, refusing if someone changed the case meanwhile."""
    query = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    updated = query.update(version=F("version") + 1, updated_at=clock.now())
    if not updated:
        raise ApplicationError(
            _("Someone else changed this case while you were editing it. Reload the page to see their "
              "changes, then make yours again."),
            field="version",
        )
    case.version = Case.objects.values_list("version", flat=True).get(pk=case.pk)


def _require_open(case: Case) -> None:
    """Closed and withdrawn cases are read-only, through pages and API alike."""
    if not case.is_open:
        raise ApplicationError(_("The case is %(status)s; it can no longer be changed.")
                               % {"status": CaseStatus(case.status).label.lower()})


def _refresh_search_text(case: Case) -> None:
    names = Party.objects.filter(case=case).values_list("employee__first_name", "employee__last_name")
    text = " ".join([case.reference, case.title, case.summary, *(f"{f} {lst}" for f, lst in names)])
    Case.objects.filter(pk=case.pk).update(search_text=text)
    case.search_text = text


def _enforce(check: Callable[[], None], *, actor: User, override_reason: str = "",
             case: Case | None = None) -> None:
    """Run a guardrail check; an ER lead may override an overridable refusal with a reason."""
    try:
        check()
    except GuardrailRefusal as refusal:
        if not (refusal.overridable and override_reason.strip() and actor.has_perm("cases.override_guardrail")):
            raise
        if case is not None:
            audit(actor=actor, action="guardrail_overridden", obj=case, case=case,
                  changes={"rule": (None, refusal.rule), "reason": (None, override_reason)})
            _timeline(case, TimelineKind.NOTE, _("Guardrail %(rule)s overridden: %(reason)s")
                      % {"rule": refusal.rule, "reason": override_reason}, author=actor)


# --------------------------------------------------------------------------- documents

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
            % {"name": file.name, "limit": settings.ERMS_MAX_UPLOAD_BYTES // (1024 * 1024)}, field="attachments")
    if file.size == 0:
        raise ApplicationError(_("%(name)s is empty.") % {"name": file.name}, field="attachments")
    file.seek(0)
    head = file.read(2048)
    content_type = sniff_content_type(head, file)
    if content_type is None:
        raise ApplicationError(
            _("%(name)s is not an allowed type: upload PDF, Word, Excel, images (PNG, JPEG, GIF) or plain text.")
            % {"name": file.name}, field="attachments")
    return content_type


def document_store(*, actor: User, file: UploadedFile, title: str = "", kind: str = DocumentKind.EVIDENCE,
                   case: Case | None = None, concern: Concern | None = None,
                   replaces: Document | None = None) -> Document:
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
        case=case, concern=concern, kind=kind, title=title or file.name[:200], original_name=file.name[:255],
        content_type=content_type, size=file.size, sha256=digest.hexdigest(), version=version,
        replaces=replaces, uploaded_by=actor,
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
        audit(actor=actor, action="document_added", obj=doc, case=case,
              changes=_created(doc, ["title", "kind", "sha256", "size", "version"]))
        _timeline(case, TimelineKind.DOCUMENT, _("Document added: %(title)s (v%(v)s)")
                  % {"title": doc.title, "v": doc.version}, author=actor)
    return doc


def document_store_bytes(*, actor: User, data: bytes, name: str, title: str, kind: str, case: Case,
                         page_count: int | None = None) -> Document:
    """Store generated content (e.g. a rendered letter) as a case document."""
    upload = ContentFile(data, name=name)
    upload.size = len(data)
    doc = document_store(actor=actor, file=upload, title=title, kind=kind, case=case)  # type: ignore[arg-type]
    if page_count is not None:
        Document.objects.filter(pk=doc.pk).update(page_count=page_count)
        doc.page_count = page_count
    return doc


# --------------------------------------------------------------------------- concerns


@transaction.atomic
def concern_raise(*, actor: User, about: Sequence[Employee], category: str, description: str,
                  protected_characteristic: str = "", occurred_on: datetime.date | None = None,
                  place: str = "", witnesses: str = "", urgency: str = "normal",
                  attachments: Sequence[UploadedFile] = ()) -> Concern:
    if not about:
        raise ApplicationError(_("Choose at least one person the concern is about."), field="about")
    if category == "discrimination" and not protected_characteristic:
        raise ApplicationError(_("Say which protected characteristic the discrimination relates to."),
                               field="protected_characteristic")
    for upload in attachments:  # all are checked before anything is written or stored
        document_check(upload)
    concern = Concern.objects.create(
        reference=_next_reference("CON"), raised_by=actor, category=category, description=description,
        protected_characteristic=protected_characteristic, occurred_on=occurred_on, place=place,
        witnesses=witnesses, urgency=urgency,
    )
    concern.about.set(about)
    for upload in attachments:
        document_store(actor=actor, file=upload, kind=DocumentKind.ATTACHMENT, concern=concern)
    audit(actor=actor, action="concern_raised", obj=concern,
          changes=_created(concern, ["reference", "category", "urgency"]) | {"about": (None, list(about))})
    return concern


def _concern_decide(concern: Concern, *, actor: User, status: str, reason: str, case: Case | None = None) -> None:
    if concern.status not in (ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW):
        raise ApplicationError(_("This concern has already been decided."))
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the decision."), field="reason")
    before = concern.status
    concern.status, concern.case = status, case
    concern.triaged_by, concern.triaged_at, concern.triage_reason = actor, clock.now(), reason
    concern.save(update_fields=["status", "case", "triaged_by", "triaged_at", "triage_reason"])
    audit(actor=actor, action="concern_triaged", obj=concern, case=case,
          changes={"status": (before, status), "reason": (None, reason)})


@transaction.atomic
def concern_review_start(*, actor: User, concern: Concern) -> Concern:
    if concern.status == ConcernStatus.RECEIVED:
        concern.status = ConcernStatus.UNDER_REVIEW
        concern.save(update_fields=["status"])
        audit(actor=actor, action="concern_review_started", obj=concern,
              changes={"status": (ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW)})
    return concern


_SUBJECT_ROLE = {
    CaseKind.GRIEVANCE: PartyRole.RESPONDENT,
    CaseKind.HARASSMENT_DISCRIMINATION: PartyRole.RESPONDENT,
    CaseKind.WHISTLEBLOWING: PartyRole.RESPONDENT,
}


@transaction.atomic
def concern_accept(*, actor: User, concern: Concern, kind: str, case_manager: User, reason: str,
                   title: str = "") -> Case:
    """Open a new case from a concern; the people it is about become subjects or respondents."""
    about = list(concern.about.select_related("location", "department"))
    first = about[0]
    case = case_open(
        actor=actor, kind=kind, title=title or f"{concern.get_category_display()}: {first.full_name}",
        summary=concern.description, case_manager=case_manager, location=first.location,
        department=first.department,
        parties=[(e, _SUBJECT_ROLE.get(kind, PartyRole.SUBJECT)) for e in about],
    )
    _concern_decide(concern, actor=actor, status=ConcernStatus.CASE_OPENED, reason=reason, case=case)
    concern.attachments.update(case=case)
    _timeline(case, TimelineKind.NOTE, _("Opened from concern %(ref)s") % {"ref": concern.reference},
              author=actor, body=reason)
    if concern.occurred_on:
        deadlines.discipline_limitation_set(case, concern.occurred_on, actor=actor)
    return case


@transaction.atomic
def concern_merge(*, actor: User, concern: Concern, case: Case, reason: str) -> Case:
    """Merge a concern into an existing case; the people it is about join the case as parties."""
    _concern_decide(concern, actor=actor, status=ConcernStatus.CASE_OPENED, reason=reason, case=case)
    concern.attachments.update(case=case)
    role = _SUBJECT_ROLE.get(case.kind, PartyRole.SUBJECT)
    for employee in concern.about.all():
        if not Party.objects.filter(case=case, employee=employee, role=role).exists():
            party = Party.objects.create(case=case, employee=employee, role=role)
            audit(actor=actor, action="party_added", obj=party, case=case,
                  changes={"employee": (None, employee), "role": (None, role)})
    _refresh_search_text(case)
    _timeline(case, TimelineKind.NOTE, _("Concern %(ref)s merged into this case") % {"ref": concern.reference},
              author=actor, body=reason)
    _bump(case, None)
    return case


@transaction.atomic
def concern_resolve_informally(*, actor: User, concern: Concern, advice: str) -> Concern:
    _concern_decide(concern, actor=actor, status=ConcernStatus.RESOLVED_INFORMALLY, reason=advice)
    ConcernMessage.objects.create(concern=concern, author=actor, body=advice)
    return concern


@transaction.atomic
def concern_close(*, actor: User, concern: Concern, reason: str, message: str = "") -> Concern:
    _concern_decide(concern, actor=actor, status=ConcernStatus.NO_FURTHER_ACTION, reason=reason)
    if message.strip():
        ConcernMessage.objects.create(concern=concern, author=actor, body=message)
    return concern


@transaction.atomic
def concern_message_send(*, actor: User, concern: Concern, body: str) -> ConcernMessage:
    if not body.strip():
        raise ApplicationError(_("Write the message."), field="body")
    message = ConcernMessage.objects.create(concern=concern, author=actor, body=body)
    audit(actor=actor, action="concern_message_sent", obj=concern, case=concern.case,
          changes={"message": (None, body)})
    return message


# --------------------------------------------------------------------------- cases


def _grant_case_manager(case: Case, user: User) -> None:
    for perm in ("view_case", "change_case"):
        assign_perm(f"cases.{perm}", user, case)
    forget_case_grants(user)


@transaction.atomic
def case_open(*, actor: User, kind: str, title: str, case_manager: User, location, department,
              summary: str = "", parties: Sequence[tuple[Employee, str]] = (),
              appeal_of: Case | None = None) -> Case:
    if kind == CaseKind.APPEAL and appeal_of is None:
        raise ApplicationError(_("An appeal must be linked to the case it appeals."), field="appeal_of")
    if not case_manager.has_role(Role.HR_CASE_MANAGER, Role.ER_LEAD, Role.HR_ADMIN):
        raise ApplicationError(_("%(name)s is not an HR case manager.") % {"name": case_manager},
                               field="case_manager")
    case = Case.objects.create(
        reference=_next_reference("ER"), kind=kind, title=title, summary=summary,
        jurisdiction=location.jurisdiction, location=location, department=department,
        case_manager=case_manager, opened_by=actor, appeal_of=appeal_of,
    )
    for employee, role in parties:
        Party.objects.create(case=case, employee=employee, role=role)
    _grant_case_manager(case, case_manager)
    _refresh_search_text(case)
    audit(actor=actor, action="case_opened", obj=case, case=case,
          changes=_created(case, ["reference", "kind", "title", "jurisdiction", "case_manager", "appeal_of"]))
    _timeline(case, TimelineKind.STATUS, _("Case opened (%(kind)s), managed by %(manager)s")
              % {"kind": case.get_kind_display(), "manager": case_manager}, author=actor)
    deadlines.case_opened_deadlines(case, actor=actor)
    return case


@transaction.atomic
def case_update(*, actor: User, case: Case, expected_version: int, title: str, summary: str) -> Case:
    _require_open(case)
    changes = {f: (getattr(case, f), v) for f, v in (("title", title), ("summary", summary))
               if getattr(case, f) != v}
    _bump(case, expected_version)
    if changes:
        Case.objects.filter(pk=case.pk).update(title=title, summary=summary)
        case.title, case.summary = title, summary
        _refresh_search_text(case)
        audit(actor=actor, action="case_updated", obj=case, case=case, changes=changes)
    return case


@transaction.atomic
def case_transition(*, actor: User, case: Case, to_status: str, expected_version: int, reason: str = "") -> Case:
    guardrails.check_transition(case, to_status)
    if to_status == CaseStatus.WITHDRAWN and not reason.strip():
        raise ApplicationError(_("Say why the case is withdrawn."), field="reason")
    before = case.status
    _bump(case, expected_version)
    case.status = to_status
    fields = ["status"]
    if to_status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN):
        case.closed_at = clock.now()
        fields.append("closed_at")
    Case.objects.filter(pk=case.pk).update(**{f: getattr(case, f) for f in fields})
    audit(actor=actor, action="case_status_changed", obj=case, case=case,
          changes={"status": (before, to_status)} | ({"reason": (None, reason)} if reason else {}))
    _timeline(case, TimelineKind.STATUS, _("Status: %(before)s → %(after)s")
              % {"before": CaseStatus(before).label, "after": CaseStatus(to_status).label}, author=actor, body=reason)
    if to_status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN):
        deadlines.case_deadlines_close(case, actor=actor)
    return case


@transaction.atomic
def case_assign_manager(*, actor: User, case: Case, case_manager: User, expected_version: int) -> Case:
    _require_open(case)
    if not case_manager.has_role(Role.HR_CASE_MANAGER, Role.ER_LEAD, Role.HR_ADMIN):
        raise ApplicationError(_("%(name)s is not an HR case manager.") % {"name": case_manager},
                               field="case_manager")
    before = case.case_manager
    _bump(case, expected_version)
    Case.objects.filter(pk=case.pk).update(case_manager=case_manager)
    case.case_manager = case_manager
    _grant_case_manager(case, case_manager)
    deadlines.case_deadlines_reassign(case, old=before, new=case_manager)
    audit(actor=actor, action="case_manager_changed", obj=case, case=case,
          changes={"case_manager": (before, case_manager)})
    _timeline(case, TimelineKind.NOTE, _("Case manager: %(name)s") % {"name": case_manager}, author=actor)
    return case


@transaction.atomic
def case_grant_access(*, actor: User, case: Case, user: User, can_change: bool = False) -> None:
    """An explicit per-case grant (django-guardian); the conflict rule still applies."""
    # A view grant covers the case's documents too (see permissions.has_case_perm); guardian can only
    # attach the case's own permissions to a case.
    assign_perm("cases.view_case", user, case)
    if can_change:
        assign_perm("cases.change_case", user, case)
    forget_case_grants(user)
    audit(actor=actor, action="access_granted", obj=case, case=case,
          changes={"user": (None, user), "can_change": (None, can_change)})
    _timeline(case, TimelineKind.ACCESS, _("Access granted to %(name)s") % {"name": user}, author=actor)


@transaction.atomic
def case_revoke_access(*, actor: User, case: Case, user: User) -> None:
    for perm in ("view_case", "change_case"):
        remove_perm(f"cases.{perm}", user, case)
    forget_case_grants(user)
    audit(actor=actor, action="access_revoked", obj=case, case=case, changes={"user": (user, None)})
    _timeline(case, TimelineKind.ACCESS, _("Access revoked for %(name)s") % {"name": user}, author=actor)


@transaction.atomic
def case_add_investigator(*, actor: User, case: Case, investigator: User) -> Case:
    _require_open(case)
    if not investigator.has_role(Role.INVESTIGATOR, Role.HR_CASE_MANAGER, Role.ER_LEAD):
        raise ApplicationError(_("%(name)s cannot investigate cases.") % {"name": investigator},
                               field="investigator")
    case.investigators.add(investigator)
    assign_perm("cases.view_case", investigator, case)
    forget_case_grants(investigator)
    audit(actor=actor, action="investigator_added", obj=case, case=case,
          changes={"investigator": (None, investigator)})
    _timeline(case, TimelineKind.NOTE, _("Investigator assigned: %(name)s") % {"name": investigator},
              author=actor)
    return case


@transaction.atomic
def party_add(*, actor: User, case: Case, employee: Employee, role: str, notes: str = "") -> Party:
    _require_open(case)
    if Party.objects.filter(case=case, employee=employee, role=role).exists():
        raise ApplicationError(_("%(name)s is already a %(role)s on this case.")
                               % {"name": employee.full_name, "role": PartyRole(role).label.lower()},
                               field="employee")
    party = Party.objects.create(case=case, employee=employee, role=role, notes=notes)
    _refresh_search_text(case)
    audit(actor=actor, action="party_added", obj=party, case=case,
          changes={"employee": (None, employee), "role": (None, role)})
    _timeline(case, TimelineKind.PARTY, _("%(name)s added as %(role)s")
              % {"name": employee.full_name, "role": PartyRole(role).label.lower()}, author=actor)
    return party


@transaction.atomic
def allegation_add(*, actor: User, case: Case, category: str, description: str,
                   incident_date: datetime.date | None = None, policy: Any = None) -> Allegation:
    """Add an allegation; with a policy, link the version in force on the incident date
    (or today), so a later policy change never rewrites this case."""
    _require_open(case)
    from policies.selectors import policy_version_effective_on

    policy_version = None
    if policy is not None:
        policy_version = policy_version_effective_on(policy, incident_date or clock.today())
        if policy_version is None:
            raise ApplicationError(_("%(policy)s had no version in force on %(date)s.")
                                   % {"policy": policy, "date": incident_date or clock.today()},
                                   field="policy")
    number = (case.allegations.aggregate(n=models.Max("number"))["n"] or 0) + 1
    allegation = Allegation.objects.create(case=case, number=number, category=category,
                                           description=description, incident_date=incident_date,
                                           policy_version=policy_version)
    audit(actor=actor, action="allegation_added", obj=allegation, case=case,
          changes=_created(allegation, ["number", "category", "description", "incident_date", "policy_version"]))
    _timeline(case, TimelineKind.ALLEGATION, _("Allegation %(n)s added") % {"n": number}, author=actor,
              body=description)
    if incident_date:
        deadlines.discipline_limitation_set(case, incident_date, actor=actor)
    return allegation


@transaction.atomic
def allegation_record_finding(*, actor: User, allegation: Allegation, finding: str, reasons: str) -> Allegation:
    _require_open(allegation.case)
    if finding not in Finding.values:
        raise ApplicationError(_("Choose a finding."), field="finding")
    if not reasons.strip():
        raise ApplicationError(_("Give the reasons for the finding."), field="reasons")
    changes = {"finding": (allegation.finding, finding), "finding_reasons": (allegation.finding_reasons, reasons)}
    allegation.finding, allegation.finding_reasons = finding, reasons
    allegation.save(update_fields=["finding", "finding_reasons"])
    audit(actor=actor, action="finding_recorded", obj=allegation, case=allegation.case, changes=changes)
    _timeline(allegation.case, TimelineKind.ALLEGATION, _("Allegation %(n)s: %(finding)s")
              % {"n": allegation.number, "finding": Finding(finding).label}, author=actor, body=reasons)
    return allegation


@transaction.atomic
def meeting_schedule(*, actor: User, case: Case, kind: str, scheduled_for: datetime.datetime, chair: User,
                     place: str = "", online_link: str = "", note_taker: User | None = None,
                     companion: Employee | None = None, notice_sent_on: datetime.date | None = None,
                     attendees: Sequence[Employee] = (), override_reason: str = "") -> Meeting:
    if not case.is_open:
        raise ApplicationError(_("The case is closed."))
    # The notice rules count in the case location's calendar, whatever the server's time zone.
    local_day = scheduled_for.astimezone(ZoneInfo(case.location.time_zone or "UTC")).date()
    if kind in HEARING_KINDS:
        guardrails.check_hearing_notice(case, local_day, notice_sent_on)
    _enforce(lambda: guardrails.check_chair(case, chair, kind), actor=actor, override_reason=override_reason,
             case=case)
    meeting = Meeting.objects.create(
        case=case, kind=kind, scheduled_for=scheduled_for, chair=chair, place=place, online_link=online_link,
        note_taker=note_taker, companion=companion, notice_sent_on=notice_sent_on,
    )
    meeting.attendees.set(attendees)
    audit(actor=actor, action="meeting_scheduled", obj=meeting, case=case,
          changes=_created(meeting, ["kind", "scheduled_for", "place", "chair", "companion", "notice_sent_on"]))
    _timeline(case, TimelineKind.MEETING, _("%(kind)s scheduled for %(when)s")
              % {"kind": meeting.get_kind_display(), "when": timezone.localtime(scheduled_for).strftime(
                  "%Y-%m-%d %H:%M")}, author=actor)
    deadlines.hearing_deadlines_set(meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_record_held(*, actor: User, meeting: Meeting, outcome_summary: str,
                        minutes: UploadedFile | None = None) -> Meeting:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ApplicationError(_("Only a scheduled meeting can be recorded as held."))
    if meeting.scheduled_for > clock.now():
        raise ApplicationError(_("The meeting is in the future; record it after it has taken place."))
    if minutes is not None:
        meeting.minutes = document_store(actor=actor, file=minutes, kind=DocumentKind.MINUTES, case=meeting.case,
                                         title=_("Minutes: %(kind)s") % {"kind": meeting.get_kind_display()})
    meeting.status, meeting.held_at, meeting.outcome_summary = MeetingStatus.HELD, clock.now(), outcome_summary
    meeting.save(update_fields=["status", "held_at", "outcome_summary", "minutes"])
    audit(actor=actor, action="meeting_held", obj=meeting, case=meeting.case,
          changes={"status": (MeetingStatus.SCHEDULED, MeetingStatus.HELD)})
    _timeline(meeting.case, TimelineKind.MEETING, _("%(kind)s held") % {"kind": meeting.get_kind_display()},
              author=actor, body=outcome_summary)
    deadlines.hearing_held_deadlines(meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ApplicationError(_("Only a scheduled meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    audit(actor=actor, action="meeting_cancelled", obj=meeting, case=meeting.case,
          changes={"status": (MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED), "reason": (None, reason)})
    _timeline(meeting.case, TimelineKind.MEETING, _("%(kind)s cancelled") % {"kind": meeting.get_kind_display()},
              author=actor, body=reason)
    deadlines.hearing_deadlines_cancel(meeting, actor=actor)
    return meeting


@transaction.atomic
def investigation_plan_set(*, actor: User, case: Case, terms_of_reference: str, questions: str = "",
                           target_date: datetime.date | None = None,
                           interviewees: Sequence[Employee] = ()) -> InvestigationPlan:
    _require_open(case)
    plan, created = InvestigationPlan.objects.get_or_create(case=case, defaults={
        "terms_of_reference": terms_of_reference})
    before = {"terms_of_reference": plan.terms_of_reference, "questions": plan.questions,
              "target_date": plan.target_date}
    plan.terms_of_reference, plan.questions, plan.target_date = terms_of_reference, questions, target_date
    plan.save()
    plan.interviewees.set(interviewees)
    changes = {k: (None if created else before[k], getattr(plan, k)) for k in before
               if created or before[k] != getattr(plan, k)}
    audit(actor=actor, action="investigation_plan_set", obj=plan, case=case, changes=changes)
    _timeline(case, TimelineKind.NOTE, _("Investigation plan updated"), author=actor)
    deadlines.investigation_target_set(case, target_date, actor=actor)
    return plan


@transaction.atomic
def outcome_record(*, actor: User, case: Case, decision: str, reasons: str, sanction: str = "",
                   decided_by: User | None = None, decided_on: datetime.date | None = None,
                   appeal_allowed: bool = True, expected_version: int, override_reason: str = "") -> Outcome:
    _require_open(case)
    decided_by = decided_by or actor
    decided_on = decided_on or clock.today()
    if hasattr(case, "outcome"):
        raise ApplicationError(_("The outcome is already recorded. A change of outcome is made on appeal."))
    guardrails.check_sanction(case, sanction)
    _enforce(lambda: guardrails.check_outcome(case, decided_by, sanction), actor=actor,
             override_reason=override_reason, case=case)
    _bump(case, expected_version)
    outcome = Outcome.objects.create(
        case=case, decision=decision, reasons=reasons, sanction=sanction, decided_by=decided_by,
        decided_on=decided_on, appeal_allowed=appeal_allowed and case.kind != CaseKind.APPEAL,
        warning_live_until=guardrails.warning_live_until(case, sanction, decided_on),
    )
    if outcome.appeal_allowed:
        outcome.appeal_deadline = guardrails.appeal_deadline(case, decided_on)
        outcome.save(update_fields=["appeal_deadline"])
    if case.status != CaseStatus.DECISION and CaseStatus.DECISION in next_statuses(case.kind, case.status):
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.DECISION)
        case.status = CaseStatus.DECISION
    audit(actor=actor, action="outcome_recorded", obj=outcome, case=case,
          changes=_created(outcome, ["decision", "sanction", "decided_by", "decided_on", "warning_live_until",
                                     "appeal_allowed", "appeal_deadline"]))
    deadlines.outcome_deadlines_set(outcome, actor=actor)
    _timeline(case, TimelineKind.OUTCOME, _("Outcome recorded: %(sanction)s")
              % {"sanction": outcome.get_sanction_display() or _("no sanction")}, author=actor, body=decision)
    return outcome


@transaction.atomic
def appeal_open(*, actor: User, original: Case, grounds: str, case_manager: User) -> Case:
    outcome = getattr(original, "outcome", None)
    if outcome is None:
        raise ApplicationError(_("There is no outcome to appeal yet."))
    if not outcome.appeal_allowed:
        raise ApplicationError(_("This outcome carries no right of appeal."))
    subjects = [(p.employee, p.role) for p in original.parties.select_related("employee")
                if p.role in (PartyRole.SUBJECT, PartyRole.COMPLAINANT, PartyRole.RESPONDENT)]
    appeal = case_open(
        actor=actor, kind=CaseKind.APPEAL, title=_("Appeal: %(title)s") % {"title": original.title},
        summary=grounds, case_manager=case_manager, location=original.location, department=original.department,
        parties=subjects, appeal_of=original,
    )
    _timeline(original, TimelineKind.NOTE, _("Appeal lodged: %(ref)s") % {"ref": appeal.reference},
              author=actor, body=grounds)
    deadlines.case_deadlines_met(original, [deadlines.APPEAL_WINDOW], actor=actor)
    return appeal


@transaction.atomic
def note_add(*, actor: User, case: Case, body: str, shared_with_submitter: bool = False) -> TimelineEntry:
    """A note on the case; a shared note also reaches the submitters of the case's concerns."""
    if not body.strip():
        raise ApplicationError(_("Write the note."), field="body")
    entry = _timeline(case, TimelineKind.NOTE, body.splitlines()[0][:120], author=actor, body=body,
                      shared=shared_with_submitter)
    if shared_with_submitter:
        for concern in case.concerns.all():
            ConcernMessage.objects.create(concern=concern, author=actor, body=body)
    audit(actor=actor, action="note_added", obj=entry, case=case,
          changes={"shared_with_submitter": (None, shared_with_submitter)})
    return entry


def case_record_view(*, user: User, case: Case, via: str, path: str = "") -> None:
    """Record one view of a case (pages and API). Runs in the caller's transaction."""
    access_record(user=user, case=case, via=via, path=path)


# --------------------------------------------------------------------------- letter wording


@transaction.atomic
def letter_override_save(*, actor: User, kind: str, language: str, body: str) -> LetterTemplateOverride:
    """Save an HR admin's wording for a letter as a new version; the version in use is kept,
    deactivated, so every letter issued keeps pointing at the wording it was rendered with.
    Saving unchanged wording creates nothing. Locks the kind's versions."""
    if not body.strip():
        raise ApplicationError(_("Write the letter's wording."), field="body")
    versions = list(LetterTemplateOverride.objects.select_for_update().filter(kind=kind, language=language))
    active = next((v for v in versions if v.is_active), None)
    if active is not None and active.body == body:
        return active
    if active is not None:
        active.is_active = False
        active.save(update_fields=["is_active"])
    override = LetterTemplateOverride.objects.create(
        kind=kind, language=language, body=body, is_active=True, created_by=actor,
        version=max((v.version for v in versions), default=0) + 1,
    )
    audit(actor=actor, action="letter_override_saved", obj=override,
          changes={"version": (active.version if active else None, override.version),
                   "body": (active.body if active else None, body)})
    return override


# --------------------------------------------------------------------------- letters

#: Failures worth retrying (storage, database connection); anything else fails the letter at once.
TRANSIENT_RENDER_ERRORS: tuple[type[Exception], ...] = (OSError, OperationalError)


def letter_preview(*, actor: User, case: Case, kind: str, language: str, meeting: Meeting | None = None,
                   addressee: Employee | None = None, details: dict[str, Any] | None = None,
                   replaces: Letter | None = None) -> tuple[str, list[letters.Gap]]:
    """The letter as HTML with the case's data filled in, and its gaps (errors refuse the issue)."""
    draft = letters.letter_draft(case=case, kind=kind, language=language, meeting=meeting, addressee=addressee,
                                 details=details, replaces=replaces)
    try:
        html = letters.letter_html(draft.context, override=draft.override, for_browser=True)
    except TemplateSyntaxError:
        html = ""  # the gap list already names the broken override
    return html, draft.gaps


def _gaps_message(gaps: Sequence[letters.Gap]) -> str:
    return _("The letter cannot be issued yet: %(gaps)s") % {"gaps": " ".join(g.message for g in gaps)}


@transaction.atomic
def letter_issue(*, actor: User, case: Case, kind: str, language: str, meeting: Meeting | None = None,
                 addressee: Employee | None = None, replaces: Letter | None = None,
                 details: dict[str, Any] | None = None) -> Letter:
    """Issue a letter: snapshot its data and wording, then render it in the background.

    Refused while the letter has gaps (a missing hearing date is an error, never a blank).
    A correction names the letter it replaces; a letter can be replaced once. The PDF is
    rendered by ``letter_render_task`` after commit.
    """
    if replaces is not None:
        replaces = Letter.objects.select_for_update().get(pk=replaces.pk)
        if replaces.case_id != case.pk:
            raise ApplicationError(_("That letter belongs to another case."), field="replaces")
        if Letter.objects.filter(replaces=replaces).exists():
            raise ApplicationError(_("That letter has already been replaced by a correction; correct the newer "
                                     "letter instead."), field="replaces")
    draft = letters.letter_draft(case=case, kind=kind, language=language, meeting=meeting, addressee=addressee,
                                 details=details, replaces=replaces)
    if draft.errors:
        first = draft.errors[0]
        raise ApplicationError(_gaps_message(draft.errors), field=first.field, rule=first.rule or None)
    letter = Letter.objects.create(
        case=case, kind=kind, language=language, addressee=draft.addressee, meeting=draft.meeting,
        context=draft.context, override=draft.override, replaces=replaces, issued_by=actor,
        status=LetterStatus.QUEUED, queued_at=clock.now(),
    )
    letter.context["reference"] = f"{case.reference}/L{letter.pk}"
    letter.save(update_fields=["context"])
    audit(actor=actor, action="letter_issued", obj=letter, case=case,
          changes=_created(letter, ["kind", "language", "addressee", "meeting", "replaces"])
          | {"override_version": (None, draft.override.version if draft.override else None),
             "reference": (None, letter.context["reference"])})
    _timeline(case, TimelineKind.LETTER, _("Letter issued: %(kind)s to %(name)s (%(ref)s)")
              % {"kind": letter.get_kind_display(), "name": draft.addressee.full_name,
                 "ref": letter.context["reference"]}, author=actor)
    _letter_enqueue(letter.pk)
    return letter


def _letter_enqueue(letter_id: int) -> None:
    from cases.tasks import letter_render_task  # tasks import services

    transaction.on_commit(lambda: letter_render_task.delay(letter_id))


def letter_render(*, letter_id: int, final_attempt: bool = True) -> Letter:
    """Render a queued letter to PDF and file it on the case.

    Safe to run twice: a rendered letter is returned untouched (the row is locked while
    rendering, so two workers never both file it). Files the PDF as a document (hash, size,
    page count), adds a timeline entry and starts the deadlines the letter triggers: an
    outcome letter opens the appeal window from the letter's date. A transient error is
    re-raised for the task to retry unless ``final_attempt``; any other failure, or the
    last attempt, marks the letter failed with the reason.
    """
    try:
        with transaction.atomic():
            letter = (Letter.objects.select_for_update(of=("self",))
                      .select_related("case__location", "case__case_manager", "override", "issued_by", "addressee")
                      .get(pk=letter_id))
            if letter.status == LetterStatus.RENDERED:
                return letter
            return _letter_render_locked(letter)
    except Letter.DoesNotExist:
        raise
    except TRANSIENT_RENDER_ERRORS as exc:
        if not final_attempt:
            Letter.objects.filter(pk=letter_id).update(attempts=F("attempts") + 1, error=_failure_reason(exc))
            raise
        return _letter_failed(letter_id, exc)
    except Exception as exc:  # noqa: BLE001 - any failure must show on the letter with its reason, for a retry
        return _letter_failed(letter_id, exc)


def _failure_reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _letter_render_locked(letter: Letter) -> Letter:
    case = letter.case
    html = letters.letter_html(letter.context, override=letter.override)
    pdf = render_pdf(html)
    reference = letter.context.get("reference", f"{case.reference}/L{letter.pk}")
    document = document_store_bytes(
        actor=letter.issued_by, data=pdf.data, name=f"{reference.replace('/', '-')}.pdf",
        title=f"{letter.get_kind_display()} · {reference}"[:200], kind=DocumentKind.LETTER, case=case,
        page_count=pdf.page_count,
    )
    letter.document = document
    letter.status, letter.error, letter.rendered_at = LetterStatus.RENDERED, "", clock.now()
    letter.attempts += 1
    letter.save(update_fields=["document", "status", "error", "rendered_at", "attempts"])
    audit(actor=None, action="letter_rendered", obj=letter, case=case,
          changes={"status": (LetterStatus.QUEUED, LetterStatus.RENDERED), "document": (None, document.pk),
                   "sha256": (None, document.sha256), "page_count": (None, pdf.page_count),
                   "refused_urls": (None, list(pdf.refused_urls))})
    _timeline(case, TimelineKind.LETTER, _("Letter ready: %(kind)s (%(ref)s), %(pages)s page(s)")
              % {"kind": letter.get_kind_display(), "ref": reference, "pages": pdf.page_count}, author=None)
    _letter_deadlines_start(letter)
    return letter


def _letter_deadlines_start(letter: Letter) -> None:
    """An outcome letter starts the appeal window on the letter's date (the date the employee is told)."""
    appeal = letter.context.get("appeal") or {}
    if letter.kind not in letters.STARTS_APPEAL_WINDOW or not appeal.get("deadline"):
        return
    case = letter.case
    outcome = Outcome.objects.filter(case=case).first()
    if outcome is None or not outcome.appeal_allowed or case.appeals.exists():
        return
    due = datetime.date.fromisoformat(appeal["deadline"])
    deadlines.appeal_window_set(case, due, actor=None)
    if outcome.appeal_deadline != due:
        before = outcome.appeal_deadline
        Outcome.objects.filter(pk=outcome.pk).update(appeal_deadline=due)
        audit(actor=None, action="appeal_deadline_from_letter", obj=outcome, case=case,
              changes={"appeal_deadline": (before, due), "letter": (None, letter.pk)})


def _letter_failed(letter_id: int, exc: BaseException) -> Letter:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("case").get(pk=letter_id)
        if letter.status == LetterStatus.RENDERED:
            return letter
        before = letter.status
        letter.status, letter.error = LetterStatus.FAILED, _failure_reason(exc)
        letter.attempts += 1
        letter.save(update_fields=["status", "error", "attempts"])
        audit(actor=None, action="letter_failed", obj=letter, case=letter.case,
              changes={"status": (before, LetterStatus.FAILED), "error": (None, letter.error)})
        _timeline(letter.case, TimelineKind.LETTER, _("Letter could not be produced: %(kind)s")
                  % {"kind": letter.get_kind_display()}, author=None, body=letter.error)
    return letter


@transaction.atomic
def letter_retry(*, actor: User, letter: Letter) -> Letter:
    """Queue a failed letter again, or a queued one that is stuck (``Letter.is_stuck``), with the
    same data and wording. Locks the letter row; rendering twice is harmless (a rendered letter
    is left alone)."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    now = clock.now()
    if letter.status != LetterStatus.FAILED and not letter.is_stuck(now):
        raise ApplicationError(_("Only a letter that failed, or has waited in the queue for more than "
                                 "%(minutes)s minutes, can be retried.")
                               % {"minutes": int(LETTER_STUCK_AFTER.total_seconds() // 60)})
    before = letter.status
    letter.status, letter.error, letter.queued_at = LetterStatus.QUEUED, "", now
    letter.save(update_fields=["status", "error", "queued_at"])
    audit(actor=actor, action="letter_retried", obj=letter, case=letter.case,
          changes={"status": (before, LetterStatus.QUEUED)})
    _timeline(letter.case, TimelineKind.LETTER, _("Letter queued again: %(kind)s")
              % {"kind": letter.get_kind_display()}, author=actor)
    _letter_enqueue(letter.pk)
    return letter


def letters_requeue_stuck(*, limit: int = 100) -> int:
    """Beat: put each letter that has been queued longer than ``LETTER_STUCK_AFTER`` back on the
    queue, once (a lost task, or a worker that was down when it was issued). Returns how many.

    Safe to run twice, and beside other sweeps: rows are claimed with ``skip_locked`` and marked
    ``requeued_at`` in the same transaction; rendering twice is harmless. A letter still queued
    after that is left for a person to retry, with how long it has waited on the case page.
    """
    cutoff = clock.now() - LETTER_STUCK_AFTER
    with transaction.atomic():
        stuck = list(Letter.objects.select_for_update(skip_locked=True)
                     .filter(status=LetterStatus.QUEUED, requeued_at__isnull=True, queued_at__lt=cutoff)
                     .select_related("case").order_by("queued_at")[:limit])
        for letter in stuck:
            letter.requeued_at = clock.now()
            letter.save(update_fields=["requeued_at"])
            audit(actor=None, action="letter_requeued", obj=letter, case=letter.case,
                  changes={"requeued_at": (None, letter.requeued_at.isoformat())})
            _letter_enqueue(letter.pk)
    return len(stuck)
