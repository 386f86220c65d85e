"""Demo cases for ``seed_demo``: about 60 cases of every kind in every state of its path.

Everything is built through the services, so each case has the history a real one would
have (parties, allegations linked to the policy version in force and to evidence, meetings
held with proper notice and the union rep as companion, letters, outcomes with sanctions
allowed in the jurisdiction, appeals, notes shared with the person who raised the concern)
and the guardrails accept every step. The cases were opened over the last two years: each
step runs with the clock set to its own day (``clock.travel``), in order and never after
the last working day, so audit entries, timelines and deadlines carry real dates. Cases in
progress reached their stage lately, so most keep to their deadlines and a few are days
overdue; each country's cases are run by its own HR case manager; titles say what a case is
about and where, never whom. Idempotent: nothing
happens when the demo HR case manager has already opened cases. A fixed random seed keeps it
repeatable.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.demo import CASE_MANAGER_COLLEAGUES
from accounts.models import Employee, EmploymentStatus, Jurisdiction, Organisation, User
from audit.services import audit
from cases import deadlines, guardrails, services
from cases.models import (
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    ConcernCategory,
    Document,
    DocumentKind,
    ErLeadScope,
    Finding,
    Letter,
    LetterKind,
    Meeting,
    MeetingKind,
    PartyRole,
    ProtectedCharacteristic,
    Sanction,
)
from cases.workflow import PATHS, is_ahead
from erms.lib import clock, workdays
from erms.lib.errors import ApplicationError
from policies.models import Policy

_SEED = 20260316
S = CaseStatus

HR_EMAIL = "hr@example.com"
LEAD_EMAIL = "lead@example.com"
ADMIN_EMAIL = "admin@example.com"
INVESTIGATOR_EMAIL = "investigator@example.com"
MANAGER_EMAIL = "manager@example.com"
REP_EMAIL = "rep@example.com"

#: Directory people who must never be a subject or respondent: the demo log-ins' own chain.
_PROTECTED_NUMBERS = {"NW0001", "NW0002", "NW0003", "NW0004", "NW0005", "NW0006", "NW0007"} | {
    login.employee_number for login in CASE_MANAGER_COLLEAGUES
}

#: Locations in turn, so every jurisdiction has cases of every kind.
_LOCATION_CYCLE = ["OSL", "NYC", "HAN", "LON", "OSL", "CHI", "SGN", "EDI"]

_HEARING_KIND = {
    CaseKind.GRIEVANCE: MeetingKind.GRIEVANCE_MEETING,
    CaseKind.HARASSMENT_DISCRIMINATION: MeetingKind.GRIEVANCE_MEETING,
    CaseKind.DISCIPLINARY: MeetingKind.DISCIPLINARY_HEARING,
    CaseKind.CAPABILITY: MeetingKind.DISCIPLINARY_HEARING,
    CaseKind.TERMINATION: MeetingKind.DISCIPLINARY_HEARING,
    CaseKind.APPEAL: MeetingKind.APPEAL_HEARING,
}

_SANCTION: dict[str, dict[str, str]] = {
    CaseKind.DISCIPLINARY: {
        Jurisdiction.GB: Sanction.FIRST_WRITTEN_WARNING,
        Jurisdiction.US: Sanction.FINAL_WRITTEN_WARNING,
        Jurisdiction.NO: Sanction.VERBAL_WARNING,
        Jurisdiction.VN: Sanction.REPRIMAND,
    },
    CaseKind.CAPABILITY: {
        Jurisdiction.GB: Sanction.FIRST_WRITTEN_WARNING,
        Jurisdiction.US: Sanction.VERBAL_WARNING,
        Jurisdiction.NO: Sanction.INFORMAL_ACTION,
        Jurisdiction.VN: Sanction.PAY_RISE_DEFERRAL,
    },
    CaseKind.TERMINATION: {
        Jurisdiction.GB: Sanction.DISMISSAL_WITH_NOTICE,
        Jurisdiction.US: Sanction.DISMISSAL_WITH_NOTICE,
        Jurisdiction.NO: Sanction.DISMISSAL_WITH_NOTICE,
        Jurisdiction.VN: Sanction.DISMISSAL,
    },
}

# kind: (title, allegation category, allegation descriptions)
_STORIES: dict[str, tuple[str, str, list[str]]] = {
    CaseKind.GRIEVANCE: (
        "Grievance about shift allocation",
        ConcernCategory.GRIEVANCE,
        [
            "Weekend shifts allocated unfairly for three months",
            "Request for flexible working refused without reasons",
        ],
    ),
    CaseKind.DISCIPLINARY: (
        "Conduct towards customers",
        ConcernCategory.CONDUCT,
        [
            "Raised voice at a customer on the shop floor",
            "Left the site without authorisation during a shift",
        ],
    ),
    CaseKind.HARASSMENT_DISCRIMINATION: (
        "Complaint of bullying in the team",
        ConcernCategory.BULLYING,
        ["Repeated belittling comments in team meetings", "Excluded from team communications"],
    ),
    CaseKind.CAPABILITY: (
        "Performance below agreed targets",
        ConcernCategory.PERFORMANCE,
        ["Missed agreed targets for two consecutive quarters"],
    ),
    CaseKind.TERMINATION: (
        "Proposed dismissal after final warning",
        ConcernCategory.CONDUCT,
        ["Further misconduct while a final written warning was live"],
    ),
    CaseKind.INVESTIGATION: (
        "Fact-finding: stock discrepancies",
        ConcernCategory.CONDUCT,
        ["Unexplained stock discrepancies in the warehouse"],
    ),
    CaseKind.WHISTLEBLOWING: (
        "Report of falsified safety checks",
        ConcernCategory.WHISTLEBLOWING,
        ["Forklift safety checks signed off without being done"],
    ),
    CaseKind.MEDIATION: ("Mediation between colleagues", ConcernCategory.OTHER, []),
    CaseKind.CLAIM: (
        "Legal claim",  # titled by jurisdiction: _CLAIM_TITLES
        ConcernCategory.DISCRIMINATION,
        ["Claim of unfair treatment after a complaint"],
    ),
    CaseKind.EAP_REFERRAL: ("Employee assistance referral", ConcernCategory.HEALTH, []),
}

#: A claim is brought before the forum of its country.
_CLAIM_TITLES: dict[str, str] = {
    Jurisdiction.GB: "Employment tribunal claim",
    Jurisdiction.US: "EEOC charge of discrimination",
    Jurisdiction.NO: "Claim before the district court (tingrett)",
    Jurisdiction.VN: "Labour dispute (conciliation)",
}


def _what(kind: str, jurisdiction: str) -> str:
    return _CLAIM_TITLES[jurisdiction] if kind == CaseKind.CLAIM else _STORIES[kind][0]


def _title(kind: str, employee: Employee) -> str:
    """A case's title: what it is about and where, never whom (titles show in lists, calendars
    and notifications that more people see than the case itself)."""
    return f"{_what(kind, employee.location.jurisdiction)} ({employee.location.name}, {employee.department.name})"


#: How far back the demo's history reaches: its cases were opened over the last two years.
_HISTORY_DAYS = 730

#: The policy an allegation of each kind is about, by preference: the first one that covers the
#: case's jurisdiction is linked, else the code of conduct (which covers every jurisdiction).
_POLICIES: dict[str, list[str]] = {
    CaseKind.GRIEVANCE: ["Grievance policy"],
    CaseKind.DISCIPLINARY: ["Disciplinary policy (UK)", "Labour discipline rules (Vietnam)"],
    CaseKind.HARASSMENT_DISCRIMINATION: ["Dignity at work", "Equal opportunities"],
    CaseKind.CAPABILITY: ["Capability policy"],
    CaseKind.TERMINATION: ["Disciplinary policy (UK)", "Labour discipline rules (Vietnam)"],
    CaseKind.WHISTLEBLOWING: ["Varsling (whistleblowing)"],
    CaseKind.CLAIM: ["Equal opportunities"],
}
_ALL_JURISDICTIONS_POLICY = "Code of conduct"

_INVITATION = {
    MeetingKind.INVESTIGATION_INTERVIEW: LetterKind.INVESTIGATION_INVITATION,
    MeetingKind.DISCIPLINARY_HEARING: LetterKind.DISCIPLINARY_INVITATION,
    MeetingKind.GRIEVANCE_MEETING: LetterKind.GRIEVANCE_INVITATION,
    MeetingKind.APPEAL_HEARING: LetterKind.APPEAL_INVITATION,
}
_OUTCOME_LETTER = {
    CaseKind.DISCIPLINARY: LetterKind.DISCIPLINARY_OUTCOME,
    CaseKind.TERMINATION: LetterKind.DISCIPLINARY_OUTCOME,
    CaseKind.GRIEVANCE: LetterKind.GRIEVANCE_OUTCOME,
    CaseKind.HARASSMENT_DISCRIMINATION: LetterKind.GRIEVANCE_OUTCOME,
    CaseKind.APPEAL: LetterKind.APPEAL_OUTCOME,
}
#: The language letters go out in, by jurisdiction (the employee's own language in the demo).
_LETTER_LANGUAGE = {
    Jurisdiction.GB: "en",
    Jurisdiction.US: "en",
    Jurisdiction.NO: "nb",
    Jurisdiction.VN: "vi",
}


class _Writer(Protocol):
    def write(self, msg: str, /, *args: Any, **kwargs: Any) -> Any: ...


@dataclass
class _Days:
    """The days one case's history happens on: forward from its opening, never after ``last``
    (the last working day), so no step of the demo is in the future."""

    day: datetime.date
    last: datetime.date
    rng: random.Random
    step: int = 0

    def after(self, low: int = 2, high: int = 8) -> datetime.date:
        """Move on ``low``–``high`` days (to a working day) and return the new day."""
        self.day = min(_weekday(self.day + datetime.timedelta(days=self.rng.randint(low, high))), self.last)
        return self.day

    @contextmanager
    def on(self, day: datetime.date | None = None) -> Iterator[datetime.date]:
        """Run the block with the clock at ``day`` (the current day when not given), a few
        minutes after the step before, so the case's history keeps its order."""
        self.step += 1
        day = day or self.day
        with clock.travel(_at(day, 11) + datetime.timedelta(minutes=5 * self.step)):
            yield day


def _weekday(day: datetime.date) -> datetime.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


@dataclass
class _Cast:
    hr: User
    lead: User
    admin: User
    investigator: User
    manager: User
    rng: random.Random
    today: datetime.date
    rep: Employee | None = None
    people: dict[str, list[Employee]] = field(default_factory=dict)
    reports: list[Employee] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    policies: dict[str, Policy] = field(default_factory=dict)
    letters: list[int] = field(default_factory=list)
    refused_letters: list[str] = field(default_factory=list)
    #: Each country's HR case manager (the demo HR case manager's, Great Britain's, when missing).
    managers: dict[str, User] = field(default_factory=dict)
    #: The rooms (by location) and people already taken at each meeting time.
    booked: set[tuple[object, datetime.datetime]] = field(default_factory=set)

    def pick(self, code: str) -> Employee:
        """A different directory employee at this location each time (while they last)."""
        pool = self.people[code]
        free = [e for e in pool if e.pk not in self.used] or pool
        employee = self.rng.choice(free)
        self.used.add(employee.pk)
        return employee

    def policy_for(self, case: Case) -> Policy | None:
        for title in [*_POLICIES.get(case.kind, []), _ALL_JURISDICTIONS_POLICY]:
            policy = self.policies.get(title)
            if policy is not None and case.jurisdiction in policy.jurisdictions:
                return policy
        return None

    def days_for(self, kind: str, target: str, *, reached_ago: int | None = None) -> _Days:
        """When a case heading for ``target`` was opened: closed ones over the last two years,
        new ones in the last weeks, and ones in progress early enough for every step before
        ``target`` at a usual pace, so that they reached it lately (``reached_ago`` days ago
        when given, else a usual while for the stage) and keep to their deadlines."""
        if target in (S.CLOSED, S.WITHDRAWN):
            ago = self.rng.randint(150, _HISTORY_DAYS)
        elif target == S.TRIAGE:
            ago = self.rng.randint(2, 25)
        else:
            if reached_ago is None:
                reached_ago = self.rng.randint(*_TIME_IN_STAGE[target])
            ago = reached_ago + _duration(kind, target)
        opened = _weekday(self.today - datetime.timedelta(days=ago))
        return _Days(day=opened, last=_working_day_before(self.today, 1), rng=self.rng)


#: How long (fewest, most days) a case in progress has been at its stage on the demo's day.
_TIME_IN_STAGE: dict[str, tuple[int, int]] = {
    S.INVESTIGATION: (5, 20),
    S.HEARING: (1, 7),
    S.DECISION: (1, 2),
    S.APPEAL_WINDOW: (1, 3),  # inside the shortest appeal window (five working days)
    S.MEDIATION: (3, 12),
    S.SUPPORT: (5, 30),
    S.PROCEEDINGS: (10, 40),
}


#: Days a case waits at a stage it passes through: the interview, the hearing, the mediation session.
_WAIT_AFTER: dict[str, int] = {S.INVESTIGATION: 7, S.HEARING: 21, S.MEDIATION: 7}


def _duration(kind: str, target: str) -> int:
    """About how many days a case of ``kind`` takes from opening to ``target``: each step a few
    days (``_Days.after``), an interview a week after the investigation starts, a hearing three
    weeks after its notice, a mediation session a week after it is arranged."""
    path = PATHS[kind]
    days = 0
    for status in path[1 : path.index(target) + 1]:
        if status == S.APPEAL_WINDOW:
            continue  # reached on the decision itself
        days += 5
        if status != target:
            days += _WAIT_AFTER.get(status, 0)
    return days


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


#: The hours a demo meeting may start at, in the order a case manager would offer them; one the
#: demo records as held starts in the morning, before the record is written (``_Days.on``, 11:00 on).
_MEETING_HOURS = (10, 14, 11, 15, 9, 16)
_HELD_MEETING_HOURS = (10, 9)


def _slot(
    cast: _Cast,
    case: Case,
    day: datetime.date,
    *,
    place: str,
    people: list[Any],
    by: datetime.date | None = None,
    after: datetime.date | None = None,
    held: bool = False,
) -> datetime.datetime:
    """The first time from ``day`` on a working day of the case's region (no weekend, bank holiday
    or closure day) when the room at the case's location and each of ``people`` is free, booked
    for it. With ``by`` (a deadline the meeting keeps, or the last day it can have been held by),
    never after ``by``: failing that, the latest free time before, from the day after ``after``."""
    region = guardrails.case_region(case)
    closures = guardrails.closures_for(region)
    keys = [("room", case.location_id, place), *(("person", p.pk) for p in people if p is not None)]
    forward = (day + datetime.timedelta(days=n) for n in range(120))
    backward = (min(day, by or day) - datetime.timedelta(days=n) for n in range(120))
    for candidate in [*forward, *backward]:
        if (by is not None and candidate > by) or (after is not None and candidate <= after):
            continue
        if not workdays.is_working_day(candidate, region, closures):
            continue
        for hour in _HELD_MEETING_HOURS if held else _MEETING_HOURS:
            at = _at(candidate, hour)
            if not any((key, at) in cast.booked for key in keys):
                cast.booked.update((key, at) for key in keys)
                return at
    raise ApplicationError(f"No free meeting time for {case.reference} near {day}.")


def _organisation(stdout: _Writer) -> None:
    if Organisation.objects.exists():
        return
    Organisation.objects.create(
        name="Northwind Group",
        address="1 Canal Wharf\nLondon E14 5AB\nUnited Kingdom",
        signatory_name="Eleanor Whitfield",
        signatory_title="Head of Employee Relations",
        email="hr@northwind.example",
        phone="+44 20 7946 0000",
    )
    stdout.write("Organisation: Northwind Group created.")


def _cast() -> _Cast | None:
    users = {
        u.email: u
        for u in User.objects.filter(
            email__in=[HR_EMAIL, LEAD_EMAIL, ADMIN_EMAIL, INVESTIGATOR_EMAIL, MANAGER_EMAIL]
        )
    }
    if len(users) < 5:
        return None
    cast = _Cast(
        hr=users[HR_EMAIL],
        lead=users[LEAD_EMAIL],
        admin=users[ADMIN_EMAIL],
        investigator=users[INVESTIGATOR_EMAIL],
        manager=users[MANAGER_EMAIL],
        rng=random.Random(_SEED),
        today=clock.today(),
        rep=Employee.objects.filter(user__email=REP_EMAIL).first(),
        policies={p.title: p for p in Policy.objects.all()},
    )
    employees = (
        Employee.objects.filter(user__isnull=True, employment_status=EmploymentStatus.ACTIVE)
        .exclude(employee_number__in=_PROTECTED_NUMBERS)
        .select_related("location", "department")
        .order_by("employee_number")
    )
    for colleague in User.objects.filter(email__in=[c.email for c in CASE_MANAGER_COLLEAGUES]).select_related(
        "employee__location"
    ):
        employee = getattr(colleague, "employee", None)
        if employee is not None:
            cast.managers[employee.location.jurisdiction] = colleague
    marcus = Employee.objects.filter(user=cast.manager).first()
    for employee in employees:
        if marcus is not None and employee.manager_id == marcus.pk:
            cast.reports.append(employee)
        else:
            cast.people.setdefault(employee.location.code, []).append(employee)
    if not cast.reports or any(code not in cast.people for code in _LOCATION_CYCLE):
        return None
    return cast


# --------------------------------------------------------------------------- one case, step by step


def _open(cast: _Cast, kind: str, code: str, days: _Days) -> Case:
    """Open a case: from a line manager's concern about one of their reports, or directly by HR."""
    title, category, _ = _STORIES[kind]
    # The disciplinary, capability and fact-finding cases in Great Britain start as the demo line
    # manager's concern about one of their reports (who work in London).
    from_concern = kind in (CaseKind.DISCIPLINARY, CaseKind.CAPABILITY, CaseKind.INVESTIGATION) and code in (
        "LON",
        "EDI",
    )
    if from_concern:
        employee = next((e for e in cast.reports if e.pk not in cast.used), cast.reports[0])
        cast.used.add(employee.pk)
        raised = days.day - datetime.timedelta(days=cast.rng.randint(2, 6))
        with days.on(raised):
            concern = services.concern_raise(
                actor=cast.manager,
                about=[employee],
                category=category,
                description=f"{title}. I have spoken to {employee.first_name} informally before.",
                occurred_on=raised - datetime.timedelta(days=cast.rng.randint(3, 20)),
                place="Warehouse, London",
                urgency="normal",
            )
        with days.on():
            case = services.concern_accept(
                actor=cast.hr,
                concern=concern,
                kind=kind,
                case_manager=cast.hr,
                reason="Serious enough for the formal procedure.",
                title=_title(kind, employee),
            )
            services.note_add(
                actor=cast.hr,
                case=case,
                shared_with_submitter=True,
                body="Thank you for raising this. HR has opened a formal case and will keep you "
                "informed of the next steps.",
            )
        return case
    employee = cast.pick(code)
    if kind in (CaseKind.GRIEVANCE, CaseKind.HARASSMENT_DISCRIMINATION, CaseKind.MEDIATION):
        other = cast.pick(code)
        parties = [(other, PartyRole.COMPLAINANT), (employee, PartyRole.RESPONDENT)]
        if kind == CaseKind.MEDIATION:
            parties = [(other, PartyRole.COMPLAINANT), (employee, PartyRole.COMPLAINANT)]
    elif kind == CaseKind.WHISTLEBLOWING:
        parties = [(employee, PartyRole.RESPONDENT)]
    else:
        parties = [(employee, PartyRole.SUBJECT)]
    manager = cast.lead if kind == CaseKind.CLAIM else cast.hr
    with days.on():
        return services.case_open(
            actor=cast.hr,
            kind=kind,
            title=_title(kind, employee),
            case_manager=manager,
            location=employee.location,
            department=employee.department,
            parties=parties,
            summary=f"{_what(kind, employee.location.jurisdiction)} ({employee.location.name}).",
        )


def _subject(case: Case) -> Employee:
    return case.parties.select_related("employee").order_by("id").first().employee


def _companion(cast: _Cast, case: Case) -> Employee | None:
    """The demo union rep accompanies employees at the meetings of cases at the rep's own office."""
    if cast.rep is None:
        return None
    return cast.rep if case.location_id == cast.rep.location_id else None


def _allegations(cast: _Cast, case: Case, days: _Days) -> None:
    """Each allegation, linked to the policy version in force on the incident date, with a
    document of evidence filed on the case and linked to it."""
    _, category, descriptions = _STORIES[case.kind]
    policy = cast.policy_for(case)
    for description in descriptions:
        incident = case.opened_at.date() - datetime.timedelta(days=cast.rng.randint(7, 45))
        with days.on():
            allegation = services.allegation_add(
                actor=cast.hr,
                case=case,
                category=category,
                description=description,
                incident_date=incident,
                policy=policy,
            )
            document = services.document_store(
                actor=cast.hr,
                file=_note_file(
                    f"{case.reference}, allegation {allegation.number}: {description}.\n"
                    f"Statement taken on {days.day:%d %B %Y} from a colleague who saw it on {incident:%d %B %Y}.",
                    name=f"statement-{case.reference}-{allegation.number}.txt",
                ),
                title=f"Witness statement: allegation {allegation.number}",
                kind=DocumentKind.EVIDENCE,
                case=case,
            )
            _link_evidence(cast.hr, allegation, document)


def _link_evidence(actor: User, allegation: Allegation, document: Document) -> None:
    allegation.evidence.add(document)
    audit(
        actor=actor,
        action="allegation_evidence_linked",
        obj=allegation,
        case=allegation.case,
        changes={"evidence": (None, document.pk)},
    )


def _letter(cast: _Cast, case: Case, kind: str, meeting: Meeting | None = None) -> None:
    """Issue a letter as HR would on the day; a letter with gaps is refused and reported."""
    try:
        letter = services.letter_issue(
            actor=cast.hr,
            case=case,
            kind=kind,
            language=_LETTER_LANGUAGE[case.jurisdiction],
            meeting=meeting,
        )
    except ApplicationError as e:
        cast.refused_letters.append(f"{case.reference} {kind}: {e.message}")
    else:
        cast.letters.append(letter.pk)


def _investigate(cast: _Cast, case: Case, days: _Days, *, target: str) -> None:
    with days.on():
        services.case_add_investigator(actor=cast.hr, case=case, investigator=cast.investigator)
        witness = cast.pick(case.location.code) if case.location.code in cast.people else None
        if witness is not None:
            services.party_add(actor=cast.hr, case=case, employee=witness, role=PartyRole.WITNESS)
        # Investigations still running have targets from a few days overdue to three weeks out, so
        # "My work" and the calendar show both; finished ones had a target a month after they began.
        if target == S.INVESTIGATION:
            target_date = _weekday(cast.today + datetime.timedelta(days=[20, -3, 11, -8][case.pk % 4]))
        else:
            target_date = _weekday(days.day + datetime.timedelta(days=30))
        services.investigation_plan_set(
            actor=cast.hr,
            case=case,
            terms_of_reference="Establish the facts of each allegation.",
            questions="What happened, when, and who saw it?",
            target_date=target_date,
            interviewees=[witness] if witness is not None else [],
        )
        companion = _companion(cast, case)
        wanted = days.day + datetime.timedelta(days=7)
        interview_at = _slot(
            cast,
            case,
            wanted,
            place="Meeting room 2",
            people=[cast.investigator, companion],
            by=days.last if wanted <= days.last else None,  # held by now when it was due by now
            after=days.day,
            held=wanted <= days.last,
        )
        interview_on = interview_at.date()
        interview = services.meeting_schedule(
            actor=cast.investigator,
            case=case,
            kind=MeetingKind.INVESTIGATION_INTERVIEW,
            scheduled_for=interview_at,
            chair=cast.investigator,
            place="Meeting room 2",
            companion=companion,
            attendees=[_subject(case)],
        )
    if interview_on <= days.last:
        days.day = interview_on
        with days.on():
            services.meeting_record_held(
                actor=cast.investigator,
                meeting=interview,
                outcome_summary="Account taken; statement to be signed.",
            )


def _hearing(cast: _Cast, case: Case, days: _Days, *, hold: bool) -> None:
    chair = cast.admin if case.kind == CaseKind.APPEAL else cast.lead
    kind = _HEARING_KIND[case.kind]
    notice = days.day
    if hold:
        day = days.day + datetime.timedelta(days=21)
    else:  # invited now (or lately) to a hearing three weeks from today
        day = cast.today + datetime.timedelta(days=21)
    # An appeal is heard inside its own "hold the appeal hearing" target.
    target = deadlines.case_deadline_open(case, deadlines.APPEAL_HEARING_TARGET)
    # Held by now when it is held, and inside the target where there is one.
    limits = [d for d in (target.due_on if target else None, days.last if hold else None) if d]
    companion = _companion(cast, case)
    at = _slot(
        cast,
        case,
        day,
        place="Meeting room 1",
        people=[chair, companion],
        by=min(limits, default=None),
        after=notice,
        held=hold,
    )
    day = at.date()
    with days.on(notice):
        meeting = services.meeting_schedule(
            actor=cast.hr,
            case=case,
            kind=kind,
            scheduled_for=at,
            chair=chair,
            note_taker=cast.hr,
            notice_sent_on=notice,
            place="Meeting room 1",
            companion=companion,
            attendees=[_subject(case)],
        )
        if kind in _INVITATION:
            _letter(cast, case, _INVITATION[kind], meeting)
    if hold:
        days.day = min(day, days.last)
        with days.on():
            services.meeting_record_held(
                actor=cast.hr,
                meeting=meeting,
                outcome_summary="Heard the employee and their companion; decision to follow.",
            )


def _findings(cast: _Cast, case: Case) -> None:
    for allegation in case.allegations.filter(finding=""):
        finding = cast.rng.choice([Finding.UPHELD, Finding.PARTLY_UPHELD, Finding.NOT_UPHELD])
        services.allegation_record_finding(
            actor=cast.hr,
            allegation=allegation,
            finding=finding,
            reasons="On the balance of the evidence gathered.",
        )


def _decide(cast: _Cast, case: Case) -> None:
    _findings(cast, case)
    sanction = _SANCTION.get(case.kind, {}).get(case.jurisdiction, "")
    decided_by = cast.admin if case.kind == CaseKind.APPEAL else cast.lead
    decision = {
        CaseKind.APPEAL: "The appeal is not upheld; the original outcome stands.",
        CaseKind.CLAIM: "Settled by agreement without admission of liability.",
    }.get(case.kind, "Decision recorded after considering the evidence and the employee's account.")
    services.outcome_record(
        actor=cast.hr,
        case=case,
        decision=decision,
        reasons="See the hearing minutes.",
        sanction=sanction,
        decided_by=decided_by,
        expected_version=case.version,
    )
    case.refresh_from_db()
    if case.kind in _OUTCOME_LETTER:
        _letter(cast, case, _OUTCOME_LETTER[case.kind])


def _step_to(cast: _Cast, case: Case, status: str) -> None:
    """Move the case on by hand, unless what was recorded on it already took it there."""
    case.refresh_from_db()
    if is_ahead(case.kind, case.status, status):
        services.case_transition(actor=cast.hr, case=case, to_status=status, expected_version=case.version)


def _advance(cast: _Cast, case: Case, target: str, days: _Days) -> Case:
    """Walk the case along its path to ``target``, each step as a case manager would take it,
    on its own day; a step that what was recorded already took is not taken again."""
    path = PATHS[case.kind]
    if case.kind in _STORIES and case.kind != CaseKind.APPEAL:
        _allegations(cast, case, days)
    for status in path[1 : path.index(target) + 1]:
        case.refresh_from_db()
        if not (case.kind == CaseKind.APPEAL and status == S.HEARING):
            days.after()  # an appeal's invitation goes out as it is lodged, to be heard in time
        if status != S.INVESTIGATION and deadlines.case_deadline_open(case, deadlines.INVESTIGATION_TARGET):
            with days.on():  # the investigation is over: its report went to the case manager
                deadlines.case_deadlines_met(case, [deadlines.INVESTIGATION_TARGET], actor=cast.hr)
        if status == S.INVESTIGATION:
            with days.on():
                _step_to(cast, case, status)
            _investigate(cast, case, days, target=target)
        elif status == S.HEARING:
            with days.on():
                _step_to(cast, case, status)
            _hearing(cast, case, days, hold=target != S.HEARING)
        elif status == S.DECISION and target == S.DECISION:
            # Decided cases wait for their outcome here; with one, they move on to its appeal window.
            with days.on():
                _findings(cast, case)
                _step_to(cast, case, status)
        elif status == S.DECISION:
            with days.on():
                _decide(cast, case)
        elif status == S.CLOSED:
            with days.on():
                _findings(cast, case)
                case.refresh_from_db()
                services.case_transition(
                    actor=cast.hr,
                    case=case,
                    to_status=status,
                    expected_version=case.version,
                    reason="All steps complete.",
                )
        else:  # appeal window, mediation, support, proceedings: a plain step along the path
            with days.on():
                _step_to(cast, case, status)
            if status == S.MEDIATION:
                held = target != S.MEDIATION
                day = min(days.day + datetime.timedelta(days=7), days.last) if held else cast.today
                at = _slot(
                    cast,
                    case,
                    day if held else day + datetime.timedelta(days=7),
                    place="Neutral venue",
                    people=[cast.lead],
                    by=days.last if held else None,
                    after=days.day - datetime.timedelta(days=1),
                    held=held,
                )
                day = at.date()
                with days.on():
                    session = services.meeting_schedule(
                        actor=cast.hr,
                        case=case,
                        kind=MeetingKind.MEDIATION_SESSION,
                        scheduled_for=at,
                        chair=cast.lead,
                        place="Neutral venue",
                    )
                if held:
                    days.day = min(day, days.last)
                    with days.on():
                        services.meeting_record_held(
                            actor=cast.hr,
                            meeting=session,
                            outcome_summary="Both agreed a way of working together.",
                        )
    case.refresh_from_db()
    return case


# --------------------------------------------------------------------------- the demo

#: Cases decided earlier than the others in the appeal window, so that their appeals (which
#: ``_APPEAL_DECIDED_AGO`` picks) are at a hearing, or awaiting the decision, on the demo's day:
#: days before today that the decision was made.
_APPEALED_DECISIONS: dict[str, int] = {CaseKind.DISCIPLINARY: 36, CaseKind.CAPABILITY: 18}
#: The appeals in progress, by stage: about how long before today the decision appealed was made.
_APPEAL_DECIDED_AGO: dict[str, int] = {S.TRIAGE: 2, S.HEARING: 14, S.DECISION: 36}


def _concerns_in_triage(cast: _Cast) -> int:
    """Concerns the triage queue shows: received, under review, and two already decided, raised
    and handled over the last working days."""
    reports = cast.reports[-4:]
    day = [_working_day_before(cast.today, n) for n in range(1, 7)]  # day[0]: the last working day
    made = []
    with clock.travel(_at(day[1], 9)):
        made.append(
            services.concern_raise(
                actor=cast.manager,
                about=[reports[0]],
                category=ConcernCategory.ATTENDANCE,
                description="Late for five shifts this month without explanation.",
                urgency="normal",
                occurred_on=day[1] - datetime.timedelta(days=5),
                place="Warehouse, London",
            )
        )
    with clock.travel(_at(day[2], 15)):
        made.append(
            services.concern_raise(
                actor=cast.manager,
                about=[reports[1], reports[2]],
                category=ConcernCategory.HARASSMENT,
                description="Two team members made repeated comments about a colleague's appearance.",
                urgency="high",
                witnesses="Shift supervisor",
                place="Canteen",
                attachments=[_note_file("Notes from my conversation with the colleague affected.")],
            )
        )
    with clock.travel(_at(day[0], 11)):
        made.append(
            services.concern_raise(
                actor=cast.manager,
                about=[reports[3]],
                category=ConcernCategory.DISCRIMINATION,
                protected_characteristic=ProtectedCharacteristic.AGE,
                urgency="urgent",
                description="Reported that older staff are left out of overtime offers.",
            )
        )
    with clock.travel(_at(day[1], 14)):
        services.concern_review_start(actor=cast.hr, concern=made[1])
    with clock.travel(_at(day[5], 10)):
        resolved = services.concern_raise(
            actor=cast.manager,
            about=[reports[0]],
            category=ConcernCategory.PERFORMANCE,
            description="Picking errors rising over the last two weeks.",
        )
    with clock.travel(_at(day[4], 11)):
        services.concern_resolve_informally(
            actor=cast.hr,
            concern=resolved,
            advice="Agree a short improvement plan with clear targets and review it together in four weeks.",
        )
    with clock.travel(_at(day[3], 16)):
        closed = services.concern_raise(
            actor=cast.manager,
            about=[reports[1]],
            category=ConcernCategory.OTHER,
            description="Parked in the visitor bay again.",
        )
    with clock.travel(_at(day[2], 10)):
        services.concern_close(
            actor=cast.hr,
            concern=closed,
            reason="Facilities matter, not an ER concern.",
            message="This is best handled by Facilities; no HR action is needed.",
        )
    return len(made) + 2


def _working_day_before(day: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day (Monday to Friday) before ``day``."""
    while n:
        day -= datetime.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _withdraw(cast: _Cast, case: Case, days: _Days, reason: str) -> None:
    days.after()
    with days.on():
        services.case_transition(
            actor=cast.hr, case=case, to_status=S.WITHDRAWN, expected_version=case.version, reason=reason
        )


def _note_file(text: str, name: str = "notes.txt") -> ContentFile:
    data = text.encode()
    upload = ContentFile(data, name=name)
    upload.size = len(data)
    return upload


#: Letters the seed renders itself (one of each kind and language it issued), so the demo shows
#: PDFs at once; the worker renders the rest from the queue when the demo starts.
_RENDER_NOW = 3


def _render_samples(cast: _Cast) -> int:
    """Render a few issued letters through the worker's own service, one per language."""
    seen: set[str] = set()
    rendered = 0
    for letter in Letter.objects.filter(pk__in=cast.letters).order_by("id"):
        if rendered >= _RENDER_NOW or letter.language in seen:
            continue
        seen.add(letter.language)
        services.letter_render(letter_id=letter.pk)
        rendered += 1
    return rendered


@transaction.atomic
def seed_cases(stdout: _Writer) -> None:
    """About 60 demo cases, every kind in every state of its path plus withdrawn, in every
    jurisdiction, opened over the last two years with each step on its own day."""
    _organisation(stdout)
    cast = _cast()
    if cast is None:
        stdout.write("Cases: skipped (run the directory demo first: demo log-ins or employees missing).")
        return
    # An ER lead without scope sees no case: the demo lead covers every jurisdiction.
    for jurisdiction in Jurisdiction.values:
        ErLeadScope.objects.get_or_create(user=cast.lead, jurisdiction=jurisdiction)
    if Case.objects.filter(opened_by=cast.hr).exists():
        stdout.write("Cases: demo cases already present; nothing to do.")
        return
    made: list[Case] = []
    decided: list[Case] = []  # cases with an outcome that can be appealed
    per_stage: Counter[str] = Counter()
    hannah = cast.hr
    for kind in PATHS:
        if kind == CaseKind.APPEAL:
            continue
        for target in [*PATHS[kind], S.WITHDRAWN]:
            # Locations in turn per stage, so each stage is reached in every jurisdiction.
            code = _LOCATION_CYCLE[per_stage[target] % len(_LOCATION_CYCLE)]
            per_stage[target] += 1
            # The country's HR case manager runs the case, each step in their name.
            cast.hr = cast.managers.get(cast.people[code][0].location.jurisdiction, hannah)
            reached_ago = _APPEALED_DECISIONS.get(kind) if target == S.APPEAL_WINDOW else None
            days = cast.days_for(kind, target, reached_ago=reached_ago)
            case = _open(cast, kind, code, days)
            if target == S.WITHDRAWN:
                case = _advance(cast, case, PATHS[kind][1], days)
                _withdraw(cast, case, days, "The employee resigned before the process concluded.")
            else:
                case = _advance(cast, case, target, days)
            made.append(case)
            if target in (S.APPEAL_WINDOW, S.CLOSED) and kind in _HEARING_KIND:
                decided.append(case)
    # The oldest decisions are appealed and the appeals closed or withdrawn; appeals in progress
    # were lodged within the window of a recent decision: the one decided about when the appeal
    # would have been lodged to be at its stage now.
    decided.sort(key=lambda c: c.outcome.decided_on)
    yesterday = _working_day_before(cast.today, 1)
    appealed_in: set[str] = set()
    for target in [*PATHS[CaseKind.APPEAL], S.WITHDRAWN]:
        if target in _APPEAL_DECIDED_AGO:
            wanted = cast.today - datetime.timedelta(days=_APPEAL_DECIDED_AGO[target])
            original = min(decided, key=lambda c: abs((c.outcome.decided_on - wanted).days))
        else:  # the oldest decision in a country without an appeal yet, so every country has one
            original = next((c for c in decided if c.jurisdiction not in appealed_in), decided[0])
        decided.remove(original)
        appealed_in.add(original.jurisdiction)
        cast.hr = original.case_manager
        # Lodged after the decision and after the original case's last step, so the original's
        # history (which notes the appeal) stays in order.
        last_step = original.timeline.order_by("-created_at").values_list("created_at", flat=True).first()
        lodged = _weekday(original.outcome.decided_on + datetime.timedelta(days=3))
        if last_step is not None:
            lodged = max(lodged, clock.local_date(last_step) + datetime.timedelta(days=1))
        lodged = min(lodged, yesterday)
        days = _Days(day=lodged, last=yesterday, rng=cast.rng, step=60)
        with days.on():
            appeal = services.appeal_open(
                actor=cast.hr,
                original=original,
                case_manager=original.case_manager,
                grounds="The sanction is too severe given my record.",
            )
        if target == S.WITHDRAWN:
            _withdraw(cast, appeal, days, "The appeal was withdrawn in writing.")
        elif target != S.TRIAGE:
            _advance(cast, appeal, target, days)
        made.append(appeal)
    cast.hr = hannah
    granted = [c for c in made if c.concerns.exists() and not c.is_confidential][:3]
    for case in granted:
        services.case_grant_access(actor=cast.lead, case=case, user=cast.manager)
    concerns = _concerns_in_triage(cast)
    rendered = _render_samples(cast)
    stdout.write(
        f"Cases: {len(made)} demo cases in {len({c.jurisdiction for c in made})} jurisdictions, "
        f"{concerns} more concerns, {len(granted)} cases shared with {cast.manager.email}, "
        f"{len(cast.letters)} letters issued ({rendered} rendered now, the rest by the worker)."
    )
    for refusal in cast.refused_letters:
        stdout.write(f"  letter not issued: {refusal}")
