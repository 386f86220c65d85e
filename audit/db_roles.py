"""What the application's PostgreSQL role may do to the audit tables (README "Database roles").

The application connects as a role (``ERMS_DB_APP_ROLE``, ``erms_app`` by default) that does
not own the tables; migrations run as their owner. Default privileges give the application
role SELECT, INSERT, UPDATE and DELETE on every table the owner makes; this narrows that for
the logs: the audit trail, the access log and the verification records may only be read and
appended to. The chain heads must also be updated (each append moves its chain's head), so a
tamperer holding the application role could rewrite a head, which only breaks the chain:
``audit_verify`` then reports it. Nobody but the owner may TRUNCATE, ALTER (disable the
append-only triggers) or, not being a superuser, set ``session_replication_role``.

Migration 0005 applies it, and ``AuditConfig`` again after every ``migrate`` (post_migrate), so
a table made again later keeps it. A database without the role (SQLite, a developer's
PostgreSQL) is left alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

APPEND_ONLY_TABLES = ("cases_auditentry", "cases_caseaccess", "audit_auditverification")
CHAIN_HEAD_TABLE = "audit_chainhead"


def restrict_app_role(connection: Any, role: str | None = None) -> bool:
    """Grant ``role`` only what appending needs on the audit tables; returns whether it did
    (False on SQLite or when the role does not exist). Run by the tables' owner."""
    role = settings.ERMS_DB_APP_ROLE if role is None else role
    if connection.vendor != "postgresql" or not role:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            return False
        cursor.execute(
            "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relname = ANY(%s)"
            " AND pg_table_is_visible(c.oid)",
            [[*APPEND_ONLY_TABLES, CHAIN_HEAD_TABLE]],
        )
        present = {name for (name,) in cursor.fetchall()}
        grantee = connection.ops.quote_name(role)
        for table in present:
            quoted = connection.ops.quote_name(table)
            allowed = "SELECT, INSERT, UPDATE" if table == CHAIN_HEAD_TABLE else "SELECT, INSERT"
            cursor.execute(f"REVOKE ALL ON {quoted} FROM {grantee}")
            cursor.execute(f"REVOKE ALL ON {quoted} FROM PUBLIC")
            cursor.execute(f"GRANT {allowed} ON {quoted} TO {grantee}")
            if table == CHAIN_HEAD_TABLE:
                continue  # keyed by the chain's name: no sequence
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            (sequence,) = cursor.fetchone() or (None,)
            if sequence:
                cursor.execute(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {grantee}")
    return True
