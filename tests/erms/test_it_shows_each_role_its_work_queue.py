"""Home is each role's work queue: counts of what needs the user today, over what they may see,
each opening the list behind it, which shows exactly as many rows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from cases import services
from cases.models import Case, CaseKind, Letter, LetterStatus, Meeting, MeetingKind, PartyRole, TimelineEntry
from erms.lib import clock

pytestmark = pytest.mark.django_db


def _case(hana, sam, title: str, **fields) -> Case:
    employee = sam.employee_record
    case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title=title,
        summary="",
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )
    if fields:
        Case.objects.filter(pk=case.pk).update(**fields)
    return case


@pytest.fixture
def work(hana, sam, rita):
    today = clock.today()
    overdue = _case(hana, sam, "Overdue", next_deadline_on=today - datetime.timedelta(days=2))
    _case(hana, sam, "Due soon", next_deadline_on=today + datetime.timedelta(days=3))
    _case(hana, sam, "Due later", next_deadline_on=today + datetime.timedelta(days=30))
    quiet = _case(hana, sam, "Quiet", opened_at=clock.now() - datetime.timedelta(days=60))
    TimelineEntry.objects.filter(case=quiet).update(created_at=clock.now() - datetime.timedelta(days=45))
    Meeting.objects.create(
        case=overdue,
        kind=MeetingKind.DISCIPLINARY_HEARING,
        scheduled_for=clock.now() + datetime.timedelta(days=2),
        chair=hana,
        companion=rita.employee_record,
    )
    Letter.objects.create(
        case=overdue,
        kind="disciplinary_invitation",
        language="en",
        status=LetterStatus.FAILED,
        addressee=sam.employee_record,
        issued_by=hana,
    )
    return overdue


def _queue(client, user) -> dict[str, tuple[int, str]]:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {str(item.label): (item.count, item.url) for item in response.context["work"]}


def _listed(client, url: str) -> int:
    body = client.get(url).content.decode()
    if "/cases/?" in url:
        return int(re.search(r"(\d+) cases?<", body).group(1))
    return body.count("<tr") - 1  # the header row


def test_it_counts_a_case_managers_work_and_each_count_opens_as_many_rows(client, hana, work):
    queue = _queue(client, hana)
    assert queue["Cases you can see with an overdue deadline"][0] == 1
    assert queue["Cases you can see with a deadline in the next 7 days"][0] == 1
    assert queue["Hearings and meetings in the next 7 days"][0] == 1
    assert queue["Letters waiting or failed"][0] == 1
    assert queue["Cases without activity for 30 days"][0] == 1
    assert queue["Open cases you can see"][0] == 4
    for label, (count, url) in queue.items():
        if url.startswith("/cases/?"):
            assert _listed(client, url) == count, label


def test_it_counts_only_what_the_user_may_see(client, ivan, work):
    queue = _queue(client, ivan)
    assert queue["Cases you can see with an overdue deadline"][0] == 0
    assert queue["Open cases you can see"][0] == 0
    services.case_add_investigator(actor=work.case_manager, case=work, investigator=ivan)
    queue = _queue(client, ivan)
    assert queue["Cases you can see with an overdue deadline"][0] == 1
    assert queue["Open cases you can see"][0] == 1


def test_it_shows_the_subject_of_a_case_none_of_its_work(client, sam, work):
    queue = _queue(client, sam)
    assert "Cases you can see with an overdue deadline" not in queue
    assert "Cases shared with me" not in queue


def test_it_shows_a_line_manager_their_waiting_concerns_and_the_cases_shared_with_them(
    client, liam, hana, sam, work
):
    services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouting"
    )
    services.case_grant_access(actor=hana, case=work, user=liam)
    queue = _queue(client, liam)
    assert queue["My concerns awaiting HR"] == (1, reverse("cases:my_concerns") + "?waiting=1")
    assert queue["Cases shared with me"][0] == 1
    assert _listed(client, queue["Cases shared with me"][1]) == 1
    assert "Cases you can see with an overdue deadline" not in queue


def test_it_shows_a_union_rep_the_hearings_they_attend_and_their_consultations(client, rita, work):
    queue = _queue(client, rita)
    count, url = queue["Meetings I attend, still to come"]
    assert count == 1
    assert "Accompanying" in client.get(url).content.decode()
    assert "Cases you can see with an overdue deadline" not in queue


def test_it_shows_hr_the_concerns_waiting_for_triage(client, hana, liam, sam):
    services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouting"
    )
    assert _queue(client, hana)["Concerns waiting for triage"] == (1, reverse("cases:triage_queue"))


def test_it_counts_a_case_managers_work_in_a_fixed_number_of_queries(
    client, hana, sam, work, django_assert_num_queries
):
    client.force_login(hana)
    client.get(reverse("home"))
    for n in range(5):
        _case(hana, sam, f"More {n}", next_deadline_on=clock.today())
    with django_assert_num_queries(15):
        client.get(reverse("home"))
