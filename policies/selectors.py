"""Reads of policies, procedures, rules and closure days, shaped for pages, the API and other apps."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Employee, User
from erms.lib import clock, workdays
from policies.models import (
    ClosureDay,
    Policy,
    PolicyVersion,
    Procedure,
    ProcedureStep,
    Rule,
    RuleStatus,
    VersionStatus,
)
from policies.permissions import (
    ADOPTED,
    can_see_drafts,
    policies_visible_to,
    procedures_visible_to,
    versions_visible_to,
)


def policy_version_effective_on(policy: Policy, date: datetime.date) -> PolicyVersion | None:
    """The version in force on ``date``: the adopted version with the latest ``effective_from`` on or
    before it. An allegation links this version so a later policy change never rewrites an old case."""
    return (
        PolicyVersion.objects.filter(policy=policy, status__in=ADOPTED, effective_from__lte=date)
        .order_by("-effective_from", "-number")
        .first()
    )


def policy_versions_adopted_in(jurisdiction: str) -> list[PolicyVersion]:
    """Every adopted version (in force now or before) of the policies that apply in ``jurisdiction``
    (a policy with no jurisdictions applies everywhere), with their policy, by title then newest first:
    the versions an allegation may name."""
    # Codes are stored as a JSON list; matching the quoted code works on SQLite and PostgreSQL.
    applies = Q(policy__jurisdictions__icontains=f'"{jurisdiction}"') | Q(policy__jurisdictions=[])
    return list(
        PolicyVersion.objects.filter(applies, status__in=ADOPTED, effective_from__isnull=False)
        .select_related("policy")
        .order_by("policy__title", "policy_id", "-number")
    )


def versions_in_force_among(versions: list[PolicyVersion], date: datetime.date) -> list[PolicyVersion]:
    """Of ``versions``, the one in force on ``date`` for each policy (the latest ``effective_from`` on
    or before it); no query, so a page can ask it for each of many allegations."""
    in_force: dict[int, PolicyVersion] = {}
    for version in versions:
        if version.effective_from is None or version.effective_from > date:
            continue
        best = in_force.get(version.policy_id)
        if best is None or (version.effective_from, version.number) > (best.effective_from, best.number):
            in_force[version.policy_id] = version
    return list(in_force.values())


def _effective_text_matches(q: str) -> QuerySet[PolicyVersion]:
    versions = PolicyVersion.objects.filter(status=VersionStatus.EFFECTIVE)
    if settings.IS_POSTGRES:
        return versions.annotate(search=SearchVector("body_markdown")).filter(
            search=SearchQuery(q, search_type="websearch")
        )
    return versions.filter(body_markdown__icontains=q)


def policy_list(
    *, user: User, q: str = "", category: str = "", jurisdiction: str = "", overdue: bool = False
) -> QuerySet[Policy]:
    """Policies the user may see, filtered; search covers titles and the effective texts."""
    qs = policies_visible_to(user).select_related("owner")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(pk__in=_effective_text_matches(q).values("policy_id")))
    if category:
        qs = qs.filter(category=category)
    if jurisdiction:
        # Codes are stored as a JSON list; matching the quoted code works on SQLite and PostgreSQL.
        qs = qs.filter(jurisdictions__icontains=f'"{jurisdiction}"')
    if overdue:
        qs = qs.filter(review_due__lt=clock.today())
    return qs.order_by("title", "id")


def policy_versions_for(user: User, policy: Policy) -> list[PolicyVersion]:
    return list(versions_visible_to(user, policy).select_related("approved_by").order_by("-number"))


def policies_review_overdue_for(user: User) -> QuerySet[Policy]:
    """Policies this user owns whose review date has passed (for "My work")."""
    if not user.is_authenticated:
        return Policy.objects.none()
    return Policy.objects.filter(owner=user, review_due__lt=clock.today()).order_by("review_due", "id")


def policies_for_api(user: User) -> QuerySet[Policy]:
    """Policies with the versions this user may see prefetched as ``visible_versions``."""
    versions = PolicyVersion.objects.select_related("approved_by").order_by("-number")
    if not can_see_drafts(user):
        # Employees: only the versions in force; the current one is picked in Python per policy.
        versions = versions.filter(status__in=ADOPTED, effective_from__lte=clock.today())
    return (
        policies_visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("versions", queryset=versions, to_attr="visible_versions"))
        .order_by("id")
    )


def procedure_for(kind: str, jurisdiction: str) -> Procedure | None:
    """The active procedure for this kind of case in this jurisdiction, with its steps."""
    return (
        Procedure.objects.filter(kind=kind, jurisdiction=jurisdiction, is_active=True)
        .prefetch_related(Prefetch("steps", queryset=ProcedureStep.objects.select_related("rule")))
        .first()
    )


def procedure_limit(procedure: Procedure, key: str) -> ProcedureStep | None:
    """The procedure's time limit for a step (``hearing_notice``, ``appeal_window`` …), if it sets one."""
    for step in procedure.steps.all():
        if step.key == key:
            return step
    return None


def procedure_list(*, user: User, jurisdiction: str = "") -> QuerySet[Procedure]:
    qs = (
        procedures_visible_to(user)
        .select_related("policy_version__policy")
        .prefetch_related(
            Prefetch("steps", queryset=ProcedureStep.objects.select_related("rule").order_by("key"))
        )
    )
    if jurisdiction:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs.order_by("jurisdiction", "kind", "name")


def rules_with_time_limits() -> list[Rule]:
    """Rules a deadline can be computed from: not inactive, with a number or variants."""
    rules = Rule.objects.exclude(status=RuleStatus.INACTIVE).order_by("jurisdiction", "rule_id")
    return [rule for rule in rules if rule.has_time_limit]


def rule_get(rule_id: str) -> Rule | None:
    """A rule by its id, unless inactive (an inactive rule is switched off until an admin confirms it)."""
    return Rule.objects.exclude(status=RuleStatus.INACTIVE).filter(rule_id__iexact=rule_id).first()


def closure_days_for(
    region: str, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict[datetime.date, str]:
    """Organisation closure days that apply in ``region`` (everywhere, its country, or the region
    itself), between ``start`` and ``end`` when given."""
    code = region.strip().upper()
    country = code.split("-", 1)[0]
    rows = ClosureDay.objects.filter(Q(region="") | Q(region__iexact=code) | Q(region__iexact=country))
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    return {row.date: row.reason for row in rows}


def region_choices() -> list[str]:
    return workdays.valid_regions()


def calculator_start(user: User | AnonymousUser, rules: list[Rule], regions: list[str]) -> dict[str, str]:
    """Where the deadline calculator opens for ``user``: the first rule of the country they work in
    (their employee record's location) and their location's region; {} when they have no record."""
    if not isinstance(user, User):
        return {}
    employee = Employee.objects.filter(user=user).select_related("location").first()
    if employee is None:
        return {}
    location = employee.location
    first_rule: dict[str, str] = {}
    for rule in rules:
        first_rule.setdefault(rule.jurisdiction, rule.rule_id)
    country_regions: dict[str, str] = {}
    for code in regions:
        country_regions.setdefault(workdays.region_country(code), code)
    region = location.region.strip().upper()
    if region not in regions:
        region = country_regions.get(location.jurisdiction, "")
    start = {"rule": first_rule.get(location.jurisdiction, ""), "region": region}
    return {name: value for name, value in start.items() if value}
