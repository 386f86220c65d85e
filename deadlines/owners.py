"""Who owns deadlines. The engine knows no case, union or policy: each owner registers, in its
``AppConfig.ready()``, how its deadlines link, who may see them and which of them lapse.

A deadline names its owner by label and id (``cases.case``/42, ``policies.policy``/7), so the
engine never imports an owner's app; it asks the owner registered under that label.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from accounts.models import User

if TYPE_CHECKING:
    from deadlines.models import Deadline


@dataclass(frozen=True)
class Owner:
    label: str  # "cases.case", "unions.consultation", "policies.policy"
    link: Callable[[int], str]  # where a deadline of this owner points
    visible_to: Callable[[User], Q]  # which of its deadlines a user may see
    lapsing_keys: frozenset[str] = frozenset()  # deadlines that pass without anyone having to act
    # Optional; each is explained where the engine uses it.
    noun: str = ""  # what a deadline belongs to, for lists ("Case", "Consultation"): a lazy translation
    names: Callable[[set[int]], dict[int, str]] | None = None  # short names for lists (one query)
    describe: Callable[[int], str] | None = None  # one line for a reminder e-mail ("Case: ER-2025-0001 …")
    visible_among: Callable[[User, set[int]], set[int]] | None = None  # fast check for "My work"
    # Deadlines a user works to without being responsible (a case's investigation target, to its
    # investigators): shown in their "My deadlines"; reminders still go to the responsible person.
    worked_on_by: Callable[[User], Q] | None = None
    escalate_to: Callable[[Deadline], list[User]] | None = None  # overdue: who hears (default: ER leads)
    changed: Callable[[Deadline, str, User | None, dict[str, tuple[Any, Any]]], None] | None = None
    lapsed: Callable[[set[int], datetime.datetime], None] | None = None  # the sweep lapsed some of its dates
    sync: Callable[[], object] | None = None  # run by the sweep before it lapses and sends
    extra_days_before: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    api_key: str = ""  # the name the deadline API gives this owner in output and filters ("case")
    page_permission: str = ""  # holders may open the deadline calendar and API ("cases.view_case")


_owners: dict[str, Owner] = {}


def register(owner: Owner) -> None:
    _owners[owner.label] = owner


def get(label: str) -> Owner | None:
    return _owners.get(label)


def registered() -> Iterable[Owner]:
    return list(_owners.values())


def may_open_deadline_pages(user: User) -> bool:
    """The calendar and the deadline API are for the staff of an owner that opens them to its staff."""
    return bool(
        user.is_authenticated
        and any(user.has_perm(o.page_permission) for o in _owners.values() if o.page_permission)
    )


def by_api_key(key: str) -> Owner | None:
    return next((o for o in _owners.values() if o.api_key == key), None)


# Closure days (office shutdowns) are kept by policies, a floor above: it registers where to
# find them, so reminders never land on a day the office is closed. None registered: no closures.
_closure_days: Callable[[str], dict[datetime.date, str]] | None = None


def register_closures(closure_days: Callable[[str], dict[datetime.date, str]]) -> None:
    global _closure_days
    _closure_days = closure_days


def closures_for(region: str) -> dict[datetime.date, str]:
    return _closure_days(region) if _closure_days is not None else {}
