"""A meeting cannot be recorded as held before its notice was given, nor a hearing held whose
notice was never recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind, Meeting, MeetingKind, MeetingStatus
from tests.cases.case_steps import open_case
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

INTERVIEW = MeetingKind.INVESTIGATION_INTERVIEW


def _meeting(hana, erin, case, kind, days_ago, notice=None):
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind=kind,
        scheduled_for=timezone.now() - datetime.timedelta(days=days_ago),
        chair=erin,
        notice_sent_on=notice,
    )


def test_it_refuses_a_meeting_dated_before_its_notice(hana, erin, sam, london, operations):
    case = open_case(hana, sam.employee_record, london, operations, CaseKind.INVESTIGATION)
    with pytest.raises(GuardrailRefusal) as refused:
        _meeting(hana, erin, case, INTERVIEW, 7, notice=timezone.localdate())
    assert refused.value.field == "notice_sent_on"
    assert not case.meetings.exists()


def test_it_refuses_recording_a_meeting_held_before_its_notice(hana, erin, sam, london, operations):
    case = open_case(hana, sam.employee_record, london, operations, CaseKind.INVESTIGATION)
    meeting = _meeting(
        hana, erin, case, INTERVIEW, 7, notice=timezone.localdate() - datetime.timedelta(days=9)
    )
    # The notice date was corrected later (e.g. in admin) to after the meeting.
    Meeting.objects.filter(pk=meeting.pk).update(notice_sent_on=timezone.localdate())
    meeting.refresh_from_db()
    with pytest.raises(GuardrailRefusal):
        services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Talked")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_it_refuses_recording_a_hearing_held_without_a_recorded_notice(hana, erin, sam, new_york, operations):
    # The US procedure's notice only warns, so the hearing could be set without an invitation date.
    case = open_case(hana, sam.employee_record, new_york, operations, CaseKind.DISCIPLINARY)
    meeting = _meeting(hana, erin, case, MeetingKind.DISCIPLINARY_HEARING, 3)
    with pytest.raises(GuardrailRefusal) as refused:
        services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    assert refused.value.field == "notice_sent_on"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    # Given with the record, the invitation date is kept and the hearing is recorded as held.
    invited = meeting.scheduled_for.date() - datetime.timedelta(days=10)
    held = services.meeting_record_held(
        actor=hana, meeting=meeting, outcome_summary="Heard", notice_sent_on=invited
    )
    assert (held.status, held.notice_sent_on) == (MeetingStatus.HELD, invited)


def test_an_interview_needs_no_recorded_notice(hana, erin, sam, london, operations):
    case = open_case(hana, sam.employee_record, london, operations, CaseKind.INVESTIGATION)
    meeting = _meeting(hana, erin, case, INTERVIEW, 1)
    held = services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Talked")
    assert held.status == MeetingStatus.HELD
