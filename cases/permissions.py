"""Who may see and act on which case: one function per question.

Visibility of a case, in order:
1. The conflict rule always wins: nobody sees a case in which they, or anyone in their
   own manager chain, is the subject or a respondent.
2. Strictly confidential kinds (EAP referrals, whistleblowing) are visible only to the
   named case manager and ER leads.
3. Otherwise: HR admins see all; ER leads all in their scope; case managers their cases;
   investigators the cases they investigate; anyone with an explicit django-guardian
   ``view_case`` grant on the case.
Denied cases answer 404 so their existence does not leak.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.http import Http404
from guardian.core import ObjectPermissionChecker

from accounts.models import Employee, Role, User
from cases.models import (
    CONFIDENTIAL_KINDS,
    CONFLICTED_ROLES,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Concern,
    Document,
    ErLeadScope,
    Letter,
    Party,
)


def manager_chain_ids(user: User) -> list[int]:
    """Employee ids of the user and everyone above them (one recursive query; ``UNION``
    stops at a cycle), cached on the user for the request."""
    cached = getattr(user, "_manager_chain_ids", None)
    if cached is not None:
        return cached
    table = connection.ops.quote_name(Employee._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE chain(id, manager_id) AS ("
            f" SELECT id, manager_id FROM {table} WHERE user_id = %s"
            f" UNION SELECT e.id, e.manager_id FROM {table} e JOIN chain ON e.id = chain.manager_id"
            f") SELECT id FROM chain",
            [user.pk],
        )
        chain = [row[0] for row in cursor.fetchall()]
    user._manager_chain_ids = chain
    return chain


def conflicted_case_ids(user: User) -> QuerySet[Party]:
    """Cases where the user or their manager chain is a subject or respondent."""
    return Party.objects.filter(employee_id__in=manager_chain_ids(user), role__in=CONFLICTED_ROLES).values(
        "case_id"
    )


def _reachable_case_ids(
    user: User, *, as_manager: bool, as_investigator: bool, among: frozenset[int] | None = None
) -> QuerySet:
    """Ids of the cases the user reaches by an explicit ``view_case`` grant (own or a group's),
    as their case manager or as an investigator, as one ``UNION ALL``.

    One ``pk IN (…)`` over a union lets PostgreSQL probe these sources by case id; OR-ing
    several ``IN`` tests instead makes it test every case in the table. ``among``: only these
    cases are in question, and each source looks up just them.
    """
    # The permission's id as a scalar subquery, so the grant lookup is an index-only scan on
    # (user, permission, case) rather than a join to auth_permission.
    view_case = Subquery(
        Permission.objects.filter(
            content_type__app_label="cases", content_type__model="case", codename="view_case"
        ).values("pk")[:1]
    )

    def only_among(ids: QuerySet, case_id: str) -> QuerySet:
        return ids if among is None else ids.filter(**{f"{case_id}__any_of": among})

    sources = [
        only_among(
            CaseUserObjectPermission.objects.filter(user=user, permission=view_case), "content_object__id"
        )
        .order_by()
        .values_list("content_object_id"),
        only_among(
            CaseGroupObjectPermission.objects.filter(group__in=user.groups.all(), permission=view_case),
            "content_object__id",
        )
        .order_by()
        .values_list("content_object_id"),
    ]
    if as_manager:
        sources.append(only_among(Case.objects.filter(case_manager=user), "id").order_by().values_list("pk"))
    if as_investigator:
        sources.append(
            only_among(Case.investigators.through.objects.filter(user=user), "case__id")
            .order_by()
            .values_list("case_id")
        )
    return sources[0].union(*sources[1:], all=True)


def _distinct_ids(ids: QuerySet, limit: int) -> frozenset[int]:
    """Up to ``limit`` distinct values of a one-column id query. On PostgreSQL they come
    back as one array (one row, not one row per id and source)."""
    if connection.vendor == "postgresql":
        sql, params = ids.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT array_agg(id) FROM (SELECT DISTINCT id FROM ({sql}) AS u(id) LIMIT %s) AS s",
                [*params, limit],
            )
            return frozenset(cursor.fetchone()[0] or ())
    return frozenset(row[0] for row in ids[:limit])


#: Up to this many reachable case ids, a listing fetches them first (see ``cases_visible_to``).
LISTING_ID_LIMIT = 20_000


def cases_visible_to(
    user: User, *, for_listing: bool = False, among: Iterable[int] | None = None
) -> QuerySet[Case]:
    """Every case this user may see. Lists, search, counts, exports and the API start here.

    ``for_listing``: the caller will count, sort or aggregate many rows (lists, dashboards).
    The ids the user reaches by grant or assignment are then fetched first (one query) and
    passed as values, so PostgreSQL knows how many there are and fetches just those cases
    by primary key; given the subquery instead it cannot estimate the set and scans every
    case. Checks of a single case are fastest without it.

    ``among``: only these case ids are in question (the user's own open cases, the cases of
    their deadlines); the result is limited to them and the grants are looked up just for them.
    """
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    roles = set(user.role_names)
    is_er_lead = Role.ER_LEAD in roles
    qs = Case.objects.all()
    if among is not None:
        among = frozenset(among)
        if not among:
            return Case.objects.none()

    scope: list[str] = []
    if is_er_lead:
        scope = list(ErLeadScope.objects.filter(user=user).values_list("jurisdiction", flat=True))
    sees_all = Role.HR_ADMIN in roles or (is_er_lead and not scope)
    if sees_all:
        if among is not None:
            qs = qs.filter(pk__any_of=among)
    else:
        reachable = _reachable_case_ids(
            user,
            as_manager=Role.HR_CASE_MANAGER in roles or is_er_lead,
            as_investigator=Role.INVESTIGATOR in roles,
            among=among,
        )
        ids = None
        if for_listing or among is not None:
            ids = _distinct_ids(reachable, LISTING_ID_LIMIT + 1)
            if len(ids) > LISTING_ID_LIMIT:
                ids = None  # too many to pass as values: the subquery
        # The reachable ids already lie among the given cases; a subquery or the scope does not.
        only_among = Q() if among is None else Q(pk__any_of=among)
        allowed = Q(pk__in=reachable) & only_among if ids is None else Q(pk__any_of=ids)
        if scope:
            allowed |= Q(jurisdiction__in=scope) & only_among
        qs = qs.filter(allowed)

    # Confidential kinds: only the named case manager and ER leads (in scope, by the filter above).
    if not is_er_lead:
        qs = qs.exclude(Q(kind__in=CONFIDENTIAL_KINDS) & ~Q(case_manager=user))
    return qs.exclude(pk__in=conflicted_case_ids(user))


def can_see_case(user: User, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def get_case_for_user(user: User, pk: int | str, perm: str = "cases.view_case") -> Case:
    """Fetch a case the user may see and act on with ``perm``.

    Raises ``Http404`` if the case is not visible to the user (whatever the reason) and
    ``PermissionDenied`` if it is visible but the user's role does not allow ``perm``.
    """
    try:
        # The outcome and the investigation plan (one-to-one, often absent) come with the case.
        case = (
            cases_visible_to(user)
            .select_related("case_manager", "location", "department", "appeal_of", "outcome", "investigation")
            .get(pk=int(pk))
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case.") from None
    if not has_case_perm(user, case, perm):
        raise PermissionDenied
    return case


def _grant_checker(user: User) -> ObjectPermissionChecker:
    """One django-guardian checker per user object, that is per request: it reads a case's
    grants (the user's own and their groups') once, however many actions are checked."""
    checker = getattr(user, "_case_grant_checker", None)
    if checker is None:
        checker = user._case_grant_checker = ObjectPermissionChecker(user)
    return checker


def forget_case_grants(user: User) -> None:
    """Drop the grants read for this user object (after granting or revoking within a request)."""
    user.__dict__.pop("_case_grant_checker", None)


def has_case_perm(user: User, case: Case, perm: str) -> bool:
    """Role permission, or an explicit per-case grant. Visibility is checked by the caller."""
    if user.has_perm(perm):
        return True
    # Per-case grants are case permissions; a view grant includes the case's documents.
    granted = "cases.view_case" if perm == "cases.view_document" else perm
    return user.is_active and _grant_checker(user).has_perm(granted.split(".", 1)[1], case)


def case_perm_map(user: User, case: Case, perms: Iterable[str]) -> dict[str, bool]:
    """``has_case_perm`` for several permissions on one case."""
    return {perm: has_case_perm(user, case, perm) for perm in dict.fromkeys(perms)}


def concerns_raised_by(user: User) -> QuerySet[Concern]:
    return Concern.objects.filter(raised_by=user)


def concerns_for_triage(user: User) -> QuerySet[Concern]:
    """The triage queue: only for users who may triage; never a concern about themselves
    or their manager chain."""
    if not user.is_authenticated or not user.has_perm("cases.triage_concern"):
        return Concern.objects.none()
    # ``exclude`` over the many-to-many is a NOT EXISTS: no joined rows, so no duplicates.
    return Concern.objects.exclude(about__in=manager_chain_ids(user))


def get_concern_for_triage(user: User, pk: int | str) -> Concern:
    try:
        return concerns_for_triage(user).get(pk=int(pk))
    except (Concern.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern.") from None


def get_own_concern(user: User, pk: int | str) -> Concern:
    try:
        return concerns_raised_by(user).get(pk=int(pk))
    except (Concern.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern.") from None


def get_document_for_user(user: User, pk: int | str) -> Document:
    """A document is visible with its case; a concern attachment to its submitter and triagers."""
    try:
        doc = Document.objects.select_related("case", "concern").get(pk=int(pk))
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document.") from None
    if doc.concern_id is not None and doc.concern.raised_by_id == user.pk:
        return doc  # the submitter keeps access to what they attached, even after it joins a case
    if doc.case_id is not None:
        if not cases_visible_to(user).filter(pk=doc.case_id).exists():
            raise Http404("No such document.")
        if not has_case_perm(user, doc.case, "cases.view_document"):
            raise PermissionDenied
        return doc
    if doc.concern_id is not None and (
        doc.concern.raised_by_id == user.pk or concerns_for_triage(user).filter(pk=doc.concern_id).exists()
    ):
        return doc
    raise Http404("No such document.")


def can_raise_concern(user: User) -> bool:
    """Line managers (``cases.add_concern``) and any employee with a log-in may raise a concern."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("cases.add_concern") or Employee.objects.filter(user=user).exists()


def get_letter_for_user(user: User, pk: int | str, perm: str = "cases.view_case") -> Letter:
    """A letter is visible with its case (404 otherwise); ``perm`` is checked on the case (403)."""
    try:
        letter = Letter.objects.select_related("case", "document", "addressee").get(pk=int(pk))
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404("No such letter.") from None
    if not cases_visible_to(user).filter(pk=letter.case_id).exists():
        raise Http404("No such letter.")
    if not has_case_perm(user, letter.case, perm):
        raise PermissionDenied
    return letter
