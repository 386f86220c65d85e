"""Deadline services: one mechanism for case deadlines, policy reviews and (later) consultations.

A deadline is a row (what, due when, which rule, who is responsible, met or not) with the
reminder rows that will be swept and sent by ``cases.reminders``. The services that cause a
deadline call these functions inside their own transaction, so a deadline and the change that
made it commit together.

Reminders (DOMAIN.md "How deadlines are computed", rule 5): one before the due date for each N
in ``ERMS_REMINDER_DAYS_BEFORE`` (default 3 and 1 days), one on the day and, when the deadline
is overdue, an escalation to the ER leads. Each is sent at 08:00 local time on a working day:
a reminder that would fall on a weekend, holiday or closure day is sent on the working day
before it (so the last reminder before a deadline lands on a working day); the escalation goes
out on the first working day after the due date.

Risk dates (limitation periods binding the employee or a third party) and lapsing dates
(appeal windows, warning expiry, the companion postponement window) are reminded but never
escalated: when they pass nobody has missed anything, they simply lapse.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.db.models import Min, Q
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases.models import (
    HEARING_KINDS,
    Case,
    CaseKind,
    Deadline,
    DeadlineStatus,
    ErLeadScope,
    InvestigationPlan,
    Meeting,
    MeetingStatus,
    Outcome,
    Reminder,
    ReminderStage,
    Sanction,
    TimelineEntry,
    TimelineKind,
)
from erms.lib import clock, workdays
from erms.lib.errors import ApplicationError
from policies import jurisdictions

#: Local hour at which reminders are sent.
REMINDER_HOUR = 8

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
POLICY_REVIEW = "policy_review"
# Consultations and collective agreements (unions app; owners "unions.consultation" and
# "unions.collectiveagreement"). The end of a minimum period is the earliest allowed date and an
# expiry simply passes: both lapse. A government notice (HR1, NAV, WARN) is escalated when missed.
CONSULTATION_PERIOD = "consultation_period"
CONSULTATION_NOTICE_PERIOD = "consultation_notice_period"
GOVERNMENT_NOTICE = "government_notice"
AGREEMENT_EXPIRY = "agreement_expiry"

#: Dates that simply pass: reminded beforehand, never escalated, lapsed by the sweep.
LAPSING_KEYS = frozenset({APPEAL_WINDOW, WARNING_EXPIRY, COMPANION_POSTPONEMENT,
                          CONSULTATION_PERIOD, CONSULTATION_NOTICE_PERIOD, AGREEMENT_EXPIRY})

#: Extra reminders (days before) for dates that need a longer lead than ``ERMS_REMINDER_DAYS_BEFORE``:
#: an expiring collective agreement is renegotiated weeks ahead.
EXTRA_DAYS_BEFORE: dict[str, tuple[int, ...]] = {AGREEMENT_EXPIRY: (90, 30)}

#: Case deadlines that still run after the case closes.
SURVIVES_CLOSE = frozenset({APPEAL_WINDOW, WARNING_EXPIRY})

DISMISSALS = frozenset({Sanction.DISMISSAL_WITH_NOTICE, Sanction.SUMMARY_DISMISSAL, Sanction.DISMISSAL})

POLICY_OWNER_TYPE = "policies.policy"


def reminder_days_before() -> list[int]:
    """``ERMS_REMINDER_DAYS_BEFORE``, largest first, without duplicates or negatives."""
    days = getattr(settings, "ERMS_REMINDER_DAYS_BEFORE", [3, 1])
    return sorted({int(d) for d in days if int(d) > 0}, reverse=True)


def lapses(deadline: Deadline) -> bool:
    """True for dates that pass without anyone having to act (risk dates, appeal windows, expiries)."""
    return deadline.is_risk_date or deadline.key in LAPSING_KEYS


def is_overdue(deadline: Deadline, now: datetime.datetime | None = None) -> bool:
    return (deadline.status == DeadlineStatus.OPEN and not lapses(deadline)
            and deadline.due_at < (now or clock.now()))


def overdue_q(now: datetime.datetime | None = None) -> Q:
    """The ``is_overdue`` test as a query filter."""
    return (Q(status=DeadlineStatus.OPEN, due_at__lt=now or clock.now(), is_risk_date=False)
            & ~Q(key__in=LAPSING_KEYS))


# --------------------------------------------------------------------------- reminders


def _local_instant(day: datetime.date, time_zone: str) -> datetime.datetime:
    local = datetime.datetime.combine(day, datetime.time(REMINDER_HOUR), tzinfo=ZoneInfo(time_zone))
    return local.astimezone(datetime.UTC)


def _working_on_or_before(day: datetime.date, region: str, closures: dict[datetime.date, str]) -> datetime.date:
    while not workdays.is_working_day(day, region, closures):
        day -= datetime.timedelta(days=1)
    return day


def _working_after(day: datetime.date, region: str, closures: dict[datetime.date, str]) -> datetime.date:
    return workdays.add_working_days(day, 1, region, closures).due


def _closures(region: str) -> dict[datetime.date, str]:
    from cases.guardrails import closures_for

    return closures_for(region)


def reminder_schedule(deadline: Deadline, *, time_zone: str, region: str,
                      now: datetime.datetime | None = None) -> list[tuple[str, int, datetime.datetime]]:
    """``(stage, days_before, send_at)`` for each reminder a deadline gets.

    Before-reminders whose working day has already passed are left out; two that land on
    the same working day are sent once. The on-the-day reminder is always kept (sent at the
    next sweep if its time has passed), so a deadline set at short notice is still reminded.
    """
    now = now or clock.now()
    today = workdays.local_date(now, time_zone)
    closures = _closures(region)
    schedule: list[tuple[str, int, datetime.datetime]] = []
    taken: set[datetime.date] = set()
    due_day = _working_on_or_before(deadline.due_on, region, closures)
    for days in sorted({*reminder_days_before(), *EXTRA_DAYS_BEFORE.get(deadline.key, ())}, reverse=True):
        day = _working_on_or_before(deadline.due_on - datetime.timedelta(days=days), region, closures)
        if day < today or day in taken or day >= due_day:
            continue
        taken.add(day)
        schedule.append((ReminderStage.BEFORE, days, _local_instant(day, time_zone)))
    schedule.append((ReminderStage.DUE, 0, _local_instant(due_day, time_zone)))
    if not lapses(deadline):
        escalate_on = _working_after(deadline.due_on, region, closures)
        schedule.append((ReminderStage.ESCALATION, 0, max(_local_instant(escalate_on, time_zone),
                                                          deadline.due_at)))
    return schedule


def _reminders_create(deadline: Deadline, *, time_zone: str, region: str) -> None:
    Reminder.objects.bulk_create([
        Reminder(deadline=deadline, stage=stage, days_before=days, send_at=send_at,
                 recipient=None if stage == ReminderStage.ESCALATION else deadline.responsible)
        for stage, days, send_at in reminder_schedule(deadline, time_zone=time_zone, region=region)
    ])


def escalation_recipients(deadline: Deadline) -> list[User]:
    """ER leads covering the deadline: for a case, those whose scope includes its jurisdiction."""
    leads = User.objects.filter(is_active=True, groups__name=Role.ER_LEAD).distinct()
    if deadline.case_id is not None:
        scoped = ErLeadScope.objects.values("user_id")
        in_scope = ErLeadScope.objects.filter(jurisdiction=deadline.case.jurisdiction).values("user_id")
        leads = leads.filter(~Q(pk__in=scoped) | Q(pk__in=in_scope))
    return list(leads.order_by("pk"))


# --------------------------------------------------------------------------- deadlines


def _region_and_zone_for_user(user: User | None) -> tuple[str, str]:
    employee = getattr(user, "employee_record", None) if user is not None else None
    if employee is None and user is not None:
        from accounts.models import Employee

        employee = Employee.objects.filter(user=user).select_related("location").first()
    location = getattr(employee, "location", None)
    region = (getattr(location, "region", "") or "").upper()
    try:
        workdays.region_country(region)
    except workdays.UnknownRegion:
        region = "GB-ENG"
    zone = getattr(location, "time_zone", "") or workdays.region_time_zone(region)
    return region, zone


def _case_region_and_zone(case: Case) -> tuple[str, str]:
    from cases.guardrails import case_region

    region = case_region(case)
    return region, case.location.time_zone or workdays.region_time_zone(region)


def _audit(case: Case | None, deadline: Deadline, action: str, summary: str, *, actor: User | None,
           changes: dict[str, tuple[object, object]]) -> None:
    if case is None:
        return
    from cases.services import audit

    audit(actor=actor, action=action, obj=deadline, case=case, changes=changes)
    TimelineEntry.objects.create(case=case, kind=TimelineKind.DEADLINE, summary=summary[:300], author=actor)


def deadline_set(*, key: str, title: str, due_on: datetime.date, time_zone: str, rule_id: str = "",
                 citation: str = "", responsible: User | None, case: Case | None = None,
                 owner: models.Model | None = None, is_risk_date: bool = False, region: str | None = None,
                 actor: User | None = None) -> Deadline:
    """Create or recompute the one open deadline ``key`` of a case (or of another owner).

    A recompute keeps the earlier due date in ``history`` and reschedules the unsent
    reminders. ``region`` (ISO 3166-2) places reminders on working days; it defaults to the
    case's region, else the responsible person's location. Must be called inside
    ``transaction.atomic``; locks the open deadline row.
    """
    if case is None and owner is None:
        raise ApplicationError(_("A deadline belongs to a case or another owner."))
    if region is None:
        region = (_case_region_and_zone(case)[0] if case is not None
                  else _region_and_zone_for_user(responsible)[0])
    query = Deadline.objects.select_for_update().filter(key=key, status=DeadlineStatus.OPEN)
    if case is not None:
        query = query.filter(case=case)
    else:
        query = query.filter(case__isnull=True, owner_type=owner._meta.label_lower, owner_id=owner.pk)
    deadline = query.first()
    due_at = workdays.end_of_day_utc(due_on, time_zone)
    values = {"title": title[:200], "due_on": due_on, "due_at": due_at, "rule_id": rule_id[:32],
              "citation": citation[:300], "responsible": responsible, "is_risk_date": is_risk_date}
    if deadline is None:
        deadline = Deadline.objects.create(
            key=key, case=case, owner_type=owner._meta.label_lower if owner is not None else "",
            owner_id=owner.pk if owner is not None else None, **values)
        _reminders_create(deadline, time_zone=time_zone, region=region)
        _audit(case, deadline, "deadline_set", _("Deadline: %(title)s, due %(due)s")
               % {"title": deadline.title, "due": due_on.isoformat()}, actor=actor,
               changes={"key": (None, key), "due_on": (None, due_on), "rule_id": (None, rule_id)})
    else:
        before_due, before_responsible = deadline.due_on, deadline.responsible_id
        moved = before_due != due_on or deadline.is_risk_date != is_risk_date
        if before_due != due_on:
            deadline.history = [*deadline.history, {
                "due_on": before_due.isoformat(), "rule_id": deadline.rule_id,
                "replaced_at": clock.now().isoformat(), "replaced_by_due_on": due_on.isoformat()}]
        for field, value in values.items():
            setattr(deadline, field, value)
        deadline.save()
        if moved:
            # The earlier reminders no longer fit the new date; sent ones are kept as notifications.
            deadline.reminders.all().delete()
            _reminders_create(deadline, time_zone=time_zone, region=region)
        elif before_responsible != deadline.responsible_id:
            deadline.reminders.filter(sent_at__isnull=True).exclude(stage=ReminderStage.ESCALATION).update(
                recipient=responsible)
        if before_due != due_on:
            _audit(case, deadline, "deadline_recomputed", _("Deadline moved: %(title)s, due %(due)s (was %(was)s)")
                   % {"title": deadline.title, "due": due_on.isoformat(), "was": before_due.isoformat()},
                   actor=actor, changes={"due_on": (before_due, due_on)})
    if case is not None:
        case_next_deadline_refresh(case)
    return deadline


def _close(deadline: Deadline, *, status: str, actor: User | None, at: datetime.datetime | None = None) -> Deadline:
    if deadline.status != DeadlineStatus.OPEN:
        return deadline
    deadline.status = status
    if status == DeadlineStatus.MET:
        deadline.met_at, deadline.met_by = at or clock.now(), actor
    deadline.save(update_fields=["status", "met_at", "met_by"])
    return deadline


def deadline_met(*, deadline: Deadline, actor: User | None = None, at: datetime.datetime | None = None) -> Deadline:
    """Mark an open deadline met; its unsent reminders are skipped by the sweep.
    Must be called inside ``transaction.atomic``."""
    was_open = deadline.status == DeadlineStatus.OPEN
    _close(deadline, status=DeadlineStatus.MET, actor=actor, at=at)
    if was_open and deadline.case_id is not None:
        _audit(deadline.case, deadline, "deadline_met", _("Deadline met: %(title)s") % {"title": deadline.title},
               actor=actor, changes={"status": (DeadlineStatus.OPEN, DeadlineStatus.MET)})
        case_next_deadline_refresh(deadline.case)
    return deadline


def deadline_cancel(*, deadline: Deadline, actor: User | None = None) -> Deadline:
    """Cancel an open deadline that no longer applies; its reminders are never sent.
    Must be called inside ``transaction.atomic``."""
    was_open = deadline.status == DeadlineStatus.OPEN
    _close(deadline, status=DeadlineStatus.CANCELLED, actor=actor)
    if was_open and deadline.case_id is not None:
        _audit(deadline.case, deadline, "deadline_cancelled", _("Deadline no longer applies: %(title)s")
               % {"title": deadline.title}, actor=actor,
               changes={"status": (DeadlineStatus.OPEN, DeadlineStatus.CANCELLED)})
        case_next_deadline_refresh(deadline.case)
    return deadline


def case_deadline_open(case: Case, key: str) -> Deadline | None:
    return Deadline.objects.filter(case=case, key=key, status=DeadlineStatus.OPEN).first()


def case_deadlines_met(case: Case, keys: Iterable[str], *, actor: User | None) -> None:
    for deadline in Deadline.objects.filter(case=case, key__in=list(keys), status=DeadlineStatus.OPEN):
        deadline.case = case
        deadline_met(deadline=deadline, actor=actor)


def case_deadlines_cancel(case: Case, keys: Iterable[str], *, actor: User | None) -> None:
    for deadline in Deadline.objects.filter(case=case, key__in=list(keys), status=DeadlineStatus.OPEN):
        deadline.case = case
        deadline_cancel(deadline=deadline, actor=actor)


def case_next_deadline_refresh(case: Case, now: datetime.datetime | None = None) -> datetime.date | None:
    """Set ``Case.next_deadline_on`` to the earliest open deadline that still matters: every
    open deadline, except lapsing and risk dates that have already passed."""
    now = now or clock.now()
    passed = Q(due_at__lt=now) & (Q(is_risk_date=True) | Q(key__in=LAPSING_KEYS))
    next_on = (Deadline.objects.filter(case_id=case.pk, status=DeadlineStatus.OPEN).exclude(passed)
               .aggregate(m=Min("due_on"))["m"])
    if next_on != case.next_deadline_on:
        Case.objects.filter(pk=case.pk).update(next_deadline_on=next_on)
        case.next_deadline_on = next_on
    return next_on


@transaction.atomic
def deadlines_lapse(*, now: datetime.datetime) -> int:
    """Close risk and lapsing dates whose day has passed (met by time, nobody to blame)."""
    rows = list(Deadline.objects.select_for_update(skip_locked=True).filter(
        status=DeadlineStatus.OPEN, due_at__lt=now).filter(Q(is_risk_date=True) | Q(key__in=LAPSING_KEYS)))
    for deadline in rows:
        _close(deadline, status=DeadlineStatus.MET, actor=None, at=deadline.due_at)
    for case in Case.objects.filter(pk__in={d.case_id for d in rows if d.case_id}):
        case_next_deadline_refresh(case, now)
    return len(rows)


# --------------------------------------------------------------------------- deadlines of cases


def _case_set(case: Case, *, key: str, title: str, due_on: datetime.date, rule_id: str = "", citation: str = "",
              is_risk_date: bool = False, actor: User | None = None) -> Deadline:
    region, zone = _case_region_and_zone(case)
    return deadline_set(key=key, title=title, due_on=due_on, time_zone=zone, rule_id=rule_id, citation=citation,
                        responsible=case.case_manager, case=case, is_risk_date=is_risk_date, region=region,
                        actor=actor)


def _rule_citation(rule_id: str) -> str:
    from policies.selectors import rule_get

    rule = rule_get(rule_id) if rule_id else None
    return rule.citation if rule is not None else ""


def _limit_source(limit) -> tuple[str, str]:
    """(rule id, citation) of a procedure limit: the statutory rule it rests on, else the procedure."""
    rule_id = limit.rule if limit.rule != limit.source else ""
    citation = _rule_citation(rule_id)
    return (rule_id or limit.source)[:32], citation or limit.source


def _rule_due(case: Case, rule_id: str, start: datetime.date, variant: str | None = None):
    """``policies.services.rule_deadline`` for a case, or ``None`` if the rule is missing or not in force."""
    from cases.guardrails import case_region, closures_for
    from policies.selectors import rule_get
    from policies.services import rule_deadline

    rule = rule_get(rule_id)
    if rule is None:
        return None
    region = case_region(case)
    try:
        return rule_deadline(rule, start, region, variant, closures=closures_for(region),
                             time_zone=case.location.time_zone or None)
    except ApplicationError:
        return None


def _local_today(case: Case) -> datetime.date:
    return workdays.local_date(clock.now(), _case_region_and_zone(case)[1])


def hearing_deadlines_set(meeting: Meeting, *, actor: User | None) -> None:
    """On scheduling a hearing: when the invitation must go out for the hearing date
    (procedure notice, VN-DISC-004), and in GB the companion postponement window (GB-ACC-002)."""
    from cases import guardrails

    case = meeting.case
    if meeting.kind not in HEARING_KINDS:
        return
    region, zone = _case_region_and_zone(case)
    hearing_on = workdays.local_date(meeting.scheduled_for, zone)
    limit = guardrails.procedure_limit(case, "hearing_notice")
    if limit is None:
        limit = guardrails.statutory_hearing_notice(case)
    if limit is not None and limit.counting != workdays.FROM_NEXT_MONTH_START:
        closures = guardrails.closures_for(region)
        # The latest day the invitation may go out, moved back to a working day (a letter sent on a
        # Sunday would do in law, but nobody is at work to send it).
        send_by = _working_on_or_before(
            workdays.latest_trigger(hearing_on, limit.number, limit.unit, limit.counting, region, closures),
            region, closures)
        rule_id, citation = _limit_source(limit)
        earliest = workdays.due_date(_local_today(case), limit.number, limit.unit, limit.counting, region,
                                     closures).due
        deadline = _case_set(
            case, key=HEARING_NOTICE, rule_id=rule_id, citation=citation, due_on=send_by, actor=actor,
            title=_("Send the invitation to the %(kind)s on %(day)s (earliest hearing date with notice sent "
                    "today: %(earliest)s)") % {"kind": meeting.get_kind_display().lower(),
                                               "day": hearing_on.isoformat(), "earliest": earliest.isoformat()})
        if meeting.notice_sent_on is not None and meeting.notice_sent_on <= send_by:
            deadline_met(deadline=deadline, actor=actor)
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
        _case_set(case, key=COMPANION_POSTPONEMENT, due_on=due, rule_id=rule_id, citation=citation, actor=actor,
                  title=_("Latest alternative time if the companion cannot attend the hearing on %(day)s")
                  % {"day": hearing_on.isoformat()})


def hearing_deadlines_cancel(meeting: Meeting, *, actor: User | None) -> None:
    """A cancelled hearing needs no invitation and has no postponement window."""
    if meeting.kind in HEARING_KINDS:
        case_deadlines_cancel(meeting.case, [HEARING_NOTICE, COMPANION_POSTPONEMENT], actor=actor)


def hearing_held_deadlines(meeting: Meeting, *, actor: User | None) -> None:
    """A hearing was held: its notice deadline is met; the decision letter falls due
    (procedure ``decision_letter_due``, else 5 working days; WARN)."""
    from cases import guardrails

    if meeting.kind not in HEARING_KINDS:
        return
    case = meeting.case
    case_deadlines_met(case, [HEARING_NOTICE, COMPANION_POSTPONEMENT], actor=actor)
    held_on = workdays.local_date(meeting.held_at or clock.now(), _case_region_and_zone(case)[1])
    limit = guardrails.procedure_limit(case, "decision_letter_due") or guardrails.Limit(
        5, workdays.WORKING_DAYS, workdays.EXCLUDES_TRIGGER_DAY, "", _("default: 5 working days"))
    due = guardrails.limit_due(case, limit, held_on)
    limitation = case_deadline_open(case, DISCIPLINE_LIMITATION)
    if limitation is not None and limitation.due_on < due:
        due = limitation.due_on  # VN-DISC-003: the decision must fall within the limitation period
    rule_id, citation = _limit_source(limit)
    _case_set(case, key=DECISION_LETTER_DUE, due_on=due, rule_id=rule_id, citation=citation, actor=actor,
              title=_("Send the decision letter after the %(kind)s") % {"kind": meeting.get_kind_display().lower()})


def investigation_target_set(case: Case, target_date: datetime.date | None, *, actor: User | None) -> None:
    """The plan's target date, else the procedure's investigation target from today (set once)."""
    from cases import guardrails

    limit = guardrails.procedure_limit(case, "investigation_target")
    rule_id, citation = _limit_source(limit) if limit is not None else ("", "")
    if target_date is None:
        if limit is None or case_deadline_open(case, INVESTIGATION_TARGET) is not None:
            return
        target_date = guardrails.limit_due(case, limit, _local_today(case))
    _case_set(case, key=INVESTIGATION_TARGET, due_on=target_date, rule_id=rule_id, citation=citation,
              actor=actor, title=_("Complete the investigation"))


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
    current = case_deadline_open(case, DISCIPLINE_LIMITATION)
    if current is not None and current.due_on <= result.due:
        return
    _case_set(case, key=DISCIPLINE_LIMITATION, due_on=result.due, rule_id=result.rule_id,
              citation=result.citation, actor=actor,
              title=_("Discipline limitation period: decide by this date (violation on %(day)s)")
              % {"day": violation_on.isoformat()})


def outcome_deadlines_set(outcome: Outcome, *, actor: User | None) -> None:
    """After an outcome: the decision is made; the appeal window and the warning expiry run;
    a dismissal starts the employee's limitation periods (risk dates)."""
    from cases import guardrails

    case = outcome.case
    country = jurisdictions.for_code(case.jurisdiction)
    case_deadlines_met(case, [DECISION_LETTER_DUE, DISCIPLINE_LIMITATION, INVESTIGATION_TARGET], actor=actor)
    if outcome.appeal_deadline:
        appeal_window_set(case, outcome.appeal_deadline, actor=actor)
    if outcome.warning_live_until:
        limit = guardrails.procedure_limit(case, "warning_live_period")
        if limit is not None:
            rule_id, citation = _limit_source(limit)
        else:
            rule_id = country.live_rule
            citation = _rule_citation(rule_id)
        _case_set(case, key=WARNING_EXPIRY, due_on=outcome.warning_live_until, rule_id=rule_id, citation=citation,
                  actor=actor, title=_("%(sanction)s expires (live through this date)")
                  % {"sanction": outcome.get_sanction_display()})
    if outcome.sanction in DISMISSALS:
        for risk in country.dismissal_risk_dates:
            result = _rule_due(case, risk.rule, outcome.decided_on, risk.variant)
            if result is not None:
                _case_set(case, key=risk.key, due_on=result.due, rule_id=result.rule_id, citation=result.citation,
                          is_risk_date=True, actor=actor, title=str(risk.title))


def appeal_window_set(case: Case, due_on: datetime.date, *, actor: User | None) -> Deadline:
    """The appeal window closes on ``due_on`` (``guardrails.appeal_deadline``), citing the
    procedure's or the jurisdiction's appeal rule (``guardrails.appeal_window``)."""
    from cases import guardrails

    rule_id, citation = _limit_source(guardrails.appeal_window(case))
    return _case_set(case, key=APPEAL_WINDOW, due_on=due_on, rule_id=rule_id, citation=citation, actor=actor,
                     title=_("Appeal window closes"))


def case_deadlines_close(case: Case, *, actor: User | None) -> None:
    """On closing or withdrawing a case: deadlines that were satisfied are met, those that no
    longer apply are cancelled; appeal windows, warning expiries and risk dates keep running."""
    hearing_held = case.meetings.filter(kind__in=HEARING_KINDS, status=MeetingStatus.HELD).exists()
    has_outcome = Outcome.objects.filter(case=case).exists()
    investigated = has_outcome or InvestigationPlan.objects.filter(case=case, report__isnull=False).exists()
    satisfied = {HEARING_NOTICE: hearing_held, COMPANION_POSTPONEMENT: hearing_held,
                 INVESTIGATION_TARGET: investigated, DECISION_LETTER_DUE: has_outcome,
                 DISCIPLINE_LIMITATION: has_outcome}
    for deadline in Deadline.objects.filter(case=case, status=DeadlineStatus.OPEN):
        if deadline.is_risk_date or deadline.key in SURVIVES_CLOSE:
            continue
        deadline.case = case
        if satisfied.get(deadline.key, False):
            deadline_met(deadline=deadline, actor=actor)
        else:
            deadline_cancel(deadline=deadline, actor=actor)


def case_deadlines_reassign(case: Case, *, old: User | None, new: User) -> None:
    """A new case manager takes over the open deadlines the previous one was responsible for."""
    rows = Deadline.objects.filter(case=case, status=DeadlineStatus.OPEN, responsible=old)
    Reminder.objects.filter(deadline__in=rows, sent_at__isnull=True).exclude(
        stage=ReminderStage.ESCALATION).update(recipient=new)
    rows.update(responsible=new)


# --------------------------------------------------------------------------- policy reviews


@transaction.atomic
def policy_review_deadlines_sync() -> int:
    """One open deadline per policy's review date, owned by the policy, the owner responsible.

    A moved review date (the review was recorded) marks the old deadline met and opens the
    next; a changed owner takes over the reminders. Returns the number of deadlines changed.
    """
    from policies.models import Policy

    open_rows = {d.owner_id: d for d in Deadline.objects.select_for_update().filter(
        owner_type=POLICY_OWNER_TYPE, status=DeadlineStatus.OPEN, case__isnull=True)}
    changed = 0
    seen: set[int] = set()
    for policy in Policy.objects.select_related("owner").order_by("pk"):
        seen.add(policy.pk)
        current = open_rows.get(policy.pk)
        if current is not None and current.due_on == policy.review_due and current.responsible_id == policy.owner_id:
            continue
        if current is not None and current.due_on < policy.review_due:
            deadline_met(deadline=current, actor=None)
        region, zone = _region_and_zone_for_user(policy.owner)
        deadline_set(key=POLICY_REVIEW, title=_("Review policy: %(title)s") % {"title": policy.title},
                     due_on=policy.review_due, time_zone=zone, responsible=policy.owner, owner=policy,
                     region=region)
        changed += 1
    for owner_id, deadline in open_rows.items():
        if owner_id not in seen:
            deadline_cancel(deadline=deadline)
            changed += 1
    return changed


def case_opened_deadlines(case: Case, *, occurred_on: datetime.date | None = None, actor: User | None) -> None:
    """A new case: Vietnam's discipline limitation runs from the violation, else from opening."""
    discipline_limitation_set(case, occurred_on or _local_today(case), actor=actor)


# --------------------------------------------------------------------------- reads


def deadlines_visible_to(user: User) -> models.QuerySet[Deadline]:
    """Deadlines of cases the user may see, of consultations and agreements the user may see,
    plus the other deadlines (policy reviews) the user is responsible for. Being responsible
    never reveals a case deadline: the case's own visibility, with its conflict rule, decides."""
    from cases.permissions import cases_visible_to
    from unions.selectors import deadlines_visible_q

    if not user.is_authenticated or not user.is_active:
        return Deadline.objects.none()
    return Deadline.objects.filter(Q(case__in=cases_visible_to(user)) | Q(case__isnull=True, responsible=user)
                                   | deadlines_visible_q(user))


def _overdue_first(qs: models.QuerySet[Deadline], now: datetime.datetime) -> models.QuerySet[Deadline]:
    rank = models.Case(models.When(overdue_q(now), then=models.Value(0)), default=models.Value(1),
                       output_field=models.IntegerField())
    return qs.annotate(overdue_rank=rank).order_by("overdue_rank", "due_at", "id")


def deadline_list(*, user: User, due_from: datetime.date | None = None, due_to: datetime.date | None = None,
                  responsible: int | None = None, overdue: bool | None = None, case: int | None = None,
                  status: str = "") -> models.QuerySet[Deadline]:
    """The visible deadlines, filtered, earliest first, with case and responsible joined."""
    now = clock.now()
    qs = deadlines_visible_to(user).select_related("case", "responsible")
    if due_from:
        qs = qs.filter(due_on__gte=due_from)
    if due_to:
        qs = qs.filter(due_on__lte=due_to)
    if responsible:
        qs = qs.filter(responsible_id=responsible)
    if case:
        qs = qs.filter(case_id=case)
    if status:
        qs = qs.filter(status=status)
    if overdue is True:
        qs = qs.filter(overdue_q(now))
    elif overdue is False:
        qs = qs.exclude(overdue_q(now))
    return qs.order_by("due_at", "id")


def my_open_deadlines(*, user: User, limit: int = 50) -> list[Deadline]:
    """The user's open deadlines for "My work": overdue first, then by due date."""
    now = clock.now()
    from cases.permissions import cases_visible_to

    mine = Deadline.objects.filter(responsible=user, status=DeadlineStatus.OPEN)
    # Being responsible never reveals a case the user may not see; checking just the user's own
    # cases is far cheaper than filtering by everything they can see.
    case_ids = set(mine.exclude(case=None).order_by().values_list("case_id", flat=True).distinct())
    hidden = case_ids - set(cases_visible_to(user, among=case_ids).values_list("pk", flat=True))
    rows = _overdue_first(mine.exclude(case_id__in=hidden).select_related("case", "responsible")
                          .defer("history", "case__summary", "case__search_text"), now)[:limit]
    return list(rows)


def case_deadlines(case: Case) -> list[Deadline]:
    return list(Deadline.objects.filter(case=case).select_related("responsible", "met_by")
                .order_by("status", "due_at", "id"))


def deadline_state(deadline: Deadline, now: datetime.datetime | None = None) -> str:
    """What a page shows: ``met``, ``missed`` (met after its time), ``cancelled``, ``passed``
    (a lapsing date that ran out), ``overdue`` or ``open``."""
    now = now or clock.now()
    if deadline.status == DeadlineStatus.CANCELLED:
        return "cancelled"
    if deadline.status == DeadlineStatus.MET:
        if deadline.met_by_id is None and lapses(deadline):
            return "passed"
        return "missed" if deadline.met_at and deadline.met_at > deadline.due_at else "met"
    if lapses(deadline) and deadline.due_at < now:
        return "passed"
    return "overdue" if deadline.due_at < now else "open"


def deadline_calendar_month(*, user: User, month: datetime.date, mine: bool) -> list[list[dict[str, object]]]:
    """A month grid (weeks of days, Monday first) with the visible deadlines on their days;
    ``mine`` keeps only those the user is responsible for. Cancelled deadlines are left out."""
    import calendar
    from collections import defaultdict

    now = clock.now()
    today = clock.today()
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    rows = deadline_list(user=user, due_from=weeks[0][0], due_to=weeks[-1][-1],
                         responsible=user.pk if mine else None).exclude(status=DeadlineStatus.CANCELLED)
    by_day: dict[datetime.date, list[Deadline]] = defaultdict(list)
    for deadline in rows:
        deadline.state = deadline_state(deadline, now)
        by_day[deadline.due_on].append(deadline)
    return [[{"day": day, "in_month": day.month == month.month, "today": day == today,
              "deadlines": by_day.get(day, [])} for day in week] for week in weeks]
