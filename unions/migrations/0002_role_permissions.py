from django.db import migrations

from accounts.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("unions", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]
