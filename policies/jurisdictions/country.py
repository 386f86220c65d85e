"""What every jurisdiction module states: the shape of one country's rules that are code.

Each of ``gb.py``, ``us.py``, ``no.py`` and ``vn.py`` builds one ``Country`` and names every
field, so a reader sees a country's whole answer in one file and a new jurisdiction cannot
forget a question. Codes (sanctions, case and proposal kinds, deadline keys, letter facts) are
the plain strings of the apps that own them: this package sits below ``cases`` and ``unions``
and never imports them (tests check the codes against those apps).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.functional import Promise


@dataclass(frozen=True)
class Period:
    """A time limit used where the organisation's procedure sets none, and the rule it stands for."""

    number: int
    unit: str  # an ``erms.lib.workdays`` unit
    rule: str  # the rule id named when it refuses or falls due


@dataclass(frozen=True)
class Route:
    """The employee's route after a decision: the rule that names it and, where the organisation's
    procedure sets no appeal window, the internal appeal window it gives (``None``: no internal
    appeal deadline; the route runs outside the organisation or only the procedure sets one)."""

    rule: str
    window: Period | None


#: Case kinds that are themselves a claim (tribunal, charge, lawsuit, arbitration): no internal appeal.
CLAIM_KINDS = frozenset({"claim"})


class Missing(NamedTuple):
    """Something a letter must say and does not yet; ``cases.letters`` shows it as a gap.
    ``level`` "error" refuses the issue, "warning" is only shown."""

    field: str
    message: str
    rule: str = ""
    level: str = "error"


@dataclass(frozen=True)
class RiskDate:
    """A limitation period a dismissal starts for the employee: a risk date on the case."""

    key: str  # the case deadline it becomes (``cases.deadlines``: "tribunal_limit", …)
    rule: str
    variant: str | None
    title: str | Promise


#: The organisation-defined sanction ladder, where the law lists no sanctions (GB, US, NO;
#: DOMAIN.md "Sanction ladder"). Informal action is no sanction.
ORGANISATION_LADDER = (
    "no_action",
    "informal_action",
    "verbal_warning",
    "first_written_warning",
    "final_written_warning",
    "dismissal_with_notice",
    "summary_dismissal",
)

#: The steps of the organisation ladder that follow a live warning one step below (informal
#: action, a verbal warning and summary dismissal for gross misconduct need none).
ORGANISATION_WARNING_LADDER = ("first_written_warning", "final_written_warning", "dismissal_with_notice")

#: Organisation sanctions that are disciplinary action, so only follow a held hearing (Acas Code
#: paras 9–12; the organisation's procedure elsewhere). No action and informal action are none.
ORGANISATION_SANCTIONS_NEEDING_HEARING = frozenset(ORGANISATION_LADDER) - {"no_action", "informal_action"}

#: The organisation's default live periods of its warnings, in months, where the procedure sets none.
ORGANISATION_LIVE_MONTHS: Mapping[str, int] = {
    "verbal_warning": 6,
    "first_written_warning": 12,
    "final_written_warning": 12,
}


def dismissal_facts_as_given(
    facts: Mapping[str, str], *, summary: bool
) -> tuple[dict[str, str], list[Missing]]:
    """A dismissal notice that needs nothing beyond the end date (which every notice gives)."""
    return dict(facts), []


def no_decision_requirements(*, sanction: str, acts_linked_to_rules: bool) -> list[Missing]:
    """A decision letter that needs nothing beyond what every decision letter says."""
    return []


def no_suspension_limits(*, start: datetime.date | None, end: datetime.date | None) -> list[Missing]:
    """A suspension whose end the law does not limit: it is reviewed (GB-SUSP-001), not capped."""
    return []


@dataclass(frozen=True)
class Country:
    """One jurisdiction's rules that are code. Numbers come from the rules table and the
    organisation's procedures; the ``Period`` fallbacks here apply only where a procedure sets
    no value, exactly as ERMS did before they had one home."""

    code: str

    # Hearings: what must happen before an outcome, and the notice a hearing needs.
    #: Rule named when an outcome is recorded before any hearing was held.
    hearing_rule: str
    #: Notice before a hearing where the procedure sets none (``None``: no statutory period).
    hearing_notice: Period | None
    #: The meeting kinds that statutory notice covers (``Meeting.kind`` codes).
    hearing_notice_meeting_kinds: frozenset[str]
    #: Rule named when a hearing has no notice period to count and no invitation date ("" = none).
    hearing_notice_guidance_rule: str
    #: "warn" (shown) or "block" (refused): a meeting set on a non-working day or public holiday.
    meeting_on_non_working_day: str
    #: Statutory window for a companion's alternative time, a deadline when a hearing is set ("" = none).
    companion_window_rule: str

    # Sanctions: which exist and how long each stays live.
    sanctions: tuple[str, ...]
    #: Rule named when a sanction outside ``sanctions`` is refused.
    sanction_rule: str
    #: Sanctions that only follow a held hearing, whatever kind of case carries them.
    sanctions_needing_hearing: frozenset[str]
    #: Ladder steps, lowest first: each is warned about unless a live sanction one step below
    #: (or higher) stands; sanctions off the ladder are never warned about.
    warning_ladder: tuple[str, ...]
    #: Rule named when a sanction skips a step of ``warning_ladder``.
    ladder_rule: str
    #: Months each warning-like sanction stays live where the procedure sets no live period.
    live_months: Mapping[str, int]
    #: Live periods the law sets per sanction; these win over the procedure's single live period.
    statutory_live_periods: Mapping[str, Period]
    #: How the live period counts from the issue date (``erms.lib.workdays`` counting).
    live_counting: str
    #: Rule behind the warning-expiry deadline where the procedure names none ("" = none).
    live_rule: str
    #: Limitation period within which discipline must be decided, from the violation ("" = none).
    discipline_limitation_rule: str
    #: Rule named when a decision comes after that limitation period ("" = none).
    late_decision_rule: str
    #: Rule that bars disciplinary steps while the employee is on leave or has a protected status
    #: (``accounts.ProtectedStatus``), a refusal ("" = no statutory bar; XJ-002 is then only a warning).
    discipline_bar_rule: str
    #: After such a bar ends, the discipline limitation runs at least this long (``None``: no extension).
    limitation_after_bar: Period | None
    #: Records kept at least this long after the case's last action or an involuntary termination
    #: (US-REC-001; elsewhere XJ-004's floor) before they may be erased.
    retention_after_action: Period
    #: And at least this long after the latest limitation (risk) date the case started (XJ-004's buffer).
    retention_after_limitation: Period
    #: Rule that stops an investigatory interview of a union-represented employee who asked for a
    #: representative until a choice is logged ("" = none).
    interview_representation_rule: str

    # Appeals and challenges.
    #: The route after a decision in a case of this kind: its rule and any default internal window.
    appeal_route: Callable[[str], Route]
    #: The limitation periods a dismissal starts for the employee (claims, lawsuits, disputes).
    dismissal_risk_dates: tuple[RiskDate, ...]

    # Letters: what they must contain and how they address people.
    #: Rule named when an invitation has no scheduled meeting to give ("" = none).
    invitation_rule: str
    #: Names are written family name first (Vietnamese order).
    family_name_first: bool
    #: Rule named when a dismissal notice has no end date ("" = none).
    dismissal_end_rule: str
    #: A dismissal notice's facts as the law reads them, and what the notice still lacks.
    dismissal_notice: Callable[..., tuple[dict[str, str], list[Missing]]]
    #: What a disciplinary decision (outcome or dismissal) must also say.
    decision_requirements: Callable[..., list[Missing]]
    #: Limits on how long a suspension may last.
    suspension_limits: Callable[..., list[Missing]]

    # Collective consultation.
    #: Proposal kinds, besides a collective redundancy, that the statutory redundancy rules cover.
    redundancy_rules_also_cover: frozenset[str]
    #: Rule that lets a recorded reason shorten the notice period ("" = none).
    short_notice_rule: str

    def allows(self, sanction: str) -> bool:
        return sanction in self.sanctions

    @property
    def letter_folder(self) -> str:
        """The folder of this country's letter wording in each language: ``letters/<lang>/<folder>/``."""
        return self.code.lower()
