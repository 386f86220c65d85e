"""Every change to policies and procedures, and the deadline computations built on the rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import formats
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Jurisdiction, User
from audit.services import audit
from erms.lib import clock, workdays
from erms.lib.errors import ApplicationError
from policies import selectors
from policies.models import (
    ACROSS_JURISDICTIONS,
    Counting,
    Policy,
    PolicyCategory,
    PolicyVersion,
    Procedure,
    ProcedureStep,
    Rule,
    RuleBound,
    RuleStatus,
    StepAction,
    StepKey,
    Unit,
    VersionStatus,
)

# --- Policy library ---------------------------------------------------------------------------


def _clean_jurisdictions(jurisdictions: Iterable[str]) -> list[str]:
    codes = []
    for code in jurisdictions:
        code = code.strip().upper()
        if code not in Jurisdiction.values:
            raise ApplicationError(
                _("Unknown jurisdiction %(code)s.") % {"code": code}, field="jurisdictions"
            )
        if code not in codes:
            codes.append(code)
    return codes


@transaction.atomic
def policy_create(
    *,
    actor: User,
    title: str,
    category: str,
    jurisdictions: Iterable[str],
    review_due: datetime.date,
    owner: User | None = None,
    body_markdown: str = "",
    change_note: str = "",
) -> Policy:
    """Create a policy; with a body, its first draft version too."""
    if category not in PolicyCategory.values:
        raise ApplicationError(_("Unknown policy category."), field="category")
    policy = Policy.objects.create(
        title=title.strip(),
        category=category,
        owner=owner or actor,
        jurisdictions=_clean_jurisdictions(jurisdictions),
        review_due=review_due,
    )
    audit(
        actor=actor,
        action="policy_created",
        obj=policy,
        changes={
            "title": (None, policy.title),
            "category": (None, policy.category),
            "jurisdictions": (None, policy.jurisdictions),
            "review_due": (None, policy.review_due),
            "owner": (None, policy.owner),
        },
    )
    if body_markdown.strip():
        policy_version_draft(actor=actor, policy=policy, body_markdown=body_markdown, change_note=change_note)
    return policy


@transaction.atomic
def policy_review_record(*, actor: User, policy: Policy, next_review_due: datetime.date) -> Policy:
    """Record that the policy was reviewed and set the next review date."""
    if next_review_due <= clock.today():
        raise ApplicationError(_("The next review date must be in the future."), field="next_review_due")
    before = policy.review_due
    policy.review_due = next_review_due
    policy.save(update_fields=["review_due", "updated_at"])
    audit(
        actor=actor, action="policy_reviewed", obj=policy, changes={"review_due": (before, next_review_due)}
    )
    return policy


@transaction.atomic
def policy_version_draft(
    *, actor: User, policy: Policy, body_markdown: str, change_note: str = ""
) -> PolicyVersion:
    """Open the next version as a draft. One open (draft or approved) version at a time."""
    Policy.objects.select_for_update().filter(pk=policy.pk).first()
    open_version = policy.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.APPROVED]).first()
    if open_version is not None:
        raise ApplicationError(
            _("Version %(number)s is still open (%(status)s); finish it before drafting another.")
            % {"number": open_version.number, "status": open_version.get_status_display()}
        )
    if not body_markdown.strip():
        raise ApplicationError(_("A version needs a text."), field="body_markdown")
    number = (policy.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = PolicyVersion.objects.create(
        policy=policy,
        number=number,
        body_markdown=body_markdown,
        change_note=change_note.strip(),
        created_by=actor,
    )
    audit(
        actor=actor,
        action="policy_version_drafted",
        obj=version,
        changes={
            "policy": (None, policy),
            "number": (None, number),
            "change_note": (None, version.change_note),
        },
    )
    return version


def _refuse_unless_draft(version: PolicyVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ApplicationError(
            _("Version %(number)s is %(status)s and read-only; only drafts can change.")
            % {"number": version.number, "status": version.get_status_display().lower()}
        )


@transaction.atomic
def policy_version_update(
    *, actor: User, version: PolicyVersion, body_markdown: str, change_note: str = ""
) -> PolicyVersion:
    """Edit a draft's text. Approved, effective and superseded versions are read-only."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_unless_draft(version)
    if not body_markdown.strip():
        raise ApplicationError(_("A version needs a text."), field="body_markdown")
    changes = {
        name: (getattr(version, name), value)
        for name, value in (("body_markdown", body_markdown), ("change_note", change_note.strip()))
        if getattr(version, name) != value
    }
    version.body_markdown = body_markdown
    version.change_note = change_note.strip()
    version.save(update_fields=["body_markdown", "change_note"])
    if changes:
        audit(actor=actor, action="policy_version_updated", obj=version, changes=changes)
    return version


@transaction.atomic
def policy_version_approve(*, actor: User, version: PolicyVersion) -> PolicyVersion:
    """Approve a draft, recording who and when."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_unless_draft(version)
    version.status = VersionStatus.APPROVED
    version.approved_by = actor
    version.approved_at = clock.now()
    version.save(update_fields=["status", "approved_by", "approved_at"])
    audit(
        actor=actor,
        action="policy_version_approved",
        obj=version,
        changes={"status": (VersionStatus.DRAFT, VersionStatus.APPROVED)},
    )
    return version


@transaction.atomic
def policy_version_make_effective(
    *, actor: User, version: PolicyVersion, effective_from: datetime.date | None = None
) -> PolicyVersion:
    """Make an approved version the effective one from a date, superseding the previous one.

    Locks the policy row so two editors cannot make two versions effective at once; the
    partial unique constraint backs this up in the database.
    """
    Policy.objects.select_for_update().filter(pk=version.policy_id).first()
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.APPROVED:
        raise ApplicationError(
            _("Only an approved version can become effective; version %(number)s is %(status)s.")
            % {"number": version.number, "status": version.get_status_display().lower()}
        )
    effective_from = effective_from or clock.today()
    previous = PolicyVersion.objects.filter(
        policy_id=version.policy_id, status=VersionStatus.EFFECTIVE
    ).first()
    if previous is not None:
        if previous.effective_from and effective_from <= previous.effective_from:
            raise ApplicationError(
                _("Version %(number)s is effective from %(date)s; the new version must start later.")
                % {
                    "number": previous.number,
                    "date": formats.date_format(previous.effective_from, "DATE_FORMAT"),
                },
                field="effective_from",
            )
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
        audit(
            actor=actor,
            action="policy_version_superseded",
            obj=previous,
            changes={"status": (VersionStatus.EFFECTIVE, VersionStatus.SUPERSEDED)},
        )
    version.status = VersionStatus.EFFECTIVE
    version.effective_from = effective_from
    version.save(update_fields=["status", "effective_from"])
    audit(
        actor=actor,
        action="policy_version_made_effective",
        obj=version,
        changes={
            "status": (VersionStatus.APPROVED, VersionStatus.EFFECTIVE),
            "effective_from": (None, effective_from),
        },
    )
    return version


# --- Deadlines from rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    number: int
    unit: str
    counting: str


@dataclass(frozen=True)
class VariantDue:
    key: str
    label: str
    number: int | None
    unit: str
    due: datetime.date | None


@dataclass(frozen=True)
class DeadlineResult:
    due: datetime.date
    due_at: datetime.datetime
    time_zone: str
    rule_id: str
    title: str
    citation: str
    source_url: str
    status: str
    action: str
    number: int
    unit: str
    counting: str
    variant: str | None
    variant_label: str
    other_variants: list[VariantDue] = field(default_factory=list)
    skipped: list[workdays.SkippedDay] = field(default_factory=list)
    falls_on: workdays.SkippedDay | None = None
    # DOMAIN.md rule 5: a ``roll_forward`` rule's end on a non-working day, before it moved, and why.
    due_unmoved: datetime.date | None = None
    moved_reason: str = ""


def moved_reason(unmoved: datetime.date | None, due: datetime.date) -> str:
    """The reason a rolled due date moved, e.g. "Sat 14 Nov 2026 is not a working day: moved to Mon 16 Nov"."""
    if unmoved is None or unmoved == due:
        return ""
    return _("%(unmoved)s is not a working day: moved to %(due)s") % {
        "unmoved": date_format(unmoved, "D j M Y"),
        "due": date_format(due, "D j M"),
    }


def _variant_in_force(variant: Mapping[str, Any], on: datetime.date) -> bool:
    start, end = variant.get("effective_from"), variant.get("effective_to")
    return (not start or on >= datetime.date.fromisoformat(start)) and (
        not end or on <= datetime.date.fromisoformat(end)
    )


def _period(rule: Rule, variant: Mapping[str, Any] | None) -> Period:
    if variant is not None:
        return Period(int(variant["number"]), variant["unit"], variant.get("counting") or rule.counting)
    if rule.number is None or not rule.unit:
        raise ApplicationError(
            _("%(rule)s sets no time limit.") % {"rule": rule.rule_id}, field="rule", rule=rule.rule_id
        )
    return Period(rule.number, rule.unit, rule.counting)


def _check_region(rule: Rule, region: str) -> str:
    try:
        country = workdays.region_country(region)
    except workdays.UnknownRegion:
        raise ApplicationError(
            _("Unknown region %(region)s: use an ISO 3166-2 code such as GB-ENG, GB-SCT, US-NY, NO or VN.")
            % {"region": region or "—"},
            field="region",
        ) from None
    if rule.jurisdiction not in {country, ACROSS_JURISDICTIONS}:
        raise ApplicationError(
            _("%(rule)s applies in %(jurisdiction)s, not in region %(region)s.")
            % {"rule": rule.rule_id, "jurisdiction": rule.jurisdiction, "region": region},
            field="region",
            rule=rule.rule_id,
        )
    return region.strip().upper()


def rule_deadline(
    rule: Rule,
    start: datetime.date,
    region: str,
    variant: str | None = None,
    *,
    closures: Mapping[datetime.date, str] | None = None,
    time_zone: str | None = None,
    working_week: Iterable[int] = workdays.MONDAY_TO_FRIDAY,
) -> DeadlineResult:
    """The due date of ``rule`` triggered on ``start`` (a local date) in ``region``.

    Picks the named variant, or else the first variant in force on ``start`` (the first
    listed in DOMAIN.md). ``closures`` default to the organisation's closure days for the
    region; ``time_zone`` to the region's. Raises ``ApplicationError`` naming the bad
    parameter (``rule``, ``start``, ``region`` or ``variant``).
    """
    if rule.status == RuleStatus.INACTIVE:
        raise ApplicationError(
            _("%(rule)s is inactive.") % {"rule": rule.rule_id}, field="rule", rule=rule.rule_id
        )
    clock.require_year_in_range(start, field="start")
    region = _check_region(rule, region)
    if (rule.effective_from and start < rule.effective_from) or (
        rule.effective_to and start > rule.effective_to
    ):
        raise ApplicationError(
            _("%(rule)s is not in force on %(date)s.")
            % {"rule": rule.rule_id, "date": formats.date_format(start, "DATE_FORMAT")},
            field="start",
            rule=rule.rule_id,
        )
    chosen: Mapping[str, Any] | None = None
    if rule.variants:
        by_key = {v["key"]: v for v in rule.variants}
        if variant:
            chosen = by_key.get(variant)
            if chosen is None:
                raise ApplicationError(
                    _("%(rule)s has no variant %(variant)s; choose one of %(keys)s.")
                    % {"rule": rule.rule_id, "variant": variant, "keys": ", ".join(by_key)},
                    field="variant",
                    rule=rule.rule_id,
                )
            if not _variant_in_force(chosen, start):
                raise ApplicationError(
                    _("Variant %(variant)s of %(rule)s is not in force on %(date)s.")
                    % {
                        "variant": variant,
                        "rule": rule.rule_id,
                        "date": formats.date_format(start, "DATE_FORMAT"),
                    },
                    field="variant",
                    rule=rule.rule_id,
                )
        else:
            chosen = next((v for v in rule.variants if _variant_in_force(v, start)), rule.variants[0])
    elif variant:
        raise ApplicationError(
            _("%(rule)s has no variants.") % {"rule": rule.rule_id}, field="variant", rule=rule.rule_id
        )

    period = _period(rule, chosen)
    if closures is None:
        closures = selectors.closure_days_for(region, start, start + datetime.timedelta(days=800))

    def compute(p: Period) -> workdays.DueDate:
        return workdays.due_date(
            start,
            p.number,
            p.unit,
            p.counting,
            region,
            closures,
            working_week=working_week,
            roll_forward=rule.roll_forward,
        )

    result = compute(period)
    zone = time_zone or workdays.region_time_zone(region)
    others = [
        VariantDue(
            key=v["key"],
            label=v.get("label", v["key"]),
            number=v.get("number"),
            unit=v.get("unit", ""),
            due=compute(_period(rule, v)).due if _variant_in_force(v, start) else None,
        )
        for v in rule.variants
        if chosen is None or v["key"] != chosen["key"]
    ]
    return DeadlineResult(
        due=result.due,
        due_at=workdays.end_of_day_utc(result.due, zone),
        time_zone=zone,
        rule_id=rule.rule_id,
        title=rule.title,
        citation=rule.citation,
        source_url=rule.source_url,
        status=rule.status,
        action=rule.action,
        number=period.number,
        unit=period.unit,
        counting=period.counting,
        variant=chosen["key"] if chosen else None,
        variant_label=chosen.get("label", "") if chosen else "",
        other_variants=others,
        skipped=result.skipped,
        falls_on=result.falls_on,
        due_unmoved=result.unmoved,
        moved_reason=moved_reason(result.unmoved, result.due),
    )


def gb_early_conciliation_limit(
    limit: datetime.date, day_a: datetime.date, day_b: datetime.date
) -> datetime.date:
    """GB-LIM-002 (ERA 1996 s207B): extend a tribunal limit for Acas early conciliation.

    Days A+1…B are not counted; if the result then falls between Day A and one month
    after Day B, the limit becomes Day B + 1 month (not moved off a weekend).
    """
    if day_b < day_a:
        raise ApplicationError(_("Day B (certificate) cannot be before Day A (contact)."), field="day_b")
    extended = limit + (day_b - day_a)
    month_after_b = workdays.add_months(day_b, 1)
    if day_a <= extended <= month_after_b:
        return month_after_b
    return extended


def vn_limitation_after_bar(limit: datetime.date, bar_end: datetime.date, days: int = 60) -> datetime.date:
    """VN-DISC-003 (LC Art 123): when a bar (sick leave, custody …) ends with the limitation expired
    or fewer than ``days`` calendar days left, the limit becomes ``days`` after the bar ends."""
    if (limit - bar_end).days < days:
        return bar_end + datetime.timedelta(days=days)
    return limit


# --- Procedures -------------------------------------------------------------------------------


def _describe(number: int, unit: str) -> str:
    return f"{number} {Unit(unit).label}"


def step_bound_check(
    *, rule: Rule | None, rule_variant: str, rule_bound: str, number: int, unit: str, counting: str
) -> None:
    """XJ-005: refuse an organisation limit weaker than the statutory rule it rests on.

    A floor (notice, consultation) may only give more time; a ceiling (suspension, a
    limitation to decide within) only less. Compared as due dates over a whole year of
    trigger days, so limits in different units compare fairly.
    """
    if rule is None or rule_bound == RuleBound.REFERENCE or rule.status == RuleStatus.INACTIVE:
        return
    if rule_variant:
        found = next((v for v in rule.variants if v["key"] == rule_variant), None)
        if found is None:
            raise ApplicationError(
                _("%(rule)s has no variant %(variant)s.") % {"rule": rule.rule_id, "variant": rule_variant},
                field="rule_variant",
                rule=rule.rule_id,
            )
        statutory = _period(rule, found)
    elif rule.number is not None and rule.unit:
        statutory = _period(rule, None)
    elif rule.variants:
        statutory = _period(rule, rule.variants[0])
    else:
        return
    start = datetime.date(2026, 1, 1)
    for offset in range(366):
        day = start + datetime.timedelta(days=offset)
        ours = workdays.due_date(day, number, unit, counting, "GB-ENG", {}).due
        theirs = workdays.due_date(
            day, statutory.number, statutory.unit, statutory.counting, "GB-ENG", {}
        ).due
        if rule_bound == RuleBound.FLOOR and ours < theirs:
            raise ApplicationError(
                _("%(rule)s requires at least %(period)s.")
                % {"rule": rule.rule_id, "period": _describe(statutory.number, statutory.unit)},
                field="number",
                rule="XJ-005",
            )
        if rule_bound == RuleBound.CEILING and ours > theirs:
            raise ApplicationError(
                _("%(rule)s allows at most %(period)s.")
                % {"rule": rule.rule_id, "period": _describe(statutory.number, statutory.unit)},
                field="number",
                rule="XJ-005",
            )


@transaction.atomic
def procedure_step_set(
    *,
    actor: User,
    procedure: Procedure,
    key: str,
    number: int,
    unit: str,
    counting: str = Counting.EXCLUDES_TRIGGER_DAY,
    rule: Rule | None = None,
    rule_variant: str = "",
    rule_bound: str = RuleBound.FLOOR,
    action: str = StepAction.BLOCK,
) -> ProcedureStep:
    """Set (create or change) one time limit of a procedure, refusing one weaker than its statutory rule."""
    if key not in StepKey.values:
        raise ApplicationError(_("Unknown procedure step."), field="key")
    if unit not in Unit.values:
        raise ApplicationError(_("Unknown unit."), field="unit")
    if counting not in Counting.values:
        raise ApplicationError(_("Unknown counting."), field="counting")
    if number < 0:
        raise ApplicationError(_("A time limit cannot be negative."), field="number")
    step_bound_check(
        rule=rule,
        rule_variant=rule_variant,
        rule_bound=rule_bound,
        number=number,
        unit=unit,
        counting=counting,
    )
    values = {
        "number": number,
        "unit": unit,
        "counting": counting,
        "rule": rule,
        "rule_variant": rule_variant,
        "rule_bound": rule_bound,
        "action": action,
    }
    before = ProcedureStep.objects.filter(procedure=procedure, key=key).select_related("rule").first()
    step, _created = ProcedureStep.objects.update_or_create(procedure=procedure, key=key, defaults=values)
    changes = {
        name: (getattr(before, name) if before else None, value)
        for name, value in values.items()
        if before is None or getattr(before, name) != value
    }
    if changes:
        audit(actor=actor, action="procedure_step_set", obj=step, changes={"key": (None, key)} | changes)
    return step


def procedure_step_due(
    step: ProcedureStep,
    start: datetime.date,
    region: str,
    *,
    closures: Mapping[datetime.date, str] | None = None,
    working_week: Iterable[int] = workdays.MONDAY_TO_FRIDAY,
) -> workdays.DueDate:
    """The due (or, for a notice, earliest allowed) date of a procedure step triggered on ``start``."""
    try:
        region = region.strip().upper()
        workdays.region_country(region)
    except workdays.UnknownRegion:
        raise ApplicationError(_("Unknown region %(region)s.") % {"region": region}, field="region") from None
    if closures is None:
        closures = selectors.closure_days_for(region, start, start + datetime.timedelta(days=800))
    return workdays.due_date(
        start, step.number, step.unit, step.counting, region, closures, working_week=working_week
    )
