"""A consultation's statutory requirements say in plain words what each one means and where it
stands, not the rule table's codes ("deadline done", "warning unverified")."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_words_each_requirements_standing_plainly(client, erin, gb_consultation):
    client.force_login(erin)
    page = client.get(reverse("unions:consultation_detail", args=[gb_consultation.pk])).content.decode()
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    badges = re.findall(r'<span class="badge[^"]*">([^<]*)</span>', table)
    assert badges, "each requirement shows where it stands"
    raw = {"blocks", "deadline", "warning", "inactive", "unverified", "done", "outstanding"}
    assert not raw & set(badges)
    assert {"Done", "Must be done first", "Date to keep", "To consider", "Not done yet"} & set(badges)


def test_it_offers_regions_by_name_grouped_by_country_and_shows_the_name(client, erin, gb_union):
    client.force_login(erin)
    form = client.get(reverse("unions:consultation_create")).content.decode()
    select = re.search(r'<select name="region"[^>]*>(.*?)</select>', form, re.S).group(1)
    assert '<option value="GB-ENG">England</option>' in select
    assert '<optgroup label="United States' in select or '<optgroup label="US' in select
    from unions import services

    consultation = services.consultation_create(
        actor=erin,
        kind="collective_redundancy",
        title="Night shift",
        jurisdiction="GB",
        region="GB-SCT",
        number_affected=25,
        bodies=[gb_union],
    )
    page = client.get(reverse("unions:consultation_detail", args=[consultation.pk])).content.decode()
    assert "Scotland" in page and "(GB-SCT)" not in page
