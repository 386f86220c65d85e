"""Which sanctions exist in each country, and how long each stays live where the procedure sets
no period."""

from __future__ import annotations

from erms.lib import workdays
from policies import jurisdictions

LADDER = (
    "no_action",
    "informal_action",
    "verbal_warning",
    "first_written_warning",
    "final_written_warning",
    "dismissal_with_notice",
    "summary_dismissal",
)


def test_vietnam_allows_only_the_labour_code_sanctions():
    vn = jurisdictions.for_code("VN")
    assert vn.sanctions == ("no_action", "reprimand", "pay_rise_deferral", "demotion", "dismissal")
    assert not vn.allows("first_written_warning") and vn.sanction_rule == "VN-SANC-001"


def test_elsewhere_the_organisation_ladder_applies():
    for code in ("GB", "US", "NO"):
        country = jurisdictions.for_code(code)
        assert country.sanctions == LADDER and country.sanction_rule == "SANCTION-LADDER"
        assert not country.allows("reprimand")


def test_a_vietnamese_sanction_is_cleared_after_the_labour_code_period_counted_from_the_day_after():
    vn = jurisdictions.for_code("VN")
    assert vn.live_months == {"reprimand": 3, "pay_rise_deferral": 6, "demotion": 36}
    assert (vn.live_counting, vn.live_rule) == (workdays.EXCLUDES_TRIGGER_DAY, "VN-SANC-003")


def test_a_british_warning_is_live_from_its_issue_date_as_day_one():
    gb = jurisdictions.for_code("GB")
    assert gb.live_months == {"verbal_warning": 6, "first_written_warning": 12, "final_written_warning": 12}
    assert (gb.live_counting, gb.live_rule) == (workdays.INCLUDES_TRIGGER_DAY, "GB-SANC-001")
    assert [jurisdictions.for_code(code).live_rule for code in ("US", "NO")] == ["", ""]


def test_only_vietnam_limits_how_long_after_the_violation_discipline_may_be_decided():
    rules = {
        code: jurisdictions.for_code(code).discipline_limitation_rule for code in ("GB", "US", "NO", "VN")
    }
    assert rules == {"GB": "", "US": "", "NO": "", "VN": "VN-DISC-003"}
