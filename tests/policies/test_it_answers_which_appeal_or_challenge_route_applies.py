"""Which appeal or challenge route applies: the internal appeal window where the procedure sets
none, and the limitation periods a dismissal starts for the employee."""

from __future__ import annotations

import pytest

from cases.models import CaseKind
from erms.lib import workdays
from policies import jurisdictions
from policies.jurisdictions import Period, Route

ROUTES = ("GB", "US", "NO", "VN")


def test_it_says_each_countrys_route_after_a_decision_without_borrowing_gb_app_001():
    routes = {code: jurisdictions.for_code(code).appeal_route(CaseKind.DISCIPLINARY) for code in ROUTES}
    assert routes == {
        # GB-APP-001: an appeal under the organisation's procedure, else Acas's 5 working days.
        "GB": Route("GB-APP-001", Period(5, workdays.WORKING_DAYS, "GB-APP-001")),
        # US-DISC-001: the organisation's internal appeal; only its procedure sets a window.
        "US": Route("US-DISC-001", None),
        # NO-DISP-001: the employee's written demand for negotiations (a risk date on a dismissal).
        "NO": Route("NO-DISP-001", None),
        # VN-DISP-001, VN-LIM-001: a labour dispute (mediator, arbitration, court).
        "VN": Route("VN-DISP-001", None),
    }


@pytest.mark.parametrize("code", ROUTES)
def test_it_gives_a_claim_no_internal_appeal_window(code):
    assert jurisdictions.for_code(code).appeal_route(CaseKind.CLAIM).window is None


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
