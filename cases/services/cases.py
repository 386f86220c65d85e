"""Cases: opening, editing, moving through the procedure, who works on them and who may see them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Employee, Role, User
from audit.services import audit
from cases import deadlines, guardrails, workflow
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Outcome,
    Party,
    TimelineKind,
    Urgency,
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
    protected_characteristic: str = "",
    urgency: str = Urgency.NORMAL,
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
        protected_characteristic=protected_characteristic,
        urgency=urgency,
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
            case,
            [
                "reference",
                "kind",
                "title",
                "jurisdiction",
                "case_manager",
                "appeal_of",
                "protected_characteristic",
                "urgency",
            ],
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
        case.closed_at, case.status_before_close = clock.now(), before
        fields += ["closed_at", "status_before_close"]
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
    else:
        deadlines.case_moved_deadlines(case, to_status, actor=actor)
    return case


def case_status_follow(*, actor: User | None, case: Case, to_status: str, event: str | Sentence) -> bool:
    """Move the case to ``to_status`` because of ``event`` (what was just recorded, in words), if
    that lies ahead on its path (``workflow.is_ahead``): never backwards, never out of a closed or
    withdrawn case, never to closed. Audited and on the timeline; moving past the investigation
    meets its target (``deadlines.case_moved_deadlines``). Must be called inside the
    transaction of the service that recorded the event; the version is left alone (nobody edited
    the case; a later transition is checked against the status it then has)."""
    case.status = Case.objects.select_for_update().values_list("status", flat=True).get(pk=case.pk)
    if not workflow.is_ahead(case.kind, case.status, to_status):
        return False
    before = case.status
    Case.objects.filter(pk=case.pk).update(status=to_status, updated_at=clock.now())
    case.status = to_status
    audit(
        actor=actor,
        action="case_status_followed",
        obj=case,
        case=case,
        changes={"status": (before, to_status), "event": (None, str(event))},
    )
    timeline_add(
        case,
        TimelineKind.STATUS,
        Sentence.of(
            gettext_noop("Status: %(before)s → %(after)s (%(event)s)"),
            before=CaseStatus(before).label,
            after=CaseStatus(to_status).label,
            event=event,
        ),
        author=actor,
    )
    deadlines.case_moved_deadlines(case, to_status, actor=actor)
    return True


@transaction.atomic
def case_reopen(*, actor: User, case: Case, reason: str, expected_version: int | None = None) -> Case:
    """Reopen a closed or withdrawn case, with a reason: back to the status it closed from (an
    appeal window that has since passed comes back as the decision). Deadlines that were met,
    cancelled or lapsed on closing stay so; only a still-running appeal window is set again.
    Who may reopen (an ER lead in scope, an HR admin) is ``permissions.REOPEN_CASE``."""
    if case.is_open:
        raise ApplicationError(_("The case is open; only a closed or withdrawn case can be reopened."))
    if not reason.strip():
        raise ApplicationError(_("Say why the case is reopened."), field="reason")
    before = case.status
    outcome = Outcome.objects.filter(case=case).first()
    to_status = case.status_before_close or (CaseStatus.DECISION if outcome else CaseStatus.INVESTIGATION)
    if to_status not in workflow.path_for(case.kind):
        to_status = workflow.path_for(case.kind)[1]
    window_open = (
        outcome is not None
        and outcome.appeal_deadline is not None
        and outcome.appeal_deadline >= clock.today()
    )
    if to_status == CaseStatus.APPEAL_WINDOW and not window_open:
        to_status = CaseStatus.DECISION
    version_bump(case, expected_version)
    case.status, case.closed_at, case.status_before_close = to_status, None, ""
    Case.objects.filter(pk=case.pk).update(status=to_status, closed_at=None, status_before_close="")
    audit(
        actor=actor,
        action="case_reopened",
        obj=case,
        case=case,
        changes={"status": (before, to_status), "reason": (None, reason)},
    )
    timeline_add(
        case,
        TimelineKind.STATUS,
        Sentence.of(
            gettext_noop("Case reopened: %(before)s → %(after)s"),
            before=CaseStatus(before).label,
            after=CaseStatus(to_status).label,
        ),
        author=actor,
        body=reason,
    )
    if to_status == CaseStatus.APPEAL_WINDOW and outcome is not None and outcome.appeal_deadline:
        deadlines.appeal_window_set(case, outcome.appeal_deadline, actor=actor)
    deadlines.case_next_deadline_refresh(case)
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
