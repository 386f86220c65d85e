"""Reads of unions, consultations, negotiations and agreements, shaped for pages and the API.

Every list starts from the ``*_visible_to`` filter of ``unions.permissions``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import EmploymentStatus, User
from cases.models import Meeting, MeetingStatus, Party, PartyRole
from erms.lib import clock
from unions import statutory
from unions.deadlines import AGREEMENT_OWNER_TYPE, CONSULTATION_OWNER_TYPE, consultation_deadlines
from unions.models import (
    CollectiveAgreement,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    EmployeeBody,
    Negotiation,
    Representative,
)
from unions.permissions import (
    VIEW,
    VIEW_ALL,
    agreements_visible_to,
    bodies_visible_to,
    companion_meetings_of,
    consultation_log_visible_to,
    consultation_meetings_visible_to,
    consultations_visible_to,
    negotiations_visible_to,
    sees_as_representative,
)

EXPIRING_WITHIN_DAYS = 30


def consultation_list(
    *,
    user: User,
    status: str = "",
    jurisdiction: str = "",
    kind: str = "",
) -> QuerySet[Consultation]:
    qs = consultations_visible_to(user).select_related("owner").prefetch_related("bodies")
    if status:
        qs = qs.filter(status=status)
    if jurisdiction:
        qs = qs.filter(jurisdiction=jurisdiction)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-started_on", "-id")


@dataclass(frozen=True)
class TimelineItem:
    at: datetime.datetime
    kind: str  # css class suffix: meeting, status, deadline, document, note
    title: str
    text: str = ""
    obj: Any = None
    shared: bool = False  # a log entry shared with the representatives


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def consultation_timeline(
    consultation: Consultation, meetings: list[ConsultationMeeting], entries: list[ConsultationLogEntry]
) -> list[TimelineItem]:
    """Meetings, log entries and the notification and status dates, newest first."""
    items = [
        TimelineItem(m.held_at, "meeting", _("Meeting with the representatives"), m.agenda, m)
        for m in meetings
    ]
    items += [
        TimelineItem(
            e.at,
            "status" if e.kind == "note" else "document",
            e.get_kind_display() + (f" · {e.body}" if e.body_id else ""),
            e.display_text,
            e,
            e.shared_with_representatives,
        )
        for e in entries
    ]
    if consultation.government_notified_on:
        items.append(
            TimelineItem(_start_of(consultation.government_notified_on), "deadline", _("Government notified"))
        )
    return sorted(items, key=lambda item: item.at, reverse=True)


@dataclass(frozen=True)
class ConsultationPage:
    """``for_representatives``: the viewer sees the consultation only as a representative of a
    consulted body, so ``requirements`` and ``deadlines`` (HR's compliance tracking) are empty
    and ``periods`` holds the statutory periods they may know (start and end)."""

    consultation: Consultation
    requirements: list[statutory.Requirement]
    progress: statutory.Progress
    timeline: list[TimelineItem]
    representatives: list[Representative]
    deadlines: list[Any]
    for_representatives: bool = False
    periods: list[statutory.Requirement] = field(default_factory=list)


def consultation_periods(reqs: list[statutory.Requirement]) -> list[statutory.Requirement]:
    """The minimum periods (consultation, notice) with the day they run from and their end."""
    return [r for r in reqs if r.kind == statutory.Kind.MINIMUM_PERIOD]


def consultation_page(
    *, consultation: Consultation, user: User, on: datetime.date | None = None
) -> ConsultationPage:
    """Everything the consultation page shows ``user``. ``consultation`` comes from
    ``get_consultation_for_user``; a representative gets the representatives' view."""
    on = on or clock.today()
    for_reps = sees_as_representative(user)
    meetings = list(
        consultation_meetings_visible_to(user, consultation)
        .prefetch_related("attendees__employee")
        .order_by("-held_at")
    )
    entries = list(
        consultation_log_visible_to(user, consultation).select_related("body", "author").order_by("-at")
    )
    reqs = statutory.requirements(consultation)
    periods = consultation_periods(reqs)
    reps = list(
        Representative.objects.serving_on(on)
        .filter(body__in=consultation.bodies.all())
        .select_related("employee", "body")
    )
    return ConsultationPage(
        consultation=consultation,
        requirements=[] if for_reps else reqs,
        progress=statutory.progress(consultation, periods if for_reps else reqs, on),
        timeline=consultation_timeline(consultation, meetings, entries),
        representatives=reps,
        deadlines=[] if for_reps else consultation_deadlines(consultation),
        for_representatives=for_reps,
        periods=periods,
    )


def body_list(*, user: User, kind: str = "", jurisdiction: str = "") -> QuerySet[EmployeeBody]:
    qs = bodies_visible_to(user)
    if kind:
        qs = qs.filter(kind=kind)
    if jurisdiction:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs.order_by("name", "id")


def body_detail(*, body: EmployeeBody, on: datetime.date | None = None) -> dict[str, Any]:
    on = on or clock.today()
    representatives = list(body.representatives.select_related("employee", "user").order_by("-serves_from"))
    return {
        "body": body,
        "current_representatives": [
            r for r in representatives if r.serves_from <= on and (r.serves_to is None or r.serves_to >= on)
        ],
        "past_representatives": [r for r in representatives if r.serves_to is not None and r.serves_to < on],
        "recognitions": list(body.recognitions.prefetch_related("departments", "locations")),
        "contacts": list(body.contacts.all()),
    }


def negotiation_list(*, user: User, status: str = "", body: int | None = None) -> QuerySet[Negotiation]:
    qs = negotiations_visible_to(user).select_related("body", "owner")
    if status:
        qs = qs.filter(status=status)
    if body:
        qs = qs.filter(body_id=body)
    return qs.order_by("-opened_on", "-id")


def negotiation_detail(*, negotiation: Negotiation) -> dict[str, Any]:
    return {
        "negotiation": negotiation,
        "rounds": list(negotiation.rounds.prefetch_related("items").order_by("number")),
        "disputes": list(negotiation.disputes.order_by("-date")),
        "agreements": list(negotiation.agreements.order_by("valid_from")),
    }


def agreement_list(
    *,
    user: User,
    body: int | None = None,
    on: datetime.date | None = None,
) -> QuerySet[CollectiveAgreement]:
    """Agreements, each annotated ``expiring_soon`` when it ends within 30 days of ``on``."""
    on = on or clock.today()
    soon = on + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    qs = agreements_visible_to(user).select_related("body", "negotiation").prefetch_related("documents")
    if body:
        qs = qs.filter(body_id=body)
    return qs.annotate(
        expiring_soon=Case(
            When(Q(valid_to__gte=on) & Q(valid_to__lte=soon), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("valid_to", "title", "id")


@dataclass(frozen=True)
class CompanionMeeting:
    """What a representative may know of a case meeting they attend as companion: when,
    where, what kind, and whom they accompany. Nothing else of the case."""

    scheduled_for: datetime.datetime
    kind: str
    place: str
    online_link: str
    status: str
    accompanied: str


def companion_meetings_upcoming(user: User) -> QuerySet[Meeting]:
    """The meetings the user will attend as companion: still scheduled, from today on."""
    start = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    return companion_meetings_of(user).filter(status=MeetingStatus.SCHEDULED, scheduled_for__gte=start)


def companion_meetings(*, user: User, upcoming: bool = False) -> list[CompanionMeeting]:
    """``upcoming``: only those still to come (``companion_meetings_upcoming``)."""
    meetings = list(
        (companion_meetings_upcoming(user) if upcoming else companion_meetings_of(user))
        .only("scheduled_for", "kind", "place", "online_link", "status", "case_id")
        .order_by("-scheduled_for")[:200]
    )
    accompanied: dict[int, str] = {}
    parties = (
        Party.objects.filter(
            case_id__in={m.case_id for m in meetings}, role__in=[PartyRole.SUBJECT, PartyRole.COMPLAINANT]
        )
        .select_related("employee")
        .order_by("role", "id")
    )
    for party in parties:
        accompanied.setdefault(party.case_id, party.employee.full_name)
    return [
        CompanionMeeting(
            m.scheduled_for,
            m.get_kind_display(),
            m.place,
            m.online_link,
            m.get_status_display(),
            accompanied.get(m.case_id, ""),
        )
        for m in meetings
    ]


# --------------------------------------------------------------------------- deadlines


def deadlines_visible_q(user: User) -> Q:
    """The consultation and agreement deadlines ``user`` may see, as a filter on ``deadlines.Deadline``:
    those of the consultations and agreements the user may see (``unions.permissions``)."""
    if not (user.is_authenticated and user.is_active and user.has_perm(VIEW)):
        return Q(pk__in=[])
    if user.has_perm(VIEW_ALL):
        return Q(owner_type__in=[CONSULTATION_OWNER_TYPE, AGREEMENT_OWNER_TYPE])
    return Q(
        owner_type=CONSULTATION_OWNER_TYPE, owner_id__in=consultations_visible_to(user).values("pk")
    ) | Q(owner_type=AGREEMENT_OWNER_TYPE, owner_id__in=agreements_visible_to(user).values("pk"))


def deadline_owner_url(owner_type: str, owner_id: int) -> str:
    """The page a consultation or agreement deadline links to."""

    if owner_type == CONSULTATION_OWNER_TYPE:
        return reverse("unions:consultation_detail", args=[owner_id])
    if owner_type == AGREEMENT_OWNER_TYPE:
        return f"{reverse('unions:agreement_list')}#agreement-{owner_id}"
    return ""


@dataclass(frozen=True)
class CompanionChoice:
    employee_id: int
    name: str
    body: str


def companion_representatives(*, on: datetime.date | None = None, limit: int = 50) -> list[CompanionChoice]:
    """Representatives serving on ``on`` who are employees, for the case meeting companion picker:
    name and body only, one entry per employee (their first body by name)."""
    on = on or clock.today()
    reps = (
        Representative.objects.serving_on(on)
        .filter(employee__isnull=False)
        .exclude(employee__employment_status=EmploymentStatus.LEFT)
        .select_related("employee", "body")
        .order_by("employee__last_name", "employee__first_name", "body__name")
    )
    choices: dict[int, CompanionChoice] = {}
    for rep in reps:
        if rep.employee_id not in choices and len(choices) < limit:
            choices[rep.employee_id] = CompanionChoice(rep.employee_id, rep.employee.full_name, rep.body.name)
    return list(choices.values())
