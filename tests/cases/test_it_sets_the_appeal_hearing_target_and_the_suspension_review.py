"""The procedures' appeal hearing target and suspension review become deadlines (GB-APP-001 "hear",
VN-SUSP-001), met when the appeal is heard."""

from __future__ import annotations

import datetime

import pytest

from cases import deadlines, services
from cases.models import LetterKind, MeetingKind, Sanction
from deadlines.models import Deadline, DeadlineStatus
from erms.lib import clock
from tests.cases.test_letters import decide, make_employee, make_organisation, open_case

pytestmark = pytest.mark.django_db


def _deadline(case, key):
    return Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=key)


def test_it_sets_the_gb_appeal_hearing_target_when_an_appeal_is_lodged_and_meets_it_at_the_hearing(
    hana, erin, ada, london, operations
):
    case = decide(
        hana,
        open_case(hana, make_employee(london, operations, "Sam", "Stone")),
        erin,
        Sanction.FIRST_WRITTEN_WARNING,
    )
    appeal = services.appeal_open(actor=hana, original=case, grounds="Too harsh", case_manager=hana)
    target = _deadline(appeal, deadlines.APPEAL_HEARING_TARGET)
    assert target.rule_id == "GB-APP-001"
    assert target.due_on > clock.today("Europe/London")
    meeting = services.meeting_schedule(
        actor=hana,
        case=appeal,
        kind=MeetingKind.APPEAL_HEARING,
        scheduled_for=clock.now() - datetime.timedelta(hours=1),
        chair=ada,
        notice_sent_on=clock.today() - datetime.timedelta(days=14),
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    assert _deadline(appeal, deadlines.APPEAL_HEARING_TARGET).status == DeadlineStatus.MET


def test_it_sets_no_appeal_hearing_target_where_no_procedure_names_one(hana, erin, new_york, operations):
    case = decide(
        hana,
        open_case(hana, make_employee(new_york, operations, "Joe", "Park")),
        erin,
        Sanction.FIRST_WRITTEN_WARNING,
    )
    appeal = services.appeal_open(actor=hana, original=case, grounds="Unfair", case_manager=hana)
    assert not Deadline.objects.filter(owner_id=appeal.pk, key=deadlines.APPEAL_HEARING_TARGET).exists()


def test_it_sets_the_vietnamese_suspension_review_from_the_suspension_confirmation(hana, hanoi, operations):
    make_organisation()
    case = open_case(hana, make_employee(hanoi, operations, "Minh", "Tran Van"))
    start = clock.today("Asia/Ho_Chi_Minh")
    services.letter_issue(
        actor=hana,
        case=case,
        kind=LetterKind.SUSPENSION_CONFIRMATION,
        language="vi",
        details={
            "suspended_from": start.isoformat(),
            "suspended_until": (start + datetime.timedelta(days=14)).isoformat(),
            "review_on": (start + datetime.timedelta(days=30)).isoformat(),
            "suspension_reason": "Investigation into the cash shortfall",
        },
    )
    review = _deadline(case, deadlines.SUSPENSION_REVIEW)
    # VN-SUSP-001: 15 days counting the first, sooner than the letter's review date.
    assert (review.rule_id, review.due_on) == ("VN-SUSP-001", start + datetime.timedelta(days=14))
