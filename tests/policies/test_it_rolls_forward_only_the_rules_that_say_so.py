"""DOMAIN.md "How deadlines are computed", rule 5: only US-LIM-001, US-LIM-002, NO-LIM-001 and
VN-LIM-001 move a weekend or holiday end to the next working day; the answer keeps the unmoved
date and says why it moved."""

import datetime

import pytest
from django.urls import reverse

from policies import services
from policies.models import Rule
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]
D = datetime.date


def deadline(rule_id, start, region, variant=None):
    return services.rule_deadline(Rule.objects.get(rule_id=rule_id), start, region, variant)


def test_it_rule_5_sets_roll_forward_on_exactly_the_four_limitation_rules():
    rolled = set(Rule.objects.filter(roll_forward=True).values_list("rule_id", flat=True))
    assert rolled == {"US-LIM-001", "US-LIM-002", "NO-LIM-001", "VN-LIM-001"}


def test_it_e4_eeoc_300_days_ending_on_veterans_day_rolls_to_thu_12_nov_2026():
    result = deadline("US-LIM-001", D(2026, 1, 15), "US-NY", "state_agency")
    assert result.due == D(2026, 11, 12)
    assert result.due_unmoved == D(2026, 11, 11)
    assert result.falls_on is None
    assert "Wed 11 Nov 2026" in result.moved_reason and "Thu 12 Nov" in result.moved_reason


def test_it_ac_07_risk_date_with_a_state_agency_is_thu_12_nov_and_without_tue_14_jul():
    result = deadline("US-LIM-001", D(2026, 1, 15), "US-NY")
    assert result.due == D(2026, 7, 14) and result.due_unmoved is None and result.moved_reason == ""
    assert [(v.key, v.due) for v in result.other_variants] == [("state_agency", D(2026, 11, 12))]


def test_it_rule_5_does_not_move_the_gb_tribunal_limit_off_a_weekend():
    # EDT Sun 15 Mar 2026 → 3 months less a day ends Sun 14 Jun 2026, not moved (GB-LIM-001).
    result = deadline("GB-LIM-001", D(2026, 3, 15), "GB-ENG")
    assert result.due == D(2026, 6, 14) and result.due_unmoved is None
    assert result.falls_on is not None


def test_it_rule_5_does_not_move_the_employers_own_vn_limit():
    # VN-DISC-003 from Sun 14 Dec 2025: 6 months ends Sun 14 Jun 2026, not moved (the employer's own limit).
    result = deadline("VN-DISC-003", D(2025, 12, 14), "VN")
    assert result.due == D(2026, 6, 14) and result.due_unmoved is None


def test_it_rule_5_moves_a_no_lawsuit_limit_ending_on_a_saturday_to_monday():
    # 8 weeks from Sat 19 Sep 2026 ends Sat 14 Nov 2026 → Mon 16 Nov (NO-LIM-001, domstolloven §149).
    result = deadline("NO-LIM-001", D(2026, 9, 19), "NO")
    assert (result.due, result.due_unmoved) == (D(2026, 11, 16), D(2026, 11, 14))
    assert result.moved_reason == "Sat 14 Nov 2026 is not a working day: moved to Mon 16 Nov"


def test_it_rule_5_api_answers_due_due_unmoved_and_the_reason(client, hana):
    client.force_login(hana)
    data = client.get(
        reverse("api:rule-deadline", args=["NO-LIM-001"]), {"start": "2026-09-19", "region": "NO"}
    ).json()
    assert (data["due"], data["due_unmoved"]) == ("2026-11-16", "2026-11-14")
    assert data["moved_reason"] == "Sat 14 Nov 2026 is not a working day: moved to Mon 16 Nov"
    unmoved = client.get(
        reverse("api:rule-deadline", args=["GB-ACC-002"]), {"start": "2026-04-01", "region": "GB-ENG"}
    ).json()
    assert unmoved["due_unmoved"] is None and unmoved["moved_reason"] == ""


def test_it_rule_5_calculator_page_shows_both_dates_and_the_reason(client, hana):
    client.force_login(hana)
    page = client.get(
        reverse("policies:deadline_calculator"), {"rule": "NO-LIM-001", "start": "2026-09-19", "region": "NO"}
    ).content.decode()
    assert "Monday 16 Nov 2026" in page
    assert "Sat 14 Nov 2026 is not a working day: moved to Mon 16 Nov" in page
