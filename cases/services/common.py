"""Plumbing shared by the case services: references, timeline entries, the optimistic lock, guardrail enforcement."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User, person_name
from audit.services import audit
from cases.guardrails import GuardrailRefusal
from cases.models import (
    Case,
    CaseStatus,
    Party,
    ReferenceCounter,
    TimelineEntry,
    TimelineKind,
)
from erms.lib import clock
from erms.lib.errors import ApplicationError, ConflictError
from erms.lib.sentences import Sentence


def next_reference(prefix: str) -> str:
    """``ER-2026-00042``: the next number for this prefix and year. Locks the counter row."""
    year = clock.today().year
    ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:05d}"


def created_changes(obj: models.Model, fields: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    return {f: (None, getattr(obj, f)) for f in fields}


def timeline_add(
    case: Case,
    kind: str,
    summary: str | Sentence,
    *,
    author: User | None,
    body: str = "",
    shared: bool = False,
) -> TimelineEntry:
    """A line on the case's timeline. Give what happened as a ``Sentence`` (written out in each
    reader's language when shown); plain text only for the author's own words (a note)."""
    return TimelineEntry.objects.create(
        case=case,
        kind=kind,
        author=author,
        body=body,
        shared_with_submitter=shared,
        **TimelineEntry.summary_fields(summary),
    )


def version_bump(case: Case, expected_version: int | None) -> None:
    """Optimistic lock: increment the version, refusing if someone changed the case meanwhile."""
    query = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    updated = query.update(version=F("version") + 1, updated_at=clock.now())
    if not updated:
        raise ConflictError(
            _(
                "Someone else changed this case while you were editing it. Reload the page to see their "
                "changes, then make yours again."
            ),
            current_version=Case.objects.filter(pk=case.pk).values_list("version", flat=True).first(),
        )
    case.version = Case.objects.values_list("version", flat=True).get(pk=case.pk)


def require_past_date(day: datetime.date | None, *, field: str) -> None:
    """Refuse a date of something that happened (an incident, a decision) that lies in the future
    or outside the years ERMS handles. Pages and API alike reach this check through the service."""
    if day is None:
        return
    clock.require_year_in_range(day, field=field)
    if day > clock.today():
        raise ApplicationError(_("This date is in the future."), field=field)


def require_open(case: Case) -> None:
    """Closed and withdrawn cases are read-only, through pages and API alike."""
    if not case.is_open:
        raise ApplicationError(
            _("The case is %(status)s; it can no longer be changed.")
            % {"status": CaseStatus(case.status).label.lower()}
        )


def refresh_search_text(case: Case) -> None:
    names = Party.objects.filter(case=case).values_list(
        "employee__first_name", "employee__last_name", "employee__family_name_first"
    )
    text = " ".join(
        [
            case.reference,
            case.title,
            case.summary,
            *(person_name(f, lst, family_name_first=o) for f, lst, o in names),
        ]
    )
    Case.objects.filter(pk=case.pk).update(search_text=text)
    case.search_text = text


def guardrail_enforce(
    check: Callable[[], None], *, actor: User, override_reason: str = "", case: Case | None = None
) -> None:
    """Run a guardrail check; an ER lead may override an overridable refusal with a reason."""
    try:
        check()
    except GuardrailRefusal as refusal:
        if not (
            refusal.overridable and override_reason.strip() and actor.has_perm("cases.override_guardrail")
        ):
            raise
        if case is not None:
            audit(
                actor=actor,
                action="guardrail_overridden",
                obj=case,
                case=case,
                changes={"rule": (None, refusal.rule), "reason": (None, override_reason)},
            )
            timeline_add(
                case,
                TimelineKind.NOTE,
                Sentence.of(
                    gettext_noop("Guardrail %(rule)s overridden: %(reason)s"),
                    rule=refusal.rule,
                    reason=override_reason,
                ),
                author=actor,
            )
