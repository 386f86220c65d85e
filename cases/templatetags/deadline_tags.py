"""Deadline panels shared by the case page and "My work"."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import User
from cases import deadlines
from cases.models import Case
from erms.lib import clock

register = template.Library()


@register.inclusion_tag("cases/deadline_panel.html")
def case_deadlines_panel(case: Case) -> dict[str, Any]:
    """The case's deadlines: what, due, rule and citation, responsible, met/missed/overdue."""
    now = clock.now()
    rows = deadlines.case_deadlines(case)
    for row in rows:
        row.state = deadlines.deadline_state(row, now)
    return {"deadlines": rows, "show_case": False, "empty": "case"}


@register.inclusion_tag("cases/deadline_panel.html")
def my_deadlines_panel(user: User) -> dict[str, Any]:
    """The user's open deadlines, overdue first, then by due date."""
    now = clock.now()
    rows = deadlines.my_open_deadlines(user=user)
    for row in rows:
        row.state = deadlines.deadline_state(row, now)
    return {"deadlines": rows, "show_case": True, "empty": "mine"}
