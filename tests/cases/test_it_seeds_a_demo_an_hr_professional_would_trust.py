"""The demo cases read as a real caseload on the demo's day: most open cases on time and only a
few days overdue; appeal windows open or the case moved on; each country's cases with its own
HR case manager; titles that name no one; claims before the right forum; concerns raised on
recent working days; planned meetings on working days of the case's region, no companion or
room at two at once, appeal hearings inside their own target."""

from __future__ import annotations

import datetime
import io
from collections import Counter

import pytest

from accounts.demo import seed_accounts
from accounts.models import User
from cases import deadlines, guardrails
from cases.demo import seed_cases
from cases.models import Case, CaseKind, CaseStatus, Concern, Meeting, MeetingKind, MeetingStatus, Outcome
from cases.selectors import OPEN_STATUSES
from erms.lib import clock, workdays
from policies.demo import seed_policies

pytestmark = pytest.mark.django_db


def test_it_seeds_a_demo_an_hr_professional_would_trust():
    seed_accounts(io.StringIO())
    seed_policies(io.StringIO())
    seed_cases(io.StringIO())

    _at_most_four_open_cases_overdue_and_those_by_days()
    _appeal_windows_open_or_the_case_appealed()
    _cases_spread_over_the_countries_case_managers_and_hannah_keeps_hers()
    _titles_without_the_persons_name_and_claims_before_the_countrys_forum()
    _concerns_in_triage_on_recent_working_days()
    _planned_meetings_on_working_days_never_double_booked_and_appeals_heard_in_time()


def _at_most_four_open_cases_overdue_and_those_by_days() -> None:
    today = clock.today()
    overdue = Case.objects.filter(status__in=OPEN_STATUSES, next_deadline_on__lt=today)
    assert overdue.count() <= 4
    for case in overdue:
        assert case.next_deadline_on is not None and (today - case.next_deadline_on).days <= 10, case


def _appeal_windows_open_or_the_case_appealed() -> None:
    today = clock.today()
    for case in Case.objects.filter(status=CaseStatus.APPEAL_WINDOW):
        outcome = Outcome.objects.get(case=case)
        appealed = Case.objects.filter(kind=CaseKind.APPEAL, appeal_of=case).exists()
        assert appealed or (today - outcome.decided_on).days <= 7, case
        if outcome.appeal_deadline and not appealed:
            assert outcome.appeal_deadline >= today, case
    for appeal in Case.objects.filter(kind=CaseKind.APPEAL, status__in=OPEN_STATUSES):
        assert (today - clock.local_date(appeal.opened_at)).days <= 45, appeal


def _cases_spread_over_the_countries_case_managers_and_hannah_keeps_hers() -> None:
    managers = Counter(Case.objects.values_list("case_manager__email", flat=True))
    assert len(managers) >= 4
    assert max(managers.values()) <= 25
    assert managers["hr@example.com"] >= 8
    for case in Case.objects.exclude(kind=CaseKind.CLAIM).select_related("case_manager__employee__location"):
        assert case.case_manager.employee.location.jurisdiction == case.jurisdiction, case


def _titles_without_the_persons_name_and_claims_before_the_countrys_forum() -> None:
    for case in Case.objects.prefetch_related("parties__employee"):
        for party in case.parties.all():
            assert party.employee.full_name not in case.title, case.title
            assert party.employee.last_name not in case.title.split(), case.title
    forum = {
        "GB": "Employment tribunal claim",
        "US": "EEOC charge",
        "NO": "Claim before the district court",
        "VN": "Labour dispute",
    }
    claims = Case.objects.filter(kind=CaseKind.CLAIM)
    assert claims.filter(jurisdiction="NO").exists()
    for claim in claims:
        assert claim.title.startswith(forum[claim.jurisdiction]), claim.title


def _concerns_in_triage_on_recent_working_days() -> None:
    today = clock.today()
    recent = Concern.objects.filter(case__isnull=True)
    assert recent.count() == 5
    for concern in recent:
        day = clock.local_date(concern.created_at)
        assert day.weekday() < 5 and today - datetime.timedelta(days=14) <= day < today, concern
    assert User.objects.filter(email="hr@example.com").exists()


def _planned_meetings_on_working_days_never_double_booked_and_appeals_heard_in_time() -> None:
    planned = Meeting.objects.filter(status=MeetingStatus.SCHEDULED).select_related("case__location")
    assert planned.exists()
    companions = Counter((m.companion_id, m.scheduled_for) for m in planned if m.companion_id)
    assert max(companions.values(), default=1) == 1, companions.most_common(3)
    rooms = Counter((m.case.location_id, m.place, m.scheduled_for) for m in planned if m.place)
    assert max(rooms.values(), default=1) == 1, rooms.most_common(3)
    for meeting in planned:
        region = guardrails.case_region(meeting.case)
        day = clock.local_date(meeting.scheduled_for)
        assert workdays.is_working_day(day, region, guardrails.closures_for(region)), (meeting.case, day)
        if meeting.kind == MeetingKind.APPEAL_HEARING:
            target = deadlines.case_deadline_open(meeting.case, deadlines.APPEAL_HEARING_TARGET)
            assert target is None or day <= target.due_on, (meeting.case, day, target.due_on)
