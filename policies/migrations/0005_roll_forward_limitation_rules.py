"""DOMAIN.md "How deadlines are computed", rule 5: a window in which someone else may act against
the organisation moves off a weekend or holiday only where the law says so. Set ``roll_forward``
on exactly US-LIM-001 (EEOC), US-LIM-002 (FRCP 6(a)(1)(C)), NO-LIM-001 (domstolloven §149) and
VN-LIM-001 (Civil Code 2015 Art 148(5), UNVERIFIED)."""

from django.db import migrations

ROLL_FORWARD = ("US-LIM-001", "US-LIM-002", "NO-LIM-001", "VN-LIM-001")


def set_roll_forward(apps, schema_editor):
    apps.get_model("policies", "Rule").objects.filter(rule_id__in=ROLL_FORWARD).update(roll_forward=True)


def unset_roll_forward(apps, schema_editor):
    apps.get_model("policies", "Rule").objects.filter(rule_id__in=ROLL_FORWARD).update(roll_forward=False)


class Migration(migrations.Migration):
    dependencies = [("policies", "0004_role_permissions")]

    operations = [migrations.RunPython(set_roll_forward, unset_roll_forward)]
