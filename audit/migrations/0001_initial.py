"""The audit trail and the access log, moved here from ``cases`` (cases 0008) with their tables,
rows, indexes and append-only triggers as they are: this migration only tells Django's state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # No dependency on cases (audit knows no app): this migration changes no table, so it may run
        # before or after cases 0001, which makes the tables, and cases 0008, which lets them go.
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        ("action", models.CharField(max_length=64)),
                        ("object_type", models.CharField(max_length=64)),
                        ("object_id", models.CharField(max_length=64)),
                        ("case_id", models.BigIntegerField(blank=True, db_index=True, null=True)),
                        ("changes", models.JSONField(blank=True, default=dict)),
                        ("actor", models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                                    related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit entries",
                        "db_table": "cases_auditentry",
                        "ordering": ["-at", "-id"],
                        "indexes": [
                            models.Index(fields=["case_id", "-at"], name="cases_audit_case_id_be41c2_idx"),
                            models.Index(fields=["object_type", "object_id"], name="cases_audit_object__8d4d8e_idx"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="AccessEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        ("case_id", models.BigIntegerField(db_index=True)),
                        ("via", models.CharField(max_length=16)),
                        ("path", models.CharField(blank=True, max_length=300)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                   to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "case access",
                        "verbose_name_plural": "case access log",
                        "db_table": "cases_caseaccess",
                        "ordering": ["-at", "-id"],
                        "indexes": [
                            models.Index(fields=["case_id", "-at"], name="cases_casea_case_id_587fe3_idx"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
