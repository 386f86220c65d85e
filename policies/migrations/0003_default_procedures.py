"""Default organisation procedures for GB, US, NO and VN, with their time limits.

Each step names the rule it rests on: a statutory floor (the organisation may only give
more time), a ceiling (only less) or a reference (guidance, not enforced). Admins adjust
them; only missing procedures are inserted.
"""

from django.db import migrations

CD, WD, MO = "calendar_days", "working_days", "months"
EXC, INC = "excludes_trigger_day", "includes_trigger_day"
FLOOR, CEILING, REF = "floor", "ceiling", "reference"
BLOCK, WARN = "block", "warn"


def s(key, number, unit, *, counting=EXC, rule=None, variant="", bound=REF, action=BLOCK):
    return {"key": key, "number": number, "unit": unit, "counting": counting, "rule": rule,
            "rule_variant": variant, "rule_bound": bound, "action": action}


GB_COMPANION = s("companion_postponement", 5, WD, rule="GB-ACC-002", bound=FLOOR)
PROCEDURES = [
    ("disciplinary", "GB", "GB disciplinary procedure", "A manager not involved in the investigation.", [
        s("hearing_notice", 5, WD, rule="GB-DISC-003"),
        GB_COMPANION,
        s("investigation_target", 20, WD, rule="GB-DISC-001", action=WARN),
        s("decision_letter_due", 5, WD, action=WARN),
        s("appeal_window", 5, WD, rule="GB-APP-001", variant="lodge"),
        s("appeal_hearing_target", 5, WD, rule="GB-APP-001", variant="hear", action=WARN),
        s("warning_live_period", 12, MO, counting=INC, rule="GB-SANC-001"),
    ]),
    ("grievance", "GB", "GB grievance procedure", "A manager who is not the subject of the grievance.", [
        s("hearing_notice", 5, WD, rule="GB-GRV-001"),
        GB_COMPANION,
        s("decision_letter_due", 5, WD, action=WARN),
        s("appeal_window", 5, WD, rule="GB-APP-001", variant="lodge"),
    ]),
    ("appeal", "GB", "GB appeal procedure", "A more senior manager not involved before.", [
        s("hearing_notice", 5, WD, rule="GB-APP-001"),
        GB_COMPANION,
        s("appeal_hearing_target", 5, WD, rule="GB-APP-001", variant="hear", action=WARN),
        s("decision_letter_due", 5, WD, action=WARN),
    ]),
    ("collective_consultation", "GB", "GB collective redundancy consultation", "", [
        s("consultation_period", 45, CD, rule="GB-RED-001", variant="100_plus", bound=FLOOR),
    ]),
    ("disciplinary", "US", "US disciplinary procedure", "A manager not involved in the investigation.", [
        s("hearing_notice", 2, WD, rule="US-DISC-001", action=WARN),
        s("investigation_target", 15, WD, action=WARN),
        s("decision_letter_due", 5, WD, action=WARN),
        s("appeal_window", 10, CD, rule="US-DISC-001"),
        s("warning_live_period", 12, MO, counting=INC, rule="US-DISC-001"),
    ]),
    ("grievance", "US", "US grievance procedure", "", [
        s("hearing_notice", 2, WD, rule="US-DISC-001", action=WARN),
        s("decision_letter_due", 10, WD, action=WARN),
        s("appeal_window", 10, CD, rule="US-DISC-001"),
    ]),
    ("disciplinary", "NO", "NO disciplinary procedure (drøftingsmøte)", "The manager with authority to decide.", [
        s("hearing_notice", 3, WD, rule="NO-TERM-001"),
        s("investigation_target", 20, WD, action=WARN),
        s("decision_letter_due", 5, WD, action=WARN),
        s("warning_live_period", 12, MO, counting=INC),
    ]),
    ("grievance", "NO", "NO grievance procedure", "", [
        s("hearing_notice", 3, WD, action=WARN),
        s("decision_letter_due", 10, WD, action=WARN),
    ]),
    ("disciplinary", "VN", "VN labour discipline procedure", "The person authorised by the internal labour rules.", [
        s("hearing_notice", 5, WD, rule="VN-DISC-004", bound=FLOOR),
        s("investigation_target", 20, WD, action=WARN),
        s("decision_letter_due", 6, MO, rule="VN-DISC-003", variant="standard", bound=CEILING),
        s("suspension_review", 15, CD, counting=INC, rule="VN-SUSP-001", variant="standard", bound=CEILING),
        s("warning_live_period", 3, MO, rule="VN-SANC-003", variant="reprimand"),
    ]),
    ("grievance", "VN", "VN grievance procedure", "", [
        s("hearing_notice", 5, WD, action=WARN),
        s("decision_letter_due", 10, WD, action=WARN),
    ]),
]


def load_procedures(apps, schema_editor):
    Procedure = apps.get_model("policies", "Procedure")
    ProcedureStep = apps.get_model("policies", "ProcedureStep")
    Rule = apps.get_model("policies", "Rule")
    rules = {rule.rule_id: rule for rule in Rule.objects.all()}
    for kind, jurisdiction, name, who_may_chair, steps in PROCEDURES:
        if Procedure.objects.filter(kind=kind, jurisdiction=jurisdiction, is_active=True).exists():
            continue
        procedure = Procedure.objects.create(kind=kind, jurisdiction=jurisdiction, name=name,
                                             who_may_chair=who_may_chair)
        for step in steps:
            ProcedureStep.objects.create(procedure=procedure, **{**step, "rule": rules.get(step["rule"])})


def unload_procedures(apps, schema_editor):
    Procedure = apps.get_model("policies", "Procedure")
    for kind, jurisdiction, name, _chair, _steps in PROCEDURES:
        Procedure.objects.filter(kind=kind, jurisdiction=jurisdiction, name=name).delete()


class Migration(migrations.Migration):
    dependencies = [("policies", "0002_rules")]

    operations = [migrations.RunPython(load_procedures, unload_procedures)]
