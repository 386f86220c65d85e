"""What each role may do, as model permissions.

Roles are groups; this table is their single source. Data migrations call
``sync_role_permissions`` (each app that adds permissions runs it again after its
own migration), so a fresh database and an upgraded one end up the same. Which
*objects* a user may touch is decided per object in each app's ``permissions.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.management import create_permissions

from accounts.models import Role

_DIRECTORY_READ = ["accounts.view_employee", "accounts.view_department", "accounts.view_location"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.HR_ADMIN: [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_employee",
        "accounts.change_employee",
        "accounts.delete_employee",
        "accounts.add_department",
        "accounts.change_department",
        "accounts.delete_department",
        "accounts.add_location",
        "accounts.change_location",
        "accounts.delete_location",
        *_DIRECTORY_READ,
        "cases.view_concern",
        "cases.triage_concern",
        "cases.view_case",
        "cases.add_case",
        "cases.change_case",
        "cases.close_case",
        "cases.assign_case",
        "cases.view_case_audit",
        "cases.add_document",
        "cases.view_document",
        "policies.view_policy",
        "policies.add_policy",
        "policies.change_policy",
        "policies.approve_policyversion",
        "policies.view_procedure",
        "policies.change_procedure",
        "unions.view_union",
        "unions.change_union",
        "unions.view_membership",
        "unions.view_all_bodies",
    ],
    Role.ER_LEAD: [
        "accounts.view_user",
        *_DIRECTORY_READ,
        "cases.view_concern",
        "cases.triage_concern",
        "cases.view_case",
        "cases.add_case",
        "cases.change_case",
        "cases.close_case",
        "cases.assign_case",
        "cases.view_case_audit",
        "cases.override_guardrail",
        "cases.add_document",
        "cases.view_document",
        "policies.view_policy",
        "policies.add_policy",
        "policies.change_policy",
        "policies.approve_policyversion",
        "policies.view_procedure",
        "unions.view_union",
        "unions.change_union",
        "unions.view_membership",
        "unions.view_all_bodies",
    ],
    Role.HR_CASE_MANAGER: [
        *_DIRECTORY_READ,
        "cases.view_concern",
        "cases.triage_concern",
        "cases.view_case",
        "cases.add_case",
        "cases.change_case",
        "cases.close_case",
        "cases.add_document",
        "cases.view_document",
        "policies.view_policy",
        "policies.view_procedure",
        "unions.view_union",
        "unions.view_all_bodies",
    ],
    Role.INVESTIGATOR: [
        "accounts.view_employee",
        "cases.view_case",
        "cases.change_case",
        "cases.add_document",
        "cases.view_document",
        "policies.view_policy",
    ],
    Role.LINE_MANAGER: ["cases.add_concern", "policies.view_policy"],
    Role.UNION_REP: ["policies.view_policy", "unions.view_union"],
}


def sync_role_permissions(apps: Any, schema_editor: Any) -> None:
    """Create every role group and give it exactly the permissions above that exist yet."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)
