"""The deadline calendar and the notification list."""

from __future__ import annotations

import datetime
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import User
from deadlines import owners, selectors, services
from erms.lib import clock


@login_required
@require_GET
def deadline_calendar(request: HttpRequest) -> HttpResponse:
    """A month of deadlines: ``month=YYYY-MM``, ``scope=mine`` (default) or ``all`` visible."""
    if not owners.may_open_deadline_pages(cast(User, request.user)):
        raise PermissionDenied
    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        month = clock.today().replace(day=1)
    mine = request.GET.get("scope") != "all"
    weeks = selectors.deadline_calendar_month(user=cast(User, request.user), month=month, mine=mine)
    # ``day=YYYY-MM-DD``: that day's whole list under the month (where "+N more" leads).
    wanted = request.GET.get("day", "")
    day = next((cell for week in weeks for cell in week if str(cell["day"]) == wanted), None)
    return render(
        request,
        "deadlines/deadline_calendar.html",
        {
            "weeks": weeks,
            "day": day,
            "month": month,
            "mine": mine,
            "previous": (month - datetime.timedelta(days=1)).replace(day=1),
            "next": (month + datetime.timedelta(days=32)).replace(day=1),
        },
    )


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; showing them marks them read."""
    rows = list(selectors.notifications_for(cast(User, request.user))[:100])
    unread = {n.pk for n in rows if n.read_at is None}
    if unread:
        services.notifications_mark_read(user=cast(User, request.user), ids=list(unread))
    return render(request, "deadlines/notification_list.html", {"notifications": rows, "unread": unread})
