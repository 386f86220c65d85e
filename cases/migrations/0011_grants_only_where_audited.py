"""Per-user case grants now mean only what an explicit grant gave. Until this release, opening a
case and appointing an investigator also wrote ``view_case``/``change_case`` grants to the case
manager and the investigators, and reassignment left the previous manager's grants in place. Access
through those relations now comes from the relation itself, so such rows are either redundant or
a former manager's leftover access. This keeps a user grant only where the audit trail shows an
explicit grant (``access_granted``, not later ``access_revoked``), with ``change_case`` only where
that grant allowed changes."""

from django.db import migrations


def _label(user) -> str:
    # The audit trail names a user as ``str(user)``: full name, or e-mail without one.
    return user.full_name or user.email


def forwards(apps, schema_editor):
    Grant = apps.get_model("cases", "CaseUserObjectPermission")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    # (case id, user label) -> can_change, for the grants still standing after the last entry.
    standing: dict[tuple[str, str], bool] = {}
    entries = AuditEntry.objects.filter(
        object_type="cases.case", action__in=["access_granted", "access_revoked"]
    ).order_by("id")
    for case_id, action, changes in entries.values_list("object_id", "action", "changes").iterator():
        user = (changes or {}).get("user") or [None, None]
        if action == "access_granted" and user[1] is not None:
            can_change = (changes.get("can_change") or [None, False])[1]
            standing[(case_id, user[1])] = bool(can_change)
        elif action == "access_revoked" and user[0] is not None:
            standing.pop((case_id, user[0]), None)
    doomed = []
    for grant in Grant.objects.select_related("user", "permission").iterator():
        key = (str(grant.content_object_id), _label(grant.user))
        if key not in standing:
            doomed.append(grant.pk)
        elif grant.permission.codename == "change_case" and not standing[key]:
            doomed.append(grant.pk)
    for start in range(0, len(doomed), 1000):
        Grant.objects.filter(pk__in=doomed[start : start + 1000]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_deadlines_move_out"),
        ("audit", "0005_app_role_appends_only"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
