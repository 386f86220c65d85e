"""Time ``import_employees`` on a generated HR export.

    DATABASE_URL=postgres://... .venv/bin/python bench/import_employees.py [--rows 50000]

Creates benchmark departments and locations (codes ``BENCH-*``) if missing, writes a CSV
with a five-level manager hierarchy, then imports it three times: first import, re-import
of the same file (nothing changes), and re-import with every job title changed. Prints the
seconds of each run. Employees it creates are numbered ``B0000001``…; ``--clean`` removes
them afterwards.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erms.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402

from accounts.models import Department, Employee, Jurisdiction, Location  # noqa: E402


def write_csv(path: Path, rows: int, title_suffix: str = "") -> None:
    rng = random.Random(7)
    departments = [f"BENCH-D{n:02d}" for n in range(20)]
    locations = [f"BENCH-L{n}" for n in range(4)]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "employee_number",
                "first_name",
                "last_name",
                "work_email",
                "department_code",
                "location_code",
                "manager_number",
                "job_title",
                "start_date",
                "employment_status",
            ]
        )
        for n in range(1, rows + 1):
            # Employee n reports to employee n // 8: a tree a few levels deep, managers listed first or last.
            manager = f"B{n // 8:07d}" if n >= 8 else ""
            writer.writerow(
                [
                    f"B{n:07d}",
                    rng.choice(["Ada", "Bo", "Chi", "Dag", "Emma"]),
                    f"Person{n}",
                    f"b{n}@example.com",
                    rng.choice(departments),
                    rng.choice(locations),
                    manager,
                    f"Analyst{title_suffix}",
                    f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    "active",
                ]
            )


def run(path: Path) -> float:
    started = time.perf_counter()
    out = io.StringIO()
    try:
        call_command("import_employees", str(path), "--no-progress", stdout=out)
    except CommandError as exc:
        print(f"  refused rows: {exc}")
    elapsed = time.perf_counter() - started
    print(f"  {out.getvalue().strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--clean", action="store_true", help="Delete the benchmark employees afterwards.")
    args = parser.parse_args()
    for n in range(20):
        Department.objects.get_or_create(code=f"BENCH-D{n:02d}", defaults={"name": f"Bench department {n}"})
    for n, jurisdiction in enumerate(Jurisdiction.values):
        Location.objects.get_or_create(
            code=f"BENCH-L{n}", defaults={"name": f"Bench {n}", "jurisdiction": jurisdiction}
        )
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "first.csv"
        changed = Path(folder) / "changed.csv"
        write_csv(first, args.rows)
        write_csv(changed, args.rows, title_suffix=" II")
        print(f"{args.rows} rows, database {django.db.connection.vendor}")
        for label, path in (
            ("first import", first),
            ("re-import, unchanged", first),
            ("re-import, every row changed", changed),
        ):
            print(f"{label}:")
            print(f"  {run(path):.1f} s")
    if args.clean:
        # Raw delete: the benchmark rows have nothing attached, and no collector is needed.
        benchmark = Employee.objects.filter(employee_number__startswith="B0")
        benchmark.update(manager=None)
        benchmark._raw_delete(benchmark.db)


if __name__ == "__main__":
    main()
