"""Retention and erasure: nothing of a case is erased while it is open, under a legal hold
(US-REC-002) or before its retention floors (US-REC-001, XJ-004); erasing removes its personal
content and files and keeps its shape (AC-07: a US termination of Tue 31 Mar 2026 is kept at least
until Wed 31 Mar 2027)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from cases import guardrails, services
from cases.guardrails import GuardrailRefusal
from cases.models import Case, CaseKind, CaseStatus, DocumentKind, LegalHold, MeetingKind, Party, PartyRole
from erms.lib.errors import ApplicationError
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
TERMINATION = datetime.date(2026, 3, 31)  # Tue 31 Mar 2026


def _on(day: datetime.date, hour: int = 15):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour), tzinfo=NEW_YORK), tick=False
    )


@pytest.fixture
def terminated(hana, erin, new_york, operations) -> Case:
    """AC-07: a US employee dismissed on Tue 31 Mar 2026, the case closed the same day."""
    employee = EmployeeFactory(first_name="Joe", last_name="Park", location=new_york, department=operations)
    with _on(datetime.date(2026, 3, 20)):
        case = services.case_open(
            actor=hana,
            kind=CaseKind.DISCIPLINARY,
            title="Joe Park: harassment of a colleague",
            summary="Reported by two colleagues",
            case_manager=hana,
            location=new_york,
            department=operations,
            parties=[(employee, PartyRole.SUBJECT)],
        )
        services.document_store_bytes(
            actor=hana,
            case=case,
            kind=DocumentKind.EVIDENCE,
            title="Witness statement",
            name="statement.txt",
            data=b"Joe said things to Ann in the break room.",
        )
    with _on(datetime.date(2026, 3, 27)):
        meeting = services.meeting_schedule(
            actor=hana,
            case=case,
            kind=MeetingKind.DISCIPLINARY_HEARING,
            scheduled_for=datetime.datetime(2026, 3, 27, 10, tzinfo=NEW_YORK),
            chair=erin,
            notice_sent_on=datetime.date(2026, 3, 20),
        )
        services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Joe admitted the remarks")
    with _on(TERMINATION):
        case.refresh_from_db()
        services.outcome_record(
            actor=hana,
            case=case,
            decision="Dismissed",
            reasons="Harassment established",
            sanction="summary_dismissal",
            decided_by=erin,
            decided_on=TERMINATION,
            expected_version=case.version,
        )
        case.refresh_from_db()
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.CLOSED, expected_version=case.version
        )
    case.refresh_from_db()
    return case


def test_it_ac_07_keeps_a_us_termination_of_31_march_2026_at_least_until_31_march_2027(terminated):
    floors = {floor.rule: floor.until for floor in guardrails.retention_floors(terminated)}
    assert floors["US-REC-001"] == datetime.date(2027, 3, 31)
    # XJ-004: the EEOC risk date (180 days from the termination end on Sun 27 Sep 2026, filed on
    # Mon 28 Sep under rule 5) plus a year.
    assert floors["XJ-004"] == datetime.date(2027, 9, 28)
    with _on(datetime.date(2027, 3, 30)), pytest.raises(GuardrailRefusal) as refused:
        services.case_erase(actor=terminated.case_manager, case=terminated, reason="Retention ended")
    assert refused.value.rule == "XJ-004"
    assert Party.objects.filter(case=terminated).exists()


def test_it_erases_personal_content_after_the_floors_unless_a_legal_hold_is_in_force(
    terminated, erin, django_capture_on_commit_callbacks
):
    hold = services.legal_hold_place(
        actor=erin, case=terminated, reason="EEOC charge 520-2026-01234 received"
    )
    with _on(datetime.date(2027, 9, 28)):
        with pytest.raises(GuardrailRefusal) as refused:
            services.case_erase(actor=erin, case=terminated, reason="Retention ended")
        assert refused.value.rule == "US-REC-002"
        with pytest.raises(ApplicationError):
            services.legal_hold_lift(actor=erin, hold=hold, reason="  ")
        services.legal_hold_lift(actor=erin, hold=hold, reason="Charge dismissed; no suit within 90 days")
        files = [d.file.name for d in terminated.documents.all() if d.file]
        assert files and all(default_storage.exists(name) for name in files)
        with django_capture_on_commit_callbacks(execute=True):  # the files go once the erasure commits
            erased = services.case_erase(actor=erin, case=terminated, reason="Retention ended")
    erased.refresh_from_db()
    assert erased.erased_at is not None and erased.summary == "" and "Joe Park" not in erased.title
    assert erased.reference in erased.title and erased.status == CaseStatus.CLOSED
    assert not Party.objects.filter(case=erased).exists()
    outcome = erased.outcome
    assert (outcome.decision, outcome.reasons, outcome.sanction) == ("", "", "summary_dismissal")
    assert not erased.meetings.exclude(outcome_summary="").exists()
    assert all(not default_storage.exists(name) for name in files)
    assert not erased.documents.exclude(file="").exists()
    assert AuditEntry.objects.filter(action="case_erased", object_id=str(erased.pk)).exists()
    assert [h.lifted_at is not None for h in LegalHold.objects.filter(case=erased)] == [True]
    with pytest.raises(ApplicationError):
        services.case_erase(actor=erin, case=erased, reason="Again")


def test_it_never_erases_an_open_case(hana, london, operations):
    employee = EmployeeFactory(location=london, department=operations)
    case = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Pay",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(employee, PartyRole.COMPLAINANT)],
    )
    assert guardrails.retention_floors(case) == []
    with pytest.raises(GuardrailRefusal):
        services.case_erase(actor=hana, case=case, reason="Retention ended")


def test_the_admin_places_a_legal_hold_and_its_erase_action_refuses_a_case_still_kept(client, terminated):
    client.force_login(User.objects.create_superuser("root@example.com", "pw"))
    response = client.post(
        reverse("admin:cases_legalhold_add"),
        {"case": terminated.pk, "reason": "Litigation notice from counsel"},
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert AuditEntry.objects.filter(action="legal_hold_placed", object_id=str(hold.pk)).exists()
    response = client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "erase_after_retention", "_selected_action": [terminated.pk]},
        follow=True,
    )
    assert "legal hold" in response.content.decode()
    terminated.refresh_from_db()
    assert terminated.erased_at is None
