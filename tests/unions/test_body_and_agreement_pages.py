"""Body, negotiation and agreement pages; membership is shown only to perm holders and every view is logged."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from erms.lib.errors import ApplicationError
from unions import services
from unions.models import (
    BargainingItem,
    BargainingRound,
    CollectiveAgreement,
    Dispute,
    MembershipAccessLog,
    UnionMembership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(gb_union, sam):
    return UnionMembership.objects.create(
        employee=sam.employee_record,
        body=gb_union,
        since=datetime.date(2019, 5, 1),
        purpose="Consultation pool",
    )


def test_the_body_list_shows_a_rep_only_their_body(client, rita, gb_union, other_union):
    client.force_login(rita)
    body = client.get(reverse("unions:body_list")).content.decode()
    assert gb_union.name in body and other_union.name not in body


def test_the_body_list_is_refused_to_an_outsider_and_to_post(client, olga, erin):
    client.force_login(olga)
    assert client.get(reverse("unions:body_list")).status_code == 403
    client.force_login(erin)
    assert client.post(reverse("unions:body_list")).status_code == 405


def test_er_lead_sees_members_and_the_view_is_written_to_the_access_log(client, erin, gb_union, membership):
    client.force_login(erin)
    response = client.get(gb_union.get_absolute_url())
    assert response.status_code == 200
    assert "Sam Subject" in response.content.decode()
    entry = MembershipAccessLog.objects.get()
    assert (entry.user, entry.body, entry.via, entry.rows) == (erin, gb_union, "page", 1)


def test_a_rep_and_a_case_manager_see_the_body_but_no_members_and_nothing_is_logged(
    client, rita, hana, gb_union, membership
):
    for user in (rita, hana):
        client.force_login(user)
        response = client.get(gb_union.get_absolute_url())
        assert response.status_code == 200
        assert "Shop steward" in response.content.decode()
        assert "Sam Subject" not in response.content.decode()
    assert not MembershipAccessLog.objects.exists()


def test_the_body_page_is_404_for_another_bodys_rep_and_refuses_post(client, rita, erin, other_union):
    client.force_login(rita)
    assert client.get(other_union.get_absolute_url()).status_code == 404
    client.force_login(erin)
    assert client.post(other_union.get_absolute_url()).status_code == 405


def test_reading_membership_without_the_permission_is_refused(rita, gb_union, membership):
    with pytest.raises(ApplicationError):
        services.membership_read(actor=rita, body=gb_union)
    assert not MembershipAccessLog.objects.exists()


def test_the_negotiation_pages_show_rounds_and_disputes_to_the_bodys_rep_only(
    client, rita, gb_negotiation, other_negotiation
):
    first = BargainingRound.objects.create(
        negotiation=gb_negotiation, number=1, held_on=datetime.date(2026, 2, 1)
    )
    BargainingItem.objects.create(round=first, kind="claim", made_on=first.held_on, text="Five percent")
    Dispute.objects.create(negotiation=gb_negotiation, kind="ballot", date=datetime.date(2026, 3, 1))
    client.force_login(rita)
    listing = client.get(reverse("unions:negotiation_list")).content.decode()
    assert gb_negotiation.title in listing and other_negotiation.title not in listing
    body = client.get(gb_negotiation.get_absolute_url()).content.decode()
    assert "Five percent" in body and "Ballot" in body
    assert client.get(other_negotiation.get_absolute_url()).status_code == 404


def test_the_negotiation_pages_refuse_an_outsider_and_post(client, olga, erin, gb_negotiation):
    client.force_login(olga)
    assert client.get(reverse("unions:negotiation_list")).status_code == 403
    assert client.get(gb_negotiation.get_absolute_url()).status_code == 403
    client.force_login(erin)
    assert client.post(reverse("unions:negotiation_list")).status_code == 405
    assert client.post(gb_negotiation.get_absolute_url()).status_code == 405


def test_the_agreement_list_highlights_agreements_expiring_within_30_days(
    client, erin, gb_union, other_agreement
):
    soon = CollectiveAgreement.objects.create(
        body=gb_union,
        title="Expiring pay deal",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=timezone.localdate() + datetime.timedelta(days=20),
    )
    client.force_login(erin)
    body = client.get(reverse("unions:agreement_list")).content.decode()
    assert soon.title in body and other_agreement.title in body
    assert body.count("expiring soon") == 1


def test_the_agreement_list_shows_a_rep_only_their_body_and_refuses_outsiders_and_post(
    client, rita, olga, gb_agreement, other_agreement
):
    client.force_login(rita)
    body = client.get(reverse("unions:agreement_list")).content.decode()
    assert gb_agreement.title in body and other_agreement.title not in body
    assert client.post(reverse("unions:agreement_list")).status_code == 405
    client.force_login(olga)
    assert client.get(reverse("unions:agreement_list")).status_code == 403
