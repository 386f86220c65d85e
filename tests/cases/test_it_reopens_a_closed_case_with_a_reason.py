"""Reopening a closed or withdrawn case: an ER lead in scope or an HR admin, with a reason; audited,
on the timeline, back to the status it closed from; what lapsed on closing stays lapsed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from audit.models import AuditEntry
from cases import deadlines, services
from cases.models import Case, CaseStatus, ErLeadScope, TimelineEntry, TimelineKind
from deadlines.models import Deadline, DeadlineStatus
from tests.cases.lifecycle_steps import close, decide, hold_hearing, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(hana, erin, sam, london, operations) -> Case:
    case = open_case(hana, sam, london, operations)
    hold_hearing(hana, erin, case)
    services.allegation_add(actor=hana, case=case, category="conduct", description="Shouted")
    decide(hana, erin, case)
    close(hana, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.status_before_close == CaseStatus.APPEAL_WINDOW
    return case


def _reopen(user, case, reason="A late appeal arrived by post"):
    api = APIClient()
    api.force_login(user)
    return api.post(f"/api/v1/cases/{case.pk}/reopen/", {"reason": reason}, format="json")


@pytest.mark.parametrize("who", ["erin", "ada"])
def test_it_lets_an_er_lead_in_scope_or_an_hr_admin_reopen_with_a_reason(request, closed, who):
    user = request.getfixturevalue(who)
    response = _reopen(user, closed)
    assert response.status_code == 200, response.content
    closed.refresh_from_db()
    # Back to the appeal window it closed from: its deadline (Wed 16 Dec 2026) is still ahead.
    assert closed.status == CaseStatus.APPEAL_WINDOW and closed.closed_at is None
    entry = AuditEntry.objects.filter(case_id=closed.pk, action="case_reopened").get()
    assert entry.actor_id == user.pk and entry.changes["reason"] == [None, "A late appeal arrived by post"]
    assert TimelineEntry.objects.filter(
        case=closed, kind=TimelineKind.STATUS, summary="Case reopened: Closed → Appeal window"
    ).exists()
    windows = Deadline.objects.filter(
        owner_type=deadlines.CASE_OWNER_TYPE, owner_id=closed.pk, key=deadlines.APPEAL_WINDOW
    )
    assert sorted(windows.values_list("status", flat=True)) == [DeadlineStatus.CANCELLED, DeadlineStatus.OPEN]
    assert closed.next_deadline_on is not None


def test_it_refuses_a_reopen_without_a_reason(erin, closed):
    assert _reopen(erin, closed, reason="").status_code == 400
    assert _reopen(erin, closed, reason="   ").status_code == 400
    assert Case.objects.get(pk=closed.pk).status == CaseStatus.CLOSED


@pytest.mark.parametrize(
    ("who", "code"), [("hana", 403), ("ivan", 404), ("liam", 404), ("rita", 404), ("olga", 404)]
)
def test_it_refuses_everyone_else(request, closed, who, code):
    assert _reopen(request.getfixturevalue(who), closed).status_code == code
    assert Case.objects.get(pk=closed.pk).status == CaseStatus.CLOSED


def test_it_refuses_an_er_lead_out_of_scope_and_a_view_only_grant(hana, erin, liam, closed):
    ErLeadScope.objects.filter(user=erin).exclude(jurisdiction="US").delete()
    erin = type(erin).objects.get(pk=erin.pk)
    assert _reopen(erin, closed).status_code == 404
    services.case_grant_access(actor=hana, case=closed, user=liam)
    assert _reopen(liam, closed).status_code == 403


def test_it_answers_only_post(erin, closed):
    api = APIClient()
    api.force_login(erin)
    assert api.get(f"/api/v1/cases/{closed.pk}/reopen/").status_code == 405


def test_it_refuses_to_reopen_an_open_case(erin, hana, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    assert _reopen(erin, case).status_code == 400


def test_it_brings_back_a_passed_appeal_window_as_the_decision(erin, closed):
    with time_machine.travel(datetime.datetime(2026, 12, 21, 10, tzinfo=datetime.UTC), tick=True):
        assert _reopen(erin, closed).status_code == 200
    closed.refresh_from_db()
    assert closed.status == CaseStatus.DECISION
    assert (
        not Deadline.objects.filter(
            owner_type=deadlines.CASE_OWNER_TYPE, owner_id=closed.pk, status=DeadlineStatus.OPEN
        )
        .exclude(is_risk_date=True)
        .exists()
    )


def test_it_offers_reopen_on_the_page_of_a_closed_case_only_to_those_who_may(client, erin, hana, closed):
    client.force_login(hana)
    assert "Reopen the case" not in client.get(closed.get_absolute_url()).content.decode()
    assert (
        client.post(
            f"/cases/{closed.pk}/reopen/", {"reason": "x", "expected_version": closed.version}
        ).status_code
        == 403
    )

    client.force_login(erin)
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "Reopen the case" in page and "None: the case is closed." in page
    refused = client.post(f"/cases/{closed.pk}/reopen/", {"reason": "", "expected_version": closed.version})
    assert refused.status_code == 200 and Case.objects.get(pk=closed.pk).status == CaseStatus.CLOSED
    done = client.post(
        f"/cases/{closed.pk}/reopen/", {"reason": "Late appeal", "expected_version": closed.version}
    )
    assert done.status_code == 302 and Case.objects.get(pk=closed.pk).status == CaseStatus.APPEAL_WINDOW
    assert client.get(f"/cases/{closed.pk}/reopen/").status_code == 405
