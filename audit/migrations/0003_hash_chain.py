"""The hash chain: each entry's previous hash and own hash, the chain heads, the record of
each verification. ``at`` is set before an entry is hashed (no longer ``auto_now_add``)."""

from django.db import migrations, models

import erms.lib.clock


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_accessentry_refused"),
        # After cases 0008 (see 0002): on SQLite it rebuilds the tables without these columns.
        ("cases", "0008_audit_moves_out"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(default=erms.lib.clock.now, editable=False),
        ),
        migrations.AlterField(
            model_name="accessentry",
            name="at",
            field=models.DateTimeField(default=erms.lib.clock.now, editable=False),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessentry",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessentry",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("chain", models.CharField(max_length=16, primary_key=True, serialize=False)),
                ("last_id", models.BigIntegerField(default=0)),
                ("last_hash", models.CharField(max_length=64)),
            ],
            options={
                "verbose_name": "chain head",
                "verbose_name_plural": "chain heads",
            },
        ),
        migrations.CreateModel(
            name="AuditVerification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField()),
                ("finished_at", models.DateTimeField()),
                ("ok", models.BooleanField()),
                ("entries_checked", models.BigIntegerField(default=0)),
                ("bad_chain", models.CharField(blank=True, max_length=16)),
                ("bad_entry_id", models.BigIntegerField(blank=True, null=True)),
                ("message", models.TextField()),
                ("audit_last_id", models.BigIntegerField(default=0)),
                ("audit_last_hash", models.CharField(blank=True, max_length=64)),
                ("access_last_id", models.BigIntegerField(default=0)),
                ("access_last_hash", models.CharField(blank=True, max_length=64)),
            ],
            options={
                "verbose_name": "audit verification",
                "verbose_name_plural": "audit verifications",
                "ordering": ["-started_at", "-id"],
            },
        ),
    ]
