from django.db import migrations

from accounts.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0003_default_procedures"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]
