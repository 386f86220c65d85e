"""The audit trail and the access log move to the ``audit`` app (audit 0001), keeping their tables
and every row. Here the foreign keys to the case become plain ids (audit knows no case), then the
two models leave the cases app's state; no table is dropped or copied."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0007_letter_queued_at"),
    ]

    operations = [
        # Drops only the foreign-key constraints; the columns, their data and their indexes stay.
        migrations.AlterField(
            model_name="auditentry",
            name="case",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="cases.case"),
        ),
        migrations.AlterField(
            model_name="caseaccess",
            name="case",
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING,
                                    related_name="+", to="cases.case"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditEntry"),
                migrations.DeleteModel(name="CaseAccess"),
            ],
            database_operations=[],
        ),
    ]
