"""NO-RED-004 (DOMAIN.md): in a mass dismissal a notice counts as given no earlier than the NAV notice
+ 30 cd, and the individual notice period (NO-TERM-005) then runs from the 1st of the following month,
so ERMS shows both dates."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import Jurisdiction
from tests.days import DATE_SENSITIVE
from tests.unions.conftest import make_consultation
from unions import statutory

D = datetime.date

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def _nav_5_january(**fields):
    values = {"government_notified_on": D(2026, 1, 5), **fields}
    return make_consultation(
        jurisdiction=Jurisdiction.NO, number_affected=12, started_on=D(2026, 1, 5), **values
    )


def _no_red_004(consultation):
    return next(
        r
        for r in statutory.requirements(consultation)
        if r.rule_id == "NO-RED-004" and r.kind == statutory.Kind.MINIMUM_PERIOD
    )


def test_it_no_red_004_notice_counts_as_given_wed_4_feb_and_the_last_day_is_tue_31_mar():
    req = _no_red_004(_nav_5_january())
    assert req.date == D(2026, 2, 4)
    # 1 month (NO-TERM-005, the shortest) from Sun 1 Mar 2026 → Tue 31 Mar 2026.
    assert req.last_day == D(2026, 3, 31)
    assert "NO-TERM-005" in req.last_day_label


def test_it_no_red_004_has_no_last_day_before_nav_is_notified():
    req = _no_red_004(_nav_5_january(government_notified_on=None))
    assert (req.date, req.last_day) == (None, None)


def test_it_no_red_004_page_and_api_show_both_dates(client, erin, gb_union):
    consultation = _nav_5_january()
    consultation.bodies.add(gb_union)
    client.force_login(erin)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Wed 4 Feb 2026" in body and "Tue 31 Mar 2026" in body
    data = client.get(reverse("api:consultation-detail", args=[consultation.pk])).json()
    req = next(r for r in data["requirements"] if r["rule_id"] == "NO-RED-004")
    assert (req["date"], req["last_day"]) == ("2026-02-04", "2026-03-31")
