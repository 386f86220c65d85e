"""Protections around the people in a case: leave and protected status (VN-DISC-002, VN-DISC-003),
a represented employee's request for a representative at an interview (US-ACC-001) and the worker's
alternative time when the companion cannot attend a hearing (GB-ACC-002)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Employee, ProtectedPeriod, User
from audit.services import audit
from cases import deadlines
from cases.guardrails import GuardrailRefusal
from cases.models import (
    HEARING_KINDS,
    Case,
    CaseKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PartyRole,
    RepresentationChoice,
    TimelineKind,
)
from cases.services.common import created_changes, timeline_add
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence
from policies import jurisdictions


@transaction.atomic
def protected_period_record(
    *,
    actor: User,
    employee: Employee,
    status: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    note: str = "",
    case: Case | None = None,
) -> ProtectedPeriod:
    """Record leave or a protected status of ``employee``. Every open disciplinary case about them
    has its limitation recomputed (VN-DISC-003 runs on after a bar); the entry is audited on
    ``case`` when given."""
    if ends_on is not None and ends_on < starts_on:
        raise ApplicationError(_("The last day cannot be before the first."), field="ends_on")
    period = ProtectedPeriod.objects.create(
        employee=employee, status=status, starts_on=starts_on, ends_on=ends_on, note=note
    )
    audit(
        actor=actor,
        action="protected_period_recorded",
        obj=period,
        case=case,
        changes=created_changes(period, ["employee", "status", "starts_on", "ends_on"]),
    )
    affected = Case.objects.filter(
        kind=CaseKind.DISCIPLINARY, parties__employee=employee, parties__role=PartyRole.SUBJECT
    ).distinct()
    for subject_case in affected:
        if subject_case.is_open:
            deadlines.discipline_limitation_extend(subject_case, actor=actor)
    return period


def _interview(meeting: Meeting) -> None:
    if meeting.kind != MeetingKind.INVESTIGATION_INTERVIEW or meeting.status != MeetingStatus.SCHEDULED:
        raise ApplicationError(
            _("Only a scheduled investigation interview takes a request for a representative.")
        )


@transaction.atomic
def meeting_representation_request(*, actor: User, meeting: Meeting, employee: Employee) -> Meeting:
    """The interviewee asked for a representative. For a union-represented employee where the
    jurisdiction gives the right (US-ACC-001) the interview stops until a choice is logged."""
    _interview(meeting)
    if not employee.union_represented:
        raise ApplicationError(
            _("%(name)s is not represented by a union: the right to a representative does not apply.")
            % {"name": employee.full_name},
            field="employee",
        )
    meeting.representation_requested_by = employee
    meeting.representation_requested_at = clock.now()
    meeting.representation_choice = ""
    meeting.save(
        update_fields=["representation_requested_by", "representation_requested_at", "representation_choice"]
    )
    audit(
        actor=actor,
        action="representation_requested",
        obj=meeting,
        case=meeting.case,
        changes={"representation_requested_by": (None, employee.pk)},
    )
    timeline_add(
        meeting.case,
        TimelineKind.MEETING,
        Sentence.of(
            gettext_noop("%(name)s asked for a union representative at the interview"),
            name=employee.full_name,
        ),
        author=actor,
    )
    return meeting


@transaction.atomic
def meeting_representation_choose(*, actor: User, meeting: Meeting, choice: str) -> Meeting:
    """Log what happens after the request: wait, stop, go on without a rep, or no interview."""
    _interview(meeting)
    if meeting.representation_requested_by_id is None:
        raise ApplicationError(_("Nobody has asked for a representative at this interview."))
    if choice not in RepresentationChoice.values:
        raise ApplicationError(_("Choose what happens next."), field="choice")
    before = meeting.representation_choice
    meeting.representation_choice = choice
    meeting.save(update_fields=["representation_choice"])
    audit(
        actor=actor,
        action="representation_choice_logged",
        obj=meeting,
        case=meeting.case,
        changes={"representation_choice": (before, choice)},
    )
    timeline_add(
        meeting.case,
        TimelineKind.MEETING,
        Sentence.of(
            gettext_noop("After the request for a representative: %(choice)s"),
            choice=RepresentationChoice(choice).label,
        ),
        author=actor,
    )
    return meeting


@transaction.atomic
def meeting_companion_alternative(
    *, actor: User, meeting: Meeting, proposed_for: datetime.datetime
) -> Meeting:
    """The chosen companion cannot attend: the worker proposes another time. A time within the
    statutory window (GB-ACC-002: 5 working days beginning with the first working day after the day
    proposed) must be accepted and the hearing moves to it; a time outside it is refused."""
    case = meeting.case
    rule = jurisdictions.for_code(case.jurisdiction).companion_window_rule
    if meeting.kind not in HEARING_KINDS or meeting.status != MeetingStatus.SCHEDULED or not rule:
        raise ApplicationError(
            _("Only a scheduled hearing with a statutory companion window can be moved this way.")
        )
    window = deadlines.case_deadline_open(case, deadlines.COMPANION_POSTPONEMENT)
    if window is None:
        raise ApplicationError(_("This hearing's alternative time has already been used."))
    zone = ZoneInfo(case.location.time_zone or "UTC")
    original_day = meeting.scheduled_for.astimezone(zone).date()
    proposed_day = proposed_for.astimezone(zone).date()
    if not original_day < proposed_day <= window.due_on:
        raise GuardrailRefusal(
            _(
                "The alternative time must fall after %(original)s and no later than %(latest)s (within five "
                "working days of the day proposed)."
            )
            % {
                "original": formats.date_format(original_day, "DATE_FORMAT"),
                "latest": formats.date_format(window.due_on, "DATE_FORMAT"),
            },
            rule=rule,
            field="scheduled_for",
        )
    before = meeting.scheduled_for
    meeting.scheduled_for = proposed_for
    meeting.save(update_fields=["scheduled_for"])
    audit(
        actor=actor,
        action="meeting_companion_alternative",
        obj=meeting,
        case=case,
        changes={"scheduled_for": (before, proposed_for)},
    )
    timeline_add(
        case,
        TimelineKind.MEETING,
        Sentence.of(
            gettext_noop(
                "%(kind)s moved to %(day)s, the time the employee proposed because the companion could not attend"
            ),
            kind=MeetingKind(meeting.kind).label,
            day=proposed_day,
        ),
        author=actor,
    )
    deadlines.case_deadlines_met(case, [deadlines.COMPANION_POSTPONEMENT], actor=actor)
    return meeting
