"""``id__any_of=[…]``: membership in a long list of integer ids.

Lists and counts fetch a user's reachable case ids first and filter on them (see
``cases.permissions.cases_visible_to``). With ``__in`` Django writes one placeholder and
one parameter per id, and compiling and sending a few thousand of them costs more than
PostgreSQL's work on the query. On PostgreSQL this lookup sends the ids as one array
literal (``= ANY('{…}'::bigint[])``); other databases get the ordinary ``IN (…)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, Lookup


@IntegerField.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> tuple[int, ...]:
        if isinstance(self.rhs, str | bytes) or not isinstance(self.rhs, Iterable):
            raise TypeError("any_of needs a collection of integers")
        return tuple(sorted({int(value) for value in self.rhs}))

    def _values(self) -> tuple[int, ...]:
        if not self.rhs:
            raise EmptyResultSet
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self._values()
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array = "{" + ",".join(map(str, self._values())) + "}"
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, array)
