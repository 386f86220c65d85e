"""Pagination for case lists whose total may be tens of thousands of visible cases."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

#: The case list counts at most this many cases exactly; beyond it the list says "more than".
CASE_LIST_COUNT_CAP = 10_000


def requested_page(value: Any) -> int:
    """The page number a request asks for; 1 when it is missing or not a positive number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


class CappedCountPaginator(Paginator):
    """A paginator that counts at most ``cap`` + 1 rows (one ``COUNT`` over a ``LIMIT``-ed
    subquery) instead of every visible case, which for an ER lead or HR admin means reading
    tens of thousands of rows on every page view.

    When more rows exist, ``capped`` is true and ``count`` is ``cap`` + 1: enough for page
    validation and "next" links up to the cap. The cap is raised for a deep page (at least
    one row past the requested page is always counted), so every existing page can be reached.
    """

    def __init__(
        self, object_list: QuerySet[Any], per_page: int, *, cap: int | None = None, number: int = 1
    ) -> None:
        super().__init__(object_list, per_page)
        self.cap = max(CASE_LIST_COUNT_CAP if cap is None else cap, number * per_page)

    @cached_property
    def count(self) -> int:
        limited = self.object_list.order_by().values("pk")[: self.cap + 1]
        return limited.count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap
