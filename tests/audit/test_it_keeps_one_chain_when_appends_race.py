"""Transactions appending at the same moment, each on its own connection, never fork a chain:
each waits for the chain's head, so every entry names the one committed before it."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from audit import services
from audit.models import AccessEntry, AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4
APPENDS = 15


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database locks whole tables and has no busy timeout; the file database "
    "(IMMEDIATE transactions) lets one writer in at a time",
)
def test_it_keeps_one_chain_when_transactions_append_at_once(hana, erin):
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(APPENDS):
                with transaction.atomic():
                    services.audit(actor=hana, action=f"writer_{n}", obj=erin, changes={"i": [i, i + 1]})
                    services.access_record(user=erin, case=n, via="page", path=f"/{n}/{i}")
            services.entries_append(entries=[AccessEntry(user=hana, case_id=n, via="api") for _ in range(5)])
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEntry.objects.count() == WRITERS * APPENDS
    assert AccessEntry.objects.count() == WRITERS * (APPENDS + 5)
    hashes = list(AccessEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert all(prev == before[1] for before, (prev, _) in zip(hashes, hashes[1:], strict=False))
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert f"{WRITERS * (2 * APPENDS + 5)} entries checked" in out.getvalue()
