"""The steps of a case's life, through the services, for the lifecycle tests."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from audit.models import AuditEntry
from cases import services
from cases.models import Case, CaseKind, CaseStatus, Meeting, MeetingKind, PartyRole
from erms.lib import clock


def at_ten(day: datetime.date, zone: str = "Europe/London") -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo(zone))


def open_case(hana, sam, location, department, kind=CaseKind.DISCIPLINARY) -> Case:
    return services.case_open(
        actor=hana,
        kind=kind,
        title="Shouting at a colleague",
        case_manager=hana,
        location=location,
        department=department,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )


def schedule_hearing(
    hana, chair, case: Case, *, days_ahead: int, kind=MeetingKind.DISCIPLINARY_HEARING
) -> Meeting:
    """A hearing ``days_ahead`` days from today (negative: in the past), invited with ample notice."""
    day = clock.today() + datetime.timedelta(days=days_ahead)
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind=kind,
        scheduled_for=at_ten(day, case.location.time_zone or "UTC"),
        chair=chair,
        notice_sent_on=min(day, clock.today()) - datetime.timedelta(days=21),
    )


def hold_hearing(hana, chair, case: Case) -> Meeting:
    meeting = schedule_hearing(hana, chair, case, days_ahead=-1)
    return services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")


def decide(hana, chair, case: Case, sanction: str = "first_written_warning"):
    case.refresh_from_db()
    return services.outcome_record(
        actor=hana,
        case=case,
        decision="The allegation is upheld.",
        reasons="Two witnesses confirmed it.",
        sanction=sanction,
        decided_by=chair,
        expected_version=case.version,
    )


def close(hana, case: Case) -> Case:
    case.refresh_from_db()
    for allegation in case.allegations.filter(finding=""):
        services.allegation_record_finding(
            actor=hana, allegation=allegation, finding="upheld", reasons="Seen"
        )
    case.refresh_from_db()
    return services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.CLOSED, expected_version=case.version
    )


def followed(case: Case) -> list[tuple[str, str]]:
    """The automatic status moves audited on the case, oldest first: (before, after)."""
    return [
        tuple(entry.changes["status"])
        for entry in AuditEntry.objects.filter(case_id=case.pk, action="case_status_followed").order_by("id")
    ]
