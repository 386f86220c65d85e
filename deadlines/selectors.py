"""Reads of deadlines and notifications, shaped for pages and the API, limited to what the
user may see: each owner decides which of its deadlines a user may see (``deadlines.owners``)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch

from accounts.models import User
from deadlines import owners
from deadlines.models import Deadline, DeadlineStatus, Notification
from erms.lib import clock


def lapsing_q() -> Q:
    """Dates that pass without anyone having to act: risk dates and each owner's lapsing keys."""
    q = Q(is_risk_date=True)
    for owner in owners.registered():
        if owner.lapsing_keys:
            q |= Q(owner_type=owner.label, key__in=sorted(owner.lapsing_keys))
    return q


def lapses(deadline: Deadline) -> bool:
    """True for dates that pass without anyone having to act (risk dates, appeal windows, expiries)."""
    if deadline.is_risk_date:
        return True
    owner = owners.get(deadline.owner_type)
    return owner is not None and deadline.key in owner.lapsing_keys


def is_overdue(deadline: Deadline, now: datetime.datetime | None = None) -> bool:
    return (
        deadline.status == DeadlineStatus.OPEN
        and not lapses(deadline)
        and deadline.due_at < (now or clock.now())
    )


def overdue_q(now: datetime.datetime | None = None) -> Q:
    """The ``is_overdue`` test as a query filter."""
    return Q(status=DeadlineStatus.OPEN, due_at__lt=now or clock.now()) & ~lapsing_q()


def deadline_state(deadline: Deadline, now: datetime.datetime | None = None) -> str:
    """What a page shows: ``met``, ``missed`` (met after its time), ``cancelled``, ``passed``
    (a lapsing date that ran out), ``overdue`` or ``open``."""
    now = now or clock.now()
    if deadline.status == DeadlineStatus.CANCELLED:
        return "cancelled"
    if deadline.status == DeadlineStatus.MET:
        if deadline.met_by_id is None and lapses(deadline):
            return "passed"
        return "missed" if deadline.met_at and deadline.met_at > deadline.due_at else "met"
    if lapses(deadline) and deadline.due_at < now:
        return "passed"
    return "overdue" if deadline.due_at < now else "open"


def deadline_url(deadline: Deadline) -> str:
    """The page a deadline links to (the case, the policy under review, the consultation), as its owner says."""
    owner = owners.get(deadline.owner_type)
    if owner is None or deadline.owner_id is None:
        return ""
    try:
        return owner.link(deadline.owner_id)
    except NoReverseMatch:
        return ""


def deadlines_named(rows: Iterable[Deadline]) -> list[Deadline]:
    """Give each row ``owner_kind`` (the owner's noun: "Consultation"), ``owner_name`` (the case
    reference, the consultation's title …) and ``owner_link``: one query per kind of owner."""
    rows = list(rows)
    ids: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row.owner_id is not None:
            ids[row.owner_type].add(row.owner_id)
    names: dict[str, dict[int, str]] = {}
    for label, owner_ids in ids.items():
        owner = owners.get(label)
        names[label] = owner.names(owner_ids) if owner is not None and owner.names is not None else {}
    for row in rows:
        owner = owners.get(row.owner_type)
        row.owner_kind = str(owner.noun) if owner is not None else ""
        row.owner_name = (
            names.get(row.owner_type, {}).get(row.owner_id, "") if row.owner_id is not None else ""
        )
        row.owner_link = deadline_url(row) if row.owner_name else ""
    return rows


def deadlines_visible_to(user: User) -> models.QuerySet[Deadline]:
    """The deadlines ``user`` may see: each owner says which of its own (a case's deadlines to
    those who may see the case; a policy review to its owner). Being responsible never reveals
    a deadline its owner hides: a case's own visibility, with its conflict rule, decides."""
    if not user.is_authenticated or not user.is_active:
        return Deadline.objects.none()
    q = Q(pk__in=[])
    for owner in owners.registered():
        q |= Q(owner_type=owner.label) & owner.visible_to(user)
    return Deadline.objects.filter(q)


def _overdue_first(qs: models.QuerySet[Deadline], now: datetime.datetime) -> models.QuerySet[Deadline]:
    rank = models.Case(
        models.When(overdue_q(now), then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    return qs.annotate(overdue_rank=rank).order_by("overdue_rank", "due_at", "id")


def deadline_list(
    *,
    user: User,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    responsible: int | None = None,
    overdue: bool | None = None,
    owner: tuple[str, int] | None = None,
    status: str = "",
) -> models.QuerySet[Deadline]:
    """The visible deadlines, filtered, earliest first, with the responsible person joined.
    ``owner`` is ``(label, id)``, e.g. ``("cases.case", 42)``."""
    now = clock.now()
    qs = deadlines_visible_to(user).select_related("responsible")
    if due_from:
        qs = qs.filter(due_on__gte=due_from)
    if due_to:
        qs = qs.filter(due_on__lte=due_to)
    if responsible:
        qs = qs.filter(responsible_id=responsible)
    if owner is not None:
        qs = qs.filter(owner_type=owner[0], owner_id=owner[1])
    if status:
        qs = qs.filter(status=status)
    if overdue is True:
        qs = qs.filter(overdue_q(now))
    elif overdue is False:
        qs = qs.exclude(overdue_q(now))
    return qs.order_by("due_at", "id")


def mine_q(user: User) -> Q:
    """The deadlines that are the user's: those they are responsible for, and those an owner says
    they work to (``Owner.worked_on_by``: a case's investigation target, to its investigators)."""
    q = Q(responsible=user)
    for owner in owners.registered():
        if owner.worked_on_by is not None:
            q |= Q(owner_type=owner.label) & owner.worked_on_by(user)
    return q


#: "The next 7 days", wherever work is counted (Home, My work, the case list's queues): today
#: and the six days after it; a date is in them if it is before ``today + SOON``.
SOON = datetime.timedelta(days=7)


def _my_open(user: User) -> models.QuerySet[Deadline]:
    """The user's open deadlines (``mine_q``) that they may see.

    Being responsible never reveals what the owner hides: an owner with ``visible_among`` says
    which of the user's own owners they may see, which is far cheaper than filtering by
    everything they can see; other owners show their responsible person their deadlines."""
    mine = Deadline.objects.filter(mine_q(user), status=DeadlineStatus.OPEN)
    return mine.exclude(_my_hidden(user, mine))


def _my_hidden(user: User, mine: models.QuerySet[Deadline]) -> Q:
    hidden = Q(pk__in=[])
    checked = [o for o in owners.registered() if o.visible_among is not None]
    if checked:
        pairs = (
            mine.filter(owner_type__in=[o.label for o in checked])
            .order_by()
            .values_list("owner_type", "owner_id")
            .distinct()
        )
        by_type: dict[str, set[int]] = defaultdict(set)
        for label, owner_id in pairs:
            if owner_id is not None:
                by_type[label].add(owner_id)
        for label, ids in by_type.items():
            owner = owners.get(label)
            assert owner is not None and owner.visible_among is not None
            unseen = ids - owner.visible_among(user, ids)
            if unseen:
                hidden |= Q(owner_type=label, owner_id__in=sorted(unseen))
    return hidden


def my_open_deadlines(*, user: User, limit: int = 50) -> list[Deadline]:
    """The user's open deadlines for "My work": overdue first, then by due date, named."""
    return _named_first(_my_open(user), limit)


def _named_first(mine: models.QuerySet[Deadline], limit: int) -> list[Deadline]:
    rows = _overdue_first(mine.select_related("responsible").defer("history"), clock.now())[:limit]
    return deadlines_named(rows)


@dataclass(frozen=True)
class MyDeadlines:
    rows: list[Deadline]  # the first ``limit``, as ``my_open_deadlines``
    counts: dict[str, int]  # ``overdue`` and ``due_soon``, over all of them


def my_deadlines(*, user: User, limit: int = 50) -> MyDeadlines:
    """The user's open deadlines for "My work" (as ``my_open_deadlines``) and how many of all
    of them are ``overdue`` and ``due_soon`` (in the next 7 days and not yet past): the states
    the list shows. The visibility check runs once for both; one more query counts."""
    now = clock.now()
    mine = _my_open(user)
    counts = mine.aggregate(
        overdue=models.Count("pk", filter=overdue_q(now)),
        due_soon=models.Count("pk", filter=Q(due_at__gte=now, due_on__lt=clock.today() + SOON)),
    )
    return MyDeadlines(rows=_named_first(mine, limit), counts=counts)


def owner_deadlines(owner_type: str, owner_id: int) -> list[Deadline]:
    """Every deadline of one owner (a case's panel): the open ones first, then the met and
    lapsed ones, each by due date."""
    closed = models.Case(
        models.When(status=DeadlineStatus.OPEN, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    return list(
        Deadline.objects.filter(owner_type=owner_type, owner_id=owner_id)
        .select_related("responsible", "met_by")
        .order_by(closed, "due_at", "id")
    )


def owner_deadline_open(owner_type: str, owner_id: int, key: str) -> Deadline | None:
    return Deadline.objects.filter(
        owner_type=owner_type, owner_id=owner_id, key=key, status=DeadlineStatus.OPEN
    ).first()


#: A calendar day shows this many deadlines, then "+N more" linking to the day's own list.
CALENDAR_DAY_SHOWS = 4


def deadline_calendar_month(*, user: User, month: datetime.date, mine: bool) -> list[list[dict[str, object]]]:
    """A month grid (weeks of days, Monday first) with the visible deadlines on their days
    (``deadlines``: the first ``CALENDAR_DAY_SHOWS``; ``more``: how many others; ``all``: every
    one); ``mine`` keeps only the user's own (``mine_q``). Cancelled deadlines are left out."""
    now = clock.now()
    today = clock.today()
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    rows = deadline_list(user=user, due_from=weeks[0][0], due_to=weeks[-1][-1]).exclude(
        status=DeadlineStatus.CANCELLED
    )
    if mine:
        rows = rows.filter(mine_q(user))
    by_day: dict[datetime.date, list[Deadline]] = defaultdict(list)
    for deadline in deadlines_named(rows):
        deadline.state = deadline_state(deadline, now)
        by_day[deadline.due_on].append(deadline)
    return [
        [
            {
                "day": day,
                "in_month": day.month == month.month,
                "today": day == today,
                "deadlines": by_day.get(day, [])[:CALENDAR_DAY_SHOWS],
                "more": max(0, len(by_day.get(day, [])) - CALENDAR_DAY_SHOWS),
                "all": by_day.get(day, []),
            }
            for day in week
        ]
        for week in weeks
    ]


# --------------------------------------------------------------------------- notifications


def notifications_for(user: User) -> models.QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get_for_user(user: User, pk: int) -> Notification:
    """The user's own notification; anyone else's answers 404."""
    try:
        return notifications_for(user).get(pk=int(pk))
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404("No such notification.") from None
