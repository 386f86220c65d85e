"""Who may see and act on which case: one function per question.

Visibility of a case, in order:
1. The conflict rule always wins: nobody sees a case in which they, or anyone in their
   own manager chain, is the subject or a respondent.
2. Strictly confidential kinds (EAP referrals, whistleblowing) are visible only to the
   named case manager and ER leads whose scope covers the case.
3. Otherwise a case is visible through the user's relation to it, if their role may view
   cases: HR admins organisation-wide, ER leads whose scope covers its jurisdiction (an ER
   lead with no scope row covers nothing: access fails closed), its case manager, its
   investigators; or through an explicit django-guardian ``view_case`` grant on the case.
Denied cases answer 404 so their existence does not leak.

Acting on a visible case (``has_case_perm``): a role says which kinds of action a user may
take; on a given case they apply only through the user's relation to it. HR admins, ER leads
in scope and the case manager hold every permission of their roles on it; an investigator
only those in ``INVESTIGATOR_CARRIES``; an explicit grant holds exactly what it names
(``GRANT_IMPLIES``), whatever the role, so a view-only grant is view-only for everyone.

Investigating and deciding stay apart (XJ-001): ``cases.change_case`` is work on the case's
file (notes, the investigation plan, investigation interviews, findings on the allegations,
which conclude the investigation); steering the case (``MANAGE_CASE``: its status, title and
summary, parties, allegations and their links, hearings and other non-interview meetings,
letters, protected periods, merging concerns into it) needs ``change_case`` through a managing
relation (HR admin, ER lead in scope, case manager). So an investigator investigates and
cannot move the case on to the decision. A ``change_case`` grant means what it names, the
file work, and never managing: a grantee works on the case as an investigator does.
Appointing investigators (``APPOINT_INVESTIGATOR``) likewise needs a managing relation:
investigators and grants cannot appoint. A visible case whose action is not allowed answers 403.

Every fetch of case data for a user (``get_case_for_user`` and the fetchers of what is filed
on a case or became one) records the access in the who-viewed log itself, once per request
and case; a request for an existing case the user may not see is logged as refused.
Only this module touches django-guardian: services grant and revoke through
``case_access_grant`` and ``case_access_revoke``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.http import Http404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import Employee, Role, User
from accounts.roles import ROLE_PERMISSIONS
from audit.selectors import access_logged_since
from audit.services import access_record
from cases.models import (
    CONFIDENTIAL_KINDS,
    CONFLICTED_ROLES,
    Allegation,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Concern,
    Document,
    ErLeadScope,
    Letter,
    Meeting,
    MeetingKind,
    Party,
)
from erms.lib import clock


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

#: Roles that may view cases (``cases.view_case``): they see the cases they are related to.
VIEWING_ROLES = frozenset(role for role, perms in ROLE_PERMISSIONS.items() if "cases.view_case" in perms)

#: What the investigator relation carries of the investigator's role permissions on the case:
#: the investigation's work (``change_case``), never managing the case (``MANAGE_CASE``).
INVESTIGATOR_CARRIES = frozenset(
    {"cases.view_case", "cases.change_case", "cases.add_document", "cases.view_document"}
)

#: What an explicit grant of each permission also covers: a view grant includes the case's
#: documents, a change grant adding them (guardian attaches only the case's own permissions).
GRANT_IMPLIES = {
    "cases.view_case": frozenset({"cases.view_case", "cases.view_document"}),
    "cases.change_case": frozenset({"cases.change_case", "cases.add_document"}),
}

#: Managing the case (status, title and summary, parties, allegations, hearings, letters):
#: ``cases.change_case`` through a managing relation (HR admin, ER lead in scope, the case
#: manager); neither the investigator relation nor a grant carries it.
MANAGE_CASE = "cases.manage_case"

#: Appointing investigators: as ``MANAGE_CASE``, a managing relation only.
APPOINT_INVESTIGATOR = "cases.appoint_investigator"

#: The meetings of the investigation, which ``cases.change_case`` may schedule and record;
#: every other kind (hearings, grievance and mediation meetings) needs ``MANAGE_CASE``.
INVESTIGATION_MEETING_KINDS = frozenset({MeetingKind.INVESTIGATION_INTERVIEW})


def meeting_perm(kind: str) -> str:
    """The permission scheduling, recording or cancelling a meeting of ``kind`` needs (an
    unknown kind: the form or serializer refuses it)."""
    if kind in MeetingKind.values and kind not in INVESTIGATION_MEETING_KINDS:
        return MANAGE_CASE
    return "cases.change_case"


#: Reopening a closed or withdrawn case: ``cases.close_case`` held as an HR admin or as an ER lead
#: whose scope covers the case; the case manager, investigators and grants cannot reopen.
REOPEN_CASE = "cases.reopen_case"


def er_lead_scope(user: User) -> frozenset[str]:
    """The jurisdictions an ER lead covers (none without scope rows), cached on the user."""
    cached = getattr(user, "_er_lead_scope", None)
    if cached is None:
        cached = frozenset()
        if user.has_role(Role.ER_LEAD):
            cached = frozenset(ErLeadScope.objects.filter(user=user).values_list("jurisdiction", flat=True))
        user._er_lead_scope = cached
    return cached


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
    qs = Case.objects.all()
    if among is not None:
        among = frozenset(among)
        if not among:
            return Case.objects.none()

    scope = sorted(er_lead_scope(user))
    if Role.HR_ADMIN in roles:
        if among is not None:
            qs = qs.filter(pk__any_of=among)
    else:
        related = bool(roles & VIEWING_ROLES)
        reachable = _reachable_case_ids(user, as_manager=related, as_investigator=related, among=among)
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

    # Confidential kinds: only the named case manager and ER leads whose scope covers the case.
    hidden = Q(kind__in=CONFIDENTIAL_KINDS) & ~Q(case_manager=user)
    if scope:
        hidden &= ~Q(jurisdiction__in=scope)
    qs = qs.exclude(hidden)
    return qs.exclude(pk__in=conflicted_case_ids(user))


def can_see_case(user: User, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def works_on_cases(user: User | AnonymousUser) -> bool:
    """Whether the user's role views cases (HR and investigators). Anyone else sees a case only
    through an explicit grant, and sees it as someone it is shared with: a plain list, no
    export, and the case without HR's internal file (its next step for HR, access lines and
    notes not shared with the submitter)."""
    return user.is_authenticated and user.has_perm("cases.view_case")


def has_cases_shared_without_list(user: User) -> bool:
    """Whether the user holds explicit grants on cases but no role that lists cases (a line
    manager a case was shared with): they get a list of just those."""
    return (
        user.is_authenticated
        and not works_on_cases(user)
        and CaseUserObjectPermission.objects.filter(user=user, permission__codename="view_case").exists()
    )


# --------------------------------------------------------------------------- the who-viewed log


def _record(user: User, case_id: int, *, via: str, path: str, refused: bool = False) -> None:
    """Write one access entry, once per user object (that is per request), case and path."""
    if not user.is_authenticated:
        return
    done = user.__dict__.setdefault("_case_reads", set())
    key = (case_id, path, refused)
    if key in done:
        return
    done.add(key)
    access_record(user=user, case=case_id, via=via, path=path, refused=refused)


def _refused(user: User, case_id: int | None, *, via: str, path: str) -> None:
    """A request for a case the user may not see: logged if the case exists (never otherwise)."""
    if case_id is not None and Case.objects.filter(pk=case_id).exists():
        _record(user, case_id, via=via, path=path, refused=True)


def _case_for(
    user: User,
    pk: int | str,
    perm: str,
    *,
    via: str,
    path: str,
    missing: str,
    part: bool = False,
    reads: bool = True,
) -> Case:
    """The visible case ``pk`` (else 404 with ``missing``, logged as refused if it exists), ``perm``
    allowed (else 403); the access is logged if the request ``reads`` the case (for a ``part``
    of the page, only if no read was logged lately)."""
    try:
        pk = int(pk)
        # The outcome and the investigation plan (one-to-one, often absent) come with the case.
        case = (
            cases_visible_to(user)
            .select_related("case_manager", "location", "department", "appeal_of", "outcome", "investigation")
            .get(pk=pk)
        )
    except (ValueError, TypeError, OverflowError):
        raise Http404(missing) from None
    except Case.DoesNotExist:
        _refused(user, pk, via=via, path=path)
        raise Http404(missing) from None
    if not has_case_perm(user, case, perm):
        raise PermissionDenied
    if reads and not (part and _read_logged_lately(user, case.pk)):
        _record(user, case.pk, via=via, path=path)
    return case


def get_case_for_user(
    user: User, pk: int | str, perm: str = "cases.view_case", *, via: str, path: str
) -> Case:
    """Fetch a case the user may see and act on with ``perm``, and log the access.

    Raises ``Http404`` if the case is not visible to the user (whatever the reason; logged as
    refused when the case exists) and ``PermissionDenied`` if it is visible but ``perm`` is not
    allowed on it. ``via`` (``page``, ``api``, ``document``, ``audit``) and ``path`` go into the
    access log; a request logs each case once however often it is fetched.
    """
    return _case_for(user, pk, perm, via=via, path=path, missing="No such case.")


#: A part of the case page loaded after the page adds no access entry when the user's read of
#: the case was logged this recently: the page logged the view, and a section that polls every
#: few seconds must not fill the log with views nobody made.
PAGE_VIEW_COVERS = datetime.timedelta(minutes=30)


def _read_logged_lately(user: User, case_id: int) -> bool:
    return user.is_authenticated and access_logged_since(
        user_id=user.pk, case_id=case_id, since=clock.now() - PAGE_VIEW_COVERS
    )


def get_case_part_for_user(
    user: User, pk: int | str, perm: str = "cases.view_case", *, path: str, reads: bool = True
) -> Case:
    """Fetch a case for a part of its page that the page loads or refreshes afterwards (htmx: the
    letters section and its polls, an action's form): the checks and refusals of
    ``get_case_for_user``, but the read is logged only when no read of the case by the user was
    logged in the last ``PAGE_VIEW_COVERS``, so one look at a case page is one entry, and a
    request that merely claims to come from the page still leaves a trace. ``reads=False``: the
    request shows nothing of the case (it sends the reader to the case page, which logs the view)."""
    return _case_for(user, pk, perm, via="page", path=path, missing="No such case.", part=True, reads=reads)


# --------------------------------------------------------------------------- acting on a case


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


def _manages(user: User, case: Case) -> bool:
    """HR admin (organisation-wide), the case's manager, or an ER lead whose scope covers it."""
    return (
        user.has_role(Role.HR_ADMIN)
        or case.case_manager_id == user.pk
        or case.jurisdiction in er_lead_scope(user)
    )


def _investigates(user: User, case: Case) -> bool:
    """Whether the user is one of the case's investigators (once per request and case)."""
    prefetched = getattr(case, "_prefetched_objects_cache", {}).get("investigators")
    if prefetched is not None:
        return any(u.pk == user.pk for u in prefetched)
    known = user.__dict__.setdefault("_investigating", {})
    if case.pk not in known:
        known[case.pk] = Case.investigators.through.objects.filter(case_id=case.pk, user_id=user.pk).exists()
    return known[case.pk]


def _granted(user: User, case: Case) -> frozenset[str]:
    """What the explicit grants on the case (the user's own and their groups') name."""
    held: set[str] = set()
    for codename in _grant_checker(user).get_perms(case):
        perm = f"cases.{codename}"
        held |= GRANT_IMPLIES.get(perm, {perm})
    return frozenset(held)


def has_case_perm(user: User, case: Case, perm: str) -> bool:
    """Whether ``perm`` applies to this case for the user: a permission of their role through
    their relation to the case, or an explicit grant naming it. Visibility is checked by the caller."""
    if not user.is_authenticated or not user.is_active:
        return False
    if perm in (MANAGE_CASE, APPOINT_INVESTIGATOR):
        return user.has_perm("cases.change_case") and _manages(user, case)
    if perm == REOPEN_CASE:
        return user.has_perm("cases.close_case") and (
            user.has_role(Role.HR_ADMIN) or case.jurisdiction in er_lead_scope(user)
        )
    if user.has_perm(perm) and (
        _manages(user, case) or (perm in INVESTIGATOR_CARRIES and _investigates(user, case))
    ):
        return True
    return perm in _granted(user, case)


def case_perm_map(user: User, case: Case, perms: Iterable[str]) -> dict[str, bool]:
    """``has_case_perm`` for several permissions on one case."""
    return {perm: has_case_perm(user, case, perm) for perm in dict.fromkeys(perms)}


def case_access_grant(user: User, case: Case, perms: Iterable[str]) -> None:
    """Give ``user`` explicit grants of ``perms`` (``cases.view_case``, ``cases.change_case``) on the case."""
    for perm in perms:
        assign_perm(perm, user, case)
    forget_case_grants(user)


def case_access_revoke(
    user: User, case: Case, perms: Iterable[str] = ("cases.view_case", "cases.change_case")
) -> None:
    """Take away the user's explicit grants of ``perms`` on the case."""
    for perm in perms:
        remove_perm(perm, user, case)
    forget_case_grants(user)


# --------------------------------------------------------------------------- concerns


def concerns_raised_by(user: User) -> QuerySet[Concern]:
    return Concern.objects.filter(raised_by=user)


def concerns_for_triage(user: User) -> QuerySet[Concern]:
    """The concerns a triager may see: never one about themselves or their manager chain, and
    one that became (or joined) a case only while that case is visible to them."""
    if not user.is_authenticated or not user.has_perm("cases.triage_concern"):
        return Concern.objects.none()
    # ``exclude`` over the many-to-many is a NOT EXISTS: no joined rows, so no duplicates.
    return Concern.objects.exclude(about__in=manager_chain_ids(user)).filter(
        Q(case__isnull=True) | Q(case__in=cases_visible_to(user).values("pk"))
    )


def get_concern_for_triage(user: User, pk: int | str, *, via: str, path: str) -> Concern:
    """A concern for triage (404 otherwise). One that became a case reveals it: the access is
    logged against the case, and a refusal too (unless the user raised it: they see it as theirs)."""
    try:
        pk = int(pk)
        concern = concerns_for_triage(user).get(pk=pk)
    except (ValueError, TypeError, OverflowError):
        raise Http404("No such concern.") from None
    except Concern.DoesNotExist:
        if user.is_authenticated:
            row = Concern.objects.filter(pk=pk).exclude(raised_by=user).values_list("case_id", flat=True)
            _refused(user, row.first(), via=via, path=path)
        raise Http404("No such concern.") from None
    if concern.case_id is not None:
        _record(user, concern.case_id, via=via, path=path)
    return concern


def get_own_concern(user: User, pk: int | str) -> Concern:
    """The submitter's own concern: its status and shared messages, never the case's internals."""
    try:
        return concerns_raised_by(user).get(pk=int(pk))
    except (Concern.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such concern.") from None


# --------------------------------------------------------------------------- what is filed on a case


def get_document_for_user(user: User, pk: int | str, *, via: str, path: str) -> Document:
    """A document is visible with its case (through ``get_case_for_user``, so logged); a concern
    attachment also to its submitter, and to triagers while the concern is theirs to see."""
    try:
        doc = Document.objects.select_related("concern").get(pk=int(pk))
    except (Document.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such document.") from None
    if doc.concern_id is not None and doc.concern.raised_by_id == user.pk:
        # The submitter keeps access to what they attached, even after it joins a case.
        if doc.case_id is not None:
            _record(user, doc.case_id, via=via, path=path)
        return doc
    if doc.case_id is not None:
        doc.case = _case_for(
            user, doc.case_id, "cases.view_document", via=via, path=path, missing="No such document."
        )
        return doc
    if doc.concern_id is not None and concerns_for_triage(user).filter(pk=doc.concern_id).exists():
        return doc
    raise Http404("No such document.")


def can_raise_concern(user: User) -> bool:
    """Line managers (``cases.add_concern``) and any employee with a log-in may raise a concern."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("cases.add_concern") or Employee.objects.filter(user=user).exists()


_Filed = TypeVar("_Filed", Letter, Meeting, Allegation)


def _filed_on_case(
    queryset: QuerySet[_Filed], user: User, pk: int | str, perm: str, *, via: str, path: str
) -> _Filed:
    """An object filed on a case, reached through its case: 404 (with the same words whether
    the object is missing or its case hidden) unless the case is visible, 403 without ``perm``."""
    missing = f"No such {queryset.model._meta.model_name}."
    try:
        obj = queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(missing) from None
    obj.case = _case_for(user, obj.case_id, perm, via=via, path=path, missing=missing)
    return obj


def get_letter_for_user(
    user: User, pk: int | str, perm: str = "cases.view_case", *, via: str, path: str
) -> Letter:
    """A letter is visible with its case (404 otherwise); ``perm`` is checked on the case (403)."""
    return _filed_on_case(
        Letter.objects.select_related("document", "addressee"), user, pk, perm, via=via, path=path
    )


def get_meeting_for_user(
    user: User, pk: int | str, perm: str = "cases.view_case", *, via: str, path: str
) -> Meeting:
    """A meeting is reached through its case, as a letter is."""
    return _filed_on_case(Meeting.objects.all(), user, pk, perm, via=via, path=path)


def get_allegation_for_user(
    user: User, pk: int | str, perm: str = "cases.view_case", *, via: str, path: str
) -> Allegation:
    """An allegation is reached through its case, as a letter is."""
    return _filed_on_case(Allegation.objects.all(), user, pk, perm, via=via, path=path)


def get_filed_under_case(
    user: User, case: Case, queryset: QuerySet[_Filed], pk: int | str, *, via: str, path: str
) -> _Filed:
    """An allegation, meeting or letter of ``case`` (a case already fetched for the user), for
    pages that nest it under its case's URL: 404 otherwise. An id of one filed on another case
    that the user may not see is logged as a refused request for that case."""
    missing = f"No such {queryset.model._meta.model_name}."
    try:
        pk = int(pk)
        obj = queryset.get(case=case, pk=pk)
    except (ValueError, TypeError, OverflowError):
        raise Http404(missing) from None
    except queryset.model.DoesNotExist:
        other = queryset.model.objects.filter(pk=pk).values_list("case_id", flat=True).first()
        if other is not None and not cases_visible_to(user).filter(pk=other).exists():
            _record(user, other, via=via, path=path, refused=True)
        raise Http404(missing) from None
    obj.case = case  # the case as fetched for the user, not a second copy
    return obj
