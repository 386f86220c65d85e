"""VN-SANC-003 (LC Art 126) clears a reprimand after 3 months by law: the VN discipline procedure's
warning live period rests on it as a statutory maximum (the organisation may keep a warning live
for less, never longer), not as guidance. The bound's label for guidance now says what it means."""

from django.db import migrations, models


def ceiling(apps, schema_editor):
    ProcedureStep = apps.get_model("policies", "ProcedureStep")
    ProcedureStep.objects.filter(
        procedure__jurisdiction="VN",
        key="warning_live_period",
        rule__rule_id="VN-SANC-003",
        rule_bound="reference",
    ).update(rule_bound="ceiling")


def reference(apps, schema_editor):
    ProcedureStep = apps.get_model("policies", "ProcedureStep")
    ProcedureStep.objects.filter(
        procedure__jurisdiction="VN",
        key="warning_live_period",
        rule__rule_id="VN-SANC-003",
        rule_bound="ceiling",
    ).update(rule_bound="reference")


class Migration(migrations.Migration):
    dependencies = [("policies", "0005_roll_forward_limitation_rules")]

    operations = [migrations.RunPython(ceiling, reference)]
