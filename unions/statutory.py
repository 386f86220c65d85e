"""Statutory requirements of a consultation, computed from its jurisdiction, headcount and dates.

Functions over a ``Consultation`` (no writes; one read of the policies rule table, whose
rows admins correct), so pages, the API and the guardrails in ``services.py`` all read the
same answer. Periods go through ``policies.services.rule_deadline`` when the rule row is
there and active, else plain calendar-day arithmetic. Day
counting follows DOMAIN.md: the trigger day is day 0 and a minimum period of N calendar
days makes ``trigger + N`` the earliest allowed date; the day before is refused.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from erms.lib import workdays
from erms.lib.errors import ApplicationError
from policies import jurisdictions
from unions.models import Consultation, ProposalKind


@dataclass(frozen=True)
class StatutoryRule:
    """One row of the jurisdiction rules the consultation guardrails use (ids as in DOMAIN.md)."""

    rule_id: str
    citation: str
    source_url: str = ""
    days: int | None = None
    verified: bool = True
    active: bool = True
    variants: tuple[tuple[str, int], ...] = ()
    row: Any = field(default=None, compare=False)  # the policies ``Rule`` row, when the table has one

    def days_for(self, variant: str) -> int | None:
        return dict(self.variants).get(variant, self.days)


# Defaults, used when the policies rule table does not hold the row; admins edit the
# table (number, variants, citation, status) and the table wins.
RULES: dict[str, StatutoryRule] = {
    r.rule_id: r
    for r in [
        StatutoryRule(
            "GB-RED-001", "TULRCA s188, s188A", days=30, variants=(("20_99", 30), ("100_plus", 45))
        ),
        StatutoryRule("GB-RED-002", "TULRCA s188(4)", verified=False),
        StatutoryRule(
            "GB-RED-003",
            "TULRCA s193",
            "https://www.legislation.gov.uk/ukpga/1992/52/section/193?timeline=false&view=plain",
            days=30,
            variants=(("20_99", 30), ("100_plus", 45)),
        ),
        StatutoryRule(
            "GB-RED-004", "ERA 2025 s30", "https://www.legislation.gov.uk/ukpga/2025/36/section/30/data.html"
        ),
        StatutoryRule("US-RED-001", "20 CFR 639"),
        StatutoryRule("US-RED-002", "20 CFR 639", days=60, verified=False),
        StatutoryRule("US-RED-003", "20 CFR 639.9"),
        StatutoryRule("US-RED-004", "WARN Act"),
        StatutoryRule("NO-RED-001", "aml §15-2"),
        StatutoryRule("NO-RED-002", "aml §15-2"),
        StatutoryRule(
            "NO-RED-003",
            "aml §15-2(3); arbeidsmarkedsloven §8",
            "https://www.nav.no/nav.no-ressurser/lenker/regelverk/rettskildene/arbeidsmarkedsloven--8",
        ),
        StatutoryRule("NO-RED-004", "arbeidsmarkedsloven §8", days=30),
        StatutoryRule("VN-RED-001", "LC Arts 42, 44", days=30, verified=False, active=False),
        StatutoryRule("VN-CONS-001", "LC Art 63"),
    ]
}


def rule_book() -> dict[str, StatutoryRule]:
    """The rules above, overridden by the rows of the policies rule table where it has them."""
    book = dict(RULES)
    try:
        from policies.models import Rule  # the rule table is optional for this app
    except ImportError:  # pragma: no cover - policies app not installed
        return book
    for row in Rule.objects.filter(rule_id__in=list(RULES)):
        default = RULES[row.rule_id]
        variants = tuple((v["key"], v["number"]) for v in row.variants if v.get("number") is not None)
        book[row.rule_id] = replace(
            default,
            citation=row.citation or default.citation,
            source_url=row.source_url or default.source_url,
            days=row.number if row.number is not None else default.days,
            variants=variants or default.variants,
            verified=row.status == "verified",
            active=row.status != "inactive",
            row=row,
        )
    return book


# GB-RED-001 / GB-RED-003: the period depends on how many are proposed to be dismissed.
GB_THRESHOLD = 20
GB_LARGE_THRESHOLD = 100
GB_DAYS_SMALL = 30
GB_DAYS_LARGE = 45
US_WARN_THRESHOLD = 50
NO_MASS_DISMISSAL_THRESHOLD = 10
# ERA 2025 s30: the protective award cap doubles for dismissals from this date.
GB_PROTECTIVE_AWARD_CHANGE = datetime.date(2026, 4, 6)


class Kind:
    MINIMUM_PERIOD = "minimum_period"
    GOVERNMENT_NOTICE = "government_notice"
    INFORMATION = "information"
    WARNING = "warning"


class Action:
    BLOCK = "block"
    DEADLINE = "deadline"
    WARN = "warn"


@dataclass
class Requirement:
    """A statutory requirement as shown on the consultation page and used by the guardrails.

    For a minimum period, ``date`` is the earliest allowed date (trigger + ``days``); for a
    notice, it is the latest date the notice may be given. ``blocks_dismissal`` says the
    requirement refuses an earlier first dismissal; ``warns_conclusion`` that concluding the
    consultation earlier is allowed with a warning (GB-RED-001); both only while active.
    """

    rule_id: str
    kind: str
    title: str
    action: str
    citation: str
    source_url: str = ""
    verified: bool = True
    active: bool = True
    days: int | None = None
    trigger_label: str = ""
    trigger_date: datetime.date | None = None
    date: datetime.date | None = None
    date_label: str = ""
    met: bool | None = None
    problem: str = ""
    note: str = ""
    checklist: list[str] = field(default_factory=list)
    blocks_dismissal: bool = False
    warns_conclusion: bool = False
    # NO-RED-004: the last day of the shortest individual notice given on ``date`` (NO-TERM-005).
    last_day: datetime.date | None = None
    last_day_label: str = ""

    @property
    def enforced(self) -> bool:
        return self.active and self.action == Action.BLOCK


def _requirement(book: dict[str, StatutoryRule], rule_id: str, **kwargs: object) -> Requirement:
    rule = book[rule_id]
    kwargs.setdefault("days", rule.days)
    return Requirement(
        rule_id=rule_id,
        citation=rule.citation,
        source_url=rule.source_url,
        verified=rule.verified,
        active=rule.active,
        **kwargs,
    )  # type: ignore[arg-type]


def days_after(start: datetime.date, days: int) -> datetime.date:
    """Earliest allowed date of a minimum period of ``days`` calendar days from ``start`` (day 0)."""
    return start + datetime.timedelta(days=days)


def _earliest(
    rule: StatutoryRule,
    start: datetime.date | None,
    region: str,
    jurisdiction: str,
    days: int,
    variant: str | None = None,
) -> datetime.date | None:
    """``start`` + the rule's period, through the policies deadline calculator when the rule table
    has the row (so an admin's counting or roll-forward setting applies); plain calendar days when
    it has not, or the row is inactive (shown for information only)."""
    if start is None:
        return None
    if rule.row is not None and rule.active:
        try:
            from policies.services import rule_deadline
        except ImportError:  # pragma: no cover - policies app not installed
            return days_after(start, days)
        try:
            # Calendar-day periods do not depend on closure days, so none are loaded.
            return rule_deadline(
                rule.row,
                start,
                region or workdays.DEFAULT_REGIONS.get(jurisdiction, ""),
                variant,
                closures={},
            ).due
        except ApplicationError:
            pass  # e.g. no region recorded for a US site: the calendar-day count is the same
    return days_after(start, days)


def days_before(end: datetime.date, days: int) -> datetime.date:
    """Latest date a notice may be given so that ``days`` calendar days run before ``end``."""
    return end - datetime.timedelta(days=days)


def _check_planned(req: Requirement, planned: datetime.date | None) -> None:
    if planned and req.date and planned < req.date:
        req.problem = _(
            "The planned first dismissal (%(planned)s) is earlier than allowed (%(earliest)s)."
        ) % {
            "planned": formats.date_format(planned, "DATE_FORMAT"),
            "earliest": formats.date_format(req.date, "DATE_FORMAT"),
        }


def _notice(req: Requirement, given: datetime.date | None) -> Requirement:
    req.met = given is not None and (req.date is None or given <= req.date)
    return req


def _gb(c: Consultation, book: dict[str, StatutoryRule]) -> list[Requirement]:
    n = c.number_affected
    if n < GB_THRESHOLD:
        return [
            _requirement(
                book,
                "GB-RED-001",
                kind=Kind.WARNING,
                title=_("Collective consultation duty"),
                action=Action.WARN,
                note=_(
                    "Fewer than %(n)s proposed redundancies: the collective duty applies only if %(n)s or more "
                    "at one establishment are proposed within 90 days (count related proposals)."
                )
                % {"n": GB_THRESHOLD},
            )
        ]
    variant = "100_plus" if n >= GB_LARGE_THRESHOLD else "20_99"
    days = book["GB-RED-001"].days_for(variant) or (GB_DAYS_LARGE if variant == "100_plus" else GB_DAYS_SMALL)
    hr1_days = book["GB-RED-003"].days_for(variant) or days
    planned = c.first_dismissal_planned_on
    period = _requirement(
        book,
        "GB-RED-001",
        kind=Kind.MINIMUM_PERIOD,
        action=Action.BLOCK,
        days=days,
        title=_("Minimum consultation period before the first dismissal takes effect"),
        trigger_label=_("consultation started"),
        trigger_date=c.started_on,
        date=_earliest(book["GB-RED-001"], c.started_on, c.region, "GB", days, variant),
        date_label=_("earliest first dismissal and conclusion"),
        blocks_dismissal=True,
        warns_conclusion=True,
        note=_("Consult in good time: %(days)s calendar days for %(n)s proposed redundancies.")
        % {"days": days, "n": n},
    )
    _check_planned(period, planned)
    hr1 = _notice(
        _requirement(
            book,
            "GB-RED-003",
            kind=Kind.GOVERNMENT_NOTICE,
            action=Action.DEADLINE,
            days=hr1_days,
            title=_("HR1 to the Secretary of State, copy to the representatives"),
            date=days_before(planned, hr1_days) if planned else None,
            date_label=_("HR1 due by"),
            note=_("Before any dismissal notice is given; failure is an offence (s194)."),
        ),
        c.government_notified_on,
    )
    hr1_effect = _requirement(
        book,
        "GB-RED-003",
        kind=Kind.MINIMUM_PERIOD,
        action=Action.BLOCK,
        days=hr1_days,
        title=_("Period between HR1 and the first dismissal"),
        trigger_label=_("HR1 sent"),
        trigger_date=c.government_notified_on,
        date=_earliest(book["GB-RED-003"], c.government_notified_on, c.region, "GB", hr1_days, variant),
        date_label=_("earliest first dismissal"),
        blocks_dismissal=True,
    )
    _check_planned(hr1_effect, planned)
    disclosure = _requirement(
        book,
        "GB-RED-002",
        kind=Kind.INFORMATION,
        action=Action.WARN,
        title=_("Information to give the representatives in writing"),
        checklist=[
            _("The reasons for the proposals"),
            _("The numbers and descriptions of employees proposed to be dismissed"),
            _("The total number of such employees at the establishment"),
            _("The proposed method of selection"),
            _("The proposed method of carrying out the dismissals and their timing"),
            _("The proposed method of calculating redundancy payments"),
        ],
    )
    cap = 180 if planned and planned >= GB_PROTECTIVE_AWARD_CHANGE else 90
    risk = _requirement(
        book,
        "GB-RED-004",
        kind=Kind.WARNING,
        action=Action.WARN,
        title=_("Protective award"),
        note=_("Failing to consult risks a protective award of up to %(days)s days' pay per employee.")
        % {"days": cap},
    )
    return [period, hr1, hr1_effect, disclosure, risk]


def _us(c: Consultation, book: dict[str, StatutoryRule]) -> list[Requirement]:
    coverage = _requirement(
        book,
        "US-RED-001",
        kind=Kind.WARNING,
        action=Action.WARN,
        title=_("WARN Act coverage"),
        note=_(
            "Applies to employers of 100 or more, excluding part-time employees (or 100 or more working "
            "at least 4,000 hours a week)."
        ),
    )
    if c.number_affected < US_WARN_THRESHOLD:
        coverage.note += " " + _(
            "Fewer than 50 employment losses: no plant closing or mass layoff notice "
            "is triggered, unless aggregated over 90 days."
        )
        return [coverage]
    planned = c.first_dismissal_planned_on
    days = book["US-RED-002"].days or 60
    notice = _notice(
        _requirement(
            book,
            "US-RED-002",
            kind=Kind.GOVERNMENT_NOTICE,
            action=Action.DEADLINE,
            title=_(
                "WARN notices to the workers or their union, the state dislocated-worker unit and the "
                "chief local elected official"
            ),
            date=days_before(planned, days) if planned else None,
            date_label=_("notices due by"),
            # xgettext:no-python-format
            note=_("A mass layoff of 50–499 is covered only if it is at least 33% of the site."),
        ),
        c.government_notified_on,
    )
    lifted = bool(c.short_notice_reason and c.short_notice_explanation.strip())
    period = _requirement(
        book,
        "US-RED-002",
        kind=Kind.MINIMUM_PERIOD,
        action=Action.BLOCK,
        title=_("Notice period before the first termination"),
        trigger_label=_("WARN notices given"),
        trigger_date=c.government_notified_on,
        date=_earliest(book["US-RED-002"], c.government_notified_on, c.region, "US", days),
        date_label=_("earliest termination"),
        blocks_dismissal=not lifted,
    )
    if not lifted:
        _check_planned(period, planned)
    result = [coverage, notice, period]
    if lifted:
        result.append(
            _requirement(
                book,
                "US-RED-003",
                kind=Kind.WARNING,
                action=Action.WARN,
                title=_("Short notice"),
                note=_("Notice period shortened: %(reason)s. %(explanation)s")
                % {"reason": c.get_short_notice_reason_display(), "explanation": c.short_notice_explanation},
            )
        )
    result.append(
        _requirement(
            book,
            "US-RED-004",
            kind=Kind.WARNING,
            action=Action.WARN,
            title=_("Liability"),
            note=_(
                "Back pay for up to 60 days, and up to $500 a day if the local government is not notified; "
                "state laws may be stricter."
            ),
        )
    )
    return result


def _no(c: Consultation, book: dict[str, StatutoryRule]) -> list[Requirement]:
    detector = _requirement(
        book,
        "NO-RED-001",
        kind=Kind.WARNING,
        action=Action.WARN,
        title=_("Mass dismissal"),
        note=_(
            "At least 10 dismissals within 30 days not based on the individuals; other exits count once "
            "5 or more are dismissed."
        ),
    )
    if c.number_affected < NO_MASS_DISMISSAL_THRESHOLD:
        return [detector]
    planned = c.first_dismissal_planned_on
    consult = _requirement(
        book,
        "NO-RED-002",
        kind=Kind.WARNING,
        action=Action.WARN,
        title=_("Consult the employee representatives"),
        note=_("As early as possible, on how to avoid, reduce or soften the dismissals."),
    )
    nav = _notice(
        _requirement(
            book,
            "NO-RED-003",
            kind=Kind.GOVERNMENT_NOTICE,
            action=Action.BLOCK,
            title=_("Written notice to NAV, by the consultation invitation"),
            date=c.started_on,
            date_label=_("NAV notice due by"),
            note=_("The consultation invitation may not go out before the notice to NAV."),
            checklist=[
                _("The reasons for the planned dismissals"),
                _("The number of employees to be dismissed"),
                _("The groups of employees affected"),
                _("The number of employees normally employed"),
                _("The period in which the dismissals will take place"),
                _("The proposed selection criteria"),
                _("The criteria for any severance payments"),
            ],
        ),
        c.government_notified_on,
    )
    days = book["NO-RED-004"].days or 30
    effect = _requirement(
        book,
        "NO-RED-004",
        kind=Kind.MINIMUM_PERIOD,
        action=Action.BLOCK,
        title=_("Earliest effect of the mass dismissals"),
        trigger_label=_("NAV notified"),
        trigger_date=c.government_notified_on,
        date=_earliest(book["NO-RED-004"], c.government_notified_on, c.region, "NO", days),
        date_label=_("a notice counts as given no earlier than"),
        blocks_dismissal=True,
        last_day_label=_("last day with the shortest notice period (NO-TERM-005)"),
    )
    effect.last_day = _no_notice_last_day(effect.date, c.region)
    _check_planned(effect, planned)
    return [detector, consult, nav, effect]


def _no_notice_last_day(given: datetime.date | None, region: str) -> datetime.date | None:
    """NO-RED-004 → NO-TERM-005: a notice counting as given on ``given`` runs from the 1st of the
    next month; the last day of the shortest period (the rule's default, 1 month)."""
    if given is None:
        return None
    from policies.models import Rule
    from policies.services import rule_deadline

    row = Rule.objects.filter(rule_id="NO-TERM-005").first()
    if row is not None:
        try:
            return rule_deadline(row, given, region or "NO", closures={}).due
        except ApplicationError:
            pass  # inactive or not in force: count the statutory month
    return workdays.due_date(given, 1, workdays.MONTHS, workdays.FROM_NEXT_MONTH_START, "NO").due


def _vn(c: Consultation, book: dict[str, StatutoryRule]) -> list[Requirement]:
    planned = c.first_dismissal_planned_on
    days = book["VN-RED-001"].days or 30
    period = _requirement(
        book,
        "VN-RED-001",
        kind=Kind.MINIMUM_PERIOD,
        action=Action.BLOCK,
        title=_("Labour-utilisation plan; consult the representative organisation"),
        trigger_label=_("consultation started"),
        trigger_date=c.started_on,
        date=_earliest(book["VN-RED-001"], c.started_on, c.region, "VN", days),
        date_label=_("earliest first dismissal"),
        blocks_dismissal=True,
        note=_("Rule not verified and off until an admin confirms it; shown for information."),
    )
    _check_planned(period, planned)
    notice = _notice(
        _requirement(
            book,
            "VN-RED-001",
            kind=Kind.GOVERNMENT_NOTICE,
            action=Action.BLOCK,
            title=_("Notify the provincial People's Committee and the employees"),
            date=days_before(planned, days) if planned else None,
            date_label=_("notice due by"),
        ),
        c.government_notified_on,
    )
    dialogue = _requirement(
        book,
        "VN-CONS-001",
        kind=Kind.WARNING,
        action=Action.WARN,
        title=_("Workplace dialogue"),
        note=_("Restructuring and redundancy are events that require workplace dialogue (Arts 42, 44)."),
    )
    return [period, notice, dialogue]


_BY_JURISDICTION = {"GB": _gb, "US": _us, "NO": _no, "VN": _vn}


def applies(c: Consultation) -> bool:
    """Whether the redundancy rules apply to this kind of proposal at all (a restructure too in Vietnam)."""
    if c.kind == ProposalKind.COLLECTIVE_REDUNDANCY:
        return True
    return c.kind in jurisdictions.for_code(c.jurisdiction).redundancy_rules_also_cover


def requirements(c: Consultation, **changes: object) -> list[Requirement]:
    """The requirements for ``c``, or for ``c`` with ``changes`` applied (to check a change before saving)."""
    if changes:
        c = copy.copy(c)
        for name, value in changes.items():
            setattr(c, name, value)
    if c.jurisdiction not in _BY_JURISDICTION or not applies(c):
        return []
    return _BY_JURISDICTION[c.jurisdiction](c, rule_book())


def _latest(reqs: Iterable[Requirement]) -> Requirement | None:
    dated = [r for r in reqs if r.date is not None]
    return max(dated, key=lambda r: r.date) if dated else None  # type: ignore[arg-type,return-value]


def first_dismissal_limit(reqs: Iterable[Requirement]) -> Requirement | None:
    """The enforced requirement that sets the earliest first dismissal (the latest of them)."""
    return _latest(r for r in reqs if r.enforced and r.blocks_dismissal)


def conclusion_limit(reqs: Iterable[Requirement]) -> Requirement | None:
    """The active requirement whose minimum period an earlier conclusion is warned about (GB-RED-001)."""
    return _latest(r for r in reqs if r.active and r.warns_conclusion)


@dataclass(frozen=True)
class Progress:
    """Where a consultation stands on a given day: day N of M (day 0 = trigger) and the next date."""

    on: datetime.date
    day: int | None
    of: int | None
    clock: Requirement | None
    next_date: datetime.date | None
    next_requirement: Requirement | None


def progress(c: Consultation, reqs: list[Requirement], on: datetime.date) -> Progress:
    periods = [r for r in reqs if r.kind == Kind.MINIMUM_PERIOD and r.trigger_date]
    clock = next((r for r in periods if r.active), periods[0] if periods else None)
    if clock is not None:
        day: int | None = (on - clock.trigger_date).days  # type: ignore[operator]
        of: int | None = clock.days
    elif c.started_on:
        day, of = (on - c.started_on).days, None
    else:
        day = of = None
    upcoming = [
        r for r in reqs if r.date and r.date >= on and not (r.kind == Kind.GOVERNMENT_NOTICE and r.met)
    ]
    nxt = min(upcoming, key=lambda r: r.date) if upcoming else None  # type: ignore[arg-type,return-value]
    return Progress(
        on=on, day=day, of=of, clock=clock, next_date=nxt.date if nxt else None, next_requirement=nxt
    )
