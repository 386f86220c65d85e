"""``manage.py import_employees FILE.csv``: upsert the HR directory from an HR-system export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts import services
from erms.lib.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Create or update employees from a CSV file, keyed on employee_number. Columns: employee_number, "
        "first_name, last_name, department_code, location_code (required) and work_email, manager_number, "
        "job_title, start_date (YYYY-MM-DD), employment_status (active, on_leave, suspended, left); an "
        "optional column missing from the file leaves existing values untouched. Running it twice with the "
        "same file changes nothing. Refused rows are listed with their line numbers and reasons; the good "
        "rows are imported in one transaction. Exit status: 0 when every row was imported, 1 when some rows "
        "were refused (the good ones are still imported), 2 when the file cannot be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file with a header line (UTF-8, a BOM is fine).")
        parser.add_argument(
            "--encoding", default="utf-8-sig", help="Text encoding of the file (default UTF-8)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and count, but write nothing.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar on stderr."
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="Rows per database statement.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        show_progress = not options["no_progress"] and options["verbosity"] > 0
        try:
            with path.open(encoding=options["encoding"], newline="") as file:
                report = services.employees_import(
                    file=file,
                    dry_run=options["dry_run"],
                    batch_size=max(1, options["batch_size"]),
                    progress=sys.stderr if show_progress else None,
                )
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}", returncode=2) from exc
        except ApplicationError as exc:
            raise CommandError(f"{path}: {exc.message}", returncode=2) from exc

        for error in report.errors:
            self.stderr.write(f"{path}:{error}")
        verb = "Would import" if report.dry_run else "Imported"
        self.stdout.write(
            f"{verb} {report.rows} rows: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.errors)} refused."
        )
        if report.errors:
            rest = "would be imported" if report.dry_run else "were imported"
            raise CommandError(
                f"{len(report.errors)} rows were refused; the other rows {rest}.", returncode=1
            )
