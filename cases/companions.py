"""Who the case meeting form suggests as a companion, offered by an app above cases.

Any current employee may be named companion (the form's field accepts every one; the picker
searches colleagues). An app above cases (unions: its serving representatives) may suggest
people first. Cases cannot import it (DESIGN.md, floors), so it registers a source here in
its ``AppConfig.ready()``; without one, the picker is the plain colleague search.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class CompanionSource:
    label: str  # "unions.representative"
    url: Callable[[], str]  # GET, htmx: the suggestions as radio buttons, given
    # ``field`` (the input's name) and ``selected`` (an id);
    # its view checks who may see them
    employee_ids: Callable[[], Collection[int]]  # whom it suggests today: the picker lists a chosen
    # one there, not twice, and skips an empty source


_sources: dict[str, CompanionSource] = {}


def register(source: CompanionSource) -> None:
    _sources[source.label] = source


def sources() -> list[CompanionSource]:
    return list(_sources.values())
