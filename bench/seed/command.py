"""The seeder's command line: ``python -m bench.seed`` runs it (``__main__.py``), tests call it
with ``call_command(Command(), …)``. A Django command, not one of ``manage.py``'s: the bench is
tooling beside the product, so the product's command list does not offer it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection, transaction

from accounts.models import Employee, User
from bench.seed import BENCH_HR, BENCH_LEAD, BENCH_LEAD_SCOPE, BENCH_MANAGER, BENCH_PASSWORD
from bench.seed.case_load import seed_cases
from bench.seed.case_records import seed_case_records
from bench.seed.concerns import seed_concerns
from bench.seed.directory import seed_directory
from bench.seed.grants import seed_grants
from bench.seed.notifications import seed_notifications
from bench.seed.reset import bench_users, reset_bench_data
from bench.seed.seeder import Seeder
from bench.seed.timeline import seed_timeline
from bench.seed.users import seed_users

#: The steps, in order: each reads what the ones before it left on the seeder, and the fixed
#: random seed gives the same data only in this order.
STEPS: tuple[Callable[[Seeder], None], ...] = (
    seed_directory,
    seed_users,
    seed_cases,
    seed_grants,
    seed_case_records,
    seed_concerns,
    seed_timeline,
    seed_notifications,
    Seeder.finish,
)


def _skip_foreign_key_triggers() -> None:
    """Bulk load without per-row foreign-key checks (as pg_restore does): the seeder writes
    consistent keys by construction, and millions of deferred checks would double the time.
    Needs a superuser; otherwise the checks simply run."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass


class Command(BaseCommand):
    help = (
        "Fill a dedicated PostgreSQL database with an enterprise-sized history for the benchmark "
        "(bench/run): employees, HR users, cases with parties, timelines, documents, deadlines and grants. "
        "Repeatable (fixed random seed). --reset empties every cases table first: benchmark databases only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--employees", type=int, default=5_000)
        parser.add_argument(
            "--hr-users", type=int, default=200, help="HR users of every role (plus the three bench log-ins)."
        )
        parser.add_argument(
            "--seed", type=int, default=20260101, help="Random seed; the same seed gives the same data."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty every cases table and delete the bench accounts first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        n_cases, n_employees = options["cases"], options["employees"]
        if n_cases < 1 or n_employees < 60 or options["hr_users"] < 10:
            raise CommandError("Use at least 1 case, 60 employees and 10 HR users.")
        if connection.vendor != "postgresql" and n_cases > 2_000:
            raise CommandError(
                "The bench seeder needs PostgreSQL for benchmark sizes (it loads with COPY and the search index "
                "is PostgreSQL's). Set DATABASE_URL=postgres://… ; on other databases only --cases up to 2000 "
                "is allowed, for tests."
            )
        if options["reset"]:
            others = User.objects.exclude(pk__in=bench_users().values("pk")).count()
            if others:
                raise CommandError(
                    f"--reset refused: this database has {others} users that are not bench "
                    "users. --reset empties every cases table; use a database that "
                    "holds benchmark data only."
                )
        elif Employee.objects.filter(employee_number__startswith="SB").exists():
            raise CommandError("Bench data is already here. Use --reset to seed again from scratch.")

        started = time.monotonic()
        self.stdout.write(
            f"Seeding {n_cases:,} cases, {n_employees:,} employees into "
            f"{connection.settings_dict['NAME']} ({connection.vendor})"
        )
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _skip_foreign_key_triggers()
            if options["reset"]:
                reset_bench_data(self.stdout)
            seeder = Seeder(
                cases=n_cases,
                employees=n_employees,
                hr_users=options["hr_users"],
                seed=options["seed"],
                out=self.stdout,
            )
            for step in STEPS:
                step(seeder)
        if connection.vendor == "postgresql":
            # VACUUM also sets the visibility map, as autovacuum would on a live system (index-only
            # scans); it cannot run inside a transaction, e.g. in a test.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(command)
            self.stdout.write(f"  {command} done {time.monotonic() - started:7.1f} s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.0f} s. Bench log-ins (password {BENCH_PASSWORD}):"
            )
        )
        self.stdout.write(f"  {BENCH_HR:<28} HR case manager with many cases")
        self.stdout.write(f"  {BENCH_LEAD:<28} ER lead for {', '.join(BENCH_LEAD_SCOPE)}")
        self.stdout.write(f"  {BENCH_MANAGER:<28} line manager with per-case grants")
