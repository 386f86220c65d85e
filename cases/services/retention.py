"""Keeping and erasing a closed case: legal holds (US-REC-002) and erasure of its personal content
once every retention floor has passed (US-REC-001, XJ-004).

Erasure keeps the case's shape (reference, kind, jurisdiction, dates, status, sanction) for the
trends and the deadline history, and removes what identifies or describes people: free text,
parties, the people a concern was about, letters' filled-in data and every stored file. The audit
trail is append-only and hash-chained, so it is not rewritten."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from audit.services import audit
from cases import guardrails
from cases.models import (
    Allegation,
    Case,
    Concern,
    ConcernMessage,
    Document,
    InvestigationPlan,
    LegalHold,
    Letter,
    Meeting,
    Outcome,
    Party,
    TimelineEntry,
    TimelineKind,
)
from cases.services.common import timeline_add
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the reason."), field="reason")
    return reason


@transaction.atomic
def legal_hold_place(*, actor: User, case: Case, reason: str) -> LegalHold:
    """Hold the case (a charge, a claim, a litigation notice): nothing of it may be erased."""
    hold = LegalHold.objects.create(case=case, reason=_reason(reason), placed_by=actor)
    audit(
        actor=actor, action="legal_hold_placed", obj=hold, case=case, changes={"reason": (None, hold.reason)}
    )
    timeline_add(
        case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Legal hold placed")),
        author=actor,
        body=hold.reason,
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, hold: LegalHold, reason: str) -> LegalHold:
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if not hold.in_force:
        raise ApplicationError(_("This legal hold has already been lifted."))
    hold.lifted_by, hold.lifted_at, hold.lift_reason = actor, clock.now(), _reason(reason)
    hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    audit(
        actor=actor,
        action="legal_hold_lifted",
        obj=hold,
        case=hold.case,
        changes={"lift_reason": ("", hold.lift_reason)},
    )
    timeline_add(
        hold.case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Legal hold lifted")),
        author=actor,
        body=hold.lift_reason,
    )
    return hold


@transaction.atomic
def case_erase(*, actor: User, case: Case, reason: str) -> Case:
    """Erase the personal content of a closed case whose retention floors have passed and which no
    legal hold keeps. Locks the case row; stored files are removed once the transaction commits."""
    reason = _reason(reason)
    case = Case.objects.select_for_update().select_related("location").get(pk=case.pk)
    if case.erased_at is not None:
        raise ApplicationError(_("This case has already been erased."))
    guardrails.check_erasable(case, clock.today(case.location.time_zone or None))
    concerns = Concern.objects.filter(case=case)
    documents = Document.objects.filter(Q(case=case) | Q(concern__case=case))
    files = [name for name in documents.values_list("file", flat=True) if name]
    documents.update(title=_("Erased document"), original_name="", file="")
    ConcernMessage.objects.filter(concern__in=concerns).update(body="")
    for concern in concerns:
        concern.about.clear()
    concerns.update(description="", place="", witnesses="", triage_reason="")
    Allegation.objects.filter(case=case).update(description="", finding_reasons="")
    Meeting.objects.filter(case=case).update(outcome_summary="", place="", online_link="")
    Outcome.objects.filter(case=case).update(decision="", reasons="")
    for plan in InvestigationPlan.objects.filter(case=case):
        plan.interviewees.clear()
    InvestigationPlan.objects.filter(case=case).update(terms_of_reference="", questions="")
    Letter.objects.filter(case=case).update(context={}, error="")
    TimelineEntry.objects.filter(case=case).update(body="")
    parties = Party.objects.filter(case=case).count()
    Party.objects.filter(case=case).delete()
    case.title = _("Erased case %(reference)s") % {"reference": case.reference}
    case.summary, case.search_text, case.erased_at = "", case.reference, clock.now()
    case.save(update_fields=["title", "summary", "search_text", "erased_at", "updated_at"])
    audit(
        actor=actor,
        action="case_erased",
        obj=case,
        case=case,
        changes={"reason": (None, reason), "files": (len(files), 0), "parties": (parties, 0)},
    )
    timeline_add(
        case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Personal content erased after the retention date")),
        author=actor,
    )
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
    return case
