"""Cases: opening, editing, moving through the procedure, who works on them and who may see them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Employee, Role, User
from audit.services import audit
from cases import deadlines, guardrails
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Party,
    TimelineKind,
)
from cases.permissions import case_access_grant, case_access_revoke
from cases.services.common import (
    created_changes,
    next_reference,
    refresh_search_text,
    require_open,
    timeline_add,
    version_bump,
)
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence


@transaction.atomic
def case_open(
    *,
    actor: User,
    kind: str,
    title: str,
    case_manager: User,
    location,
    department,
    summary: str = "",
    parties: Sequence[tuple[Employee, str]] = (),
    appeal_of: Case | None = None,
) -> Case:
    if kind == CaseKind.APPEAL and appeal_of is None:
        raise ApplicationError(_("An appeal must be linked to the case it appeals."), field="appeal_of")
    if not case_manager.has_role(Role.HR_CASE_MANAGER, Role.ER_LEAD, Role.HR_ADMIN):
        raise ApplicationError(
            _("%(name)s is not an HR case manager.") % {"name": case_manager}, field="case_manager"
        )
    case = Case.objects.create(
        reference=next_reference("ER"),
        kind=kind,
        title=title,
        summary=summary,
        jurisdiction=location.jurisdiction,
        location=location,
        department=department,
        case_manager=case_manager,
        opened_by=actor,
        appeal_of=appeal_of,
    )
    for employee, role in parties:
        Party.objects.create(case=case, employee=employee, role=role)
    refresh_search_text(case)
    audit(
        actor=actor,
        action="case_opened",
        obj=case,
        case=case,
        changes=created_changes(
            case, ["reference", "kind", "title", "jurisdiction", "case_manager", "appeal_of"]
        ),
    )
    timeline_add(
        case,
        TimelineKind.STATUS,
        Sentence.of(
            gettext_noop("Case opened (%(kind)s), managed by %(manager)s"),
            kind=CaseKind(case.kind).label,
            manager=case_manager,
        ),
        author=actor,
    )
    deadlines.case_opened_deadlines(case, actor=actor)
    return case


@transaction.atomic
def case_update(*, actor: User, case: Case, expected_version: int, title: str, summary: str) -> Case:
    require_open(case)
    changes = {
        f: (getattr(case, f), v) for f, v in (("title", title), ("summary", summary)) if getattr(case, f) != v
    }
    version_bump(case, expected_version)
    if changes:
        Case.objects.filter(pk=case.pk).update(title=title, summary=summary)
        case.title, case.summary = title, summary
        refresh_search_text(case)
        audit(actor=actor, action="case_updated", obj=case, case=case, changes=changes)
    return case


@transaction.atomic
def case_transition(
    *, actor: User, case: Case, to_status: str, expected_version: int, reason: str = ""
) -> Case:
    guardrails.check_transition(case, to_status)
    if to_status == CaseStatus.WITHDRAWN and not reason.strip():
        raise ApplicationError(_("Say why the case is withdrawn."), field="reason")
    before = case.status
    version_bump(case, expected_version)
    case.status = to_status
    fields = ["status"]
    if to_status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN):
        case.closed_at = clock.now()
        fields.append("closed_at")
    Case.objects.filter(pk=case.pk).update(**{f: getattr(case, f) for f in fields})
    audit(
        actor=actor,
        action="case_status_changed",
        obj=case,
        case=case,
        changes={"status": (before, to_status)} | ({"reason": (None, reason)} if reason else {}),
    )
    timeline_add(
        case,
        TimelineKind.STATUS,
        Sentence.of(
            gettext_noop("Status: %(before)s → %(after)s"),
            before=CaseStatus(before).label,
            after=CaseStatus(to_status).label,
        ),
        author=actor,
        body=reason,
    )
    if to_status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN):
        deadlines.case_deadlines_close(case, actor=actor)
    return case


@transaction.atomic
def case_assign_manager(*, actor: User, case: Case, case_manager: User, expected_version: int) -> Case:
    """Give the case to another manager. The previous manager keeps nothing of it through that
    role: the relation moves, and any grants they were given on it (as its manager) are revoked."""
    require_open(case)
    if not case_manager.has_role(Role.HR_CASE_MANAGER, Role.ER_LEAD, Role.HR_ADMIN):
        raise ApplicationError(
            _("%(name)s is not an HR case manager.") % {"name": case_manager}, field="case_manager"
        )
    before = case.case_manager
    version_bump(case, expected_version)
    Case.objects.filter(pk=case.pk).update(case_manager=case_manager)
    case.case_manager = case_manager
    if before.pk != case_manager.pk:
        case_access_revoke(before, case)
    deadlines.case_deadlines_reassign(case, old=before, new=case_manager)
    audit(
        actor=actor,
        action="case_manager_changed",
        obj=case,
        case=case,
        changes={"case_manager": (before, case_manager)},
    )
    timeline_add(
        case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Case manager: %(name)s"), name=case_manager),
        author=actor,
    )
    return case


@transaction.atomic
def case_grant_access(*, actor: User, case: Case, user: User, can_change: bool = False) -> None:
    """An explicit per-case grant of viewing (and with ``can_change`` changing) the case; it gives
    what it names whatever the user's role, and the conflict and confidentiality rules still apply."""
    case_access_grant(user, case, ["cases.view_case", *(["cases.change_case"] if can_change else [])])
    audit(
        actor=actor,
        action="access_granted",
        obj=case,
        case=case,
        changes={"user": (None, user), "can_change": (None, can_change)},
    )
    timeline_add(
        case,
        TimelineKind.ACCESS,
        Sentence.of(gettext_noop("Access granted to %(name)s"), name=user),
        author=actor,
    )


@transaction.atomic
def case_revoke_access(*, actor: User, case: Case, user: User) -> None:
    case_access_revoke(user, case)
    audit(actor=actor, action="access_revoked", obj=case, case=case, changes={"user": (user, None)})
    timeline_add(
        case,
        TimelineKind.ACCESS,
        Sentence.of(gettext_noop("Access revoked for %(name)s"), name=user),
        author=actor,
    )


@transaction.atomic
def case_add_investigator(*, actor: User, case: Case, investigator: User) -> Case:
    require_open(case)
    if not investigator.has_role(Role.INVESTIGATOR, Role.HR_CASE_MANAGER, Role.ER_LEAD):
        raise ApplicationError(
            _("%(name)s cannot investigate cases.") % {"name": investigator}, field="investigator"
        )
    # The relation is the access: investigators see and work on the case while they are on it.
    case.investigators.add(investigator)
    audit(
        actor=actor,
        action="investigator_added",
        obj=case,
        case=case,
        changes={"investigator": (None, investigator)},
    )
    timeline_add(
        case,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Investigator assigned: %(name)s"), name=investigator),
        author=actor,
    )
    return case
