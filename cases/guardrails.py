"""Every procedural refusal for cases, in one place.

Each check raises ``GuardrailRefusal`` (an ``ApplicationError``) with a message a case
manager understands and the id of the rule behind it. Numbers come from the case's
procedure (``policies``) where one exists, otherwise from the statutory floor of the
jurisdiction; what differs by country is asked of ``policies.jurisdictions``. Services call
these checks; nothing else decides fairness.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import get_language
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


@dataclass(frozen=True)
class GuardrailWarning:
    """Something fair procedure warns about without refusing. The message is built each time it
    is read, so it is worded in the reader's language (a page, the API, a later request)."""

    rule: str
    build: Callable[[], str]
    #: The badge beside the message for a warning no rulebook rule names (a non-working day): a
    #: word for people, where ``rule`` stays the code the API and the audit trail record.
    badge: Callable[[], str] | None = None

    @property
    def message(self) -> str:
        return self.build()

    @property
    def label(self) -> str:
        """What the page shows in the warning's badge: the rule's id, or a word for people."""
        return self.badge() if self.badge else self.rule

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message}


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


#: The procedure whose notice a meeting of this kind follows, whatever kind of case holds it
#: (a disciplinary hearing in a harassment case gives the disciplinary procedure's notice).
_MEETING_PROCEDURES = {
    MeetingKind.DISCIPLINARY_HEARING: CaseKind.DISCIPLINARY,
    MeetingKind.GRIEVANCE_MEETING: CaseKind.GRIEVANCE,
    MeetingKind.APPEAL_HEARING: CaseKind.APPEAL,
}


def _meeting_procedure(case: Case, meeting_kind: str):
    kind = _MEETING_PROCEDURES.get(meeting_kind)  # type: ignore[call-overload]
    procedure = policy_selectors.procedure_for(kind, case.jurisdiction) if kind else None
    return procedure or _procedure(case)


def procedure_limit(case: Case, key: str, *, meeting_kind: str = "") -> Limit | None:
    """The case's procedure limit for ``key`` (e.g. ``hearing_notice``), if the procedure sets one;
    with ``meeting_kind``, the procedure that governs that kind of meeting."""
    procedure = _meeting_procedure(case, meeting_kind) if meeting_kind else _procedure(case)
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


def notice_limits(case: Case, meeting_kind: str) -> tuple[Limit | None, Limit | None]:
    """The notice a meeting of this kind needs: (the one that refuses, the one that only warns).
    The procedure's notice refuses unless it only warns; the law's (VN-DISC-004) always refuses."""
    if meeting_kind not in HEARING_KINDS:
        return None, None
    limit = procedure_limit(case, "hearing_notice", meeting_kind=meeting_kind)
    if limit is not None and limit.action == "block":
        return limit, None
    return statutory_hearing_notice(case, meeting_kind), limit


def notice_limit(case: Case, meeting_kind: str) -> Limit | None:
    """The notice a meeting of this kind is counted with (for its invitation deadline)."""
    blocking, warning = notice_limits(case, meeting_kind)
    return blocking or warning


def _source(limit: Limit) -> str:
    """The procedure's name with the rule it rests on, or the rule alone."""
    return limit.source if limit.rule == limit.source else f"{limit.source} ({limit.rule})"


def check_hearing_notice(
    case: Case, meeting_kind: str, hearing_on: datetime.date, notice_sent_on: datetime.date | None
) -> None:
    """The hearing must be at least the procedure's notice after the invitation (AC-01, VN-DISC-004).
    A notice that only warns is ``meeting_warnings``'s."""
    limit, _warns = notice_limits(case, meeting_kind)
    if limit is None:
        return  # GB-DISC-003: no fixed notice without a procedure value (a warning, shown on the page)
    if notice_sent_on is None:
        raise GuardrailRefusal(
            _("Record when the invitation was sent: %(source)s requires %(number)s %(unit)s' notice.")
            % {"source": _source(limit), "number": limit.number, "unit": _unit_label(limit.unit)},
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
                "source": _source(limit),
                "number": limit.number,
                "unit": _unit_label(limit.unit),
                "sent": formats.date_format(notice_sent_on, "DATE_FORMAT"),
                "earliest": formats.date_format(earliest, "DATE_FORMAT"),
            },
            rule=limit.rule,
            field="scheduled_for",
        )


def _notice_rule(case: Case, meeting_kind: str) -> str:
    limit = notice_limit(case, meeting_kind)
    if limit is not None:
        return limit.rule
    country = jurisdictions.for_code(case.jurisdiction)
    return country.hearing_notice_guidance_rule or country.invitation_rule or "NOTICE"


def check_notice_before_meeting(
    case: Case, meeting_kind: str, meeting_on: datetime.date, notice_sent_on: datetime.date | None
) -> None:
    """A meeting cannot take place before its notice was given."""
    if notice_sent_on is not None and notice_sent_on > meeting_on:
        raise GuardrailRefusal(
            _(
                "The notice is dated %(sent)s, after the meeting on %(day)s: a meeting cannot take place "
                "before its notice is given."
            )
            % {
                "sent": formats.date_format(notice_sent_on, "DATE_FORMAT"),
                "day": formats.date_format(meeting_on, "DATE_FORMAT"),
            },
            rule=_notice_rule(case, meeting_kind),
            field="notice_sent_on",
        )


def check_held(
    case: Case, meeting_kind: str, meeting_on: datetime.date, notice_sent_on: datetime.date | None
) -> None:
    """A meeting is recorded as held only after its notice; a hearing only with its notice recorded
    (every hearing follows a written invitation: GB-DISC-002, VN-DISC-004, the procedure's notice)."""
    check_notice_before_meeting(case, meeting_kind, meeting_on, notice_sent_on)
    blocking, _warns = notice_limits(case, meeting_kind)
    if notice_sent_on is None and (meeting_kind in HEARING_KINDS or blocking is not None):
        raise GuardrailRefusal(
            _(
                "Record when the invitation to this %(kind)s was sent before recording it as held: a hearing "
                "follows a written invitation."
            )
            % {"kind": MeetingKind(meeting_kind).label.lower()},
            rule=_notice_rule(case, meeting_kind),
            field="notice_sent_on",
        )


def _day_words(day: datetime.date) -> str:
    return formats.date_format(day, "DAY_DATE_FORMAT")


def _non_working_day_message(region: str, day: datetime.date, closure: str, weekend: bool) -> str:
    holiday = workdays.public_holiday_name(region, day, get_language() or "en")
    values = {"day": _day_words(day), "region": workdays.region_name(region), "name": holiday or closure}
    if holiday and weekend:
        return (
            _("The meeting falls on %(day)s, a weekend day and a public holiday in %(region)s: %(name)s.")
            % values
        )
    if holiday:
        return _("The meeting falls on %(day)s, a public holiday in %(region)s: %(name)s.") % values
    if closure:
        return (
            _("The meeting falls on %(day)s, an organisation closure day in %(region)s: %(name)s.") % values
        )
    return _("The meeting falls on %(day)s, which is not a working day in %(region)s.") % values


def non_working_day_warnings(case: Case, day: datetime.date) -> list[GuardrailWarning]:
    """A warning when ``day`` is a weekend day, public holiday or closure day of the case's location;
    a refusal where the jurisdiction says so."""
    region = case_region(case)
    closure = closures_for(region).get(day, "")
    weekend = day.weekday() not in workdays.MONDAY_TO_FRIDAY
    if not (weekend or closure or workdays.public_holiday(region, day)):
        return []
    warning = GuardrailWarning(
        "WORKING-DAY",
        lambda: _non_working_day_message(region, day, closure, weekend),
        badge=lambda: str(_("Non-working day")),
    )
    if jurisdictions.for_code(case.jurisdiction).meeting_on_non_working_day == "block":
        raise GuardrailRefusal(warning.message, rule=warning.rule, field="scheduled_for")
    return [warning]


def notice_warnings(
    case: Case, meeting_kind: str, meeting_on: datetime.date, notice_sent_on: datetime.date | None
) -> list[GuardrailWarning]:
    """Short notice where the procedure only warns (US-DISC-001), or a hearing with no notice period
    and no invitation date (GB-DISC-003 without a procedure value)."""
    blocking, limit = notice_limits(case, meeting_kind)
    if blocking is not None or meeting_kind not in HEARING_KINDS:
        return []
    if limit is None:
        rule = jurisdictions.for_code(case.jurisdiction).hearing_notice_guidance_rule
        if not rule or notice_sent_on is not None:
            return []
        return [
            GuardrailWarning(
                rule,
                lambda: (
                    _(
                        "%(rule)s: no notice period is fixed, but the employee needs time to prepare. Record when "
                        "the invitation was sent."
                    )
                    % {"rule": rule}
                ),
            )
        ]
    warn = limit
    values = lambda: {"source": _source(warn), "number": warn.number, "unit": _unit_label(warn.unit)}  # noqa: E731
    if notice_sent_on is None:
        return [
            GuardrailWarning(
                warn.rule,
                lambda: (
                    _("Record when the invitation was sent: %(source)s asks for %(number)s %(unit)s' notice.")
                    % values()
                ),
            )
        ]
    earliest = limit_due(case, warn, notice_sent_on)
    if meeting_on >= earliest:
        return []
    return [
        GuardrailWarning(
            warn.rule,
            lambda: (
                _(
                    "%(source)s asks for %(number)s %(unit)s' notice: with the invitation sent on %(sent)s, the "
                    "earliest date for the hearing is %(earliest)s. The hearing may go ahead, but the employee "
                    "may not have had time to prepare."
                )
                % {
                    **values(),
                    "sent": formats.date_format(notice_sent_on, "DATE_FORMAT"),
                    "earliest": formats.date_format(earliest, "DATE_FORMAT"),
                }
            ),
        )
    ]


def meeting_warnings(
    case: Case, meeting_kind: str, meeting_on: datetime.date, notice_sent_on: datetime.date | None
) -> list[GuardrailWarning]:
    """What scheduling a meeting on ``meeting_on`` warns about (never refuses, unless the
    jurisdiction refuses meetings on non-working days)."""
    return [
        *non_working_day_warnings(case, meeting_on),
        *notice_warnings(case, meeting_kind, meeting_on, notice_sent_on),
        *protected_status_warnings(case, meeting_kind, meeting_on),
    ]


def protected_status_warnings(
    case: Case, meeting_kind: str, meeting_on: datetime.date
) -> list[GuardrailWarning]:
    """XJ-002: a disciplinary step while the employee is on leave or has a protected status
    (pregnancy, maternity leave…) warns where the law does not bar it (in Vietnam VN-DISC-002
    refuses it: ``check_discipline_not_barred``)."""
    if meeting_kind not in (MeetingKind.DISCIPLINARY_HEARING, MeetingKind.APPEAL_HEARING):
        return []
    if jurisdictions.for_code(case.jurisdiction).discipline_bar_rule:
        return []
    return [
        GuardrailWarning(
            "XJ-002",
            lambda period=period: (
                _(
                    "%(name)s is on %(status)s on %(day)s: check the step is fair and not linked to it, "
                    "and consider moving it."
                )
                % {
                    "name": period.employee.full_name,
                    "status": period.get_status_display().lower(),
                    "day": formats.date_format(meeting_on, "DATE_FORMAT"),
                }
            ),
        )
        for period in discipline_bars(case, meeting_on)
    ]


def _party_user_ids(case: Case) -> set[int]:
    return {uid for uid in case.parties.values_list("employee__user_id", flat=True) if uid}


def planned_meeting_warnings(case: Case, meetings: Iterable[Meeting]) -> None:
    """Set ``warnings`` on each meeting still scheduled (for the case page); others get none."""
    zone = ZoneInfo(case.location.time_zone or "UTC")
    for meeting in meetings:
        meeting.warnings = (  # type: ignore[attr-defined]
            meeting_warnings(
                case, meeting.kind, meeting.scheduled_for.astimezone(zone).date(), meeting.notice_sent_on
            )
            if meeting.status == MeetingStatus.SCHEDULED
            else []
        )


def involved_user_ids(case: Case) -> set[int]:
    """Users who took part in a case: whoever raised its concerns, its manager, investigators,
    chairs, decision maker, parties (XJ-001)."""
    ids = {case.case_manager_id}
    ids |= set(case.concerns.values_list("raised_by_id", flat=True))
    ids |= set(case.investigators.values_list("id", flat=True))
    ids |= set(case.meetings.exclude(status=MeetingStatus.CANCELLED).values_list("chair_id", flat=True))
    ids |= _party_user_ids(case)
    outcome = getattr(case, "outcome", None)
    if outcome is not None:
        ids.add(outcome.decided_by_id)
    return ids - {None}  # type: ignore[arg-type]


def check_chair(case: Case, chair: User, meeting_kind: str) -> None:
    if meeting_kind == MeetingKind.APPEAL_HEARING and case.appeal_of_id:
        if chair.pk in involved_user_ids(case.appeal_of) | _party_user_ids(case):
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


#: Hearings after which a disciplinary sanction may be given (the hearing of the person sanctioned).
SANCTION_HEARING_KINDS = frozenset({MeetingKind.DISCIPLINARY_HEARING, MeetingKind.APPEAL_HEARING})


def check_outcome(case: Case, decided_by: User, sanction: str) -> None:
    """No outcome before a hearing where the case's kind needs one, and no disciplinary sanction
    before a disciplinary hearing in any kind of case (a discrimination complaint, an investigation):
    the guardrail follows the sanction, not only the kind of case."""
    country = jurisdictions.for_code(case.jurisdiction)
    held = case.meetings.filter(status=MeetingStatus.HELD)
    needs_sanction_hearing = sanction in country.sanctions_needing_hearing
    if (needs_sanction_hearing and not held.filter(kind__in=SANCTION_HEARING_KINDS).exists()) or (
        case.kind in KINDS_NEEDING_HEARING and not held.filter(kind__in=HEARING_KINDS).exists()
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
        % {
            "limit": formats.date_format(limitation_on, "DATE_FORMAT"),
            "day": formats.date_format(decided_on, "DATE_FORMAT"),
        },
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


def _ladder_message(sanction: str, below: str) -> str:
    return _(
        "%(sanction)s skips a step of the ladder: the employee has no live %(below)s. Give the reasons for "
        "going straight to this step (for example, a serious first offence)."
    ) % {"sanction": Sanction(sanction).label, "below": Sanction(below).label.lower()}


def sanction_warnings(case: Case, sanction: str, live_sanctions: Iterable[str]) -> list[GuardrailWarning]:
    """A sanction that skips a step of the jurisdiction's ladder while the employee has no live
    sanction one step below it (or higher); ``live_sanctions`` are their live sanctions from
    other cases (``selectors.case_live_warnings``)."""
    country = jurisdictions.for_code(case.jurisdiction)
    ladder = country.warning_ladder
    if sanction not in ladder or ladder.index(sanction) == 0:
        return []
    step = ladder.index(sanction)
    if any(s in ladder and ladder.index(s) >= step - 1 for s in live_sanctions):
        return []
    below = ladder[step - 1]
    return [GuardrailWarning(country.ladder_rule, lambda: _ladder_message(sanction, below))]


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
