"""``manage.py seed_demo``: load the Northwind Group demo, safe to run again.

It lives in the wiring (``erms``, installed as a model-less app for its commands: see
``erms/apps.py``) because it loads every app's demo, in order, and only a module above all
the apps may import them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_accounts
from cases.demo import seed_cases
from deadlines.demo import seed_reminders
from policies.demo import seed_policies
from unions.demo import seed_unions

# Each app's demo seeder, in dependency order; last, the reminders their history made due.
SEEDERS: list[Callable[[Any], None]] = [seed_accounts, seed_policies, seed_cases, seed_unions, seed_reminders]


class Command(BaseCommand):
    help = (
        "Load the Northwind Group demo: departments, offices in every jurisdiction, about 300 employees, "
        "one log-in per role, and each app's demo records. Creates only what is missing, so running it "
        "again changes nothing. Demo data only: never run it against production."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for seed in SEEDERS:
            with transaction.atomic():
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo log-ins (password {DEMO_PASSWORD}):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<26} {login.role}")
