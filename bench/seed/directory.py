"""The HR directory: eight offices over four jurisdictions, five divisions of nine departments,
and employees from the chief executive down to teams of about ten."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from accounts.models import Department, Employee, Location
from bench.seed import BENCH_EMAIL_DOMAIN
from bench.seed.seeder import Person, Seeder
from bench.seed.vocabulary import DIVISIONS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, LOCATIONS


def seed_directory(seeder: Seeder) -> None:
    rng, w = seeder.rng, seeder.w
    loc_id = w.next_id(Location)
    seeder.locations = []
    loc_rows = []
    for n, (code, name, jur, region, tz, _share) in enumerate(LOCATIONS):
        seeder.locations.append((loc_id + n, jur))
        loc_rows.append((loc_id + n, code, name, jur, region, tz, f"{name} office"))
    w.write(Location, ["id", "code", "name", "jurisdiction", "region", "time_zone", "address"], loc_rows)
    seeder.jurisdiction_of = dict(seeder.locations)
    loc_weights = [share for *_rest, share in LOCATIONS]

    dep_id = w.next_id(Department)
    dep_rows: list[tuple[Any, ...]] = []
    seeder.sub_departments = []
    seeder.division_of = {}
    seeder.department_names = {}
    seeder.people_departments = []
    for d, (division, subs) in enumerate(DIVISIONS.items()):
        div = dep_id
        dep_rows.append((div, f"SB-D{d}", division, None))
        seeder.department_names[div] = division
        dep_id += 1
        for s, sub in enumerate(subs):
            dep_rows.append((dep_id, f"SB-D{d}{s}", sub, div))
            seeder.sub_departments.append(dep_id)
            seeder.division_of[dep_id] = div
            seeder.department_names[dep_id] = sub
            if division == "People":
                seeder.people_departments.append(dep_id)
            dep_id += 1
    w.write(Department, ["id", "code", "name", "parent"], dep_rows)
    seeder.progress("locations and departments", len(loc_rows) + len(dep_rows))

    # Employees: a chief executive, a head per division and department, team leads of about ten.
    emp_id = w.next_id(Employee)
    seeder.people = []
    seeder.by_department = defaultdict(list)
    seeder.team_leads = []
    home_location = {
        dep: rng.choices(range(len(LOCATIONS)), loc_weights)[0] for dep in seeder.sub_departments
    }

    def person(dep: int, manager: Person | None) -> Person:
        nonlocal emp_id
        if rng.random() < 0.7:
            loc = seeder.locations[home_location.get(dep, 0)][0]
        else:
            loc = seeder.locations[rng.choices(range(len(LOCATIONS)), loc_weights)[0]][0]
        p = Person(
            emp_id, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), dep, loc, manager.id if manager else None
        )
        emp_id += 1
        seeder.people.append(p)
        seeder.by_department[dep].append(p)
        return p

    divisions = [d for d in seeder.department_names if d not in seeder.division_of]
    ceo = person(divisions[0], None)
    division_heads = {div: person(div, ceo) for div in divisions}
    seeder.department_heads = {}
    remaining = max(
        seeder.n_employees - len(seeder.people) - len(seeder.sub_departments), len(seeder.sub_departments)
    )
    per_department, spare = divmod(remaining, len(seeder.sub_departments))
    for n_dep, dep in enumerate(seeder.sub_departments):
        head = person(dep, division_heads[seeder.division_of[dep]])
        seeder.department_heads[dep] = head
        leads = [person(dep, head) for _ in range(max(1, per_department // 10))]
        seeder.team_leads.extend(leads)
        for i in range(per_department - len(leads) + (1 if n_dep < spare else 0)):
            person(dep, leads[i % len(leads)])
    seeder.person_by_id = {p.id: p for p in seeder.people}
    seeder.reports = defaultdict(list)
    for p in seeder.people:
        if p.manager_id:
            seeder.reports[p.manager_id].append(p)

    statuses = ["active"] * 92 + ["on_leave"] * 3 + ["suspended"] * 1 + ["left"] * 4
    start_floor = seeder.start.date() - datetime.timedelta(days=3650)
    emp_rows = (
        (
            p.id,
            f"SB{p.id:06d}",
            p.first,
            p.last,
            f"{p.first}.{p.last}.{p.id}@{BENCH_EMAIL_DOMAIN}".lower(),
            p.department_id,
            p.location_id,
            p.manager_id,
            rng.choice(JOB_TITLES),
            start_floor + datetime.timedelta(days=rng.randrange(5000)),
            rng.choice(statuses),
            None,
            seeder.now,
        )
        for p in seeder.people
    )
    n = w.write(
        Employee,
        [
            "id",
            "employee_number",
            "first_name",
            "last_name",
            "work_email",
            "department",
            "location",
            "manager",
            "job_title",
            "start_date",
            "employment_status",
            "user",
            "updated_at",
        ],
        emp_rows,
    )
    seeder.progress("employees", n)
