"""Norway: the rules that are code.

aml = arbeidsmiljøloven (Working Environment Act): drøftingsmøte before a decision (§15-1),
written notice by hand or registered post (§15-4), negotiations and lawsuit limits (§§17-3,
17-4). Rule ids as in DOMAIN.md.
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

#: Norway sets no internal appeal window: the employee's route after a decision is a written
#: demand for negotiations (NO-DISP-001, aml §17-3) and then a lawsuit (NO-LIM-001), the risk
#: dates below, which a letter states in Norwegian wording. Only a procedure gives an appeal window.
ROUTE = Route("NO-DISP-001", None)

#: aml §15-4: the notice is handed over or sent by registered post.
DELIVERIES = ("by_hand", "registered_post")


def appeal_route(case_kind: str) -> Route:
    """A claim has no internal appeal: it runs in court (NO-LIM-001); any other case: ``ROUTE``."""
    if case_kind in CLAIM_KINDS:
        return Route("NO-LIM-001", None)
    return ROUTE


def dismissal_notice(facts: Mapping[str, str], *, summary: bool) -> tuple[dict[str, str], list[Missing]]:
    """NO-TERM-002: the notice says how it is delivered, since it takes effect on receipt."""
    if facts.get("delivery") not in DELIVERIES:
        return dict(facts), [
            Missing(
                "delivery",
                _("Say how the notice is delivered: by hand or by registered post (aml §15-4)."),
                "NO-TERM-002",
            )
        ]
    return dict(facts), []


COUNTRY = Country(
    code=Jurisdiction.NO,
    # aml §15-1: a drøftingsmøte before deciding dismissal, avskjed or suspension.
    hearing_rule="NO-TERM-001",
    hearing_notice=None,
    hearing_notice_meeting_kinds=frozenset(),
    # The procedure sets the drøftingsmøte notice; nothing to warn about beyond it.
    hearing_notice_guidance_rule="",
    # A meeting on a non-working day or public holiday is shown as a warning, never refused.
    meeting_on_non_working_day="warn",
    companion_window_rule="",
    sanctions=ORGANISATION_LADDER,
    sanction_rule="SANCTION-LADDER",
    sanctions_needing_hearing=ORGANISATION_SANCTIONS_NEEDING_HEARING,
    # The organisation's ladder: no statutory warning steps.
    warning_ladder=ORGANISATION_WARNING_LADDER,
    ladder_rule="SANCTION-LADDER",
    live_months=ORGANISATION_LIVE_MONTHS,
    statutory_live_periods={},
    live_counting=workdays.INCLUDES_TRIGGER_DAY,
    live_rule="",
    discipline_limitation_rule="",
    late_decision_rule="",
    # No statutory bar on discipline during leave: XJ-002 warns.
    discipline_bar_rule="",
    limitation_after_bar=None,
    # XJ-004: the longest limitation plus 6 months.
    retention_after_action=Period(6, workdays.MONTHS, "XJ-004"),
    retention_after_limitation=Period(6, workdays.MONTHS, "XJ-004"),
    interview_representation_rule="",
    appeal_route=appeal_route,
    dismissal_risk_dates=(
        RiskDate(
            "negotiation_demand",
            "NO-DISP-001",
            None,
            gettext_lazy("Employee's deadline to demand negotiations"),
        ),
        RiskDate("lawsuit_limit", "NO-LIM-001", "invalidity", gettext_lazy("Lawsuit limit: invalidity")),
        RiskDate(
            "lawsuit_damages_limit", "NO-LIM-001", "damages", gettext_lazy("Lawsuit limit: damages only")
        ),
    ),
    invitation_rule="",
    family_name_first=False,
    # NO-TERM-005: the notice period runs from the 1st of the next month, so the end date is stated.
    dismissal_end_rule="NO-TERM-005",
    dismissal_notice=dismissal_notice,
    decision_requirements=no_decision_requirements,
    suspension_limits=no_suspension_limits,
    redundancy_rules_also_cover=frozenset(),
    short_notice_rule="",
)
