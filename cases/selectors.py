"""Reads of concerns and cases shaped for pages and the API, limited to what the user may see.

List selectors return querysets whose query count does not grow with the page size:
every relation a row shows is joined (``select_related``) or prefetched.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import Case as SqlCase
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from accounts.models import Employee, EmploymentStatus, User, person_name
from audit.models import AuditEntry
from audit.selectors import object_noun, readable_changes
from cases.models import (
    OPEN_STATUSES,
    Allegation,
    Case,
    CaseUserObjectPermission,
    Concern,
    ConcernCategory,
    ConcernStatus,
    Document,
    Letter,
    LetterStatus,
    Meeting,
    MeetingStatus,
    Outcome,
    Party,
    PartyRole,
    Sanction,
    TimelineEntry,
    TimelineKind,
)
from cases.permissions import cases_visible_to, concerns_for_triage, concerns_raised_by
from deadlines.selectors import SOON
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
    queue: str = ""  # one of WORK_QUEUES: the cases behind a count on the home page
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


#: The work a home page counts, each a filter of the case list (``?queue=…``), so a count and
#: the list it opens always agree. The ``…_this_week`` queues (names kept for the links people
#: saved) are the next 7 days, today included (``deadlines.selectors.SOON``), as on My work.
WORK_QUEUES = ("overdue", "due_this_week", "meetings_this_week", "letters_waiting", "quiet")
QUIET_FOR = datetime.timedelta(days=30)


def work_queue_q(queue: str) -> Q:
    """The open cases in one of ``WORK_QUEUES`` (every case for an unknown name)."""
    today = clock.today()
    if queue == "overdue":
        return Q(status__in=OPEN_STATUSES, next_deadline_on__lt=today)
    if queue == "due_this_week":
        return Q(status__in=OPEN_STATUSES, next_deadline_on__gte=today, next_deadline_on__lt=today + SOON)
    if queue == "meetings_this_week":
        start = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
        meetings = Meeting.objects.filter(
            case=OuterRef("pk"),
            status=MeetingStatus.SCHEDULED,
            scheduled_for__gte=start,
            scheduled_for__lt=start + SOON,
        )
        return Q(status__in=OPEN_STATUSES) & Q(Exists(meetings))
    if queue == "letters_waiting":
        waiting = Letter.objects.filter(
            case=OuterRef("pk"), status__in=[LetterStatus.QUEUED, LetterStatus.FAILED]
        )
        return Q(Exists(waiting))
    if queue == "quiet":
        recent = TimelineEntry.objects.filter(case=OuterRef("pk"), created_at__gte=clock.now() - QUIET_FOR)
        return Q(status__in=OPEN_STATUSES, opened_at__lt=clock.now() - QUIET_FOR) & ~Q(Exists(recent))
    return Q()


def case_work_counts(*, user: User) -> dict[str, int]:
    """How many of the cases ``user`` may see are in each of ``WORK_QUEUES``, plus ``open``:
    one query after the visibility lookups."""
    counts = {name: Count("pk", filter=work_queue_q(name)) for name in WORK_QUEUES}
    return cases_visible_to(user, for_listing=True).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)), **counts
    )


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
    if f.queue in WORK_QUEUES:
        qs = qs.filter(work_queue_q(f.queue))
    qs = search_cases(qs, f.q)
    return qs.order_by(*SORTS.get(f.sort, SORTS["-opened_at"]))


@dataclass(frozen=True)
class MyWork:
    counts: dict[str, int]
    cases: list[Case]
    page: Page


def my_work(*, user: User, page: int | str | None = 1, per_page: int = 50) -> MyWork:
    """The user's open cases (as case manager or investigator), next deadline first, with
    their counts (open, in triage); ``cases`` holds one page of them. (My work counts the
    user's deadlines, of every owner, with ``deadlines.selectors.my_deadlines``.)

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
    counts = {"open": len(rows), "in_triage": sum(1 for *_, status in rows if status == "triage")}
    # next_deadline_on, then opened_at, as the database sorts them (no deadline last).
    rows.sort(key=lambda r: (r[1] is None, r[1] or today, r[2], r[0]))
    shown = Paginator([r[0] for r in rows], per_page).get_page(page)
    by_id = Case.objects.select_related("department", "location", "case_manager").in_bulk(shown.object_list)
    return MyWork(counts=counts, cases=[by_id[pk] for pk in shown.object_list if pk in by_id], page=shown)


@dataclass(frozen=True)
class LiveWarning:
    """A sanction from an earlier case that is still live for the employee (AC-05, VN-SANC-003)."""

    employee_id: int
    first_name: str
    last_name: str
    family_name_first: bool
    case_id: int
    sanction: str
    decided_on: datetime.date
    live_until: datetime.date

    @property
    def employee_name(self) -> str:
        return person_name(self.first_name, self.last_name, family_name_first=self.family_name_first)

    @property
    def label(self) -> str:
        return str(Sanction(self.sanction).label)


#: The roles whose conduct an outcome's sanction answers for.
SANCTIONED_ROLES = (PartyRole.SUBJECT, PartyRole.RESPONDENT)


def _live_warnings(employee_ids: Any, on: datetime.date, exclude_case_id: int | None) -> list[LiveWarning]:
    rows = (
        Party.objects.filter(
            employee_id__in=employee_ids,
            role__in=SANCTIONED_ROLES,
            case__outcome__warning_live_until__gte=on,
            case__outcome__decided_on__lte=on,
        )
        .exclude(case_id=exclude_case_id)
        .values_list(
            "employee_id",
            "employee__first_name",
            "employee__last_name",
            "employee__family_name_first",
            "case_id",
            "case__outcome__sanction",
            "case__outcome__decided_on",
            "case__outcome__warning_live_until",
        )
        .order_by("employee_id", "-case__outcome__warning_live_until", "case_id")
        .distinct()
    )
    return [LiveWarning(*row) for row in rows]


def employee_live_warnings(employee: Employee, *, on: datetime.date | None = None) -> list[LiveWarning]:
    """The employee's sanctions still live on ``on`` (today by default), longest-running first:
    outcomes of cases in which they were the subject or respondent, live from their decision
    through ``warning_live_until`` (computed per the jurisdiction when recorded)."""
    return _live_warnings([employee.pk], on or clock.today(), None)


def case_live_warnings(case: Case, *, on: datetime.date | None = None) -> list[LiveWarning]:
    """The live sanctions, from other cases, of the people this case is about (one query)."""
    about = Party.objects.filter(case=case, role__in=SANCTIONED_ROLES).values("employee_id")
    return _live_warnings(about, on or clock.today(), case.pk)


def case_timeline(case: Case, *, whole: bool = True) -> QuerySet[TimelineEntry]:
    """The case's timeline, newest first. ``whole``: every entry, for HR roles. Otherwise what
    someone the case is shared with may read: no access lines (who else was given the case) and,
    of the notes, only those HR shared with the submitter; the other notes are HR's own (its
    reasons at triage, overridden guardrails, legal holds, the case's staffing)."""
    entries = TimelineEntry.objects.filter(case=case)
    if not whole:
        entries = entries.exclude(kind=TimelineKind.ACCESS).exclude(
            kind=TimelineKind.NOTE, shared_with_submitter=False
        )
    return entries.select_related("author").order_by("-created_at", "-id")


def case_detail_parts(case: Case, *, whole: bool = True) -> dict[str, object]:
    """Everything the case page shows, each in one query; ``whole``: the timeline as
    ``case_timeline`` gives it."""
    return {
        "live_warnings": case_live_warnings(case),
        "parties": list(Party.objects.filter(case=case).select_related("employee", "employee__department")),
        "allegations": list(case_allegations(case)),
        "meetings": list(
            Meeting.objects.filter(case=case)
            .select_related("chair", "companion", "minutes")
            .prefetch_related("attendees")
            .order_by("-scheduled_for")
        ),
        "documents": list(case.documents.select_related("uploaded_by").order_by("-uploaded_at")),
        "timeline": list(case_timeline(case, whole=whole)[:200]),
        "outcome": getattr(case, "outcome", None),
        "investigation": getattr(case, "investigation", None),
        "appeals": list(case.appeals.only("id", "reference", "status")),
    }


#: A concern still waiting for HR's decision (triage has not turned it into a case or closed it).
WAITING_CONCERN_STATUSES = [ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW]


def my_concerns(*, user: User, waiting: bool = False) -> QuerySet[Concern]:
    """The submitter's concerns with status and shared messages only; never case internals.
    ``waiting``: only those HR has not decided yet."""
    qs = concerns_raised_by(user)
    if waiting:
        qs = qs.filter(status__in=WAITING_CONCERN_STATUSES)
    return qs.prefetch_related("about", "messages").order_by("-created_at")


def concern_status_days(concerns: Iterable[Concern]) -> dict[int, datetime.datetime]:
    """When each concern reached its status, by concern id: raised, HR's review started (from
    the audit trail, one query for those under review) or HR's decision."""
    concerns = list(concerns)
    under_review = [c.pk for c in concerns if c.status == ConcernStatus.UNDER_REVIEW]
    started: dict[str, datetime.datetime] = {}
    if under_review:
        started = dict(
            AuditEntry.objects.filter(
                object_type=Concern._meta.label_lower,
                object_id__in=[str(pk) for pk in under_review],
                action="concern_review_started",
            )
            .order_by("at")
            .values_list("object_id", "at")
        )
    days: dict[int, datetime.datetime] = {}
    for c in concerns:
        if c.status == ConcernStatus.UNDER_REVIEW:
            day = started.get(str(c.pk))
        elif c.status == ConcernStatus.RECEIVED:
            day = c.created_at
        else:
            day = c.triaged_at
        if day is not None:
            days[c.pk] = day
    return days


def concern_cases_shared(*, user: User, concerns: Iterable[Concern]) -> dict[int, Case]:
    """The cases the user's concerns became that the user may open (HR shared them), by case id;
    one query, none without a case. A case not shared stays unnamed: the submitter is told that
    a case was opened, not which."""
    ids = {c.case_id for c in concerns if c.case_id is not None}
    if not ids:
        return {}
    return {c.pk: c for c in cases_visible_to(user, among=ids).only("id", "reference", "status")}


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


@dataclass(frozen=True)
class TrendFilters:
    """What the trends page counts over: cases opened or closed between ``start`` and ``end``
    (inclusive), optionally in one jurisdiction, location and department."""

    start: datetime.date
    end: datetime.date
    jurisdiction: str = ""
    location: int | None = None
    department: int | None = None


def trend_months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month from ``start``'s to ``end``'s, in order."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _day_bounds(filters: TrendFilters) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants that start ``filters.start`` and end ``filters.end`` in the deployment's zone."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(filters.start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(
        filters.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return first, after


def _per_month(qs: QuerySet[Case], field: str) -> dict[datetime.date, int]:
    rows = qs.annotate(month=TruncMonth(field)).values("month").annotate(n=Count("id")).order_by("month")
    # TruncMonth gives an aware datetime in the current zone (a date on SQLite).
    return {
        (r["month"].date() if isinstance(r["month"], datetime.datetime) else r["month"]): r["n"] for r in rows
    }


def case_trends(*, user: User, filters: TrendFilters) -> dict[str, object]:
    """Counts for the trends dashboard, only over cases the user may see: cases opened and
    closed per month between the filter's dates, open cases now by kind and by department,
    and outcomes decided between the dates by department and sanction. Six queries at most,
    whatever the number of cases."""
    visible = cases_visible_to(user, for_listing=True)
    if filters.jurisdiction:
        visible = visible.filter(jurisdiction=filters.jurisdiction)
    if filters.location is not None:
        visible = visible.filter(location_id=filters.location)
    if filters.department is not None:
        visible = visible.filter(department_id=filters.department)
    first, after = _day_bounds(filters)
    opened = _per_month(visible.filter(opened_at__gte=first, opened_at__lt=after), "opened_at")
    closed = _per_month(visible.filter(closed_at__gte=first, closed_at__lt=after), "closed_at")
    months = trend_months(filters.start, filters.end)
    open_cases = visible.filter(status__in=OPEN_STATUSES)
    return {
        "by_month": [
            {"month": month, "opened": opened.get(month, 0), "closed": closed.get(month, 0)}
            for month in months
        ],
        "by_kind": list(open_cases.values("kind").annotate(n=Count("id")).order_by("kind")),
        "by_department": list(
            open_cases.values("department__name").annotate(n=Count("id")).order_by("department__name")
        ),
        "sanctions": list(
            Outcome.objects.filter(
                case__in=visible, decided_on__gte=filters.start, decided_on__lte=filters.end
            )
            .values("case__department__name", "sanction")
            .annotate(n=Count("id"))
            .order_by("case__department__name", "sanction")
        ),
    }


# --------------------------------------------------------------------------- the audit page

#: What each recorded action on a case is called on its audit page (looked up when shown).
AUDIT_ACTIONS = {
    "case_opened": gettext_lazy("Case opened"),
    "case_updated": gettext_lazy("Case details changed"),
    "case_status_changed": gettext_lazy("Case status changed"),
    "case_manager_changed": gettext_lazy("Case manager changed"),
    "investigator_added": gettext_lazy("Investigator added"),
    "access_granted": gettext_lazy("Access to the case granted"),
    "access_revoked": gettext_lazy("Access to the case withdrawn"),
    "party_added": gettext_lazy("Person added to the case"),
    "allegation_added": gettext_lazy("Allegation added"),
    "finding_recorded": gettext_lazy("Finding recorded"),
    "investigation_plan_set": gettext_lazy("Investigation plan set"),
    "meeting_scheduled": gettext_lazy("Meeting scheduled"),
    "meeting_held": gettext_lazy("Meeting held"),
    "meeting_cancelled": gettext_lazy("Meeting cancelled"),
    "outcome_recorded": gettext_lazy("Outcome recorded"),
    "note_added": gettext_lazy("Note added"),
    "document_added": gettext_lazy("Document added"),
    "letter_issued": gettext_lazy("Letter issued"),
    "letter_rendered": gettext_lazy("Letter ready"),
    "letter_failed": gettext_lazy("Letter could not be produced"),
    "letter_retried": gettext_lazy("Letter tried again"),
    "letter_requeued": gettext_lazy("Letter queued again"),
    "guardrail_overridden": gettext_lazy("Safeguard overridden"),
    "concern_raised": gettext_lazy("Concern raised"),
    "concern_review_started": gettext_lazy("Concern review started"),
    "concern_triaged": gettext_lazy("Concern triaged"),
    "concern_message_sent": gettext_lazy("Message sent to the person who raised the concern"),
    "appeal_deadline_from_letter": gettext_lazy("Appeal deadline taken from the letter"),
    "deadline_set": gettext_lazy("Deadline set"),
    "deadline_recomputed": gettext_lazy("Deadline recalculated"),
    "deadline_met": gettext_lazy("Deadline met"),
    "deadline_cancelled": gettext_lazy("Deadline no longer applies"),
    "deadline_lapsed": gettext_lazy("Deadline passed"),
}


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    sentence: str
    changes: list[tuple[str, str, str]]


def case_audit_rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """The change log as people read it: a sentence per entry in the reader's language, and the
    fields that really changed with their names and shown values (``audit.selectors``)."""
    rows = []
    for entry in entries:
        known = AUDIT_ACTIONS.get(entry.action)
        noun = capfirst(object_noun(entry.object_type))
        sentence = str(known) if known else gettext("%(object)s changed") % {"object": noun}
        rows.append(AuditRow(entry, sentence, readable_changes(entry)))
    return rows


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
