"""Deployed as the README says (deploy/postgres/erms-roles.sql, migrations run by the owner role),
the role web, worker and beat connect as can read and append to the audit trail and the access
log, and ERMS works as it, but it cannot change, delete, truncate or alter them, disable their
triggers or set session_replication_role. On a real PostgreSQL, in a database of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
ROLES_SQL = ROOT / "deploy" / "postgres" / "erms-roles.sql"

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")


def _server() -> dict[str, str]:
    settings = connection.settings_dict
    return {"host": settings["HOST"] or "127.0.0.1", "port": str(settings["PORT"] or 5432)}


def _connect(dbname: str, user: str | None = None, password: str | None = None):
    settings = connection.settings_dict
    conn = psycopg2.connect(
        dbname=dbname,
        user=user or settings["USER"],
        password=password if user else settings["PASSWORD"],
        **_server(),
    )
    conn.autocommit = True
    return conn


def _run_psql_script(path: Path, variables: dict[str, str]) -> None:
    """Run a psql script the way ``psql -v name=value -f path`` would: ``:"name"`` is an
    identifier, ``:'name'`` a literal, ``\\connect`` switches database."""

    def substitute(text: str) -> str:
        text = re.sub(r':"(\w+)"', lambda m: '"' + variables[m[1]].replace('"', '""') + '"', text)
        return re.sub(r":'(\w+)'", lambda m: "'" + variables[m[1]].replace("'", "''") + "'", text)

    conn = _connect("postgres")
    statement: list[str] = []
    try:
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith("--"):
                continue
            if stripped.startswith("\\connect"):
                conn.close()
                conn = _connect(variables["db"])
                continue
            statement.append(substitute(line))
            if stripped.endswith(";"):
                with conn.cursor() as cursor:
                    cursor.execute("\n".join(statement))
                statement = []
    finally:
        conn.close()


def _manage(database_url: str, app_role: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DATABASE_URL=database_url, ERMS_DB_APP_ROLE=app_role, DB_CONN_MAX_AGE="0")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def deployment() -> Iterator[dict[str, str]]:
    """A database made as the README says: the roles script, then ``migrate`` as the owner."""
    suffix = uuid.uuid4().hex[:8]
    names = {
        "db": f"erms_roles_{suffix}",
        "owner": f"erms_owner_{suffix}",
        "owner_password": uuid.uuid4().hex,
        "app": f"erms_app_{suffix}",
        "app_password": uuid.uuid4().hex,
    }
    admin = _connect("postgres")
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{names["db"]}"')
    try:
        _run_psql_script(ROLES_SQL, names)
        server = _server()
        names["owner_url"] = (
            f"postgres://{names['owner']}:{names['owner_password']}@{server['host']}:{server['port']}/{names['db']}"
        )
        names["app_url"] = (
            f"postgres://{names['app']}:{names['app_password']}@{server['host']}:{server['port']}/{names['db']}"
        )
        migrated = _manage(names["owner_url"], names["app"], "migrate", "--noinput", "-v0")
        assert migrated.returncode == 0, migrated.stderr
        yield names
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [names["db"]],
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{names["db"]}"')
            cursor.execute(f'DROP ROLE IF EXISTS "{names["app"]}"')
            cursor.execute(f'DROP ROLE IF EXISTS "{names["owner"]}"')
        admin.close()


REFUSED = [
    "UPDATE cases_auditentry SET action = 'nothing'",
    "DELETE FROM cases_auditentry",
    "TRUNCATE cases_auditentry",
    "ALTER TABLE cases_auditentry DISABLE TRIGGER USER",
    "UPDATE cases_caseaccess SET via = 'nothing'",
    "DELETE FROM cases_caseaccess",
    "TRUNCATE cases_caseaccess",
    "ALTER TABLE cases_caseaccess DISABLE TRIGGER ALL",
    "UPDATE audit_auditverification SET ok = true",
    "DELETE FROM audit_auditverification",
    "DELETE FROM audit_chainhead",
    "TRUNCATE audit_chainhead",
    "SET session_replication_role = replica",
]


def test_the_app_role_appends_and_reads_the_logs_but_cannot_change_them(deployment):
    # ERMS itself, connected as the application role: writes a change and a view, verifies.
    script = (
        "from accounts.models import User; from audit import services; "
        "u = User.objects.create_user('app@example.com', 'pw'); "
        "services.audit(actor=u, action='user_created', obj=u); "
        "services.access_record(user=u, case=1, via='page'); "
        "print('verified', services.verification_run().ok)"
    )
    as_app = _manage(deployment["app_url"], deployment["app"], "shell", "-c", script)
    assert as_app.returncode == 0, as_app.stderr
    assert "verified True" in as_app.stdout

    app = _connect(deployment["db"], deployment["app"], deployment["app_password"])
    try:
        with app.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM cases_auditentry")
            assert cursor.fetchone()[0] == 1
            cursor.execute("SELECT count(*) FROM cases_caseaccess")
            assert cursor.fetchone()[0] == 1
            cursor.execute(
                "INSERT INTO cases_auditentry (at, action, object_type, object_id, changes, prev_hash, hash)"
                " VALUES (now(), 'forged', 'x', '1', '{}', '', '')"
            )
            # Ordinary tables stay writable (default privileges of the owner's tables).
            cursor.execute("UPDATE accounts_user SET full_name = 'App' WHERE email = 'app@example.com'")
        for sql in REFUSED:
            with pytest.raises(psycopg2.Error) as refused, app.cursor() as cursor:
                cursor.execute(sql)
            assert refused.value.pgcode in ("42501",), (sql, refused.value.pgerror)  # insufficient_privilege
    finally:
        app.close()

    # The forged row is found: the application role cannot hide what it inserted.
    found = _manage(deployment["app_url"], deployment["app"], "audit_verify")
    assert found.returncode == 1
    assert "was inserted" in found.stderr
