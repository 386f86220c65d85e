"""The case manager stays responsible for the investigation deadline (a deadline has one responsible
person, who gets its reminders), but the investigators of a case work to it: "My deadlines" and the
calendar's "My deadlines" show it to them too, while the case is theirs to see. Not the case's other
deadlines (the hearing notice, the decision letter): those are the case manager's."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import deadlines, services
from cases.models import Case, CaseStatus
from deadlines import selectors
from erms.lib import clock
from tests.cases.lifecycle_steps import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hana, ivan, sam, london, operations) -> Case:
    case = open_case(hana, sam, london, operations)
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    services.investigation_plan_set(
        actor=hana,
        case=case,
        terms_of_reference="Find out",
        target_date=clock.today() + datetime.timedelta(days=5),
    )
    deadlines.deadline_set(
        case=case,
        key="custom",
        title="Send the invitation",
        due_on=clock.today() + datetime.timedelta(days=3),
        time_zone="Europe/London",
        responsible=hana,
    )
    return case


def _keys(rows) -> list[str]:
    return [row.key for row in rows]


def test_my_deadlines_show_the_investigator_the_investigation_deadline_of_their_case(case, hana, ivan):
    target = deadlines.case_deadline_open(case, deadlines.INVESTIGATION_TARGET)
    assert target is not None and target.responsible == hana  # the case manager stays responsible

    assert _keys(selectors.my_open_deadlines(user=ivan)) == [deadlines.INVESTIGATION_TARGET]
    assert _keys(selectors.my_open_deadlines(user=hana)) == ["custom", deadlines.INVESTIGATION_TARGET]


def test_the_calendar_shows_the_investigator_the_investigation_deadline_of_their_case(client, case, ivan):
    client.force_login(ivan)
    response = client.get(reverse("deadlines:deadline_calendar"), {"month": target_month(case)})
    assert response.status_code == 200
    shown = [d.key for week in response.context["weeks"] for day in week for d in day["all"]]
    assert shown == [deadlines.INVESTIGATION_TARGET]


def test_someone_who_may_see_the_case_but_does_not_investigate_it_is_not_shown_it(case, erin):
    assert selectors.my_open_deadlines(user=erin) == []  # the ER lead in scope sees the case, not as hers


def target_month(case: Case) -> str:
    target = deadlines.case_deadline_open(case, deadlines.INVESTIGATION_TARGET)
    assert target is not None
    return target.due_on.strftime("%Y-%m")
