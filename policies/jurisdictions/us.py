"""United States (federal): the rules that are code.

No federal rule sets disciplinary steps, hearing notice, appeal windows or letter contents for
private employers (US-DISC-001): a collective bargaining agreement or the organisation's
procedure does. What is here is the federal floor ERMS enforces. Rule ids as in DOMAIN.md.
"""

from __future__ import annotations

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
    Period,
    RiskDate,
    Route,
    dismissal_facts_as_given,
    no_decision_requirements,
    no_suspension_limits,
)

#: US-DISC-001: the route after a decision is the organisation's internal appeal. No federal rule
#: sets its window, so only the procedure (or a CBA it reflects) gives an appeal deadline.
ROUTE = Route("US-DISC-001", None)


def appeal_route(case_kind: str) -> Route:
    """A claim has no internal appeal: it runs in court (US-LIM-002); any other case: ``ROUTE``."""
    if case_kind in CLAIM_KINDS:
        return Route("US-LIM-002", None)
    return ROUTE


COUNTRY = Country(
    code=Jurisdiction.US,
    # No federal hearing rule; ERMS names the GB invitation rule, as it always has.
    hearing_rule="GB-DISC-002",
    hearing_notice=None,  # US-DISC-001: the CBA or procedure sets any notice
    hearing_notice_meeting_kinds=frozenset(),
    # US-DISC-001: the CBA or procedure sets any notice; without one the page warns.
    hearing_notice_guidance_rule="US-DISC-001",
    # A meeting on a non-working day or public holiday is shown as a warning, never refused.
    meeting_on_non_working_day="warn",
    companion_window_rule="",
    sanctions=ORGANISATION_LADDER,
    sanction_rule="SANCTION-LADDER",
    sanctions_needing_hearing=ORGANISATION_SANCTIONS_NEEDING_HEARING,
    # The organisation's ladder (US-DISC-001: no federal steps).
    warning_ladder=ORGANISATION_WARNING_LADDER,
    ladder_rule="SANCTION-LADDER",
    live_months=ORGANISATION_LIVE_MONTHS,
    statutory_live_periods={},
    live_counting=workdays.INCLUDES_TRIGGER_DAY,
    live_rule="",
    discipline_limitation_rule="",
    late_decision_rule="",
    # No statutory bar on discipline during leave: XJ-002 warns. NLRB v. J. Weingarten (1975):
    # a represented employee who asks for a rep stops the interview until a choice is logged.
    discipline_bar_rule="",
    limitation_after_bar=None,
    # US-REC-001 (29 CFR 1602.14): 1 year from the later of the record or action, or the termination.
    retention_after_action=Period(12, workdays.MONTHS, "US-REC-001"),
    retention_after_limitation=Period(12, workdays.MONTHS, "XJ-004"),
    interview_representation_rule="US-ACC-001",
    appeal_route=appeal_route,
    dismissal_risk_dates=(
        RiskDate("eeoc_charge", "US-LIM-001", None, gettext_lazy("EEOC charge filing window")),
    ),
    invitation_rule="",
    family_name_first=False,
    dismissal_end_rule="",
    dismissal_notice=dismissal_facts_as_given,
    decision_requirements=no_decision_requirements,
    suspension_limits=no_suspension_limits,
    redundancy_rules_also_cover=frozenset(),
    # 20 CFR 639.9: a faltering company, unforeseeable circumstances or a natural disaster shorten
    # the WARN notice period, with a recorded reason.
    short_notice_rule="US-RED-003",
)
