"""Every case deadline names its case as its owner (``cases.case``/<case id>), as other owners'
deadlines already do, so the deadline engine (deadlines 0001) needs no foreign key to the case.
A data migration on its own, so the schema changes of 0010 run in a transaction of their own."""

from django.db import migrations
from django.db.models import F


def owner_from_case(apps, schema_editor):
    Deadline = apps.get_model("cases", "Deadline")
    Deadline.objects.filter(case__isnull=False).update(owner_type="cases.case", owner_id=F("case_id"))


def case_from_owner(apps, schema_editor):
    Deadline = apps.get_model("cases", "Deadline")
    Deadline.objects.filter(owner_type="cases.case").update(case_id=F("owner_id"), owner_type="", owner_id=None)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0008_audit_moves_out"),
    ]

    operations = [
        migrations.RunPython(owner_from_case, case_from_owner),
    ]
