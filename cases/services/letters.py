"""Letters: wording overrides, preview, issue, rendering in the worker, retries and the stuck-letter sweep."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import OperationalError, transaction
from django.db.models import F
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Employee, User
from audit.services import audit
from cases import deadlines, letters
from cases.models import (
    LETTER_STUCK_AFTER,
    Case,
    CaseStatus,
    DocumentKind,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplateOverride,
    Meeting,
    Outcome,
    TimelineKind,
)
from cases.services.common import (
    created_changes,
    timeline_add,
)
from cases.services.documents import (
    document_store_bytes,
)
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.pdf import render_pdf
from erms.lib.sentences import Sentence


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
        kind=kind,
        language=language,
        body=body,
        is_active=True,
        created_by=actor,
        version=max((v.version for v in versions), default=0) + 1,
    )
    audit(
        actor=actor,
        action="letter_override_saved",
        obj=override,
        changes={
            "version": (active.version if active else None, override.version),
            "body": (active.body if active else None, body),
        },
    )
    return override


#: Failures worth retrying (storage, database connection); anything else fails the letter at once.
TRANSIENT_RENDER_ERRORS: tuple[type[Exception], ...] = (OSError, OperationalError)


def letter_preview(
    *,
    actor: User,
    case: Case,
    kind: str,
    language: str,
    meeting: Meeting | None = None,
    addressee: Employee | None = None,
    details: dict[str, Any] | None = None,
    replaces: Letter | None = None,
) -> tuple[str, list[letters.Gap]]:
    """The letter as HTML with the case's data filled in, and its gaps (errors refuse the issue)."""
    draft = letters.letter_draft(
        case=case,
        kind=kind,
        language=language,
        meeting=meeting,
        addressee=addressee,
        details=details,
        replaces=replaces,
    )
    try:
        html = letters.letter_html(draft.context, override=draft.override, for_browser=True)
    except TemplateSyntaxError:
        html = ""  # the gap list already names the broken override
    return html, draft.gaps


def _gaps_message(gaps: Sequence[letters.Gap]) -> str:
    return _("The letter cannot be issued yet: %(gaps)s") % {"gaps": " ".join(g.message for g in gaps)}


@transaction.atomic
def letter_issue(
    *,
    actor: User,
    case: Case,
    kind: str,
    language: str,
    meeting: Meeting | None = None,
    addressee: Employee | None = None,
    replaces: Letter | None = None,
    details: dict[str, Any] | None = None,
    correction_reason: str = "",
) -> Letter:
    """Issue a letter: snapshot its data and wording, then render it in the background.

    Refused while the letter has gaps (a missing hearing date is an error, never a blank).
    A correction names the letter it replaces; a letter can be replaced once. On a closed or
    withdrawn case a letter is only a correction of an earlier one, with ``correction_reason``.
    The PDF is rendered by ``letter_render_task`` after commit.
    """
    if not case.is_open:
        if replaces is None:
            raise ApplicationError(
                _(
                    "The case is %(status)s: a letter can only be issued as a correction of an "
                    "earlier letter. Choose the letter it corrects and say why."
                )
                % {"status": CaseStatus(case.status).label.lower()},
                field="replaces",
            )
        if not correction_reason.strip():
            raise ApplicationError(
                _("Say why the letter is corrected after the case closed."), field="correction_reason"
            )
    if replaces is not None:
        replaces = Letter.objects.select_for_update().get(pk=replaces.pk)
        if replaces.case_id != case.pk:
            raise ApplicationError(_("That letter belongs to another case."), field="replaces")
        if Letter.objects.filter(replaces=replaces).exists():
            raise ApplicationError(
                _("That letter has already been replaced by a correction; correct the newer letter instead."),
                field="replaces",
            )
    draft = letters.letter_draft(
        case=case,
        kind=kind,
        language=language,
        meeting=meeting,
        addressee=addressee,
        details=details,
        replaces=replaces,
    )
    if draft.errors:
        first = draft.errors[0]
        raise ApplicationError(_gaps_message(draft.errors), field=first.field, rule=first.rule or None)
    letter = Letter.objects.create(
        case=case,
        kind=kind,
        language=language,
        addressee=draft.addressee,
        meeting=draft.meeting,
        context=draft.context,
        override=draft.override,
        replaces=replaces,
        issued_by=actor,
        status=LetterStatus.QUEUED,
        queued_at=clock.now(),
    )
    letter.context["reference"] = f"{case.reference}/L{letter.pk}"
    letter.save(update_fields=["context"])
    audit(
        actor=actor,
        action="letter_issued",
        obj=letter,
        case=case,
        changes=created_changes(letter, ["kind", "language", "addressee", "meeting", "replaces"])
        | ({"correction_reason": (None, correction_reason)} if correction_reason else {})
        | {
            "override_version": (None, draft.override.version if draft.override else None),
            "reference": (None, letter.context["reference"]),
        },
    )
    timeline_add(
        case,
        TimelineKind.LETTER,
        Sentence.of(
            gettext_noop("Letter issued: %(kind)s to %(name)s (%(ref)s)"),
            kind=LetterKind(letter.kind).label,
            name=draft.addressee.full_name,
            ref=letter.context["reference"],
        ),
        author=actor,
        body=correction_reason,
    )
    if kind == LetterKind.SUSPENSION_CONFIRMATION:
        facts = details or {}
        deadlines.suspension_review_set(
            case, _fact_date(facts.get("suspended_from")), _fact_date(facts.get("review_on")), actor=actor
        )
    _letter_enqueue(letter.pk)
    return letter


def _fact_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


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
            letter = (
                Letter.objects.select_for_update(of=("self",))
                .select_related("case__location", "case__case_manager", "override", "issued_by", "addressee")
                .get(pk=letter_id)
            )
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
        actor=letter.issued_by,
        data=pdf.data,
        name=f"{reference.replace('/', '-')}.pdf",
        title=f"{letter.get_kind_display()} · {reference}"[:200],
        kind=DocumentKind.LETTER,
        case=case,
        page_count=pdf.page_count,
    )
    letter.document = document
    letter.status, letter.error, letter.rendered_at = LetterStatus.RENDERED, "", clock.now()
    letter.attempts += 1
    letter.save(update_fields=["document", "status", "error", "rendered_at", "attempts"])
    audit(
        actor=None,
        action="letter_rendered",
        obj=letter,
        case=case,
        changes={
            "status": (LetterStatus.QUEUED, LetterStatus.RENDERED),
            "document": (None, document.pk),
            "sha256": (None, document.sha256),
            "page_count": (None, pdf.page_count),
            "refused_urls": (None, list(pdf.refused_urls)),
        },
    )
    timeline_add(
        case,
        TimelineKind.LETTER,
        Sentence.of(
            gettext_noop("Letter ready: %(kind)s (%(ref)s), %(pages)s page(s)"),
            kind=LetterKind(letter.kind).label,
            ref=reference,
            pages=pdf.page_count,
        ),
        author=None,
    )
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
        audit(
            actor=None,
            action="appeal_deadline_from_letter",
            obj=outcome,
            case=case,
            changes={"appeal_deadline": (before, due), "letter": (None, letter.pk)},
        )


def _letter_failed(letter_id: int, exc: BaseException) -> Letter:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("case").get(pk=letter_id)
        if letter.status == LetterStatus.RENDERED:
            return letter
        before = letter.status
        letter.status, letter.error = LetterStatus.FAILED, _failure_reason(exc)
        letter.attempts += 1
        letter.save(update_fields=["status", "error", "attempts"])
        audit(
            actor=None,
            action="letter_failed",
            obj=letter,
            case=letter.case,
            changes={"status": (before, LetterStatus.FAILED), "error": (None, letter.error)},
        )
        timeline_add(
            letter.case,
            TimelineKind.LETTER,
            Sentence.of(
                gettext_noop("Letter could not be produced: %(kind)s"), kind=LetterKind(letter.kind).label
            ),
            author=None,
            body=letter.error,
        )
    return letter


@transaction.atomic
def letter_retry(*, actor: User, letter: Letter) -> Letter:
    """Queue a failed letter again, or a queued one that is stuck (``Letter.is_stuck``), with the
    same data and wording. Locks the letter row; rendering twice is harmless (a rendered letter
    is left alone)."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    now = clock.now()
    if letter.status != LetterStatus.FAILED and not letter.is_stuck(now):
        raise ApplicationError(
            _(
                "Only a letter that failed, or has waited in the queue for more than "
                "%(minutes)s minutes, can be retried."
            )
            % {"minutes": int(LETTER_STUCK_AFTER.total_seconds() // 60)}
        )
    before = letter.status
    letter.status, letter.error, letter.queued_at = LetterStatus.QUEUED, "", now
    letter.save(update_fields=["status", "error", "queued_at"])
    audit(
        actor=actor,
        action="letter_retried",
        obj=letter,
        case=letter.case,
        changes={"status": (before, LetterStatus.QUEUED)},
    )
    timeline_add(
        letter.case,
        TimelineKind.LETTER,
        Sentence.of(gettext_noop("Letter queued again: %(kind)s"), kind=LetterKind(letter.kind).label),
        author=actor,
    )
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
        stuck = list(
            Letter.objects.select_for_update(skip_locked=True)
            .filter(status=LetterStatus.QUEUED, requeued_at__isnull=True, queued_at__lt=cutoff)
            .select_related("case")
            .order_by("queued_at")[:limit]
        )
        for letter in stuck:
            letter.requeued_at = clock.now()
            letter.save(update_fields=["requeued_at"])
            audit(
                actor=None,
                action="letter_requeued",
                obj=letter,
                case=letter.case,
                changes={"requeued_at": (None, letter.requeued_at.isoformat())},
            )
            _letter_enqueue(letter.pk)
    return len(stuck)
