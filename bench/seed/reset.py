"""``--reset``: empty every table of cases and of the apps that hold case data (the audit trail,
deadlines), and delete the bench accounts, on a benchmark database only."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import connection, models

from accounts.models import Department, Employee, Location, User
from bench.seed import BENCH_EMAIL_DOMAIN, BENCH_LOGINS

# Apps whose tables hold what the seeder writes for cases (their rows name bench users and cases).
CASE_DATA_APPS = ("audit", "deadlines", "cases")


def bench_users() -> models.QuerySet[User]:
    return User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}") | User.objects.filter(
        email__in=BENCH_LOGINS
    )


def reset_bench_data(out: Any) -> None:
    """Empty every table of the case-data apps and delete the bench accounts (see bench/seed/__init__.py)."""
    case_models = [
        model
        for label in CASE_DATA_APPS
        if apps.is_installed(label)
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    tables = list(dict.fromkeys(m._meta.db_table for m in case_models))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
    Employee.objects.filter(employee_number__startswith="SB").update(manager=None, user=None)
    bench_users().delete()
    Employee.objects.filter(employee_number__startswith="SB").delete()
    Department.objects.filter(code__startswith="SB-").update(parent=None)
    Department.objects.filter(code__startswith="SB-").delete()
    Location.objects.filter(code__startswith="SB-").delete()
    out.write("  removed the earlier bench data")
