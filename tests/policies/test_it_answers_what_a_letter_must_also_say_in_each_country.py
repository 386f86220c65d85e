"""What a letter must also say in each country: the refusals (gaps) the jurisdiction modules
add, and how they address people."""

from __future__ import annotations

import datetime

from policies import jurisdictions
from policies.jurisdictions import Missing

D = datetime.date


def _rules(missing: list[Missing]) -> list[tuple[str, str, str]]:
    return [(m.field, m.rule, m.level) for m in missing]


def test_a_british_notice_says_whether_notice_is_worked_or_paid_and_a_summary_dismissal_pays_none():
    gb = jurisdictions.for_code("GB")
    assert _rules(gb.dismissal_notice({}, summary=False)[1]) == [("notice_pay", "GB-TERM-001", "error")]
    assert gb.dismissal_notice({"notice_pay": "worked"}, summary=False) == ({"notice_pay": "worked"}, [])
    assert gb.dismissal_notice({"notice_pay": "worked"}, summary=True) == ({"notice_pay": "none"}, [])


def test_a_norwegian_notice_says_how_it_is_delivered():
    no = jurisdictions.for_code("NO")
    assert _rules(no.dismissal_notice({"delivery": "pigeon"}, summary=False)[1]) == [
        ("delivery", "NO-TERM-002", "error")
    ]
    assert no.dismissal_notice({"delivery": "registered_post"}, summary=True)[1] == []
    assert [jurisdictions.for_code(c).dismissal_end_rule for c in ("GB", "US", "NO", "VN")] == [
        "GB-TERM-001",
        "",
        "NO-TERM-005",
        "",
    ]


def test_a_vietnamese_decision_names_the_act_as_the_internal_rules_word_it():
    vn = jurisdictions.for_code("VN")
    assert _rules(vn.decision_requirements(sanction="reprimand", acts_linked_to_rules=False)) == [
        ("allegations", "VN-DISC-005", "error")
    ]
    assert vn.decision_requirements(sanction="reprimand", acts_linked_to_rules=True) == []
    assert vn.decision_requirements(sanction="no_action", acts_linked_to_rules=False) == []
    for code in ("GB", "US", "NO"):
        assert (
            jurisdictions.for_code(code).decision_requirements(
                sanction="dismissal_with_notice", acts_linked_to_rules=False
            )
            == []
        )


def test_a_vietnamese_suspension_has_an_end_of_15_days_or_exceptionally_up_to_90():
    vn = jurisdictions.for_code("VN")
    start = D(2026, 3, 2)
    assert _rules(vn.suspension_limits(start=start, end=None)) == [
        ("suspended_until", "VN-SUSP-001", "error")
    ]
    assert vn.suspension_limits(start=start, end=D(2026, 3, 16)) == []  # 15 days, the start included
    assert _rules(vn.suspension_limits(start=start, end=D(2026, 3, 17))) == [
        ("suspended_until", "VN-SUSP-001", "warning")
    ]
    assert _rules(vn.suspension_limits(start=start, end=D(2026, 5, 30))) == [
        ("suspended_until", "VN-SUSP-001", "warning")
    ]
    assert _rules(vn.suspension_limits(start=start, end=D(2026, 5, 31))) == [
        ("suspended_until", "VN-SUSP-001", "error")
    ]
    assert jurisdictions.for_code("GB").suspension_limits(start=start, end=None) == []


def test_an_invitation_without_a_meeting_names_the_british_or_vietnamese_rule():
    rules = {code: jurisdictions.for_code(code).invitation_rule for code in ("GB", "US", "NO", "VN")}
    assert rules == {"GB": "GB-DISC-002", "US": "", "NO": "", "VN": "VN-DISC-004"}


def test_only_vietnamese_names_are_written_family_name_first():
    assert [jurisdictions.for_code(c).family_name_first for c in ("GB", "US", "NO", "VN")] == [
        False,
        False,
        False,
        True,
    ]
