"""Bulk rows with explicit primary keys: PostgreSQL ``COPY``, or ``executemany`` elsewhere (tests)."""

from __future__ import annotations

import datetime
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


class RowWriter:
    """Writes rows with explicit primary keys: ``COPY`` on PostgreSQL, ``executemany`` elsewhere."""

    CHUNK = 100_000

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.written: dict[str, int] = defaultdict(int)

    def next_id(self, model: type[models.Model]) -> int:
        return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

    def write(self, model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        table = model._meta.db_table
        columns = [model._meta.get_field(n).column for n in names]
        # Columns the seeder does not name (added to a model after the seeder was written) get their
        # field's default, as the ORM would give them; NOT NULL has no database default in Django.
        extra = [
            f
            for f in model._meta.concrete_fields
            if f.column not in columns
            and not f.null
            and not f.primary_key
            and (f.has_default() or f.empty_strings_allowed)
        ]
        if extra:
            defaults = tuple(_default(f) for f in extra)
            columns += [f.column for f in extra]
            rows = (tuple(row) + defaults for row in rows)
        count = 0
        chunk: list[Sequence[Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= self.CHUNK:
                self._flush(table, columns, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            self._flush(table, columns, chunk)
            count += len(chunk)
        self.written[table] += count
        return count

    def _flush(self, table: str, columns: list[str], rows: list[Sequence[Any]]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                buffer = io.StringIO()
                buffer.writelines("\t".join(map(_copy_value, row)) + "\n" for row in rows)
                buffer.seek(0)
                cursor.cursor.copy_expert(f"COPY {table} ({quoted}) FROM STDIN", buffer)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                    [[_plain_value(v) for v in row] for row in rows],
                )

    def reset_sequences(self, model_list: Sequence[type[models.Model]]) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _default(field: models.Field) -> Any:
    value = field.get_default()
    return json.dumps(value) if isinstance(value, dict | list) else value


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _plain_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
