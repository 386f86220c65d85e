"""HR users of every role, each linked to an employee, the three bench log-ins first; their
groups, and the ER leads' jurisdiction scopes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.models import Group
from django.db import connection

from accounts.models import Employee, Role, User
from bench.seed import BENCH_EMAIL_DOMAIN, BENCH_HR, BENCH_LEAD, BENCH_LEAD_SCOPE, BENCH_MANAGER
from bench.seed.seeder import Person, Seeder
from cases.models import ErLeadScope


def seed_users(seeder: Seeder) -> None:
    rng, w = seeder.rng, seeder.w
    hr_share = {
        Role.HR_ADMIN: 3,
        Role.ER_LEAD: 6,
        Role.HR_CASE_MANAGER: 30,
        Role.INVESTIGATOR: 16,
        Role.UNION_REP: 5,
        Role.LINE_MANAGER: 40,
    }
    total_share = sum(hr_share.values())
    counts = {role: max(1, seeder.n_hr_users * share // total_share) for role, share in hr_share.items()}
    managers = {p.id for p in seeder.team_leads} | {p.id for p in seeder.department_heads.values()}
    staff = [p for p in seeder.people if p.manager_id is not None]
    rng.shuffle(staff)
    # HR users are staff of the People division; popped from the end, so others only fill a shortfall.
    people_pool = sorted(
        staff, key=lambda p: (p.id not in managers, p.department_id in seeder.people_departments)
    )
    lead_pool = list(seeder.team_leads)
    rng.shuffle(lead_pool)

    user_id = w.next_id(User)
    seeder.users_by_role = defaultdict(list)
    seeder.user_names = {}
    rows: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []  # (employee, user)

    def add(email: str, who: Person, role: str) -> int:
        nonlocal user_id
        uid = user_id
        user_id += 1
        rows.append((uid, seeder.password, None, False, email, who.name, "", False, True, seeder.start, 0))
        seeder.users_by_role[role].append(uid)
        seeder.user_names[uid] = who.name
        who.user_id = uid
        links.append((who.id, uid))
        return uid

    # The benchmark log-ins first, so their ids are stable.
    bench_manager_person = max(lead_pool[:40], key=lambda p: len(seeder.reports[p.id]))
    lead_pool.remove(bench_manager_person)
    people_pool = [p for p in people_pool if p is not bench_manager_person]
    seeder.bench_hr = add(BENCH_HR, people_pool.pop(), Role.HR_CASE_MANAGER)
    seeder.bench_lead = add(BENCH_LEAD, people_pool.pop(), Role.ER_LEAD)
    seeder.bench_manager = add(BENCH_MANAGER, bench_manager_person, Role.LINE_MANAGER)
    for role, count in counts.items():
        pool = lead_pool if role == Role.LINE_MANAGER else people_pool
        for _ in range(count):
            while pool and pool[-1].user_id is not None:
                pool.pop()
            if not pool:
                break
            who = pool.pop()
            add(f"{who.first}.{who.last}.{who.id}@{BENCH_EMAIL_DOMAIN}".lower(), who, role)
    w.write(
        User,
        [
            "id",
            "password",
            "last_login",
            "is_superuser",
            "email",
            "full_name",
            "language",
            "is_staff",
            "is_active",
            "date_joined",
            "session_generation",
        ],
        rows,
    )
    table = Employee._meta.db_table
    with connection.cursor() as cursor:
        if w.postgres:
            for start in range(0, len(links), 500):
                part = links[start : start + 500]
                values = ", ".join(["(%s, %s)"] * len(part))
                cursor.execute(
                    f"UPDATE {table} SET user_id = v.u FROM (VALUES {values}) AS v(e, u) "
                    f"WHERE {table}.id = v.e",
                    [x for pair in part for x in pair],
                )
        else:
            cursor.executemany(f"UPDATE {table} SET user_id = %s WHERE id = %s", [(u, e) for e, u in links])

    groups = dict(Group.objects.filter(name__in=Role.values).values_list("name", "id"))
    through = User.groups.through
    gid = w.next_id(through)
    group_rows = []
    for role, uids in seeder.users_by_role.items():
        for uid in uids:
            group_rows.append((gid, uid, groups[role]))
            gid += 1
    w.write(through, ["id", "user", "group"], group_rows)

    # ER leads: the bench lead is regional; half of the others are too, the rest cover every
    # jurisdiction (an ER lead without scope rows sees no case).
    scope_rows = [(seeder.bench_lead, j) for j in BENCH_LEAD_SCOPE]
    jurisdictions = sorted({j for _id, j in seeder.locations})
    for uid in seeder.users_by_role[Role.ER_LEAD][1:]:
        if rng.random() < 0.5:
            scope_rows.extend((uid, j) for j in rng.sample(jurisdictions, rng.randint(1, 2)))
        else:
            scope_rows.extend((uid, j) for j in jurisdictions)
    sid = w.next_id(ErLeadScope)
    w.write(ErLeadScope, ["id", "user", "jurisdiction"], [(sid + i, *r) for i, r in enumerate(scope_rows)])
    seeder.progress("users, roles and ER lead scopes", len(rows) + len(group_rows) + len(scope_rows))

    seeder.case_managers = seeder.users_by_role[Role.HR_CASE_MANAGER][1:] or [seeder.bench_hr]
    seeder.er_leads = seeder.users_by_role[Role.ER_LEAD]
    seeder.investigators = seeder.users_by_role[Role.INVESTIGATOR] or seeder.case_managers
    seeder.line_managers = seeder.users_by_role[Role.LINE_MANAGER]
    seeder.line_manager_ids = set(seeder.line_managers)
