"""Vietnam: the rules that are code.

LC = Labour Code 2019 (Law 45/2019/QH14); Decree 145/2020/ND-CP. The law lists the sanctions
(Art 124), how long each stays live (Art 126), the meeting notice (Decree 145 Art 70), the
suspension cap (Art 128) and what a decision must say (Arts 122–126). Rule ids as in DOMAIN.md.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Jurisdiction
from erms.lib import workdays
from policies.jurisdictions.country import (
    CLAIM_KINDS,
    Country,
    Missing,
    Period,
    RiskDate,
    Route,
    dismissal_facts_as_given,
)

#: Vietnam sets no internal appeal window: the challenge route after a decision is a labour
#: dispute (mediator, arbitration, court; VN-DISP-001) within VN-LIM-001's limits, which a letter
#: states in its wording. Only a procedure gives an appeal window.
ROUTE = Route("VN-DISP-001", None)

#: VN-SANC-003 (LC Art 126): each sanction is cleared after its own period, counted from the day
#: after the decision: reprimand 3 months, pay-rise deferral 6 months, demotion 3 years.
LIVE_PERIODS = {
    "reprimand": Period(3, workdays.MONTHS, "VN-SANC-003"),
    "pay_rise_deferral": Period(6, workdays.MONTHS, "VN-SANC-003"),
    "demotion": Period(36, workdays.MONTHS, "VN-SANC-003"),
}

#: VN-SUSP-001 (LC Art 128): a suspension lasts at most 15 days, exceptionally 90 (as the rules table says).
SUSPENSION_DAYS = 15
SUSPENSION_DAYS_EXCEPTIONAL = 90


def appeal_route(case_kind: str) -> Route:
    """A claim has no internal appeal: it runs outside the organisation (VN-LIM-001); any other case: ``ROUTE``."""
    if case_kind in CLAIM_KINDS:
        return Route("VN-LIM-001", None)
    return ROUTE


def decision_requirements(*, sanction: str, acts_linked_to_rules: bool) -> list[Missing]:
    """VN-DISC-005: a decision names the act as the internal labour rules word it."""
    if sanction and sanction != "no_action" and not acts_linked_to_rules:
        return [
            Missing(
                "allegations",
                _(
                    "Link the allegations to the internal labour rules: a Vietnamese "
                    "decision must name the act as the rules word it."
                ),
                "VN-DISC-005",
            )
        ]
    return []


def suspension_limits(*, start: datetime.date | None, end: datetime.date | None) -> list[Missing]:
    """VN-SUSP-001: the letter gives the last day; longer than 15 days only exceptionally, never over 90."""
    if end is None:
        return [
            Missing(
                "suspended_until",
                _("Give the last day of the suspension (at most 15 days, exceptionally 90)."),
                "VN-SUSP-001",
            )
        ]
    if start is None:
        return []
    days = (end - start).days + 1
    if days > SUSPENSION_DAYS_EXCEPTIONAL:
        return [Missing("suspended_until", _("A suspension may not exceed 90 days."), "VN-SUSP-001")]
    if days > SUSPENSION_DAYS:
        return [
            Missing(
                "suspended_until",
                _("More than 15 days is allowed only in exceptional cases."),
                "VN-SUSP-001",
                "warning",
            )
        ]
    return []


COUNTRY = Country(
    code=Jurisdiction.VN,
    # LC Art 122: a disciplinary meeting with the employee (and the rep org) comes before any sanction.
    hearing_rule="VN-DISC-001",
    # Decree 145 Art 70: the meeting notice reaches the employee at least 5 working days before.
    hearing_notice=Period(5, workdays.WORKING_DAYS, "VN-DISC-004"),
    # Decree 145 Art 70 governs the labour-discipline meeting only, not a grievance or appeal meeting.
    hearing_notice_meeting_kinds=frozenset({"disciplinary_hearing"}),
    # VN-DISC-004 counts the notice; nothing further to warn about.
    hearing_notice_guidance_rule="",
    # A meeting on a non-working day or public holiday is shown as a warning, never refused.
    meeting_on_non_working_day="warn",
    companion_window_rule="",
    # LC Art 124: only these; no fines or pay cuts.
    sanctions=("no_action", "reprimand", "pay_rise_deferral", "demotion", "dismissal"),
    sanction_rule="VN-SANC-001",
    # LC Art 122: every sanction follows the labour-discipline meeting (VN-DISC-001).
    sanctions_needing_hearing=frozenset({"reprimand", "pay_rise_deferral", "demotion", "dismissal"}),
    # VN-SANC-003: repeats count live sanctions; dismissal has its own grounds (VN-SANC-002).
    warning_ladder=("reprimand", "pay_rise_deferral", "demotion"),
    ladder_rule="VN-SANC-003",
    # LC Art 126: cleared after 3 months (reprimand), 6 (deferral), 3 years (demotion).
    live_months={sanction: period.number for sanction, period in LIVE_PERIODS.items()},
    statutory_live_periods=LIVE_PERIODS,
    live_counting=workdays.EXCLUDES_TRIGGER_DAY,
    live_rule="VN-SANC-003",
    # LC Art 123: discipline is decided within 6 months (12 for finance) of the violation.
    discipline_limitation_rule="VN-DISC-003",
    # LC Arts 122–126: the decision is made within that period, or not at all.
    late_decision_rule="VN-DISC-005",
    # LC Art 122(4): no discipline during sick or approved leave, custody, pregnancy, maternity leave
    # or while raising a child under 12 months; Art 123: the limitation then runs up to 60 days after.
    discipline_bar_rule="VN-DISC-002",
    limitation_after_bar=Period(60, workdays.CALENDAR_DAYS, "VN-DISC-003"),
    # XJ-004: the longest limitation plus 1 year.
    retention_after_action=Period(12, workdays.MONTHS, "XJ-004"),
    retention_after_limitation=Period(12, workdays.MONTHS, "XJ-004"),
    interview_representation_rule="",
    appeal_route=appeal_route,
    dismissal_risk_dates=(
        RiskDate("labour_dispute_limit", "VN-LIM-001", "court", gettext_lazy("Labour dispute limit: court")),
    ),
    # Decree 145 Art 70: the notice gives the meeting's content, time, place and attendees.
    invitation_rule="VN-DISC-004",
    family_name_first=True,
    dismissal_end_rule="",
    dismissal_notice=dismissal_facts_as_given,
    decision_requirements=decision_requirements,
    suspension_limits=suspension_limits,
    # LC Arts 42, 44: a restructuring that makes staff redundant follows the redundancy rules.
    redundancy_rules_also_cover=frozenset({"restructure"}),
    short_notice_rule="",
)
