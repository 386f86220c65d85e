"""The seeder's shared state: the people and cases it keeps in memory, the reference
counters, the row writer, and what each step leaves for the steps after it."""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models

from accounts.models import Department, Employee, Location, User
from bench.seed import BENCH_PASSWORD
from bench.seed.writer import RowWriter
from cases.models import (
    OPEN_STATUSES,
    Allegation,
    Case,
    CaseUserObjectPermission,
    Concern,
    Document,
    ErLeadScope,
    Meeting,
    Outcome,
    Party,
    ReferenceCounter,
    TimelineEntry,
)
from deadlines.models import Deadline, Notification, Reminder
from erms.lib import clock


@dataclass
class Person:
    id: int
    first: str
    last: str
    department_id: int
    location_id: int
    manager_id: int | None
    user_id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class CaseRow:
    id: int
    reference: str
    kind: str
    status: str
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    manager_id: int
    principal: Person
    department_id: int
    location_id: int
    jurisdiction: str
    appeal_of: int | None
    title: str
    summary: str
    party_names: list[str] = field(default_factory=list)
    investigator_id: int | None = None
    next_deadline_on: datetime.date | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def end(self) -> datetime.datetime:
        return self.closed_at or self.opened_at


class Seeder:
    """One seeding run. The steps (a module each, in the order of ``command.STEPS``) fill in
    the attributes below as they go; each reads only what the steps before it filled in."""

    # directory.py
    locations: list[tuple[int, str]]
    jurisdiction_of: dict[int, str]
    sub_departments: list[int]
    division_of: dict[int, int]
    department_names: dict[int, str]
    people_departments: list[int]
    people: list[Person]
    by_department: dict[int, list[Person]]
    team_leads: list[Person]
    department_heads: dict[int, Person]
    person_by_id: dict[int, Person]
    reports: dict[int, list[Person]]
    # users.py
    users_by_role: dict[str, list[int]]
    user_names: dict[int, str]
    bench_hr: int
    bench_lead: int
    bench_manager: int
    case_managers: list[int]
    er_leads: list[int]
    investigators: list[int]
    line_managers: list[int]
    line_manager_ids: set[int]
    # case_load.py; ``pending`` holds rows written after the cases (their foreign keys)
    cases: list[CaseRow]
    pending: list[tuple[type[models.Model], list[str], list[tuple[Any, ...]]]]
    # case_records.py
    meeting_count: dict[int, int]
    document_count: dict[int, int]

    def __init__(self, *, cases: int, employees: int, hr_users: int, seed: int, out: Any) -> None:
        self.n_cases = cases
        self.n_employees = employees
        self.n_hr_users = hr_users
        self.rng = random.Random(seed)
        self.out = out
        self.w = RowWriter()
        self.now = clock.now().replace(microsecond=0)
        self.start = self.now - datetime.timedelta(days=5 * 365)
        self.password = make_password(BENCH_PASSWORD)
        self.counters: dict[tuple[str, int], int] = {
            (c.prefix, c.year): c.last for c in ReferenceCounter.objects.all()
        }
        self.clock = time.monotonic()

    # ----------------------------------------------------------------- helpers

    def progress(self, what: str, rows: int) -> None:
        elapsed = time.monotonic() - self.clock
        self.out.write(f"  {what:<34} {rows:>10,} rows  {elapsed:7.1f} s")
        self.out.flush()

    def reference(self, prefix: str, when: datetime.datetime) -> str:
        key = (prefix, when.year)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{prefix}-{when.year}-{self.counters[key]:05d}"

    def between(self, a: datetime.datetime, b: datetime.datetime) -> datetime.datetime:
        span = max((b - a).total_seconds(), 60.0)
        return a + datetime.timedelta(seconds=int(self.rng.random() * span))

    def flush_pending(self) -> None:
        """Write the rows the steps left in ``pending`` (those that point at the cases)."""
        for model, names, rows in self.pending:
            n = self.w.write(model, names, rows)
            self.progress(
                str(model._meta.verbose_name_plural)
                if not model._meta.auto_created
                else model._meta.db_table,
                n,
            )
        self.pending = []

    def finish(self) -> None:
        """The last step: reference counters continue the seeded numbers, and each table's
        sequence continues after the explicit keys."""
        for (prefix, year), last in self.counters.items():
            ReferenceCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"last": last})
        touched = [
            Location,
            Department,
            Employee,
            User,
            User.groups.through,
            ErLeadScope,
            Case,
            Party,
            Case.investigators.through,
            Deadline,
            Reminder,
            CaseUserObjectPermission,
            Allegation,
            Meeting,
            Outcome,
            Document,
            Concern,
            Concern.about.through,
            TimelineEntry,
            Notification,
        ]
        self.w.reset_sequences(touched)
        self.progress("reference counters and sequences", len(self.counters))
