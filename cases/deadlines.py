"""Case deadlines: which deadlines a case sets, and when (hearing notice, companion postponement,
investigation target, decision letter, appeal window, warning expiry, limitation risk dates).

The deadline engine (``deadlines``: rows, reminders, the sweep) knows no case: the case is the
owner ``cases.case`` (``CASE_OWNER``, registered in ``CasesConfig.ready()``), which says where a
case deadline links, who may see it (those who may see the case, conflict rule included) and
which of its dates lapse. The case services call these functions inside their own transaction,
so a deadline and the change that made it commit together; every change to a case deadline is
audited on the case and shown on its timeline.

Risk dates (limitation periods binding the employee or a third party) and lapsing dates
(appeal windows, warning expiry, the companion postponement window) are reminded but never
escalated: when they pass nobody has missed anything, they simply lapse.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Role, User
from audit.services import audit
from cases import guardrails
from cases.guardrails import case_region, closures_for
from cases.models import (
    HEARING_KINDS,
    Case,
    CaseKind,
    CaseStatus,
    ErLeadScope,
    InvestigationPlan,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Outcome,
    Sanction,
    TimelineEntry,
    TimelineKind,
)
from cases.permissions import cases_visible_to
from cases.workflow import path_for
from deadlines import owners
from deadlines import services as engine
from deadlines.models import Deadline, DeadlineStatus
from erms.lib import clock, workdays
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence, Word
from erms.lib.text import shorten
from policies import jurisdictions
from policies.selectors import rule_get
from policies.services import rule_deadline

#: The owner label of case deadlines (``Deadline.owner_type``).
CASE_OWNER_TYPE = "cases.case"

# Deadline keys ("what"), shared by the services that set them and the pages that show them.
HEARING_NOTICE = "hearing_notice"
COMPANION_POSTPONEMENT = "companion_postponement"
INVESTIGATION_TARGET = "investigation_target"
DECISION_LETTER_DUE = "decision_letter_due"
APPEAL_WINDOW = "appeal_window"
WARNING_EXPIRY = "warning_expiry"
DISCIPLINE_LIMITATION = "discipline_limitation"
TRIBUNAL_LIMIT = "tribunal_limit"
NEGOTIATION_DEMAND = "negotiation_demand"
LAWSUIT_LIMIT = "lawsuit_limit"
LAWSUIT_DAMAGES_LIMIT = "lawsuit_damages_limit"
EEOC_CHARGE = "eeoc_charge"
LABOUR_DISPUTE_LIMIT = "labour_dispute_limit"
APPEAL_HEARING_TARGET = "appeal_hearing_target"
SUSPENSION_REVIEW = "suspension_review"

#: Case dates that simply pass: reminded beforehand, never escalated, lapsed by the sweep,
#: and lapsed when the case closes (nobody works on a closed case). Risk dates bind the
#: employee or a third party, not the case team, so they alone keep running after closing.
LAPSING_KEYS = frozenset({APPEAL_WINDOW, WARNING_EXPIRY, COMPANION_POSTPONEMENT})

DISMISSALS = frozenset({Sanction.DISMISSAL_WITH_NOTICE, Sanction.SUMMARY_DISMISSAL, Sanction.DISMISSAL})


def _working_on_or_before(
    day: datetime.date, region: str, closures: dict[datetime.date, str]
) -> datetime.date:
    return engine.working_on_or_before(day, region, closures)


def _meeting_kind(meeting: Meeting) -> Word:
    return Word(MeetingKind(meeting.kind).label, lower=True)


def _case_region_and_zone(case: Case) -> tuple[str, str]:
    region = case_region(case)
    return region, case.location.time_zone or workdays.region_time_zone(region)


# --------------------------------------------------------------------------- setting, meeting, cancelling


def deadline_set(
    *,
    case: Case,
    key: str,
    title: str | Sentence,
    due_on: datetime.date,
    time_zone: str,
    rule_id: str = "",
    citation: str = "",
    responsible: User | None,
    is_risk_date: bool = False,
    region: str | None = None,
    actor: User | None = None,
) -> Deadline:
    """Create or recompute the case's one open deadline ``key`` (``deadlines.services.deadline_set``),
    then refresh the case's next deadline. ``region`` defaults to the case's region. Must be called
    inside ``transaction.atomic``; locks the open deadline row."""
    if case is None:
        raise ApplicationError(_("A deadline belongs to a case or another owner."))
    deadline = engine.deadline_set(
        owner_type=CASE_OWNER_TYPE,
        owner_id=case.pk,
        key=key,
        title=title,
        due_on=due_on,
        time_zone=time_zone,
        rule_id=rule_id,
        citation=citation,
        responsible=responsible,
        is_risk_date=is_risk_date,
        region=region if region is not None else _case_region_and_zone(case)[0],
        actor=actor,
    )
    case_next_deadline_refresh(case)
    return deadline


def deadline_met(
    *, case: Case, deadline: Deadline, actor: User | None = None, at: datetime.datetime | None = None
) -> Deadline:
    """Mark an open case deadline met and refresh the case's next deadline."""
    was_open = deadline.status == DeadlineStatus.OPEN
    engine.deadline_met(deadline=deadline, actor=actor, at=at)
    if was_open:
        case_next_deadline_refresh(case)
    return deadline


def deadline_cancel(*, case: Case, deadline: Deadline, actor: User | None = None) -> Deadline:
    """Cancel an open case deadline that no longer applies and refresh the case's next deadline."""
    was_open = deadline.status == DeadlineStatus.OPEN
    engine.deadline_cancel(deadline=deadline, actor=actor)
    if was_open:
        case_next_deadline_refresh(case)
    return deadline


def case_deadline_open(case: Case, key: str) -> Deadline | None:
    return Deadline.objects.filter(
        owner_type=CASE_OWNER_TYPE, owner_id=case.pk, key=key, status=DeadlineStatus.OPEN
    ).first()


def _case_open(case: Case, keys: Iterable[str] | None = None):
    rows = Deadline.objects.filter(owner_type=CASE_OWNER_TYPE, owner_id=case.pk, status=DeadlineStatus.OPEN)
    return rows.filter(key__in=list(keys)) if keys is not None else rows


def case_deadlines_met(case: Case, keys: Iterable[str], *, actor: User | None) -> None:
    for deadline in _case_open(case, keys):
        deadline_met(case=case, deadline=deadline, actor=actor)


def case_deadlines_cancel(case: Case, keys: Iterable[str], *, actor: User | None) -> None:
    for deadline in _case_open(case, keys):
        deadline_cancel(case=case, deadline=deadline, actor=actor)


def case_next_deadline_refresh(case: Case, now: datetime.datetime | None = None) -> datetime.date | None:
    """Set ``Case.next_deadline_on`` to the earliest open deadline that still matters: every
    open deadline, except lapsing and risk dates that have already passed. A closed or
    withdrawn case has no next deadline (its risk dates run on, but nobody works the case)."""
    now = now or clock.now()
    passed = Q(due_at__lt=now) & (Q(is_risk_date=True) | Q(key__in=LAPSING_KEYS))
    next_on = _case_open(case).exclude(passed).aggregate(m=Min("due_on"))["m"] if case.is_open else None
    if next_on != case.next_deadline_on:
        Case.objects.filter(pk=case.pk).update(next_deadline_on=next_on)
        case.next_deadline_on = next_on
    return next_on


# --------------------------------------------------------------------------- deadlines of cases


def _case_set(
    case: Case,
    *,
    key: str,
    title: str | Sentence,
    due_on: datetime.date,
    rule_id: str = "",
    citation: str = "",
    is_risk_date: bool = False,
    actor: User | None = None,
) -> Deadline:
    region, zone = _case_region_and_zone(case)
    return deadline_set(
        key=key,
        title=title,
        due_on=due_on,
        time_zone=zone,
        rule_id=rule_id,
        citation=citation,
        responsible=case.case_manager,
        case=case,
        is_risk_date=is_risk_date,
        region=region,
        actor=actor,
    )


def _rule_citation(rule_id: str) -> str:
    rule = rule_get(rule_id) if rule_id else None
    return rule.citation if rule is not None else ""


def _limit_source(limit) -> tuple[str, str]:
    """(rule id, citation) of a procedure limit: the statutory rule it rests on, else the procedure."""
    rule_id = limit.rule if limit.rule != limit.source else ""
    citation = _rule_citation(rule_id)
    # The rule id column holds 32 characters: a procedure's name is cut at a word, whole in the citation.
    return rule_id or shorten(limit.source, 32), citation or limit.source


def _rule_due(case: Case, rule_id: str, start: datetime.date, variant: str | None = None):
    """``policies.services.rule_deadline`` for a case, or ``None`` if the rule is missing or not in force."""
    rule = rule_get(rule_id)
    if rule is None:
        return None
    region = case_region(case)
    try:
        return rule_deadline(
            rule,
            start,
            region,
            variant,
            closures=closures_for(region),
            time_zone=case.location.time_zone or None,
        )
    except ApplicationError:
        return None


def _local_today(case: Case) -> datetime.date:
    return workdays.local_date(clock.now(), _case_region_and_zone(case)[1])


def hearing_deadlines_set(meeting: Meeting, *, actor: User | None) -> None:
    """On scheduling a hearing: when the invitation must go out for the hearing date
    (procedure notice, VN-DISC-004), and in GB the companion postponement window (GB-ACC-002)."""
    case = meeting.case
    if meeting.kind not in HEARING_KINDS:
        return
    region, zone = _case_region_and_zone(case)
    hearing_on = workdays.local_date(meeting.scheduled_for, zone)
    limit = guardrails.notice_limit(case, meeting.kind)
    if limit is not None and limit.counting != workdays.FROM_NEXT_MONTH_START:
        closures = guardrails.closures_for(region)
        # The latest day the invitation may go out, moved back to a working day (a letter sent on a
        # Sunday would do in law, but nobody is at work to send it).
        send_by = _working_on_or_before(
            workdays.latest_trigger(hearing_on, limit.number, limit.unit, limit.counting, region, closures),
            region,
            closures,
        )
        rule_id, citation = _limit_source(limit)
        deadline = _case_set(
            case,
            key=HEARING_NOTICE,
            rule_id=rule_id,
            citation=citation,
            due_on=send_by,
            actor=actor,
            # Written out when shown, in the reader's language; no "earliest date if sent today",
            # which would be wrong the day after.
            title=Sentence.of(
                gettext_noop("Send the invitation to the %(kind)s on %(day)s"),
                kind=_meeting_kind(meeting),
                day=hearing_on,
            ),
        )
        if meeting.notice_sent_on is not None and meeting.notice_sent_on <= send_by:
            deadline_met(case=case, deadline=deadline, actor=actor)
    companion_rule = jurisdictions.for_code(case.jurisdiction).companion_window_rule
    if companion_rule:
        limit = guardrails.procedure_limit(case, "companion_postponement")
        if limit is not None:
            due = guardrails.limit_due(case, limit, hearing_on)
            rule_id, citation = _limit_source(limit)
        else:
            result = _rule_due(case, companion_rule, hearing_on)
            if result is None:
                return
            due, rule_id, citation = result.due, result.rule_id, result.citation
        _case_set(
            case,
            key=COMPANION_POSTPONEMENT,
            due_on=due,
            rule_id=rule_id,
            citation=citation,
            actor=actor,
            title=Sentence.of(
                gettext_noop("Latest alternative time if the companion cannot attend the hearing on %(day)s"),
                day=hearing_on,
            ),
        )


def hearing_deadlines_cancel(meeting: Meeting, *, actor: User | None) -> None:
    """A cancelled hearing needs no invitation and has no postponement window. The case keeps one
    of each, so another hearing still planned gets its own back (counted from its date)."""
    if meeting.kind not in HEARING_KINDS:
        return
    case_deadlines_cancel(meeting.case, [HEARING_NOTICE, COMPANION_POSTPONEMENT], actor=actor)
    still_planned = (
        Meeting.objects.filter(case=meeting.case, kind__in=HEARING_KINDS, status=MeetingStatus.SCHEDULED)
        .exclude(pk=meeting.pk)
        .select_related("case__location")
        .order_by("scheduled_for")
        .first()
    )
    if still_planned is not None:
        hearing_deadlines_set(still_planned, actor=actor)


def hearing_held_deadlines(meeting: Meeting, *, actor: User | None) -> None:
    """A hearing was held: its notice deadline is met; the decision letter falls due
    (procedure ``decision_letter_due``, else 5 working days; WARN)."""
    if meeting.kind not in HEARING_KINDS:
        return
    case = meeting.case
    case_deadlines_met(case, [HEARING_NOTICE, COMPANION_POSTPONEMENT, APPEAL_HEARING_TARGET], actor=actor)
    held_on = workdays.local_date(meeting.held_at or clock.now(), _case_region_and_zone(case)[1])
    limit = guardrails.procedure_limit(case, "decision_letter_due") or guardrails.Limit(
        5,
        workdays.WORKING_DAYS,
        workdays.EXCLUDES_TRIGGER_DAY,
        "",
        gettext_noop("default: 5 working days"),  # translated when shown
    )
    due = guardrails.limit_due(case, limit, held_on)
    limitation = case_deadline_open(case, DISCIPLINE_LIMITATION)
    if limitation is not None and limitation.due_on < due:
        due = limitation.due_on  # VN-DISC-003: the decision must fall within the limitation period
    rule_id, citation = _limit_source(limit)
    _case_set(
        case,
        key=DECISION_LETTER_DUE,
        due_on=due,
        rule_id=rule_id,
        citation=citation,
        actor=actor,
        title=Sentence.of(
            gettext_noop("Send the decision letter after the %(kind)s"), kind=_meeting_kind(meeting)
        ),
    )


def investigation_target_set(case: Case, target_date: datetime.date | None, *, actor: User | None) -> None:
    """The plan's target date, else the procedure's investigation target from today (set once)."""
    limit = guardrails.procedure_limit(case, "investigation_target")
    rule_id, citation = _limit_source(limit) if limit is not None else ("", "")
    if target_date is None:
        if limit is None or case_deadline_open(case, INVESTIGATION_TARGET) is not None:
            return
        target_date = guardrails.limit_due(case, limit, _local_today(case))
    _case_set(
        case,
        key=INVESTIGATION_TARGET,
        due_on=target_date,
        rule_id=rule_id,
        citation=citation,
        actor=actor,
        title=Sentence.of(gettext_noop("Complete the investigation")),
    )


def case_moved_deadlines(case: Case, to_status: str, *, actor: User | None) -> None:
    """The case moved to ``to_status`` (by hand or because of what was recorded): a status past the
    investigation on the case's path (the hearing, the decision) means the investigation is over,
    so its target is met that day, by whoever moved the case on. Closing is left to
    ``case_deadlines_close``, which knows whether anything was investigated."""
    path = path_for(case.kind)
    if (
        CaseStatus.INVESTIGATION in path
        and to_status in path
        and to_status != CaseStatus.CLOSED
        and path.index(to_status) > path.index(CaseStatus.INVESTIGATION)
    ):
        case_deadlines_met(case, [INVESTIGATION_TARGET], actor=actor)


def discipline_limitation_set(case: Case, violation_on: datetime.date, *, actor: User | None) -> None:
    """VN-DISC-003 (LC Art 123): discipline must be decided within 6 months of the violation,
    where the jurisdiction limits it. Called on opening (the opening date) and for each
    allegation's incident date: the earliest violation wins, and a recompute keeps the earlier
    date in the history."""
    rule = jurisdictions.for_code(case.jurisdiction).discipline_limitation_rule
    if not rule or case.kind != CaseKind.DISCIPLINARY:
        return
    result = _rule_due(case, rule, violation_on)
    if result is None:
        return
    due = guardrails.limitation_after_bars(case, result.due)
    current = case_deadline_open(case, DISCIPLINE_LIMITATION)
    if current is not None and current.due_on <= due:
        return
    _case_set(
        case,
        key=DISCIPLINE_LIMITATION,
        due_on=due,
        rule_id=result.rule_id,
        citation=result.citation,
        actor=actor,
        title=Sentence.of(
            gettext_noop("Discipline limitation period: decide by this date (violation on %(day)s)"),
            day=violation_on,
        ),
    )


def appeal_hearing_target_set(appeal: Case, lodged_on: datetime.date, *, actor: User | None) -> None:
    """An appeal was lodged: it should be heard within the procedure's target (GB-APP-001, "hear";
    the appeal procedure's, else the original case's). No target, no deadline."""
    limit = guardrails.procedure_limit(appeal, "appeal_hearing_target")
    if limit is None and appeal.appeal_of is not None:
        limit = guardrails.procedure_limit(appeal.appeal_of, "appeal_hearing_target")
    if limit is None:
        return
    rule_id, citation = _limit_source(limit)
    _case_set(
        appeal,
        key=APPEAL_HEARING_TARGET,
        due_on=guardrails.limit_due(appeal, limit, lodged_on),
        rule_id=rule_id,
        citation=citation,
        actor=actor,
        title=Sentence.of(gettext_noop("Hold the appeal hearing")),
    )


def suspension_review_set(
    case: Case,
    suspended_from: datetime.date | None,
    review_on: datetime.date | None,
    *,
    actor: User | None,
) -> None:
    """A suspension was confirmed: review it by the date the letter gives, or sooner where the
    procedure caps it (VN-SUSP-001: 15 days counting the first; GB-SUSP-001: reviewed, brief)."""
    candidates: list[tuple[datetime.date, str, str]] = []
    if review_on is not None:
        candidates.append((review_on, "", ""))
    limit = guardrails.procedure_limit(case, "suspension_review")
    if limit is not None and suspended_from is not None:
        rule_id, citation = _limit_source(limit)
        candidates.append((guardrails.limit_due(case, limit, suspended_from), rule_id, citation))
    if not candidates:
        return
    due, rule_id, citation = min(candidates)
    _case_set(
        case,
        key=SUSPENSION_REVIEW,
        due_on=due,
        rule_id=rule_id,
        citation=citation,
        actor=actor,
        title=Sentence.of(gettext_noop("Review the suspension")),
    )


def discipline_limitation_extend(case: Case, *, actor: User | None) -> None:
    """Leave or a protected status was recorded: the open limitation runs on to 60 days after the
    bar where it would end during it or too soon after (VN-DISC-003); never shortened."""
    current = case_deadline_open(case, DISCIPLINE_LIMITATION)
    if current is None:
        return
    due = guardrails.limitation_after_bars(case, current.due_on)
    if due == current.due_on:
        return
    _case_set(
        case,
        key=DISCIPLINE_LIMITATION,
        due_on=due,
        rule_id=current.rule_id,
        citation=current.citation,
        actor=actor,
        title=current.title_as_sentence,
    )


def outcome_deadlines_set(outcome: Outcome, *, actor: User | None) -> None:
    """After an outcome: the decision is made; the appeal window and the warning expiry run;
    a dismissal starts the employee's limitation periods (risk dates)."""
    case = outcome.case
    country = jurisdictions.for_code(case.jurisdiction)
    case_deadlines_met(case, [DECISION_LETTER_DUE, DISCIPLINE_LIMITATION, INVESTIGATION_TARGET], actor=actor)
    if outcome.appeal_deadline:
        appeal_window_set(case, outcome.appeal_deadline, actor=actor)
    live = guardrails.warning_live_limit(case, outcome.sanction)
    if outcome.warning_live_until and live is not None:
        rule_id, citation = _limit_source(live)
        _case_set(
            case,
            key=WARNING_EXPIRY,
            due_on=outcome.warning_live_until,
            rule_id=rule_id,
            citation=citation,
            actor=actor,
            title=Sentence.of(
                gettext_noop("%(sanction)s expires (live through this date)"),
                sanction=Sanction(outcome.sanction).label,
            ),
        )
    if outcome.sanction in DISMISSALS:
        for risk in country.dismissal_risk_dates:
            result = _rule_due(case, risk.rule, outcome.decided_on, risk.variant)
            if result is not None:
                _case_set(
                    case,
                    key=risk.key,
                    due_on=result.due,
                    rule_id=result.rule_id,
                    citation=result.citation,
                    is_risk_date=True,
                    actor=actor,
                    title=Sentence.of_label(risk.title),
                )


def appeal_window_set(case: Case, due_on: datetime.date, *, actor: User | None) -> Deadline:
    """The appeal window closes on ``due_on`` (``guardrails.appeal_deadline``), citing the
    procedure's or the jurisdiction's appeal rule (``guardrails.appeal_window``)."""
    window = guardrails.appeal_window(case)
    assert window is not None, "an appeal deadline comes only from a window"
    rule_id, citation = _limit_source(window)
    return _case_set(
        case,
        key=APPEAL_WINDOW,
        due_on=due_on,
        rule_id=rule_id,
        citation=citation,
        actor=actor,
        title=Sentence.of(gettext_noop("Appeal window closes")),
    )


def case_deadlines_close(case: Case, *, actor: User | None) -> None:
    """On closing or withdrawing a case: deadlines that were satisfied are met, those that no
    longer apply are cancelled, lapsing dates (``LAPSING_KEYS``: appeal window, warning expiry,
    companion window) lapse; only risk dates keep running. The case then has no next deadline."""
    hearing_held = case.meetings.filter(kind__in=HEARING_KINDS, status=MeetingStatus.HELD).exists()
    has_outcome = Outcome.objects.filter(case=case).exists()
    investigated = has_outcome or InvestigationPlan.objects.filter(case=case, report__isnull=False).exists()
    satisfied = {
        HEARING_NOTICE: hearing_held,
        COMPANION_POSTPONEMENT: hearing_held,
        INVESTIGATION_TARGET: investigated,
        DECISION_LETTER_DUE: has_outcome,
        DISCIPLINE_LIMITATION: has_outcome,
    }
    for deadline in _case_open(case):
        if deadline.is_risk_date:
            continue
        if deadline.key in LAPSING_KEYS:
            deadline_cancel(case=case, deadline=deadline, actor=actor)
        elif satisfied.get(deadline.key, False):
            deadline_met(case=case, deadline=deadline, actor=actor)
        else:
            deadline_cancel(case=case, deadline=deadline, actor=actor)
    case_next_deadline_refresh(case)


def case_deadlines_reassign(case: Case, *, old: User | None, new: User) -> None:
    """A new case manager takes over the open deadlines the previous one was responsible for."""
    engine.deadlines_reassign(owner_type=CASE_OWNER_TYPE, owner_id=case.pk, old=old, new=new)


def case_opened_deadlines(
    case: Case, *, occurred_on: datetime.date | None = None, actor: User | None
) -> None:
    """A new case: Vietnam's discipline limitation runs from the violation, else from opening."""
    discipline_limitation_set(case, occurred_on or _local_today(case), actor=actor)


# --------------------------------------------------------------------------- the case as a deadline owner


def _changed(
    deadline: Deadline, action: str, actor: User | None, changes: dict[str, tuple[Any, Any]]
) -> None:
    """Every change to a case deadline is audited on the case and shown on its timeline."""
    title = deadline.title_as_sentence
    if action == "deadline_set":
        summary = Sentence.of(
            gettext_noop("Deadline: %(title)s, due %(due)s"), title=title, due=deadline.due_on
        )
    elif action == "deadline_recomputed":
        summary = Sentence.of(
            gettext_noop("Deadline moved: %(title)s, due %(due)s (was %(was)s)"),
            title=title,
            due=deadline.due_on,
            was=changes["due_on"][0],
        )
    elif action == "deadline_met":
        summary = Sentence.of(gettext_noop("Deadline met: %(title)s"), title=title)
    else:
        summary = Sentence.of(gettext_noop("Deadline no longer applies: %(title)s"), title=title)
    case = Case(pk=deadline.owner_id)  # the audit entry needs only the case's id
    audit(actor=actor, action=action, obj=deadline, case=case, changes=changes)
    TimelineEntry.objects.create(
        case_id=deadline.owner_id,
        kind=TimelineKind.DEADLINE,
        author=actor,
        **TimelineEntry.summary_fields(summary),
    )


def _lapsed(case_ids: set[int], now: datetime.datetime) -> None:
    for case in Case.objects.filter(pk__in=case_ids):
        case_next_deadline_refresh(case, now)


def _visible_to(user: User) -> Q:
    return Q(owner_id__in=cases_visible_to(user).values("pk"))


def _visible_among(user: User, case_ids: set[int]) -> set[int]:
    return set(cases_visible_to(user, among=case_ids).values_list("pk", flat=True))


def _worked_on_by(user: User) -> Q:
    """The investigators of a case work to its investigation target (the case manager stays
    responsible for it and gets its reminders)."""
    return Q(key=INVESTIGATION_TARGET, owner_id__in=Case.objects.filter(investigators=user).values("pk"))


def _names(case_ids: set[int]) -> dict[int, str]:
    return dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "reference"))


def _describe(case_id: int) -> str:
    case = Case.objects.filter(pk=case_id).only("reference", "title").first()
    return _("Case") + f": {case.reference} {case.title}" if case is not None else ""


def _link(case_id: int) -> str:
    return reverse("cases:case_detail", args=[case_id])


def escalation_recipients(deadline: Deadline) -> list[User]:
    """ER leads covering the deadline: those whose scope includes the case's jurisdiction (an ER
    lead with no scope row covers no case, as in ``cases.permissions``)."""
    leads = User.objects.filter(is_active=True, groups__name=Role.ER_LEAD).distinct()
    jurisdiction = Case.objects.filter(pk=deadline.owner_id).values_list("jurisdiction", flat=True).first()
    in_scope = ErLeadScope.objects.filter(jurisdiction=jurisdiction).values("user_id")
    return list(leads.filter(pk__in=in_scope).order_by("pk"))


CASE_OWNER = owners.Owner(
    label=CASE_OWNER_TYPE,
    link=_link,
    visible_to=_visible_to,
    lapsing_keys=LAPSING_KEYS,
    names=_names,
    noun=gettext_lazy("Case"),
    describe=_describe,
    visible_among=_visible_among,
    worked_on_by=_worked_on_by,
    escalate_to=escalation_recipients,
    changed=_changed,
    lapsed=_lapsed,
    api_key="case",
    page_permission="cases.view_case",
)
