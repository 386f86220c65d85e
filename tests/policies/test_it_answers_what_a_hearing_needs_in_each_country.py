"""What a hearing needs: the rule an outcome without one breaks, the notice the law sets where
the procedure sets none, and the GB companion's window."""

from __future__ import annotations

from erms.lib import workdays
from policies import jurisdictions
from policies.jurisdictions import Period


def test_only_vietnam_sets_a_notice_before_the_hearing_in_law():
    assert jurisdictions.for_code("VN").hearing_notice == Period(5, workdays.WORKING_DAYS, "VN-DISC-004")
    assert [jurisdictions.for_code(code).hearing_notice for code in ("GB", "US", "NO")] == [None, None, None]
    # VN-DISC-004 (Decree 145 Art 70) covers the disciplinary meeting only.
    assert jurisdictions.for_code("VN").hearing_notice_meeting_kinds == {"disciplinary_hearing"}


def test_an_outcome_without_a_hearing_names_each_countrys_rule():
    rules = {code: jurisdictions.for_code(code).hearing_rule for code in ("GB", "US", "NO", "VN")}
    assert rules == {"GB": "GB-DISC-002", "US": "GB-DISC-002", "NO": "NO-TERM-001", "VN": "VN-DISC-001"}


def test_only_great_britain_gives_the_companion_a_window_for_another_time():
    windows = {code: jurisdictions.for_code(code).companion_window_rule for code in ("GB", "US", "NO", "VN")}
    assert windows == {"GB": "GB-ACC-002", "US": "", "NO": "", "VN": ""}
