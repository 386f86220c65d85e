"""Steps the meeting, outcome and letter guardrail tests take again and again: open a case about
an employee, schedule or hold a meeting on a local day."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from cases import services
from cases.models import Case, CaseKind, Meeting, MeetingKind, PartyRole


def open_case(
    hana, employee, location, department, kind=CaseKind.DISCIPLINARY, role=PartyRole.SUBJECT
) -> Case:
    """A case managed by ``hana`` about ``employee`` (an ``Employee``)."""
    return services.case_open(
        actor=hana,
        kind=kind,
        title="Case",
        case_manager=hana,
        location=location,
        department=department,
        parties=[(employee, role)],
    )


def at(day: datetime.date, zone: str = "Europe/London", hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(zone))


def schedule(
    hana,
    chair,
    case: Case,
    day: datetime.date,
    kind: str = MeetingKind.DISCIPLINARY_HEARING,
    notice: datetime.date | None = None,
    **extra,
) -> Meeting:
    """A meeting at 10:00 on ``day`` in the case location's time zone."""
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind=kind,
        scheduled_for=at(day, case.location.time_zone),
        chair=chair,
        notice_sent_on=notice,
        **extra,
    )


def hold_hearing(hana, chair, case: Case, day: datetime.date) -> Meeting:
    """A disciplinary hearing on ``day`` (in the past), invited 30 days before, recorded as held."""
    meeting = schedule(hana, chair, case, day, notice=day - datetime.timedelta(days=30))
    return services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
