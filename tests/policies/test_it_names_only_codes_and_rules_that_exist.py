"""The jurisdiction modules name sanctions, deadlines, proposal kinds and rules by plain codes
(they sit below ``cases`` and ``unions``): every code is one those apps know, and every rule id
is a row of the rules table."""

from __future__ import annotations

import datetime

import pytest

from cases import deadlines
from cases.models import CaseKind, MeetingKind, Sanction
from policies import jurisdictions
from policies.models import Rule
from unions.models import ProposalKind

COUNTRIES = jurisdictions.countries()
DEADLINE_KEYS = {
    value for name, value in vars(deadlines).items() if name.isupper() and isinstance(value, str)
}


def _rule_ids(country: jurisdictions.Country) -> set[str]:
    named = {
        country.hearing_rule,
        country.sanction_rule,
        country.live_rule,
        country.discipline_limitation_rule,
        country.late_decision_rule,
        *(p.rule for p in country.statutory_live_periods.values()),
        country.companion_window_rule,
        country.invitation_rule,
        country.dismissal_end_rule,
        country.short_notice_rule,
        *(r.rule for r in country.dismissal_risk_dates),
        *(country.appeal_route(kind).rule for kind in CaseKind.values),
    }
    if country.hearing_notice is not None:
        named.add(country.hearing_notice.rule)
    facts = {"employment_ends_on": "2026-05-31"}
    named |= {m.rule for m in country.dismissal_notice(facts, summary=False)[1]}
    named |= {m.rule for m in country.decision_requirements(sanction="dismissal", acts_linked_to_rules=False)}
    named |= {m.rule for m in country.suspension_limits(start=datetime.date(2026, 3, 2), end=None)}
    return named - {"", "SANCTION-LADDER"}  # the organisation's ladder is no statutory rule


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.code)
def test_its_sanctions_are_sanctions_and_only_they_have_a_live_period(country):
    assert set(country.sanctions) <= set(Sanction.values)
    assert set(country.live_months) <= set(country.sanctions)


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.code)
def test_its_risk_dates_are_case_deadlines_and_its_proposal_kinds_exist(country):
    assert {r.key for r in country.dismissal_risk_dates} <= DEADLINE_KEYS
    assert country.redundancy_rules_also_cover <= set(ProposalKind.values)


@pytest.mark.django_db
@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.code)
def test_every_rule_it_names_is_a_row_of_the_rules_table(country):
    named = _rule_ids(country)
    assert named, country.code
    assert named <= set(Rule.objects.values_list("rule_id", flat=True))


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.code)
def test_the_meeting_kinds_its_notice_covers_exist(country):
    assert country.hearing_notice_meeting_kinds <= set(MeetingKind.values)
