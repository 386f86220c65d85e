"""Concerns: raising one, and triage's decisions (accept into a case, merge, resolve, close, message)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Employee, User
from audit.services import audit
from cases import deadlines
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Concern,
    ConcernMessage,
    ConcernStatus,
    DocumentKind,
    Party,
    PartyRole,
    TimelineKind,
    Urgency,
)
from cases.services.cases import (
    case_open,
)
from cases.services.common import (
    created_changes,
    next_reference,
    refresh_search_text,
    require_past_date,
    timeline_add,
    version_bump,
)
from cases.services.documents import (
    document_check,
    document_store,
)
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence


@transaction.atomic
def concern_raise(
    *,
    actor: User,
    about: Sequence[Employee],
    category: str,
    description: str,
    protected_characteristic: str = "",
    occurred_on: datetime.date | None = None,
    place: str = "",
    witnesses: str = "",
    urgency: str = "normal",
    attachments: Sequence[UploadedFile] = (),
) -> Concern:
    if not about:
        raise ApplicationError(_("Choose at least one person the concern is about."), field="about")
    if category == "discrimination" and not protected_characteristic:
        raise ApplicationError(
            _("Say which protected characteristic the discrimination relates to."),
            field="protected_characteristic",
        )
    require_past_date(occurred_on, field="occurred_on")
    for upload in attachments:  # all are checked before anything is written or stored
        document_check(upload)
    concern = Concern.objects.create(
        reference=next_reference("CON"),
        raised_by=actor,
        category=category,
        description=description,
        protected_characteristic=protected_characteristic,
        occurred_on=occurred_on,
        place=place,
        witnesses=witnesses,
        urgency=urgency,
    )
    concern.about.set(about)
    for upload in attachments:
        document_store(actor=actor, file=upload, kind=DocumentKind.ATTACHMENT, concern=concern)
    audit(
        actor=actor,
        action="concern_raised",
        obj=concern,
        changes=created_changes(concern, ["reference", "category", "urgency"])
        | {"about": (None, list(about))},
    )
    return concern


def _concern_decide(
    concern: Concern, *, actor: User, status: str, reason: str, case: Case | None = None
) -> None:
    if concern.status not in (ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW):
        raise ApplicationError(_("This concern has already been decided."))
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the decision."), field="reason")
    before = concern.status
    concern.status, concern.case = status, case
    concern.triaged_by, concern.triaged_at, concern.triage_reason = actor, clock.now(), reason
    concern.save(update_fields=["status", "case", "triaged_by", "triaged_at", "triage_reason"])
    audit(
        actor=actor,
        action="concern_triaged",
        obj=concern,
        case=case,
        changes={"status": (before, status), "reason": (None, reason)},
    )


@transaction.atomic
def concern_review_start(*, actor: User, concern: Concern) -> Concern:
    if concern.status == ConcernStatus.RECEIVED:
        concern.status = ConcernStatus.UNDER_REVIEW
        concern.save(update_fields=["status"])
        audit(
            actor=actor,
            action="concern_review_started",
            obj=concern,
            changes={"status": (ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW)},
        )
    return concern


_SUBJECT_ROLE = {
    CaseKind.GRIEVANCE: PartyRole.RESPONDENT,
    CaseKind.HARASSMENT_DISCRIMINATION: PartyRole.RESPONDENT,
    CaseKind.WHISTLEBLOWING: PartyRole.RESPONDENT,
}


@transaction.atomic
def concern_accept(
    *,
    actor: User,
    concern: Concern,
    kind: str,
    case_manager: User,
    reason: str,
    title: str = "",
    urgency: str = "",
) -> Case:
    """Open a new case from a concern; the people it is about become subjects or respondents.
    The case takes the concern's protected characteristic, and the urgency triage chose (else the
    concern's)."""
    if urgency and urgency not in Urgency.values:
        raise ApplicationError(_("Choose an urgency."), field="urgency")
    about = list(concern.about.select_related("location", "department"))
    first = about[0]
    case = case_open(
        actor=actor,
        kind=kind,
        title=title or f"{concern.get_category_display()}: {first.full_name}",
        summary=concern.description,
        case_manager=case_manager,
        location=first.location,
        department=first.department,
        parties=[(e, _SUBJECT_ROLE.get(kind, PartyRole.SUBJECT)) for e in about],
        protected_characteristic=concern.protected_characteristic,
        urgency=urgency or concern.urgency,
    )
    _concern_decide(concern, actor=actor, status=ConcernStatus.CASE_OPENED, reason=reason, case=case)
    concern.attachments.update(case=case)
    timeline_add(
        case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Opened from concern %(ref)s"), ref=concern.reference),
        author=actor,
        body=reason,
    )
    if concern.occurred_on:
        deadlines.discipline_limitation_set(case, concern.occurred_on, actor=actor)
    return case


#: Statuses at which a case's matter is decided: nothing more is merged into it.
DECIDED_STATUSES = frozenset({CaseStatus.DECISION, CaseStatus.APPEAL_WINDOW})


@transaction.atomic
def concern_merge(*, actor: User, concern: Concern, case: Case, reason: str) -> Case:
    """Merge a concern into an existing case; the people it is about join the case as parties.
    Refused for a case that is decided (it has an outcome, or is at the decision or its appeal
    window) or closed: a new concern about a decided matter needs a case of its own."""
    if not case.is_open or hasattr(case, "outcome") or case.status in DECIDED_STATUSES:
        raise ApplicationError(
            _(
                "%(ref)s is already decided or closed, so nothing can be added to it; open a new "
                "case for this concern instead."
            )
            % {"ref": case.reference},
            field="case",
        )
    _concern_decide(concern, actor=actor, status=ConcernStatus.CASE_OPENED, reason=reason, case=case)
    concern.attachments.update(case=case)
    role = _SUBJECT_ROLE.get(case.kind, PartyRole.SUBJECT)
    for employee in concern.about.all():
        if not Party.objects.filter(case=case, employee=employee, role=role).exists():
            party = Party.objects.create(case=case, employee=employee, role=role)
            audit(
                actor=actor,
                action="party_added",
                obj=party,
                case=case,
                changes={"employee": (None, employee), "role": (None, role)},
            )
    refresh_search_text(case)
    timeline_add(
        case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Concern %(ref)s merged into this case"), ref=concern.reference),
        author=actor,
        body=reason,
    )
    version_bump(case, None)
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
    audit(
        actor=actor,
        action="concern_message_sent",
        obj=concern,
        case=concern.case,
        changes={"message": (None, body)},
    )
    return message
