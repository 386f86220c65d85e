from django.db import migrations

from accounts.roles import sync_role_permissions
from erms.lib.migrations import PostgresOnlySQL

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION erms_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ERMS: % rows are append-only; they cannot be changed or deleted', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_auditentry_append_only BEFORE UPDATE OR DELETE ON cases_auditentry
  FOR EACH ROW EXECUTE FUNCTION erms_refuse_change();
CREATE TRIGGER cases_caseaccess_append_only BEFORE UPDATE OR DELETE ON cases_caseaccess
  FOR EACH ROW EXECUTE FUNCTION erms_refuse_change();
"""

SEARCH = """
ALTER TABLE cases_case ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED;
CREATE INDEX cases_case_search_gin ON cases_case USING gin (search_vector);
"""


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("accounts", "0002_roles")]

    operations = [
        PostgresOnlySQL(APPEND_ONLY, reverse_sql="""
            DROP TRIGGER IF EXISTS cases_auditentry_append_only ON cases_auditentry;
            DROP TRIGGER IF EXISTS cases_caseaccess_append_only ON cases_caseaccess;"""),
        PostgresOnlySQL(SEARCH, reverse_sql="ALTER TABLE cases_case DROP COLUMN search_vector;"),
        migrations.RunPython(sync_role_permissions, migrations.RunPython.noop),
    ]
