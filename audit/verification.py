"""Walking the hash chains (``audit.chain``) to find the first entry changed, removed or
inserted behind the application's back. Reads only; ``services.verification_run`` records
the result and raises the alarm.

The walk streams each table in id order (a server-side cursor on PostgreSQL), so it needs
memory for one chunk, not the table. On PostgreSQL it reads one snapshot (REPEATABLE READ),
so entries appended while it runs are neither half-seen nor mistaken for insertions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from audit import chain
from audit.models import AccessEntry, AuditEntry, ChainHead

if TYPE_CHECKING:
    from audit.models import AuditVerification

CHUNK = 5000


@dataclass
class Result:
    ok: bool = True
    checked: int = 0
    bad_chain: str = ""
    bad_entry_id: int | None = None
    message: str = ""
    # Per chain: the id and hash of the last entry found good.
    ends: dict[str, tuple[int, str]] = field(default_factory=dict)


class Broken(Exception):
    def __init__(self, entry_id: int | None, message: str) -> None:
        super().__init__(message)
        self.entry_id = entry_id
        self.message = message


def _label(c: chain.Chain) -> str:
    return gettext("Audit trail") if c is chain.AUDIT else gettext("Access log")


def _model(c: chain.Chain) -> type[models.Model]:
    return AuditEntry if c is chain.AUDIT else AccessEntry


def verify(previous: AuditVerification | None = None) -> Result:
    """Walk both chains. ``previous`` is the last verification that passed: the entries it
    ended at must still be there, unchanged (so removing verified entries, even all of them,
    is found)."""
    if connection.in_atomic_block:
        return _verify(previous)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return _verify(previous)


def _verify(previous: AuditVerification | None) -> Result:
    result = Result()
    anchors = {
        "audit": (previous.audit_last_id, previous.audit_last_hash) if previous else (0, ""),
        "access": (previous.access_last_id, previous.access_last_hash) if previous else (0, ""),
    }
    when = date_format(previous.started_at, "DATETIME_FORMAT") if previous else ""
    for c in chain.CHAINS:
        walk = _Walk(c, anchors[c.name], when)
        try:
            walk.run()
        except Broken as broken:
            result.ok = False
            result.bad_chain = c.name
            result.bad_entry_id = broken.entry_id
            result.message = broken.message
        result.checked += walk.checked
        result.ends[c.name] = (walk.last_id, walk.expected if walk.last_id else "")
        if not result.ok:
            for other in chain.CHAINS:
                result.ends.setdefault(other.name, (0, ""))
            return result
    result.message = gettext(
        "Both chains hold: %(count)s entries checked (audit trail up to #%(audit)s, access log up to #%(access)s)."
    ) % {"count": result.checked, "audit": result.ends["audit"][0], "access": result.ends["access"][0]}
    return result


class _Walk:
    """One chain, entry by entry in id order; raises ``Broken`` at the first bad entry."""

    def __init__(self, c: chain.Chain, anchor: tuple[int, str], anchor_when: str) -> None:
        self.chain = c
        self.model = _model(c)
        self.label = _label(c)
        self.anchor_id, self.anchor_hash = anchor
        self.anchor_when = anchor_when
        self.checked = 0
        self.last_id = 0
        self.expected = chain.GENESIS  # the hash the next entry must name as its previous
        self.before: str | None = None  # the hash that preceded ``expected``

    def _broken(self, entry_id: int | None, message: str, **values: object) -> Broken:
        return Broken(entry_id, message % {"chain": self.label, "id": entry_id, **values})

    def _next_prev_hash(self, entry_id: int) -> str | None:
        return (
            self.model._default_manager.filter(id__gt=entry_id)
            .order_by("id")
            .values_list("prev_hash", flat=True)
            .first()
        )

    def _removed(self, entry_id: int) -> Broken:
        if not self.last_id:
            return self._broken(
                entry_id,
                gettext(
                    "%(chain)s: entries before #%(id)s were removed (the chain's first entry is missing)."
                ),
            )
        if entry_id - self.last_id == 1:
            # No id is missing between them: the entry before was rewritten with a new hash.
            return self._broken(
                self.last_id,
                gettext(
                    "%(chain)s: entry #%(id)s was changed and its hash recomputed (entry #%(next)s's "
                    "previous hash no longer matches it)."
                ),
                next=entry_id,
            )
        missing = (
            f"#{self.last_id + 1}" if entry_id - self.last_id == 2 else f"#{self.last_id + 1}–#{entry_id - 1}"
        )
        return self._broken(
            entry_id,
            gettext(
                "%(chain)s: entry %(missing)s was removed (entry #%(id)s's previous hash does not match "
                "entry #%(last)s)."
            ),
            last=self.last_id,
            missing=missing,
        )

    def run(self) -> None:
        head = ChainHead.objects.filter(chain=self.chain.name).values_list("last_id", "last_hash").first()
        rows = (
            self.model._default_manager.order_by("id")
            .values_list(*self.chain.columns, "prev_hash", "hash")
            .iterator(chunk_size=CHUNK)
        )
        anchor_seen = not self.anchor_id
        for row in rows:
            values, prev_hash, stored = row[:-2], row[-2], row[-1]
            entry_id = values[0]
            if head is not None and entry_id > head[0]:
                raise self._broken(
                    entry_id,
                    gettext(
                        "%(chain)s: entry #%(id)s was inserted behind the application's back "
                        "(it comes after the chain's newest entry, #%(head)s)."
                    ),
                    head=head[0],
                )
            if prev_hash != self.expected:
                if self.before is not None and prev_hash == self.before:
                    raise self._broken(
                        self.last_id,
                        gettext(
                            "%(chain)s: entry #%(id)s was inserted behind the application's back "
                            "(entry #%(next)s chains from the entry before it)."
                        ),
                        next=entry_id,
                    )
                if self._next_prev_hash(entry_id) == self.expected:
                    raise self._inserted(entry_id)
                raise self._removed(entry_id)
            if chain.entry_hash(prev_hash, values) != stored:
                if self._next_prev_hash(entry_id) == prev_hash:
                    raise self._inserted(entry_id)
                raise self._broken(
                    entry_id,
                    gettext("%(chain)s: entry #%(id)s was changed (its content no longer matches its hash)."),
                )
            if entry_id == self.anchor_id:
                if stored != self.anchor_hash:
                    raise self._broken(
                        entry_id,
                        gettext("%(chain)s: entry #%(id)s was changed since the verification of %(when)s."),
                        when=self.anchor_when,
                    )
                anchor_seen = True
            self.before, self.expected, self.last_id = self.expected, stored, entry_id
            self.checked += 1
        if not anchor_seen:
            raise self._broken(
                self.anchor_id,
                gettext(
                    "%(chain)s: entry #%(id)s, the newest entry when the chain was verified on %(when)s, "
                    "was removed."
                ),
                when=self.anchor_when,
            )
        self._check_head(head)

    def _inserted(self, entry_id: int) -> Broken:
        return self._broken(
            entry_id,
            gettext(
                "%(chain)s: entry #%(id)s was inserted behind the application's back (the next entry "
                "chains from the entry before it)."
            ),
        )

    def _check_head(self, head: tuple[int, str] | None) -> None:
        if head is None:
            if self.checked:
                raise self._broken(
                    self.last_id,
                    gettext("%(chain)s: the chain head is missing (the newest entry is #%(id)s)."),
                )
            return
        if head == (self.last_id, self.expected):
            return
        if head[0] > self.last_id:
            raise self._broken(
                head[0],
                gettext(
                    "%(chain)s: the newest entries were removed: the chain ends at #%(last)s, but its head "
                    "names entry #%(id)s."
                ),
                last=self.last_id,
            )
        raise self._broken(
            self.last_id,
            gettext("%(chain)s: the chain head does not match its newest entry, #%(id)s."),
        )
