"""Who may see which bodies, consultations, negotiations and agreements.

``unions.view_union`` grants the kind of access; which objects follows from
``unions.view_all_bodies`` (HR admins, ER leads, HR case managers: everything) or,
for a union representative, the bodies they currently represent through
``Representative.user``. Everybody else sees nothing. Membership data needs
``unions.view_membership`` on top.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Employee, Role, User
from cases.models import Meeting
from cases.permissions import conflicted_case_ids
from erms.lib import clock
from unions.models import (
    CollectiveAgreement,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    EmployeeBody,
    Negotiation,
    Representative,
)

VIEW = "unions.view_union"
CHANGE = "unions.change_union"
VIEW_ALL = "unions.view_all_bodies"
VIEW_MEMBERSHIP = "unions.view_membership"


def _sees_all(user: User) -> bool:
    return user.has_perm(VIEW) and user.has_perm(VIEW_ALL)


def represented_body_ids(user: User) -> QuerySet[Representative]:
    """Ids of the bodies this user currently represents (a values queryset, usable in ``__in``)."""
    today = clock.today()
    return Representative.objects.serving_on(today).filter(user=user).values("body_id")


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW))


def bodies_visible_to(user: User) -> QuerySet[EmployeeBody]:
    if not _active(user):
        return EmployeeBody.objects.none()
    if _sees_all(user):
        return EmployeeBody.objects.all()
    return EmployeeBody.objects.filter(pk__in=represented_body_ids(user))


def consultations_visible_to(user: User) -> QuerySet[Consultation]:
    if not _active(user):
        return Consultation.objects.none()
    if _sees_all(user):
        return Consultation.objects.all()
    consulted = Consultation.bodies.through.objects.filter(
        employeebody_id__in=represented_body_ids(user)
    ).values("consultation_id")
    return Consultation.objects.filter(pk__in=consulted)


def negotiations_visible_to(user: User) -> QuerySet[Negotiation]:
    if not _active(user):
        return Negotiation.objects.none()
    if _sees_all(user):
        return Negotiation.objects.all()
    return Negotiation.objects.filter(body_id__in=represented_body_ids(user))


def agreements_visible_to(user: User) -> QuerySet[CollectiveAgreement]:
    if not _active(user):
        return CollectiveAgreement.objects.none()
    if _sees_all(user):
        return CollectiveAgreement.objects.all()
    return CollectiveAgreement.objects.filter(body_id__in=represented_body_ids(user))


def _fetch(qs: QuerySet, user: User, pk: int, perm: str | None):  # type: ignore[no-untyped-def]
    """An object the user may not see answers 404; a visible one whose action (``perm``) the
    user's role does not allow answers 403, as everywhere in ERMS."""
    try:
        obj = qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if perm and not user.has_perm(perm):
        raise PermissionDenied
    return obj


def sees_as_representative(user: User) -> bool:
    """Whether the user sees consultations only as a representative of a consulted body: then a
    consultation shows what is shared with the representatives, not HR's compliance tracking."""
    return _active(user) and not _sees_all(user)


def consultation_meetings_visible_to(user: User, consultation: Consultation) -> QuerySet[ConsultationMeeting]:
    """All meetings for HR; for a representative, the meetings with their body: one of its
    representatives attended, or none is recorded and the consultation is with their bodies alone."""
    meetings = consultation.meetings.all()
    if not sees_as_representative(user):
        return meetings
    theirs = represented_body_ids(user)
    with_them = Q(
        pk__in=ConsultationMeeting.attendees.through.objects.filter(
            representative__body_id__in=theirs
        ).values("consultationmeeting_id")
    )
    if not consultation.bodies.exclude(pk__in=theirs).exists():
        with_them |= Q(attendees__isnull=True)
    return meetings.filter(with_them).distinct()


def consultation_log_visible_to(user: User, consultation: Consultation) -> QuerySet[ConsultationLogEntry]:
    """All entries for HR; for a representative, those shared with the representatives that are
    not from another body."""
    entries = consultation.log_entries.all()
    if not sees_as_representative(user):
        return entries
    return entries.filter(shared_with_representatives=True).filter(
        Q(body__isnull=True) | Q(body_id__in=represented_body_ids(user))
    )


def get_consultation_for_user(user: User, pk: int, perm: str | None = None) -> Consultation:
    """The consultation if ``user`` may see it (and holds ``perm`` when given); 404 otherwise."""
    return _fetch(consultations_visible_to(user), user, pk, perm)


def get_body_for_user(user: User, pk: int, perm: str | None = None) -> EmployeeBody:
    return _fetch(bodies_visible_to(user), user, pk, perm)


def get_negotiation_for_user(user: User, pk: int, perm: str | None = None) -> Negotiation:
    return _fetch(negotiations_visible_to(user), user, pk, perm)


def can_change(user: User) -> bool:
    return _active(user) and user.has_perm(CHANGE)


def can_view_membership(user: User) -> bool:
    return _active(user) and user.has_perm(VIEW_MEMBERSHIP)


def can_see_companion_suggestions(user: User) -> bool:
    """Who may schedule a case meeting (``cases.change_case``) may see which representatives
    serve, to name one as companion; nothing else of them."""
    return _active(user) and user.has_perm("cases.change_case")


def companion_employee_ids(user: User) -> list[int]:
    """Directory entries through which this user accompanies employees: their own, and any
    representative record linked to their log-in."""
    ids = set(Employee.objects.filter(user=user).values_list("id", flat=True))
    ids |= {pk for pk in Representative.objects.filter(user=user).values_list("employee_id", flat=True) if pk}
    return sorted(ids)


def companion_meetings_of(user: User) -> QuerySet[Meeting]:
    """Case meetings where the user is the named companion. A meeting reveals its case, so the
    cases' conflict rule applies: none of a case in which the user or their manager chain is
    the subject or a respondent."""
    employee_ids = companion_employee_ids(user)
    if not employee_ids:
        return Meeting.objects.none()
    return Meeting.objects.filter(companion_id__in=employee_ids).exclude(
        case_id__in=conflicted_case_ids(user)
    )


def is_union_rep(user: User) -> bool:
    """Union representatives get the "Meetings I attend" page in their navigation."""
    return bool(user.is_authenticated and user.has_role(Role.UNION_REP))
