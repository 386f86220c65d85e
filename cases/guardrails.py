"""Every procedural refusal for cases, in one place.

Each check raises ``GuardrailRefusal`` (an ``ApplicationError``) with a message a case
manager understands and the id of the rule behind it. Numbers come from the case's
procedure (``policies``) where one exists, otherwise from the statutory floor of the
jurisdiction; what differs by country is asked of ``policies.jurisdictions``. Services call
these checks; nothing else decides fairness.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import Jurisdiction, ProtectedPeriod, User
from cases.models import (
    HEARING_KINDS,
    Case,
    CaseKind,
    CaseStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PartyRole,
    RepresentationChoice,
    Sanction,
)
from cases.workflow import next_statuses
from deadlines.models import Deadline
from erms.lib import workdays
from erms.lib.errors import ApplicationError
from policies import jurisdictions
from policies import selectors as policy_selectors
from policies.selectors import closure_days_for


class GuardrailRefusal(ApplicationError):
    """A refusal by fair-procedure rules; ``overridable`` ones may be overridden by an ER lead."""

    def __init__(self, message: str, *, rule: str, field: str | None = None, overridable: bool = False):
        super().__init__(message, field=field, rule=rule)
        self.overridable = overridable


#: Kinds whose outcome needs a hearing held first (Acas Code paras 9–12; aml §15-1; LC Art 122).
KINDS_NEEDING_HEARING = frozenset(
    {CaseKind.DISCIPLINARY, CaseKind.GRIEVANCE, CaseKind.APPEAL, CaseKind.TERMINATION, CaseKind.CAPABILITY}
)

#: US locations without a state count on New York's calendar.
_US_FALLBACK_REGION = "US-NY"


@dataclass(frozen=True)
class Limit:
    number: int
    unit: str
    counting: str
    rule: str
    source: str  # the procedure's name or the rule id
    action: str = "block"  # a procedure step may only warn ("warn"); warnings never refuse


def case_region(case: Case) -> str:
    region = (case.location.region or "").upper()
    try:
        workdays.region_country(region)
        return region
    except workdays.UnknownRegion:
        return workdays.DEFAULT_REGIONS.get(case.jurisdiction, _US_FALLBACK_REGION)


def closures_for(region: str) -> dict[datetime.date, str]:
    return closure_days_for(region)


def _procedure(case: Case):
    kind = CaseKind.DISCIPLINARY if case.kind in (CaseKind.TERMINATION,) else case.kind
    return policy_selectors.procedure_for(kind, case.jurisdiction)


def procedure_limit(case: Case, key: str) -> Limit | None:
    """The case's procedure limit for ``key`` (e.g. ``hearing_notice``), if the procedure sets one."""
    procedure = _procedure(case)
    if procedure is None:
        return None
    step = policy_selectors.procedure_limit(procedure, key)
    if step is None:
        return None
    rule = step.rule.rule_id if step.rule_id else ""
    return Limit(step.number, step.unit, step.counting, rule or procedure.name, procedure.name, step.action)


def limit_due(case: Case, limit: Limit, start: datetime.date) -> datetime.date:
    region = case_region(case)
    return workdays.due_date(
        start, limit.number, limit.unit, limit.counting, region, closures_for(region)
    ).due


def allowed_sanctions(case: Case) -> tuple[str, ...]:
    """The sanctions an outcome of this case may carry (VN-SANC-001; an organisation ladder elsewhere)."""
    return jurisdictions.for_code(case.jurisdiction).sanctions


def statutory_hearing_notice(case: Case, meeting_kind: str) -> Limit | None:
    """The notice the law sets before a meeting of this kind where the procedure sets none
    (VN-DISC-004: disciplinary meetings only), if any."""
    country = jurisdictions.for_code(case.jurisdiction)
    period = country.hearing_notice
    if period is None or meeting_kind not in country.hearing_notice_meeting_kinds:
        return None
    return Limit(period.number, period.unit, workdays.EXCLUDES_TRIGGER_DAY, period.rule, period.rule)


def check_transition(case: Case, to_status: str) -> None:
    if to_status not in next_statuses(case.kind, case.status):
        raise GuardrailRefusal(
            _("A %(kind)s case cannot move from “%(from)s” to “%(to)s”.")
            % {
                "kind": case.get_kind_display().lower(),
                "from": CaseStatus(case.status).label,
                "to": CaseStatus(to_status).label,
            },
            rule="WORKFLOW",
            field="status",
        )
    if to_status == CaseStatus.CLOSED:
        check_can_close(case)
    if to_status in (CaseStatus.APPEAL_WINDOW,) and not hasattr(case, "outcome"):
        raise GuardrailRefusal(_("Record the outcome before opening the appeal window."), rule="WORKFLOW")


def check_can_close(case: Case) -> None:
    missing = [a.number for a in case.allegations.all() if not a.finding]
    if missing:
        raise GuardrailRefusal(
            _("The case cannot close while allegation(s) %(numbers)s have no finding.")
            % {"numbers": ", ".join(str(n) for n in missing)},
            rule="FINDINGS",
            field="status",
        )


def check_hearing_notice(
    case: Case, meeting_kind: str, hearing_on: datetime.date, notice_sent_on: datetime.date | None
) -> None:
    """The hearing must be at least the procedure's notice after the invitation (AC-01, VN-DISC-004)."""
    limit = procedure_limit(case, "hearing_notice")
    if limit is not None and limit.action != "block":
        limit = None  # the procedure only warns (e.g. US, guidance): shown on the page, never refused
    if limit is None:
        limit = statutory_hearing_notice(case, meeting_kind)
    if limit is None:
        return  # GB-DISC-003: no fixed notice without a procedure value (a warning, shown on the page)
    if notice_sent_on is None:
        raise GuardrailRefusal(
            _("Record when the invitation was sent: %(source)s requires %(number)s %(unit)s' notice.")
            % {"source": limit.source, "number": limit.number, "unit": _unit_label(limit.unit)},
            rule=limit.rule,
            field="notice_sent_on",
        )
    earliest = limit_due(case, limit, notice_sent_on)
    if hearing_on < earliest:
        raise GuardrailRefusal(
            _(
                "%(source)s requires %(number)s %(unit)s' notice: with the invitation sent on %(sent)s, the "
                "earliest date for the hearing is %(earliest)s."
            )
            % {
                "source": limit.source,
                "number": limit.number,
                "unit": _unit_label(limit.unit),
                "sent": notice_sent_on.isoformat(),
                "earliest": earliest.isoformat(),
            },
            rule=limit.rule,
            field="scheduled_for",
        )


def involved_user_ids(case: Case) -> set[int]:
    """Users who took part in a case: its manager, investigators, chairs, decision maker, parties."""
    ids = {case.case_manager_id}
    ids |= set(case.investigators.values_list("id", flat=True))
    ids |= set(case.meetings.values_list("chair_id", flat=True))
    ids |= {uid for uid in case.parties.values_list("employee__user_id", flat=True) if uid}
    outcome = getattr(case, "outcome", None)
    if outcome is not None:
        ids.add(outcome.decided_by_id)
    return ids


def check_chair(case: Case, chair: User, meeting_kind: str) -> None:
    if meeting_kind == MeetingKind.APPEAL_HEARING and case.appeal_of_id:
        if chair.pk in involved_user_ids(case.appeal_of):
            raise GuardrailRefusal(
                _("%(name)s was involved in the original case %(ref)s and cannot chair the appeal.")
                % {"name": chair, "ref": case.appeal_of.reference},
                rule="XJ-001",
                field="chair",
                overridable=True,
            )
    if meeting_kind in HEARING_KINDS and case.investigators.filter(pk=chair.pk).exists():
        raise GuardrailRefusal(
            _("%(name)s investigated this case and cannot chair its hearing.") % {"name": chair},
            rule="XJ-001",
            field="chair",
            overridable=True,
        )


def check_outcome(case: Case, decided_by: User, sanction: str) -> None:
    if (
        case.kind in KINDS_NEEDING_HEARING
        and not case.meetings.filter(kind__in=HEARING_KINDS, status=MeetingStatus.HELD).exists()
    ):
        raise GuardrailRefusal(
            _(
                "No hearing has been held on this case: hold and record the hearing before deciding the outcome."
            ),
            rule=jurisdictions.for_code(case.jurisdiction).hearing_rule,
        )
    if case.investigators.filter(pk=decided_by.pk).exists():
        raise GuardrailRefusal(
            _("%(name)s investigated this case and cannot also decide it.") % {"name": decided_by},
            rule="XJ-001",
            field="decided_by",
            overridable=True,
        )
    check_sanction(case, sanction)


def check_decided_in_time(case: Case, decided_on: datetime.date, limitation_on: datetime.date | None) -> None:
    """VN-DISC-005 (LC Arts 122–126): a disciplinary decision is made within the limitation period
    (VN-DISC-003) that ends on ``limitation_on`` (the case's open limitation deadline), if any."""
    if limitation_on is None or decided_on <= limitation_on:
        return
    raise GuardrailRefusal(
        _(
            "The limitation period for this discipline ended on %(limit)s: a decision on %(day)s is out "
            "of time and cannot be recorded."
        )
        % {"limit": limitation_on.isoformat(), "day": decided_on.isoformat()},
        rule=jurisdictions.for_code(case.jurisdiction).late_decision_rule,
        field="decided_on",
    )


def check_sanction(case: Case, sanction: str) -> None:
    if not sanction:
        return
    country = jurisdictions.for_code(case.jurisdiction)
    if not country.allows(sanction):
        raise GuardrailRefusal(
            _("“%(sanction)s” is not a sanction allowed in %(jurisdiction)s. Allowed: %(allowed)s.")
            % {
                "sanction": Sanction(sanction).label,
                "jurisdiction": Jurisdiction(case.jurisdiction).label,
                "allowed": ", ".join(str(Sanction(s).label) for s in country.sanctions),
            },
            rule=country.sanction_rule,
            field="sanction",
        )


def warning_live_limit(case: Case, sanction: str) -> Limit | None:
    """How long ``sanction`` stays live: the period the law sets for that sanction (VN-SANC-003),
    else the procedure's live period, else the organisation's default; ``None`` for a sanction
    with no live period in the case's jurisdiction."""
    country = jurisdictions.for_code(case.jurisdiction)
    months = country.live_months.get(sanction)
    if months is None:
        return None
    statutory = country.statutory_live_periods.get(sanction)
    if statutory is not None:
        return Limit(statutory.number, statutory.unit, country.live_counting, statutory.rule, "")
    limit = procedure_limit(case, "warning_live_period")
    if limit is not None:
        return limit
    return Limit(months, workdays.MONTHS, country.live_counting, country.live_rule, "")


def warning_live_until(case: Case, sanction: str, issued_on: datetime.date) -> datetime.date | None:
    """Last day a warning stays live (AC-05: 12 months from 16 Mar 2026 → 15 Mar 2027; AC-13)."""
    limit = warning_live_limit(case, sanction)
    return None if limit is None else limit_due(case, limit, issued_on)


def appeal_route(case: Case) -> jurisdictions.Route:
    """The route after a decision in this case, as its jurisdiction states it (GB-APP-001,
    US-DISC-001, NO-DISP-001, VN-DISP-001)."""
    return jurisdictions.for_code(case.jurisdiction).appeal_route(case.kind)


def appeal_window(case: Case) -> Limit | None:
    """The case's appeal window: its procedure's, else the window its jurisdiction's route gives
    (GB-APP-001, 5 working days); ``None`` where neither gives one (a claim; Norway's and Vietnam's
    routes run outside the organisation). Every appeal deadline, and the rule and citation of every
    appeal-window deadline, comes from here."""
    limit = procedure_limit(case, "appeal_window")
    if limit is not None:
        return limit
    window = appeal_route(case).window
    if window is None:
        return None
    # No procedure behind it: a blank source makes the deadline cite the rule row (deadlines._limit_source).
    return Limit(window.number, window.unit, workdays.EXCLUDES_TRIGGER_DAY, window.rule, "")


def appeal_deadline(case: Case, notified_on: datetime.date) -> datetime.date | None:
    """Last day to appeal when the decision is made known on ``notified_on``; ``None`` without a window."""
    window = appeal_window(case)
    return None if window is None else limit_due(case, window, notified_on)


def _unit_label(unit: str) -> str:
    return {
        workdays.WORKING_DAYS: _("working days"),
        workdays.CALENDAR_DAYS: _("calendar days"),
        workdays.WEEKS: _("weeks"),
        workdays.MONTHS: _("months"),
    }.get(unit, unit)


def discipline_bars(case: Case, day: datetime.date) -> list[ProtectedPeriod]:
    """The leave or protected status of the case's subject that covers ``day``."""
    subjects = case.parties.filter(role=PartyRole.SUBJECT).values("employee_id")
    periods = ProtectedPeriod.objects.filter(employee_id__in=subjects, starts_on__lte=day).select_related(
        "employee"
    )
    return [p for p in periods if p.covers(day)]


def check_discipline_not_barred(case: Case, day: datetime.date, *, field: str) -> None:
    """VN-DISC-002 (LC Art 122(4)): no disciplinary step while the employee is on leave or has a
    protected status (pregnancy, maternity leave, a child under 12 months, custody…). Where the law
    sets no bar (``discipline_bar_rule`` empty) nothing is refused."""
    rule = jurisdictions.for_code(case.jurisdiction).discipline_bar_rule
    if not rule:
        return
    for period in discipline_bars(case, day):
        raise GuardrailRefusal(
            _(
                "%(name)s is on %(status)s from %(start)s%(end)s: no disciplinary step may be taken "
                "on %(day)s."
            )
            % {
                "name": period.employee.full_name,
                "status": period.get_status_display().lower(),
                "start": formats.date_format(period.starts_on, "DATE_FORMAT"),
                "end": (" " + _("to %(day)s") % {"day": formats.date_format(period.ends_on, "DATE_FORMAT")})
                if period.ends_on
                else "",
                "day": formats.date_format(day, "DATE_FORMAT"),
            },
            rule=rule,
            field=field,
        )


def limitation_after_bars(case: Case, due: datetime.date) -> datetime.date:
    """VN-DISC-003 (LC Art 123): if the limitation ends during a bar, or fewer than 60 days are
    left when the bar ends, it runs to 60 days after the bar (E3: 10 Aug 2026 → 3 Nov 2026)."""
    after = jurisdictions.for_code(case.jurisdiction).limitation_after_bar
    if after is None:
        return due
    subjects = case.parties.filter(role=PartyRole.SUBJECT).values("employee_id")
    spans = ProtectedPeriod.objects.filter(employee_id__in=subjects, ends_on__isnull=False).order_by(
        "starts_on"
    )
    region = case_region(case)
    for starts_on, ended in spans.values_list("starts_on", "ends_on"):
        if starts_on > due:
            break  # a bar that begins after the limitation ended does not revive it
        floor = workdays.due_date(ended, after.number, after.unit, workdays.EXCLUDES_TRIGGER_DAY, region).due
        due = max(due, floor)
    return due


def check_interview_may_go_on(meeting: Meeting) -> None:
    """US-ACC-001 (NLRB v. J. Weingarten): once a union-represented employee asks for a
    representative at an investigatory interview, questions stop until a choice is logged: wait
    for the rep, stop, or the employee goes on without one or chooses no interview."""
    rule = jurisdictions.for_code(meeting.case.jurisdiction).interview_representation_rule
    if not rule or meeting.representation_requested_by_id is None:
        return
    if not meeting.representation_choice:
        raise GuardrailRefusal(
            _(
                "%(name)s asked for a union representative: the interview cannot go on until you log "
                "what happens next (wait for the representative, stop, or the employee's choice)."
            )
            % {"name": meeting.representation_requested_by.full_name},
            rule=rule,
            field="representation_choice",
        )
    if meeting.representation_choice == RepresentationChoice.NO_INTERVIEW:
        raise GuardrailRefusal(
            _("The employee chose to have no interview: cancel the meeting instead."),
            rule=rule,
            field="representation_choice",
        )


@dataclass(frozen=True)
class RetentionFloor:
    """The first day a closed case may be erased under one rule (nothing before it), and why."""

    until: datetime.date
    rule: str
    basis: str


def retention_floors(case: Case) -> list[RetentionFloor]:
    """Why a closed case must be kept, latest first: its records a set time after the last action
    (US-REC-001; elsewhere XJ-004) and its limitation (risk) dates plus a buffer (XJ-004). An open
    case has no floor: it is never erasable."""
    if case.is_open or case.closed_at is None:
        return []
    country = jurisdictions.for_code(case.jurisdiction)
    region = case_region(case)
    last_action = workdays.local_date(case.closed_at, case.location.time_zone or "UTC")
    outcome = getattr(case, "outcome", None)
    if outcome is not None:
        last_action = max(last_action, outcome.decided_on)
    floors = []
    keep = country.retention_after_action
    floors.append(
        RetentionFloor(
            workdays.due_date(last_action, keep.number, keep.unit, workdays.EXCLUDES_TRIGGER_DAY, region).due,
            keep.rule,
            _("%(number)s months after the last action on %(day)s")
            % {"number": keep.number, "day": formats.date_format(last_action, "DATE_FORMAT")},
        )
    )
    latest_risk = (
        Deadline.objects.filter(owner_type="cases.case", owner_id=case.pk, is_risk_date=True)
        .order_by("-due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    if latest_risk is not None:
        buffer = country.retention_after_limitation
        floors.append(
            RetentionFloor(
                workdays.due_date(
                    latest_risk, buffer.number, buffer.unit, workdays.EXCLUDES_TRIGGER_DAY, region
                ).due,
                buffer.rule,
                _("%(number)s months after the last limitation date, %(day)s")
                % {"number": buffer.number, "day": formats.date_format(latest_risk, "DATE_FORMAT")},
            )
        )
    return sorted(floors, key=lambda floor: floor.until, reverse=True)


def check_erasable(case: Case, today: datetime.date) -> None:
    """Nothing of a case is erased while it is open, under a legal hold (US-REC-002) or before its
    retention floors have passed (US-REC-001, XJ-004)."""
    if case.is_open:
        raise GuardrailRefusal(_("An open case cannot be erased; close it first."), rule="XJ-004")
    if case.legal_holds.filter(lifted_at__isnull=True).exists():
        raise GuardrailRefusal(
            _("A legal hold is in force on this case: nothing may be erased until it is lifted."),
            rule="US-REC-002",
        )
    floors = retention_floors(case)
    if floors and today < floors[0].until:
        raise GuardrailRefusal(
            _("This case may not be erased before %(day)s (%(basis)s).")
            % {"day": formats.date_format(floors[0].until, "DATE_FORMAT"), "basis": floors[0].basis},
            rule=floors[0].rule,
        )
