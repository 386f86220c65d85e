"""Deadline panels shared by owner pages (the case page) and "My work"."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import User
from deadlines import selectors
from erms.lib import clock
from erms.lib.text import shorten as text_shorten

register = template.Library()


@register.filter
def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut at a word to fit ``limit`` characters, with "…" (``erms.lib.text.shorten``)."""
    return text_shorten(text, limit)


@register.inclusion_tag("deadlines/deadline_panel.html")
def owner_deadlines_panel(owner_type: str, owner_id: int, empty_text: str = "") -> dict[str, Any]:
    """An owner's deadlines (a case's): what, due, rule and citation, responsible, met/missed/overdue;
    ``empty_text`` when there are none ("No deadlines on this case.")."""
    now = clock.now()
    rows = selectors.owner_deadlines(owner_type, owner_id)
    for row in rows:
        row.state = selectors.deadline_state(row, now)
    return {"deadlines": rows, "show_owner": False, "empty": "owner", "empty_text": empty_text}


@register.inclusion_tag("deadlines/deadline_panel.html")
def my_deadlines_panel(user: User, rows: list[Any] | None = None) -> dict[str, Any]:
    """The user's open deadlines, overdue first, then by due date (``rows``, when the page has
    them already: ``selectors.my_deadlines``)."""
    now = clock.now()
    if rows is None:
        rows = selectors.my_open_deadlines(user=user)
    for row in rows:
        row.state = selectors.deadline_state(row, now)
    return {"deadlines": rows, "show_owner": True, "empty": "mine"}
