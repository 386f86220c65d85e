"""``manage.py seed_demo``: load the Northwind Group demo, safe to run again."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD

# Each app's demo seeder, in dependency order; an app without a demo module is skipped.
SEEDERS = [
    ("accounts.demo", "seed_accounts"),
    ("policies.demo", "seed_policies"),
    ("cases.demo", "seed_cases"),
    ("unions.demo", "seed_unions"),
]


class Command(BaseCommand):
    help = (
        "Load the Northwind Group demo: departments, offices in every jurisdiction, about 300 employees, "
        "one log-in per role, and each app's demo records. Creates only what is missing, so running it "
        "again changes nothing. Demo data only: never run it against production."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for module_name, function_name in SEEDERS:
            if importlib.util.find_spec(module_name) is None:
                continue
            seed = getattr(importlib.import_module(module_name), function_name)
            with transaction.atomic():
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo log-ins (password {DEMO_PASSWORD}):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<26} {login.role}")
