"""Great Britain (England, Wales, Scotland): the rules that are code.

Acas Code of Practice on Disciplinary and Grievance Procedures; Employment Relations Act 1999
s10 (companion); Employment Rights Act 1996; TULRCA 1992. Rule ids as in DOMAIN.md.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Jurisdiction
from erms.lib import workdays
from policies.jurisdictions.country import (
    CLAIM_KINDS,
    ORGANISATION_LADDER,
    ORGANISATION_LIVE_MONTHS,
    ORGANISATION_SANCTIONS_NEEDING_HEARING,
    ORGANISATION_WARNING_LADDER,
    Country,
    Missing,
    Period,
    RiskDate,
    Route,
    no_decision_requirements,
    no_suspension_limits,
)

#: GB-APP-001 (Acas Code paras 26–29): appeal in writing; Acas guidance ≈5 working days.
APPEAL = Period(5, workdays.WORKING_DAYS, "GB-APP-001")


def appeal_route(case_kind: str) -> Route:
    """An appeal under the organisation's procedure, else within Acas's 5 working days
    (GB-APP-001). A claim case has no internal appeal: its route is the tribunal's, GB-LIM-001."""
    if case_kind in CLAIM_KINDS:
        return Route("GB-LIM-001", None)
    return Route("GB-APP-001", APPEAL)


def dismissal_notice(facts: Mapping[str, str], *, summary: bool) -> tuple[dict[str, str], list[Missing]]:
    """GB-TERM-001: the notice says whether notice is worked or paid in lieu; a summary
    dismissal (gross misconduct) has no notice and no pay in lieu."""
    if summary:
        return {**facts, "notice_pay": "none"}, []
    if facts.get("notice_pay") not in ("worked", "pay_in_lieu"):
        return dict(facts), [
            Missing("notice_pay", _("Say whether the notice is worked or paid in lieu."), "GB-TERM-001")
        ]
    return dict(facts), []


COUNTRY = Country(
    code=Jurisdiction.GB,
    # Acas Code paras 9–12: an outcome follows a hearing the worker was invited to in writing.
    hearing_rule="GB-DISC-002",
    # GB-DISC-003: no fixed notice in law, only time to prepare (a warning); a procedure value blocks.
    hearing_notice=None,
    hearing_notice_meeting_kinds=frozenset(),
    # GB-DISC-003: no notice fixed in law; without a procedure value the page warns.
    hearing_notice_guidance_rule="GB-DISC-003",
    # A meeting on a non-working day or public holiday is shown as a warning, never refused.
    meeting_on_non_working_day="warn",
    # ERA 1999 s10(4)–(5): the worker may propose another time within 5 working days.
    companion_window_rule="GB-ACC-002",
    sanctions=ORGANISATION_LADDER,
    sanction_rule="SANCTION-LADDER",
    sanctions_needing_hearing=ORGANISATION_SANCTIONS_NEEDING_HEARING,
    # GB-SANC-001: a serious first offence may get a final warning, saying why.
    warning_ladder=ORGANISATION_WARNING_LADDER,
    ladder_rule="GB-SANC-001",
    live_months=ORGANISATION_LIVE_MONTHS,
    statutory_live_periods={},
    # GB-SANC-001: the issue date is day 1 of the live period (AC-05).
    live_counting=workdays.INCLUDES_TRIGGER_DAY,
    live_rule="GB-SANC-001",
    discipline_limitation_rule="",
    late_decision_rule="",
    # No statutory bar on discipline during leave: XJ-002 warns.
    discipline_bar_rule="",
    limitation_after_bar=None,
    # XJ-004: limitation (3 months) plus a buffer, to 6 months.
    retention_after_action=Period(6, workdays.MONTHS, "XJ-004"),
    retention_after_limitation=Period(6, workdays.MONTHS, "XJ-004"),
    interview_representation_rule="",
    appeal_route=appeal_route,
    dismissal_risk_dates=(
        RiskDate(
            "tribunal_limit", "GB-LIM-001", None, gettext_lazy("Tribunal claim limit (3 months less a day)")
        ),
    ),
    # GB-DISC-002: the invitation gives the hearing's time and place.
    invitation_rule="GB-DISC-002",
    family_name_first=False,
    dismissal_end_rule="GB-TERM-001",
    dismissal_notice=dismissal_notice,
    decision_requirements=no_decision_requirements,
    suspension_limits=no_suspension_limits,
    redundancy_rules_also_cover=frozenset(),
    short_notice_rule="",
)
