"""The application's PostgreSQL role (``ERMS_DB_APP_ROLE``) may only read and append to the
audit tables: no UPDATE, DELETE or TRUNCATE (``audit.db_roles``; again after every migrate).
Nothing happens on SQLite or when the role does not exist."""

from django.db import migrations

from audit.db_roles import restrict_app_role


def restrict(apps, schema_editor):
    restrict_app_role(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [("audit", "0004_hash_existing_entries")]

    operations = [migrations.RunPython(restrict, migrations.RunPython.noop)]
