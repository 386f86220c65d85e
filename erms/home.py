"""Home: each role's work queue. What needs me today, as counts that open the list behind them.

It lives in the wiring (``erms``) because it counts every app's work through each app's own
selectors, which only a module above all the apps may import. Each count is taken over what the
user may see, with the same filter its list applies, so a count and its list always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import User
from accounts.selectors import employee_for_user
from cases import selectors as cases
from cases.permissions import can_raise_concern
from unions import selectors as unions
from unions.models import ConsultationStatus
from unions.permissions import consultations_visible_to, is_union_rep


@dataclass(frozen=True)
class WorkCount:
    label: str
    count: int
    url: str
    urgent: bool = False  # shown in red when not zero


def work_queue(user: User) -> list[WorkCount]:
    """The counts ``user``'s roles call for, most pressing first."""
    work: list[WorkCount] = []
    case_list = reverse("cases:case_list")
    staff = user.has_perm("cases.view_case")
    raises = can_raise_concern(user)
    if staff or raises:
        counts = cases.case_work_counts(user=user)
    if staff:
        work += [
            WorkCount(
                _("Cases you can see with an overdue deadline"),
                counts["overdue"],
                f"{case_list}?queue=overdue",
                urgent=True,
            ),
            WorkCount(
                _("Cases you can see with a deadline in the next 7 days"),
                counts["due_this_week"],
                f"{case_list}?queue=due_this_week",
            ),
        ]
    if user.has_perm("cases.triage_concern"):
        work.append(
            WorkCount(
                _("Concerns waiting for triage"), cases.triage_count(user=user), reverse("cases:triage_queue")
            )
        )
    if staff:
        work += [
            WorkCount(
                _("Hearings and meetings in the next 7 days"),
                counts["meetings_this_week"],
                f"{case_list}?queue=meetings_this_week",
            ),
            WorkCount(
                _("Letters waiting or failed"),
                counts["letters_waiting"],
                f"{case_list}?queue=letters_waiting",
                urgent=True,
            ),
            WorkCount(_("Cases without activity for 30 days"), counts["quiet"], f"{case_list}?queue=quiet"),
        ]
    if raises:
        waiting = cases.my_concerns(user=user, waiting=True).count()
        work.append(
            WorkCount(_("My concerns awaiting HR"), waiting, reverse("cases:my_concerns") + "?waiting=1")
        )
    if staff or (raises and counts["open"]):
        label = _("Open cases you can see") if staff else _("Cases shared with me")
        work.append(WorkCount(label, counts["open"], f"{case_list}?open_only=on"))
    if is_union_rep(user):
        work.append(
            WorkCount(
                _("Meetings I attend, still to come"),
                unions.companion_meetings_upcoming(user).count(),
                reverse("unions:companion_meeting_list") + "?when=upcoming",
            )
        )
    if user.has_perm("unions.view_union"):
        work.append(
            WorkCount(
                _("Open consultations"),
                consultations_visible_to(user).filter(status=ConsultationStatus.OPEN).count(),
                reverse("unions:consultation_list") + f"?status={ConsultationStatus.OPEN}",
            )
        )
    return work


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required
    return render(
        request, "accounts/home.html", {"employee": employee_for_user(user), "work": work_queue(user)}
    )
