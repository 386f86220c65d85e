"""Who sees consultation and agreement deadlines in the deadline list, the calendar and the API."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from deadlines import selectors as case_deadlines
from deadlines.models import Deadline
from erms.lib import workdays
from unions import services
from unions.deadlines import consultation_deadlines_sync
from unions.models import ProposalKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(erin, gb_union, other_union, hana, sam, london, operations):
    """An open GB consultation of rita's body, a US one of another body, an agreement of each,
    and a case deadline, all due this month."""
    today = timezone.localdate()
    mine = services.consultation_create(
        actor=erin,
        kind=ProposalKind.COLLECTIVE_REDUNDANCY,
        title="London redundancies",
        jurisdiction="GB",
        region="GB-ENG",
        number_affected=25,
        bodies=[gb_union],
        started_on=today - datetime.timedelta(days=25),
    )
    theirs = services.consultation_create(
        actor=erin,
        kind=ProposalKind.COLLECTIVE_REDUNDANCY,
        title="Chicago layoffs",
        jurisdiction="US",
        region="US-IL",
        number_affected=60,
        bodies=[other_union],
    )
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=theirs, on=today + datetime.timedelta(days=65)
    )
    consultation_deadlines_sync(theirs, actor=erin)
    mine_agreement = services.agreement_create(
        actor=erin,
        body=gb_union,
        title="London pay",
        valid_from=today - datetime.timedelta(days=300),
        valid_to=today + datetime.timedelta(days=3),
    )
    their_agreement = services.agreement_create(
        actor=erin,
        body=other_union,
        title="Chicago CBA",
        valid_from=today - datetime.timedelta(days=300),
        valid_to=today + datetime.timedelta(days=4),
    )
    case = case_services.case_open(
        actor=hana,
        kind="disciplinary",
        title="Conduct",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, "subject")],
    )
    case_deadline = Deadline.objects.create(
        key="investigation_target",
        title="Complete the investigation",
        due_on=today,
        owner_type="cases.case",
        owner_id=case.pk,
        due_at=workdays.end_of_day_utc(today, "Europe/London"),
        responsible=hana,
    )
    return {
        "mine": Deadline.objects.get(owner_type="unions.consultation", owner_id=mine.pk),
        "theirs": Deadline.objects.get(owner_type="unions.consultation", owner_id=theirs.pk),
        "mine_agreement": Deadline.objects.get(
            owner_type="unions.collectiveagreement", owner_id=mine_agreement.pk
        ),
        "their_agreement": Deadline.objects.get(
            owner_type="unions.collectiveagreement", owner_id=their_agreement.pk
        ),
        "case": case_deadline,
    }


def _ids(qs):
    return set(qs.values_list("pk", flat=True))


def test_er_leads_and_hr_see_every_consultation_and_agreement_deadline(dated, erin, hana):
    unions_rows = {dated[k].pk for k in ("mine", "theirs", "mine_agreement", "their_agreement")}
    assert unions_rows <= _ids(case_deadlines.deadlines_visible_to(erin))
    assert unions_rows | {dated["case"].pk} <= _ids(case_deadlines.deadlines_visible_to(hana))


def test_a_union_rep_sees_only_their_own_bodys_deadlines_and_never_a_case_deadline(dated, rita):
    assert _ids(case_deadlines.deadlines_visible_to(rita)) == {dated["mine"].pk, dated["mine_agreement"].pk}


def test_someone_without_access_to_unions_sees_none_of_them(dated, olga, sam):
    assert _ids(case_deadlines.deadlines_visible_to(olga)) == set()
    assert _ids(case_deadlines.deadlines_visible_to(sam)) == set()


def test_the_deadlines_api_lists_consultation_deadlines_for_hr(dated, client, hana):
    client.force_login(hana)
    response = client.get(
        "/api/v1/deadlines/", {"due_to": (timezone.localdate() + datetime.timedelta(days=400)).isoformat()}
    )
    assert response.status_code == 200
    rows = {r["id"]: r for r in response.json()["results"]}
    assert dated["theirs"].pk in rows and dated["mine_agreement"].pk in rows
    assert rows[dated["theirs"].pk]["owner_type"] == "unions.consultation"
    assert rows[dated["theirs"].pk]["rule_id"] == "US-RED-002"


def test_the_calendar_shows_consultation_deadlines_to_hr(dated, client, hana):
    client.force_login(hana)
    month = dated["mine_agreement"].due_on.strftime("%Y-%m")
    response = client.get(reverse("deadlines:deadline_calendar"), {"month": month, "scope": "all"})
    assert response.status_code == 200
    assert "Collective agreement expires: London pay" in response.content.decode()


def test_a_union_rep_gets_neither_the_deadlines_api_nor_the_calendar(dated, client, rita):
    client.force_login(rita)
    assert client.get("/api/v1/deadlines/").status_code == 403
    assert client.get(reverse("deadlines:deadline_calendar")).status_code == 403


def test_the_consultation_page_shows_its_deadlines_only_to_hr(dated, client, rita, erin):
    client.force_login(rita)
    mine = client.get(reverse("unions:consultation_detail", args=[dated["mine"].owner_id]))
    # The representative gets the consultation period, not HR's deadlines table.
    assert mine.status_code == 200 and "GB-RED-001" in mine.content.decode()
    assert dated["mine"].title not in mine.content.decode()
    theirs = client.get(reverse("unions:consultation_detail", args=[dated["theirs"].owner_id]))
    assert theirs.status_code == 404
    client.force_login(erin)
    mine = client.get(reverse("unions:consultation_detail", args=[dated["mine"].owner_id]))
    assert dated["mine"].title in mine.content.decode()
