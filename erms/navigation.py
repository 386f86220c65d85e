"""Navigation by role: each user sees the links their roles can use.

It lives in the wiring (``erms``) because it links every app's pages and asks each app's
own permission helpers, which only a module above all the apps may import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from cases.permissions import can_raise_concern, has_cases_shared_without_list
from deadlines.selectors import notification_unread_count
from unions.permissions import is_union_rep

# (url name, label, permission needed or None for any signed-in user, rarely used). A function
# instead of a permission is asked directly (``user -> bool``). When a user's links would not fit one
# line at 1366 px (more than MAIN_LINKS, or labels in the reader's language longer than MENU_WIDTH
# characters, counting LINK_GAP for the space between links), the menu keeps the links it can, everyday
# ones first, and the rest wait under "More" (Norwegian and Vietnamese labels are longer).
NAV_ITEMS: list[tuple[str, Any, str | Callable[[Any], bool] | None, bool]] = [
    ("home", _("Home"), None, False),
    ("cases:my_work", _("My work"), "cases.view_case", False),
    ("cases:case_list", _("Cases"), "cases.view_case", False),
    # Someone without a role that lists cases (a line manager) sees the cases shared with them.
    ("cases:case_list", _("Cases shared with me"), has_cases_shared_without_list, False),
    ("cases:triage_queue", _("Triage"), "cases.triage_concern", False),
    ("deadlines:deadline_calendar", _("Deadlines"), "cases.view_case", True),
    ("cases:concern_create", _("Raise a concern"), can_raise_concern, True),
    ("cases:my_concerns", _("My concerns"), can_raise_concern, True),
    ("cases:dashboard", _("Trends"), "cases.view_case", True),
    ("policies:policy_list", _("Policies"), "policies.view_policy", True),
    ("unions:consultation_list", _("Consultations"), "unions.view_union", False),
    ("unions:companion_meeting_list", _("Meetings I attend"), is_union_rep, False),
    ("accounts:employee_list", _("Directory"), "accounts.view_employee", True),
]
MAIN_LINKS = 6
MENU_WIDTH = 72
LINK_GAP = 3


def _allowed(user: Any, perm: str | Callable[[Any], bool]) -> bool:
    if isinstance(perm, str):
        return user.has_perm(perm)
    return bool(perm(user))


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_more": []}
    items = []
    answers: dict[
        str | Callable[[Any], bool], bool
    ] = {}  # several links share a check (e.g. can_raise_concern)
    for url_name, label, perm, rare in NAV_ITEMS:
        if perm and perm not in answers:
            answers[perm] = _allowed(user, perm)
        if perm and not answers[perm]:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # the page belongs to an app not yet mounted
        items.append({"url": url, "label": label, "active": False, "rare": rare})
    # Only the most specific link is current: /cases/trends/ marks "Trends", not also "Cases". The
    # notifications page, though under /deadlines/, is the header's Notifications link, not the menu's Deadlines.
    notifications_active = request.path.startswith(reverse("deadlines:notification_list"))
    matches = [item for item in items if request.path.startswith(item["url"]) and item["url"] != "/"]
    if matches and not notifications_active:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    if user.is_staff:
        items.append({"url": reverse("admin:index"), "label": _("Admin"), "active": False, "rare": True})
    main, more = _one_line(items)
    return {
        "nav_items": main,
        "nav_more": more,
        "notification_unread": notification_unread_count(user),
        "notifications_active": notifications_active,
    }


def _width(items: list[dict[str, Any]]) -> int:
    return sum(len(str(item["label"])) + LINK_GAP for item in items)


def _one_line(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split the links into those on the menu line and those under "More", each in menu order."""
    if len(items) <= MAIN_LINKS and _width(items) <= MENU_WIDTH:
        return items, []
    room = MENU_WIDTH - len(pgettext("menu of less used pages", "More")) - LINK_GAP
    kept: list[dict[str, Any]] = []
    for item in sorted(items, key=lambda item: item["rare"]):  # stable: everyday links first, in order
        if len(kept) == MAIN_LINKS - 1 or _width([*kept, item]) > room:
            break
        kept.append(item)
    on_line = {id(item) for item in kept}
    return [item for item in items if id(item) in on_line], [
        item for item in items if id(item) not in on_line
    ]
