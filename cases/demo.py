"""Demo cases for ``seed_demo``: about 60 cases of every kind in every state of its path.

Everything is built through the services, so each case has the history a real one would
have (parties, allegations with findings, meetings held with proper notice, outcomes with
sanctions allowed in the jurisdiction, appeals, notes shared with the person who raised
the concern) and the guardrails accept every step. Idempotent: nothing happens when the
demo HR case manager has already opened cases. A fixed random seed keeps it repeatable.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Employee, EmploymentStatus, Jurisdiction, Organisation, User
from cases import services
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    ConcernCategory,
    ErLeadScope,
    Finding,
    MeetingKind,
    PartyRole,
    ProtectedCharacteristic,
    Sanction,
)
from cases.workflow import PATHS, is_ahead
from erms.lib import clock

_SEED = 20260316
S = CaseStatus

HR_EMAIL = "hr@example.com"
LEAD_EMAIL = "lead@example.com"
ADMIN_EMAIL = "admin@example.com"
INVESTIGATOR_EMAIL = "investigator@example.com"
MANAGER_EMAIL = "manager@example.com"

#: Directory people who must never be a subject or respondent: the demo log-ins' own chain.
_PROTECTED_NUMBERS = {"NW0001", "NW0002", "NW0003", "NW0004", "NW0005", "NW0006", "NW0007"}

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
        "Employment tribunal claim",
        ConcernCategory.DISCRIMINATION,
        ["Claim of unfair treatment after a complaint"],
    ),
    CaseKind.EAP_REFERRAL: ("Employee assistance referral", ConcernCategory.HEALTH, []),
}


class _Writer(Protocol):
    def write(self, msg: str, /, *args: Any, **kwargs: Any) -> Any: ...


@dataclass
class _Cast:
    hr: User
    lead: User
    admin: User
    investigator: User
    manager: User
    rng: random.Random
    today: datetime.date
    people: dict[str, list[Employee]] = field(default_factory=dict)
    reports: list[Employee] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def pick(self, code: str) -> Employee:
        """A different directory employee at this location each time (while they last)."""
        pool = self.people[code]
        free = [e for e in pool if e.pk not in self.used] or pool
        employee = self.rng.choice(free)
        self.used.add(employee.pk)
        return employee


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


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
    )
    employees = (
        Employee.objects.filter(user__isnull=True, employment_status=EmploymentStatus.ACTIVE)
        .exclude(employee_number__in=_PROTECTED_NUMBERS)
        .select_related("location", "department")
        .order_by("employee_number")
    )
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


def _open(cast: _Cast, kind: str, code: str, index: int) -> Case:
    """Open a case: from a line manager's concern about one of their reports, or directly by HR."""
    title, category, _ = _STORIES[kind]
    # Half the disciplinary, capability and fact-finding cases start as the demo line manager's
    # concern about one of their reports (so they are in London).
    from_concern = (
        kind in (CaseKind.DISCIPLINARY, CaseKind.CAPABILITY, CaseKind.INVESTIGATION) and index % 2 == 0
    )
    if from_concern:
        employee = next((e for e in cast.reports if e.pk not in cast.used), cast.reports[0])
        cast.used.add(employee.pk)
        concern = services.concern_raise(
            actor=cast.manager,
            about=[employee],
            category=category,
            description=f"{title}. I have spoken to {employee.first_name} informally before.",
            occurred_on=cast.today - datetime.timedelta(days=40),
            place="Warehouse, London",
            urgency="normal",
        )
        case = services.concern_accept(
            actor=cast.hr,
            concern=concern,
            kind=kind,
            case_manager=cast.hr,
            reason="Serious enough for the formal procedure.",
            title=f"{title}: {employee.full_name}",
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
    elif kind == CaseKind.EAP_REFERRAL:
        parties = [(employee, PartyRole.SUBJECT)]
    else:
        parties = [(employee, PartyRole.SUBJECT)]
    manager = cast.lead if kind == CaseKind.CLAIM else cast.hr
    return services.case_open(
        actor=cast.hr,
        kind=kind,
        title=f"{title}: {employee.full_name}",
        case_manager=manager,
        location=employee.location,
        department=employee.department,
        parties=parties,
        summary=f"{title} ({employee.location.name}).",
    )


def _subject(case: Case) -> Employee:
    return case.parties.select_related("employee").order_by("id").first().employee


def _investigate(cast: _Cast, case: Case) -> None:
    services.case_add_investigator(actor=cast.hr, case=case, investigator=cast.investigator)
    witness = cast.pick(case.location.code) if case.location.code in cast.people else None
    if witness is not None:
        services.party_add(actor=cast.hr, case=case, employee=witness, role=PartyRole.WITNESS)
    # Targets spread from overdue to three weeks out, so "My work" and the calendar show both.
    services.investigation_plan_set(
        actor=cast.hr,
        case=case,
        terms_of_reference="Establish the facts of each allegation.",
        questions="What happened, when, and who saw it?",
        target_date=cast.today + datetime.timedelta(days=20 - 9 * (case.pk % 4)),
        interviewees=[witness] if witness is not None else [],
    )
    interview = services.meeting_schedule(
        actor=cast.investigator,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=_at(cast.today - datetime.timedelta(days=50)),
        chair=cast.investigator,
        place="Meeting room 2",
        attendees=[_subject(case)],
    )
    services.meeting_record_held(
        actor=cast.investigator, meeting=interview, outcome_summary="Account taken; statement to be signed."
    )


def _hearing(cast: _Cast, case: Case, *, hold: bool) -> None:
    chair = cast.admin if case.kind == CaseKind.APPEAL else cast.lead
    if hold:
        day = cast.today - datetime.timedelta(days=14)
    else:
        day = cast.today + datetime.timedelta(days=21)
    services.meeting_schedule(
        actor=cast.hr,
        case=case,
        kind=_HEARING_KIND[case.kind],
        scheduled_for=_at(day),
        chair=chair,
        note_taker=cast.hr,
        notice_sent_on=day - datetime.timedelta(days=30),
        place="Meeting room 1",
        attendees=[_subject(case)],
    )
    if hold:
        meeting = case.meetings.get(kind=_HEARING_KIND[case.kind])
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


def _step_to(cast: _Cast, case: Case, status: str) -> None:
    """Move the case on by hand, unless what was recorded on it already took it there."""
    case.refresh_from_db()
    if is_ahead(case.kind, case.status, status):
        services.case_transition(actor=cast.hr, case=case, to_status=status, expected_version=case.version)


def _advance(cast: _Cast, case: Case, target: str) -> Case:
    """Walk the case along its path to ``target``, each step as a case manager would take it."""
    path = PATHS[case.kind]
    _, _, allegations = _STORIES.get(case.kind, ("", "", []))
    category = _STORIES[case.kind][1] if case.kind in _STORIES else ConcernCategory.CONDUCT
    if case.kind == CaseKind.APPEAL:
        allegations = []
    for number, description in enumerate(allegations):
        services.allegation_add(
            actor=cast.hr,
            case=case,
            category=category,
            description=description,
            incident_date=cast.today - datetime.timedelta(days=60 + number),
        )
    for status in path[1 : path.index(target) + 1]:
        case.refresh_from_db()
        if status == S.INVESTIGATION:
            _step_to(cast, case, status)
            _investigate(cast, case)
        elif status == S.HEARING:
            _step_to(cast, case, status)
            _hearing(cast, case, hold=target != S.HEARING)
        elif status == S.DECISION and target == S.DECISION:
            # Decided cases wait for their outcome here; with one, they move on to its appeal window.
            _findings(cast, case)
            _step_to(cast, case, status)
        elif status == S.DECISION:
            _decide(cast, case)
        elif status == S.CLOSED:
            _findings(cast, case)
            services.case_transition(
                actor=cast.hr,
                case=case,
                to_status=status,
                expected_version=case.version,
                reason="All steps complete.",
            )
        else:  # appeal window, mediation, support, proceedings: a plain step along the path
            _step_to(cast, case, status)
            if status == S.MEDIATION:
                held = target != S.MEDIATION
                day = cast.today + datetime.timedelta(days=-7 if held else 7)
                session = services.meeting_schedule(
                    actor=cast.hr,
                    case=case,
                    kind=MeetingKind.MEDIATION_SESSION,
                    scheduled_for=_at(day),
                    chair=cast.lead,
                    place="Neutral venue",
                )
                if held:
                    services.meeting_record_held(
                        actor=cast.hr,
                        meeting=session,
                        outcome_summary="Both agreed a way of working together.",
                    )
    case.refresh_from_db()
    return case


# --------------------------------------------------------------------------- the demo


def _concerns_in_triage(cast: _Cast) -> int:
    """Concerns the triage queue shows: received, under review, and two already decided."""
    reports = cast.reports[-4:]
    made = []
    made.append(
        services.concern_raise(
            actor=cast.manager,
            about=[reports[0]],
            category=ConcernCategory.ATTENDANCE,
            description="Late for five shifts this month without explanation.",
            urgency="normal",
            occurred_on=cast.today - datetime.timedelta(days=5),
            place="Warehouse, London",
        )
    )
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
    services.concern_review_start(actor=cast.hr, concern=made[1])
    resolved = services.concern_raise(
        actor=cast.manager,
        about=[reports[0]],
        category=ConcernCategory.PERFORMANCE,
        description="Picking errors rising over the last two weeks.",
    )
    services.concern_resolve_informally(
        actor=cast.hr,
        concern=resolved,
        advice="Agree a short improvement plan with clear targets and review it together in four weeks.",
    )
    closed = services.concern_raise(
        actor=cast.manager,
        about=[reports[1]],
        category=ConcernCategory.OTHER,
        description="Parked in the visitor bay again.",
    )
    services.concern_close(
        actor=cast.hr,
        concern=closed,
        reason="Facilities matter, not an ER concern.",
        message="This is best handled by Facilities; no HR action is needed.",
    )
    return len(made) + 2


def _note_file(text: str) -> ContentFile:
    data = text.encode()
    upload = ContentFile(data, name="notes.txt")
    upload.size = len(data)
    return upload


@transaction.atomic
def seed_cases(stdout: _Writer) -> None:
    """About 60 demo cases, every kind in every state of its path plus withdrawn, in every jurisdiction."""
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
    index = 0
    for kind in PATHS:
        if kind == CaseKind.APPEAL:
            continue
        for target in [*PATHS[kind], S.WITHDRAWN]:
            code = _LOCATION_CYCLE[index % len(_LOCATION_CYCLE)]
            index += 1
            case = _open(cast, kind, code, index)
            if target == S.WITHDRAWN:
                step = PATHS[kind][1]
                case = _advance(cast, case, step)
                services.case_transition(
                    actor=cast.hr,
                    case=case,
                    to_status=S.WITHDRAWN,
                    expected_version=case.version,
                    reason="The employee resigned before the process concluded.",
                )
            else:
                case = _advance(cast, case, target)
            made.append(case)
            if target in (S.APPEAL_WINDOW, S.CLOSED) and kind in _HEARING_KIND:
                decided.append(case)
    for target in [*PATHS[CaseKind.APPEAL], S.WITHDRAWN]:
        original = decided.pop(0)
        appeal = services.appeal_open(
            actor=cast.hr,
            original=original,
            case_manager=cast.hr,
            grounds="The sanction is too severe given my record.",
        )
        if target == S.WITHDRAWN:
            services.case_transition(
                actor=cast.hr,
                case=appeal,
                to_status=S.WITHDRAWN,
                expected_version=appeal.version,
                reason="The appeal was withdrawn in writing.",
            )
        elif target != S.TRIAGE:
            _advance(cast, appeal, target)
        made.append(appeal)
    granted = [c for c in made if c.concerns.exists() and not c.is_confidential][:3]
    for case in granted:
        services.case_grant_access(actor=cast.lead, case=case, user=cast.manager)
    concerns = _concerns_in_triage(cast)
    stdout.write(
        f"Cases: {len(made)} demo cases in {len({c.jurisdiction for c in made})} jurisdictions, "
        f"{concerns} more concerns, {len(granted)} cases shared with {cast.manager.email}."
    )
