"""The hash chains of the audit trail and the access log.

Each entry stores ``prev_hash`` (the hash of the entry before it in its table, by id) and
``hash = SHA-256(prev_hash + canonical content)``; the first entry's ``prev_hash`` is
``GENESIS``. The canonical content is a deterministic serialisation of every stored field,
so changing any of them, removing an entry or inserting one breaks the chain where it
happened. ``ChainHead`` holds each chain's newest entry: appends lock it, so two
transactions never chain from the same entry, and the verifier checks the table ends there.

This module is the one place that knows the format; services append through
``append``/``append_many``, migration 0004 hashed the entries that existed before, and
``audit.verification`` walks the chains.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model

GENESIS = "0" * 64

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Chain:
    name: str  # the ChainHead key
    table: str
    # The stored fields in canonical order, by column (the hash columns excluded).
    columns: tuple[str, ...]
    json_columns: frozenset[str] = frozenset()


AUDIT = Chain(
    "audit",
    "cases_auditentry",
    ("id", "at", "actor_id", "action", "object_type", "object_id", "case_id", "changes"),
    frozenset({"changes"}),
)
ACCESS = Chain("access", "cases_caseaccess", ("id", "at", "user_id", "case_id", "via", "path", "refused"))
CHAINS = (AUDIT, ACCESS)


def chain_of(model: type[Model]) -> Chain:
    return next(c for c in CHAINS if c.table == model._meta.db_table)


_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode


def _utc(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def canonical(values: Sequence[Any]) -> str:
    """The content of one entry as text: its field values (in ``Chain.columns`` order: the id, then
    the time) as a JSON array with sorted keys, the time in UTC ISO format to the microsecond
    (``2026-12-09T09:00:00.000000Z``), ASCII only."""
    return _ENCODE([values[0], _utc(values[1]), *values[2:]])


def entry_hash(prev_hash: str, values: Sequence[Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(values)).encode()).hexdigest()


def normalise_json(value: Any) -> Any:
    """The value as it reads back from the database (tuples become lists, keys strings), so the
    hash computed before the insert is the one the verifier computes from the stored row."""
    return json.loads(json.dumps(value))


@contextmanager
def _atomic_if_needed() -> Iterator[None]:
    # Inside the caller's transaction (services are atomic) this costs no savepoint queries.
    if connection.in_atomic_block:
        yield
    else:
        with transaction.atomic():
            yield


def _lock_head(chain: Chain, count: int) -> tuple[str, list[int]]:
    """Lock the chain's head row and reserve ``count`` ids for new entries, in one query when
    the head exists. Returns the newest entry's hash and the ids, ascending.

    On PostgreSQL the ids come from the table's sequence once the head is locked (a waiting
    transaction draws its ids after the holder committed), so ids grow in chain order. SQLite
    lets one writer at a time in, so the next ids follow the largest."""
    head = "audit_chainhead"
    with connection.cursor() as cursor:
        for _attempt in range(2):
            if connection.vendor == "postgresql":
                # The ids are drawn in the outer query, so only once the lock is held: drawn
                # beside FOR UPDATE they would be taken before waiting, out of chain order.
                cursor.execute(
                    f"WITH h AS MATERIALIZED (SELECT last_hash FROM {head} WHERE chain = %s FOR UPDATE)"
                    " SELECT h.last_hash, ARRAY(SELECT nextval(pg_get_serial_sequence(%s, 'id'))"
                    " FROM generate_series(1, %s)) FROM h",
                    [chain.name, chain.table, count],
                )
                row = cursor.fetchone()
                if row is not None:
                    return row[0], sorted(row[1])
            else:
                cursor.execute(
                    f"SELECT h.last_hash, MAX(h.last_id, (SELECT COALESCE(MAX(id), 0) FROM {chain.table}))"
                    f" FROM {head} h WHERE h.chain = %s",
                    [chain.name],
                )
                row = cursor.fetchone()
                if row is not None:
                    return row[0], list(range(row[1] + 1, row[1] + 1 + count))
            # No head yet (a new or emptied database): start the chain. Two starters at once
            # insert one row; both then lock it.
            cursor.execute(
                f"INSERT INTO {head} (chain, last_id, last_hash) VALUES (%s, 0, %s) ON CONFLICT DO NOTHING",
                [chain.name, GENESIS],
            )
    raise RuntimeError(f"the {chain.name} chain head could not be locked")


def _set_head(chain: Chain, last_id: int, last_hash: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_chainhead SET last_id = %s, last_hash = %s WHERE chain = %s",
            [last_id, last_hash, chain.name],
        )


def _seal(chain: Chain, entries: Sequence[Model], prev_hash: str, ids: list[int]) -> str:
    for entry, pk in zip(entries, ids, strict=True):
        entry.pk = pk
        for column in chain.json_columns:
            setattr(entry, column, normalise_json(getattr(entry, column)))
        values = [getattr(entry, column) for column in chain.columns]
        entry.prev_hash = prev_hash  # type: ignore[attr-defined]
        entry.hash = prev_hash = entry_hash(prev_hash, values)  # type: ignore[attr-defined]
    return prev_hash


def append(entry: M) -> M:
    """Chain and insert one unsaved entry. Costs two queries beyond the insert (lock the head
    and reserve the id; move the head); runs in the caller's transaction when there is one."""
    return append_many([entry])[0]


def append_many(entries: Sequence[M]) -> list[M]:
    """Chain and insert unsaved entries of one model, in order, with one lock of the head:
    every bulk write of audit or access entries goes through here, never ``bulk_create``."""
    if not entries:
        return []
    model = type(entries[0])
    chain = chain_of(model)
    with _atomic_if_needed():
        prev_hash, ids = _lock_head(chain, len(entries))
        last_hash = _seal(chain, entries, prev_hash, ids)
        if len(entries) == 1:
            entries[0].save(force_insert=True)
        else:
            model._default_manager.bulk_create(entries, batch_size=1000)
        _set_head(chain, ids[-1], last_hash)
    return list(entries)
