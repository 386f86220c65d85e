"""Navigation by role: each user sees the links their roles can use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, permission needed or None for any signed-in user)
NAV_ITEMS: list[tuple[str, Any, str | None]] = [
    ("home", _("Home"), None),
    ("cases:my_work", _("My work"), "cases.view_case"),
    ("cases:case_list", _("Cases"), "cases.view_case"),
    ("cases:triage_queue", _("Triage"), "cases.triage_concern"),
    ("cases:concern_create", _("Raise a concern"), "cases.add_concern"),
    ("cases:my_concerns", _("My concerns"), "cases.add_concern"),
    ("policies:policy_list", _("Policies"), "policies.view_policy"),
    ("unions:consultation_list", _("Consultations"), "unions.view_union"),
    ("accounts:employee_list", _("Directory"), "accounts.view_employee"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for url_name, label, perm in NAV_ITEMS:
        if perm and not user.has_perm(perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # the page belongs to an app not yet mounted
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    if user.is_staff:
        items.append({"url": reverse("admin:index"), "label": _("Admin"), "active": False})
    return {"nav_items": items}
