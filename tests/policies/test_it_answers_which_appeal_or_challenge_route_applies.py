"""Which appeal or challenge route applies: the internal appeal window where the procedure sets
none, and the limitation periods a dismissal starts for the employee."""

from __future__ import annotations

import pytest

from cases.models import CaseKind
from erms.lib import workdays
from policies import jurisdictions
from policies.jurisdictions import Period


@pytest.mark.parametrize("code", ["GB", "US", "NO", "VN"])
def test_every_case_kind_appeals_within_five_working_days_under_gb_app_001(code):
    # Norway, Vietnam, the US and claim cases borrow the GB default, as ERMS always has.
    country = jurisdictions.for_code(code)
    for kind in CaseKind.values:
        assert country.appeal_route(kind) == Period(5, workdays.WORKING_DAYS, "GB-APP-001")


def test_a_dismissal_starts_each_countrys_limitation_periods():
    starts = {
        code: [(r.key, r.rule, r.variant) for r in jurisdictions.for_code(code).dismissal_risk_dates]
        for code in ("GB", "US", "NO", "VN")
    }
    assert starts == {
        "GB": [("tribunal_limit", "GB-LIM-001", None)],
        "US": [("eeoc_charge", "US-LIM-001", None)],
        "NO": [
            ("negotiation_demand", "NO-DISP-001", None),
            ("lawsuit_limit", "NO-LIM-001", "invalidity"),
            ("lawsuit_damages_limit", "NO-LIM-001", "damages"),
        ],
        "VN": [("labour_dispute_limit", "VN-LIM-001", "court")],
    }


def test_only_the_us_lets_a_reason_shorten_the_notice_and_only_vietnam_counts_a_restructure():
    assert [jurisdictions.for_code(c).short_notice_rule for c in ("GB", "US", "NO", "VN")] == [
        "",
        "US-RED-003",
        "",
        "",
    ]
    assert jurisdictions.for_code("VN").redundancy_rules_also_cover == {"restructure"}
    assert not jurisdictions.for_code("GB").redundancy_rules_also_cover
