"""``manage.py audit_verify`` finds an audit or access entry changed, removed or inserted with raw
SQL behind the application's back (as the database superuser, past the append-only trigger),
names it and exits non-zero; on PostgreSQL and SQLite alike."""

from __future__ import annotations

import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from audit import chain, services
from audit.models import AccessEntry, AuditEntry, AuditVerification

pytestmark = pytest.mark.django_db


@pytest.fixture
def logs(hana, erin):
    """Five changes and five views, each chained to the one before."""
    changes = [
        services.audit(
            actor=hana, action=f"case_edited_{i}", obj=erin, changes={"title": [f"t{i}", f"t{i + 1}"]}
        )
        for i in range(5)
    ]
    views = [services.access_record(user=erin, case=7, via="page", path=f"/cases/7/{i}") for i in range(5)]
    return SimpleNamespace(changes=changes, views=views)


def tamper(sql: str, params: list | None = None) -> None:
    """Run ``sql`` as the test database's superuser would, past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params or [])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def verify() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_passes_untouched_logs_with_a_one_line_summary_and_records_the_run(logs):
    code, out, err = verify()

    assert code == 0, err
    assert out.strip().count("\n") == 0
    assert "10 entries checked" in out
    run = AuditVerification.objects.get()
    assert run.ok and run.entries_checked == 10 and run.bad_entry_id is None


def test_it_names_an_audit_entry_whose_content_was_changed(logs):
    victim = logs.changes[2]
    tamper("UPDATE cases_auditentry SET action = 'nothing_happened' WHERE id = %s", [victim.pk])

    code, _out, err = verify()

    assert code == 1
    assert f"entry #{victim.pk} was changed" in err
    run = AuditVerification.objects.get()
    assert (run.ok, run.bad_chain, run.bad_entry_id) == (False, "audit", victim.pk)


def test_it_names_an_entry_changed_even_when_its_hash_was_recomputed(logs):
    victim = logs.changes[1]
    victim.action = "nothing_happened"
    values = [getattr(victim, column) for column in chain.AUDIT.columns]
    tamper(
        "UPDATE cases_auditentry SET action = %s, hash = %s WHERE id = %s",
        [victim.action, chain.entry_hash(victim.prev_hash, values), victim.pk],
    )

    code, _out, err = verify()

    assert code == 1
    assert f"entry #{victim.pk} was changed" in err


def test_it_names_an_access_entry_that_was_removed(logs):
    victim = logs.views[2]
    tamper("DELETE FROM cases_caseaccess WHERE id = %s", [victim.pk])

    code, _out, err = verify()

    assert code == 1
    assert f"Access log: entry #{victim.pk} was removed" in err
    assert AuditVerification.objects.get().bad_chain == "access"


def test_it_finds_the_newest_entries_removed(logs):
    tamper("DELETE FROM cases_caseaccess WHERE id >= %s", [logs.views[3].pk])

    code, _out, err = verify()

    assert code == 1
    assert "newest entries were removed" in err and f"#{logs.views[4].pk}" in err


def test_it_names_a_back_dated_entry_inserted_with_a_well_formed_hash(logs, hana, erin):
    # A tamperer who knows the format chains the forged entry from the newest one.
    last = logs.changes[-1]
    forged_id = last.pk + 1
    at = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
    values = [forged_id, at, hana.pk, "case_closed", "accounts.user", str(erin.pk), None, {}]
    tamper(
        "INSERT INTO cases_auditentry (id, at, actor_id, action, object_type, object_id, case_id, changes,"
        " prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [*values[:7], "{}", last.hash, chain.entry_hash(last.hash, values)],
    )

    code, _out, err = verify()

    assert code == 1
    assert f"entry #{forged_id} was inserted" in err
    assert AuditVerification.objects.get().bad_entry_id == forged_id


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite never skips an id")
def test_it_names_an_entry_inserted_between_two_others(logs, erin):
    # On PostgreSQL an append that rolls back leaves a gap in the ids; a forged entry can take it.
    first = logs.views[-1]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.access_record(user=erin, case=7, via="page")
        raise RuntimeError("rolled back")
    after = services.access_record(user=erin, case=7, via="page")
    forged = first.pk + 1
    assert after.pk == forged + 1
    values = [forged, first.at, erin.pk, 7, "page", "/forged", False]
    tamper(
        "INSERT INTO cases_caseaccess (id, at, user_id, case_id, via, path, refused, prev_hash, hash)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [*values, first.hash, chain.entry_hash(first.hash, values)],
    )

    code, _out, err = verify()

    assert code == 1
    assert f"entry #{forged} was inserted" in err
    assert AuditVerification.objects.get().bad_entry_id == forged


def test_it_finds_entries_removed_after_they_were_verified_even_the_whole_table(logs):
    assert verify()[0] == 0
    tamper("DELETE FROM cases_auditentry")
    tamper("DELETE FROM audit_chainhead")

    code, _out, err = verify()

    assert code == 1
    assert f"entry #{logs.changes[-1].pk}, the newest entry when the chain was verified" in err


def test_every_bulk_write_is_chained(hana, erin):
    services.entries_append(
        entries=[
            AuditEntry(actor=hana, action="imported", object_type="accounts.user", object_id=str(i))
            for i in range(30)
        ]
    )
    services.entries_append(entries=[AccessEntry(user=erin, case_id=i, via="api") for i in range(30)])
    services.audit(actor=hana, action="after", obj=erin)

    code, out, err = verify()

    assert code == 0, err
    assert "61 entries checked" in out


def test_the_migration_chains_entries_written_before_the_chain_existed(hana, erin):
    # As they were before migration 0004: written with no hashes.
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(actor=hana, action="old", object_type="accounts.user", object_id=str(i))
            for i in range(3)
        ]
    )
    AccessEntry.objects.bulk_create([AccessEntry(user=erin, case_id=1, via="page") for _ in range(3)])
    assert verify()[0] == 1

    migration = importlib.import_module("audit.migrations.0004_hash_existing_entries")
    migration.hash_existing(apps, SimpleNamespace(connection=connection))
    services.access_record(user=erin, case=1, via="page")

    code, out, err = verify()
    assert code == 0, err
    assert "7 entries checked" in out
