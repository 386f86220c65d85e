"""A consultation's page fits its proposal: the dismissal steps (government notification, first
dismissal) only on a collective redundancy; the day count says what it counts from; the region only
when it is not the country itself; no statutory rule is worded as what ERMS holds, not as advice."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Jurisdiction
from tests.unions.conftest import make_consultation
from unions.models import ProposalKind

pytestmark = pytest.mark.django_db


def _page(client, user, consultation) -> str:
    client.force_login(user)
    return client.get(reverse("unions:consultation_detail", args=[consultation.pk])).content.decode()


def test_it_offers_the_dismissal_steps_on_a_collective_redundancy(client, erin, gb_union):
    page = _page(client, erin, make_consultation(gb_union))
    assert "Record government notification" in page and "Plan the first dismissal" in page
    assert "Government notified on" in page and "First dismissal planned on" in page


def test_it_leaves_the_dismissal_steps_off_a_change_to_terms(client, erin, gb_union):
    consultation = make_consultation(
        gb_union, kind=ProposalKind.CHANGE_TO_TERMS, title="New shift pattern", government_notified_on=None
    )
    page = _page(client, erin, consultation)
    assert "Record government notification" not in page and "Plan the first dismissal" not in page
    assert "Government notified on" not in page and "First dismissal planned on" not in page
    assert "Add to the log" in page


def test_it_says_what_the_day_count_counts_from(client, erin, gb_union):
    started = timezone.localdate() - datetime.timedelta(days=8)
    consultation = make_consultation(
        gb_union, kind=ProposalKind.CHANGE_TO_TERMS, started_on=started, government_notified_on=None
    )
    page = _page(client, erin, consultation)
    found = re.search(r'<section class="card where-are-we".*?</section>', page, flags=re.S)
    assert found
    card = found.group(0)
    assert "Day 8 since the consultation opened on" in card
    assert started.strftime("%b") in card


def test_it_names_the_region_only_when_it_is_not_the_country(client, erin, gb_union):
    vietnam = make_consultation(gb_union, jurisdiction=Jurisdiction.VN, region="VN", title="Factory move")
    assert "Vietnam (Vietnam)" not in _page(client, erin, vietnam)
    england = make_consultation(gb_union, region="GB-ENG", title="Depot closure")
    assert "(England)" in _page(client, erin, england)


def test_it_says_erms_holds_no_rule_rather_than_that_none_applies(client, erin, gb_union):
    consultation = make_consultation(
        gb_union, kind=ProposalKind.OTHER, title="Canteen hours", government_notified_on=None
    )
    page = _page(client, erin, consultation)
    assert "No statutory consultation requirements apply" not in page
    assert "ERMS holds no statutory rule for this kind of proposal in United Kingdom (Great Britain)" in page
