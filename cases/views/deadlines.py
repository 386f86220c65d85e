"""The deadline calendar and the notification list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from erms.lib import clock


@login_required
@require_GET
@permission_required("cases.view_case", raise_exception=True)
def deadline_calendar(request: HttpRequest) -> HttpResponse:
    """A month of deadlines: ``month=YYYY-MM``, ``scope=mine`` (default) or ``all`` visible."""
    import datetime

    from cases import deadlines

    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        month = clock.today().replace(day=1)
    mine = request.GET.get("scope") != "all"
    return render(request, "cases/deadline_calendar.html", {
        "weeks": deadlines.deadline_calendar_month(user=request.user, month=month, mine=mine),
        "month": month, "mine": mine,
        "previous": (month - datetime.timedelta(days=1)).replace(day=1),
        "next": (month + datetime.timedelta(days=32)).replace(day=1),
    })


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; showing them marks them read."""
    from cases import reminders

    rows = list(reminders.notifications_for(request.user)[:100])
    unread = {n.pk for n in rows if n.read_at is None}
    if unread:
        reminders.notifications_mark_read(user=request.user, ids=list(unread))
    return render(request, "cases/notification_list.html", {"notifications": rows, "unread": unread})
