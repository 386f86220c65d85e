"""Reads of concerns and cases shaped for pages and the API, limited to what the user may see.

List selectors return querysets whose query count does not grow with the page size:
every relation a row shows is joined (``select_related``) or prefetched.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models import Case as SqlCase
from django.db.models.expressions import RawSQL

from accounts.models import Employee, EmploymentStatus, User
from cases.models import (
    OPEN_STATUSES,
    Allegation,
    Case,
    CaseUserObjectPermission,
    Concern,
    ConcernCategory,
    ConcernStatus,
    Document,
    Meeting,
    Outcome,
    Party,
    TimelineEntry,
)
from cases.permissions import cases_visible_to, concerns_for_triage, concerns_raised_by
from erms.lib import clock
from policies.models import PolicyCategory, PolicyVersion
from policies.selectors import policy_versions_adopted_in, versions_in_force_among

UrgencyRank = SqlCase(
    *(When(urgency=u, then=Value(i)) for i, u in enumerate(["urgent", "high", "normal", "low"])),
    default=Value(9),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class CaseFilters:
    kind: str = ""
    status: str = ""
    department: int | None = None
    jurisdiction: str = ""
    case_manager: int | None = None
    overdue: bool = False
    open_only: bool = False
    q: str = ""
    sort: str = "-opened_at"


SORTS = {
    "-opened_at": ("-opened_at", "-id"),
    "opened_at": ("opened_at", "id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "next_deadline_on": ("next_deadline_on", "id"),
    "status": ("status", "-opened_at"),
}


def search_cases(qs: QuerySet[Case], q: str) -> QuerySet[Case]:
    """PostgreSQL: the GIN-indexed tsvector over reference, title, summary and party names.
    Elsewhere: a plain case-insensitive match."""
    q = q.strip()
    if not q:
        return qs
    if settings.IS_POSTGRES:
        match = RawSQL(
            "cases_case.search_vector @@ websearch_to_tsquery('simple', %s)", [q], output_field=BooleanField()
        )
        return qs.alias(fts=match).filter(Q(fts=True) | Q(reference__iexact=q))
    return qs.filter(Q(search_text__icontains=q) | Q(reference__iexact=q))


def case_list(*, user: User, filters: CaseFilters | None = None) -> QuerySet[Case]:
    f = filters or CaseFilters()
    qs = cases_visible_to(user, for_listing=True).select_related("case_manager", "department", "location")
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    elif f.open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if f.department:
        qs = qs.filter(department_id=f.department)
    if f.jurisdiction:
        qs = qs.filter(jurisdiction=f.jurisdiction)
    if f.case_manager:
        qs = qs.filter(case_manager_id=f.case_manager)
    if f.overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, next_deadline_on__lt=clock.today())
    qs = search_cases(qs, f.q)
    return qs.order_by(*SORTS.get(f.sort, SORTS["-opened_at"]))


@dataclass(frozen=True)
class MyWork:
    counts: dict[str, int]
    cases: list[Case]
    page: Page


def my_work(*, user: User, page: int | str | None = 1, per_page: int = 50) -> MyWork:
    """The user's open cases (as case manager or investigator), next deadline first, with
    their counts (open, overdue, due this week, in triage); ``cases`` holds one page of them.

    Short queries: the visible open cases' ids, dates and statuses (counted, sorted and paged
    here), then that page's cases with what the table shows. As one query the visibility
    filter leaves PostgreSQL expecting a single row, and it joins accordingly."""
    mine = (
        Case.objects.filter(case_manager=user, status__in=OPEN_STATUSES)
        .order_by()
        .values_list("pk")
        .union(
            Case.objects.filter(investigators=user, status__in=OPEN_STATUSES).order_by().values_list("pk"),
            all=True,
        )
    )
    rows = list(
        cases_visible_to(user, among={row[0] for row in mine})
        .filter(status__in=OPEN_STATUSES)
        .values_list("pk", "next_deadline_on", "opened_at", "status")
    )
    today = clock.today()
    week_end = today + datetime.timedelta(days=7)
    counts = {
        "open": len(rows),
        "overdue": sum(1 for _, due, _, _ in rows if due is not None and due < today),
        "due_this_week": sum(1 for _, due, _, _ in rows if due is not None and today <= due <= week_end),
        "in_triage": sum(1 for *_, status in rows if status == "triage"),
    }
    # next_deadline_on, then opened_at, as the database sorts them (no deadline last).
    rows.sort(key=lambda r: (r[1] is None, r[1] or today, r[2], r[0]))
    shown = Paginator([r[0] for r in rows], per_page).get_page(page)
    by_id = Case.objects.select_related("department", "location", "case_manager").in_bulk(shown.object_list)
    return MyWork(counts=counts, cases=[by_id[pk] for pk in shown.object_list if pk in by_id], page=shown)


def case_detail_parts(case: Case) -> dict[str, object]:
    """Everything the case page shows, each in one query."""
    return {
        "parties": list(Party.objects.filter(case=case).select_related("employee", "employee__department")),
        "allegations": list(case_allegations(case)),
        "meetings": list(
            Meeting.objects.filter(case=case)
            .select_related("chair", "companion", "minutes")
            .prefetch_related("attendees")
            .order_by("-scheduled_for")
        ),
        "documents": list(case.documents.select_related("uploaded_by").order_by("-uploaded_at")),
        "timeline": list(
            TimelineEntry.objects.filter(case=case)
            .select_related("author")
            .order_by("-created_at", "-id")[:200]
        ),
        "outcome": getattr(case, "outcome", None),
        "investigation": getattr(case, "investigation", None),
        "appeals": list(case.appeals.only("id", "reference", "status")),
    }


def my_concerns(*, user: User) -> QuerySet[Concern]:
    """The submitter's concerns with status and shared messages only; never case internals."""
    return concerns_raised_by(user).prefetch_related("about", "messages").order_by("-created_at")


def triage_queue(*, user: User) -> QuerySet[Concern]:
    return (
        concerns_for_triage(user)
        .filter(status__in=[ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW])
        .select_related("raised_by")
        .prefetch_related(Prefetch("about"), "attachments")
        .annotate(urgency_rank=UrgencyRank)
        .order_by("urgency_rank", "created_at")
    )


def triage_count(*, user: User) -> int:
    """How many concerns wait in the user's triage queue."""
    return (
        concerns_for_triage(user)
        .filter(status__in=[ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW])
        .count()
    )


# --------------------------------------------------------------------------- pickers and page extras


def employee_picker(*, q: str, near: int | None = None, limit: int = 20) -> list[Employee]:
    """Employees matching a name or number, for "who is this about" pickers; the people of
    location ``near`` first. Shows only name, number, department, job title and office, so it
    may serve anyone who raises concerns."""
    q = q.strip()
    if len(q) < 2:
        return []
    terms = Q()
    for word in q.split()[:3]:
        terms &= (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(employee_number__iexact=word)
        )
    return list(
        Employee.objects.exclude(employment_status=EmploymentStatus.LEFT)
        .filter(terms)
        .select_related("department", "location")
        .only(
            "id",
            "first_name",
            "last_name",
            "employee_number",
            "job_title",
            "department__name",
            "location__name",
        )
        .annotate(elsewhere=SqlCase(When(location_id=near, then=Value(0)), default=Value(1)))
        .order_by("elsewhere", "last_name", "first_name", "id")[:limit]
    )


def location_of(user: User) -> int | None:
    """The office of the user's own directory record, if they have one."""
    return Employee.objects.filter(user=user).values_list("location_id", flat=True).first()


def users_with_roles(*roles: str) -> QuerySet[User]:
    """Active users holding any of ``roles`` (case managers, chairs, decision makers)."""
    return (
        User.objects.filter(is_active=True, groups__name__in=roles).distinct().order_by("full_name", "email")
    )


def case_grants(case: Case) -> list[dict[str, object]]:
    """Explicit per-case grants: who, and whether they may also change the case."""
    rows = CaseUserObjectPermission.objects.filter(
        content_object=case, permission__codename__in=["view_case", "change_case"]
    ).select_related("user", "permission")
    grants: dict[int, dict[str, object]] = {}
    for row in rows:
        entry = grants.setdefault(row.user_id, {"user": row.user, "can_change": False})
        if row.permission.codename == "change_case":
            entry["can_change"] = True
    return sorted(grants.values(), key=lambda g: str(g["user"]))


def case_trends(*, user: User) -> dict[str, list[dict[str, object]]]:
    """Counts for the trends dashboard, only over cases the user may see."""
    visible = cases_visible_to(user, for_listing=True)
    open_cases = visible.filter(status__in=OPEN_STATUSES)
    return {
        "by_kind": list(open_cases.values("kind").annotate(n=Count("id")).order_by("kind")),
        "by_department": list(
            open_cases.values("department__name").annotate(n=Count("id")).order_by("department__name")
        ),
        "sanctions": list(
            Outcome.objects.filter(case__in=visible)
            .values("case__department__name", "sanction")
            .annotate(n=Count("id"))
            .order_by("case__department__name", "sanction")
        ),
    }


# --------------------------------------------------------------------------- allegations and their links

#: The kinds of policy an allegation of each category is usually about, most specific first: the
#: version in force of the first such policy is linked when nobody chose one.
_POLICY_CATEGORIES: dict[str, tuple[str, ...]] = {
    ConcernCategory.CONDUCT: (PolicyCategory.CONDUCT, PolicyCategory.DISCIPLINARY),
    ConcernCategory.PERFORMANCE: (PolicyCategory.CAPABILITY,),
    ConcernCategory.ATTENDANCE: (PolicyCategory.ABSENCE,),
    ConcernCategory.BULLYING: (PolicyCategory.DIGNITY_AT_WORK, PolicyCategory.CONDUCT),
    ConcernCategory.HARASSMENT: (PolicyCategory.DIGNITY_AT_WORK, PolicyCategory.CONDUCT),
    ConcernCategory.DISCRIMINATION: (PolicyCategory.EQUAL_OPPORTUNITIES, PolicyCategory.DIGNITY_AT_WORK),
    ConcernCategory.GRIEVANCE: (PolicyCategory.GRIEVANCE,),
    ConcernCategory.WHISTLEBLOWING: (PolicyCategory.WHISTLEBLOWING,),
    ConcernCategory.HEALTH: (PolicyCategory.ABSENCE, PolicyCategory.CAPABILITY),
    ConcernCategory.OTHER: (PolicyCategory.CONDUCT,),
}


def case_allegations(case: Case) -> QuerySet[Allegation]:
    """A case's allegations by number, each with its policy version and evidence, in three queries."""
    return (
        case.allegations.select_related("policy_version__policy")
        .prefetch_related(Prefetch("evidence", queryset=Document.objects.order_by("title", "id")))
        .order_by("number")
    )


def allegation_policy_versions(case: Case) -> list[PolicyVersion]:
    """The policy versions an allegation on ``case`` may name: every adopted version of the policies
    that apply in the case's jurisdiction."""
    return policy_versions_adopted_in(case.jurisdiction)


def allegation_policy_version_in_force(
    versions: list[PolicyVersion], *, category: str, incident_date: datetime.date | None
) -> PolicyVersion | None:
    """Of ``versions`` (``allegation_policy_versions``), the one in force on the incident date of the
    policy an allegation of ``category`` is about; none without a date or such a policy."""
    if incident_date is None:
        return None
    in_force = versions_in_force_among(versions, incident_date)
    for wanted in _POLICY_CATEGORIES.get(category, ()):
        for version in in_force:
            if version.policy.category == wanted:
                return version
    return None


def allegation_evidence_choices(case: Case) -> QuerySet[Document]:
    """The documents of ``case`` an allegation may rely on."""
    return case.documents.order_by("-uploaded_at", "-id")
