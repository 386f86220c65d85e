"""XJ-001 / AC-03: the appeal is heard by nobody involved before: not whoever raised the concern,
decided the outcome, chaired the hearing or investigated, nor a party; an ER lead may override
with a reason."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind, MeetingKind, PartyRole
from tests.days import AFTER_SPRING_2026
from tests.factories import EmployeeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]


@pytest.fixture
def people(db):
    return {
        name: UserFactory(email=f"{name}@example.com", full_name=f"{name.title()} Person")
        for name in ("chair", "decider", "witness", "outsider")
    }


@pytest.fixture
def appeal(hana, erin, ivan, liam, sam, people):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouted at a customer"
    )
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal"
    )
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    witness = people["witness"]
    witness_employee = EmployeeFactory(user=witness, location=case.location, department=case.department)
    services.party_add(actor=hana, case=case, employee=witness_employee, role=PartyRole.WITNESS)
    day = timezone.localdate() - datetime.timedelta(days=3)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        chair=people["chair"],
        notice_sent_on=day - datetime.timedelta(days=30),
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction="first_written_warning",
        decided_by=people["decider"],
        expected_version=case.version,
    )
    case.refresh_from_db()
    return services.appeal_open(actor=hana, original=case, grounds="Too harsh", case_manager=hana)


def _appeal_hearing(actor, appeal, chair, override_reason=""):
    day = timezone.localdate() + datetime.timedelta(days=20)
    return services.meeting_schedule(
        actor=actor,
        case=appeal,
        kind=MeetingKind.APPEAL_HEARING,
        scheduled_for=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        chair=chair,
        notice_sent_on=timezone.localdate(),
        override_reason=override_reason,
    )


@pytest.mark.parametrize("who", ["concern_author", "decider", "chair", "investigator", "witness", "manager"])
def test_it_refuses_anyone_involved_before_as_appeal_chair(request, appeal, hana, people, who):
    chair = {
        "concern_author": request.getfixturevalue("liam"),
        "decider": people["decider"],
        "chair": people["chair"],
        "investigator": request.getfixturevalue("ivan"),
        "witness": people["witness"],
        "manager": hana,
    }[who]
    with pytest.raises(GuardrailRefusal) as refused:
        _appeal_hearing(hana, appeal, chair)
    assert refused.value.rule == "XJ-001"
    assert not appeal.meetings.exists()


def test_an_er_lead_may_seat_the_concern_author_with_a_reason(appeal, erin, liam):
    meeting = _appeal_hearing(erin, appeal, liam, override_reason="Only senior manager available")
    assert meeting.chair == liam


def test_an_uninvolved_chair_hears_the_appeal(appeal, hana, people):
    assert _appeal_hearing(hana, appeal, people["outsider"]).chair == people["outsider"]
