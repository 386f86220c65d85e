"""Chain the entries written before the chain existed, in id order, and set the chain heads.

The append-only triggers (cases 0002) refuse UPDATE, so they are disabled for this migration's
own transaction; only the tables' owner, who runs migrations, may do that."""

from django.db import migrations

from audit import chain

BATCH = 5000


def _store(cursor, table, rows, postgres):
    if not rows:
        return
    if postgres:
        values = ", ".join(["(%s::bigint, %s, %s)"] * len(rows))
        cursor.execute(
            f"UPDATE {table} AS t SET prev_hash = v.p, hash = v.h FROM (VALUES {values}) AS v(id, p, h)"
            " WHERE t.id = v.id",
            [value for row in rows for value in row],
        )
    else:
        cursor.executemany(
            f"UPDATE {table} SET prev_hash = %s, hash = %s WHERE id = %s", [(p, h, i) for i, p, h in rows]
        )


def hash_existing(apps, schema_editor):
    connection = schema_editor.connection
    alias = connection.alias
    postgres = connection.vendor == "postgresql"
    ChainHead = apps.get_model("audit", "ChainHead")
    for c, name in ((chain.AUDIT, "AuditEntry"), (chain.ACCESS, "AccessEntry")):
        model = apps.get_model("audit", name)
        prev, last_id = chain.GENESIS, 0
        with connection.cursor() as cursor:
            if postgres:
                # ALTER TABLE refuses while deferred foreign-key checks of rows written earlier in
                # this transaction wait; run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {c.table} DISABLE TRIGGER USER")
            while True:
                # Keyset pages, each read before it is written (safe on SQLite too).
                page = list(
                    model.objects.using(alias).filter(id__gt=last_id).order_by("id").values_list(*c.columns)[:BATCH]
                )
                if not page:
                    break
                rows = []
                for values in page:
                    digest = chain.entry_hash(prev, values)
                    rows.append((values[0], prev, digest))
                    prev, last_id = digest, values[0]
                _store(cursor, c.table, rows, postgres)
            if postgres:
                cursor.execute(f"ALTER TABLE {c.table} ENABLE TRIGGER USER")
        ChainHead.objects.using(alias).update_or_create(
            chain=c.name, defaults={"last_id": last_id, "last_hash": prev}
        )


class Migration(migrations.Migration):

    dependencies = [("audit", "0003_hash_chain")]

    operations = [migrations.RunPython(hash_existing, migrations.RunPython.noop)]
