"""``manage.py seed_bench --cases 100000``: an enterprise-sized history for the benchmark.

Fills a dedicated database with a large employer's five years of employee relations:
employees in a department tree over four jurisdictions, HR users of every role, cases with
parties, allegations, meetings, outcomes, documents (metadata only), deadlines and
reminders, concerns, about twenty timeline entries per case, notifications and the
django-guardian grants ERMS itself would have written. Rows go in with PostgreSQL ``COPY``
and explicit primary keys, so 100,000 cases take a few minutes on two cores; the random
seed is fixed, so the same arguments give the same data.

Every bench row is recognisable: department and location codes and employee numbers start
with ``SB``, users have ``@bench.example.com`` addresses, and the three benchmark log-ins
are ``bench-hr@``, ``bench-lead@`` and ``bench-manager@example.com``. ``--reset`` empties
the cases tables (all of them) and deletes the bench accounts first, so it is meant for a
database that holds benchmark data only.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max

from accounts.models import Department, Employee, Location, Role, User
from cases.models import (
    OPEN_STATUSES,
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    CaseUserObjectPermission,
    Concern,
    ConcernStatus,
    Document,
    ErLeadScope,
    Meeting,
    Outcome,
    Party,
    ReferenceCounter,
    TimelineEntry,
)
from cases.workflow import path_for
from deadlines.models import Deadline, Notification, Reminder
from erms.lib import clock

BENCH_PASSWORD = "erms-bench-2026"
BENCH_EMAIL_DOMAIN = "bench.example.com"
BENCH_HR = "bench-hr@example.com"
BENCH_LEAD = "bench-lead@example.com"
BENCH_MANAGER = "bench-manager@example.com"
BENCH_LOGINS = (BENCH_HR, BENCH_LEAD, BENCH_MANAGER)
#: The bench ER lead covers these jurisdictions only (a regional lead), so the scoped filter is exercised.
BENCH_LEAD_SCOPE = ("GB", "NO")

LOCATIONS = [  # code, name, jurisdiction, region, time zone, share of employees
    ("SB-LON", "London", "GB", "GB-ENG", "Europe/London", 25),
    ("SB-EDI", "Edinburgh", "GB", "GB-SCT", "Europe/London", 10),
    ("SB-NYC", "New York", "US", "US-NY", "America/New_York", 18),
    ("SB-SFO", "San Francisco", "US", "US-CA", "America/Los_Angeles", 12),
    ("SB-OSL", "Oslo", "NO", "NO-03", "Europe/Oslo", 10),
    ("SB-BGO", "Bergen", "NO", "NO-46", "Europe/Oslo", 5),
    ("SB-HAN", "Hanoi", "VN", "VN-HN", "Asia/Ho_Chi_Minh", 10),
    ("SB-SGN", "Ho Chi Minh City", "VN", "VN-SG", "Asia/Ho_Chi_Minh", 10),
]

DIVISIONS = {
    "Operations": ["Warehousing", "Logistics", "Customer service", "Facilities", "Procurement", "Quality",
                   "Fleet", "Field service", "Health and safety"],
    "Technology": ["Platform engineering", "Product engineering", "Data", "IT support", "Security",
                   "Architecture", "Testing", "Infrastructure", "Design"],
    "Commercial": ["Sales UK", "Sales US", "Sales Nordics", "Sales Asia", "Marketing", "Partnerships",
                   "Account management", "Pricing", "Communications"],
    "Finance": ["Accounting", "Payroll", "Treasury", "Tax", "Internal audit", "Financial planning", "Legal",
                "Compliance", "Risk"],
    "People": ["HR operations", "Employee relations", "Recruitment", "Learning", "Reward", "HR systems",
               "Wellbeing", "Inclusion", "Talent"],
}

FIRST_NAMES = [
    "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Mia", "Jack", "Grace", "James", "Emily",
    "Michael", "Sarah", "David", "Jessica", "Daniel", "Ashley", "Carlos", "Maria", "Jamal", "Keisha",
    "Lars", "Ingrid", "Ola", "Kari", "Magnus", "Sigrid", "Henrik", "Nora", "Minh", "Lan", "Tuan", "Huong",
    "Duc", "Thao", "Anh", "Linh", "Priya", "Arjun", "Fatima", "Omar", "Chen", "Mei", "Aisha", "Kofi",
]
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Johnson",
    "Miller", "Garcia", "Rodriguez", "Martinez", "Anderson", "Jackson", "Hansen", "Johansen", "Olsen",
    "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg", "Haugen", "Nguyen", "Tran", "Le", "Pham", "Hoang",
    "Vu", "Dang", "Bui", "Do", "Patel", "Khan", "Ahmed", "Singh", "Wang", "Li", "Okafor", "Mensah",
    "O'Brien", "MacLeod", "Campbell", "Murray",
]
JOB_TITLES = ["Associate", "Analyst", "Specialist", "Coordinator", "Engineer", "Adviser", "Consultant",
              "Administrator", "Technician", "Officer"]

# Kind mix of a large employer's case load (percent).
KIND_WEIGHTS = [
    (CaseKind.GRIEVANCE, 20), (CaseKind.DISCIPLINARY, 24), (CaseKind.INVESTIGATION, 9),
    (CaseKind.HARASSMENT_DISCRIMINATION, 10), (CaseKind.CAPABILITY, 12), (CaseKind.APPEAL, 5),
    (CaseKind.MEDIATION, 5), (CaseKind.TERMINATION, 6), (CaseKind.CLAIM, 3), (CaseKind.WHISTLEBLOWING, 2),
    (CaseKind.EAP_REFERRAL, 4),
]
TOPICS = {
    CaseKind.GRIEVANCE: ["shift allocation", "overtime pay", "a refused flexible working request",
                         "workload", "a missed promotion", "holiday scheduling", "the bonus decision"],
    CaseKind.DISCIPLINARY: ["unauthorised absence", "repeated lateness", "misuse of company systems",
                            "a breach of the safety rules", "an expenses claim", "conduct towards a customer",
                            "a data protection breach"],
    CaseKind.INVESTIGATION: ["a missing stock count", "an anonymous report", "a customer complaint",
                             "a security incident", "a procurement irregularity"],
    CaseKind.HARASSMENT_DISCRIMINATION: ["comments in team meetings", "exclusion from projects",
                                         "messages after hours", "remarks about religion", "unequal pay"],
    CaseKind.CAPABILITY: ["missed sales targets", "quality of work", "long-term sickness absence",
                          "repeated short absences", "accuracy of reports"],
    CaseKind.APPEAL: ["the outcome of the earlier case"],
    CaseKind.MEDIATION: ["a breakdown in the working relationship", "a dispute over duties"],
    CaseKind.TERMINATION: ["redundancy in the team", "the end of a fixed-term contract", "restructuring"],
    CaseKind.CLAIM: ["an unfair dismissal claim", "a wage claim", "a discrimination claim"],
    CaseKind.WHISTLEBLOWING: ["financial reporting", "health and safety practice", "a supplier contract"],
    CaseKind.EAP_REFERRAL: ["wellbeing support", "a bereavement", "stress at work"],
}
KIND_CATEGORY = {
    CaseKind.GRIEVANCE: "grievance", CaseKind.DISCIPLINARY: "conduct", CaseKind.INVESTIGATION: "conduct",
    CaseKind.HARASSMENT_DISCRIMINATION: "harassment", CaseKind.CAPABILITY: "performance",
    CaseKind.APPEAL: "other", CaseKind.MEDIATION: "bullying", CaseKind.TERMINATION: "other",
    CaseKind.CLAIM: "other", CaseKind.WHISTLEBLOWING: "whistleblowing", CaseKind.EAP_REFERRAL: "health",
}
MEETINGS_FOR_KIND = {
    CaseKind.GRIEVANCE: ["grievance_meeting"],
    CaseKind.DISCIPLINARY: ["investigation_interview", "disciplinary_hearing"],
    CaseKind.HARASSMENT_DISCRIMINATION: ["investigation_interview", "investigation_interview",
                                         "grievance_meeting"],
    CaseKind.INVESTIGATION: ["investigation_interview", "investigation_interview"],
    CaseKind.CAPABILITY: ["disciplinary_hearing"],
    CaseKind.APPEAL: ["appeal_hearing"],
    CaseKind.MEDIATION: ["mediation_session", "mediation_session"],
    CaseKind.TERMINATION: ["disciplinary_hearing"],
    CaseKind.WHISTLEBLOWING: ["investigation_interview"],
    CaseKind.CLAIM: [],
    CaseKind.EAP_REFERRAL: [],
}
ALLEGATION_KINDS = {CaseKind.GRIEVANCE, CaseKind.DISCIPLINARY, CaseKind.INVESTIGATION,
                    CaseKind.HARASSMENT_DISCRIMINATION, CaseKind.WHISTLEBLOWING, CaseKind.CAPABILITY}
INVESTIGATED_KINDS = {CaseKind.DISCIPLINARY, CaseKind.INVESTIGATION, CaseKind.HARASSMENT_DISCRIMINATION,
                      CaseKind.WHISTLEBLOWING, CaseKind.GRIEVANCE}
SANCTIONS = ["no_action", "informal_action", "verbal_warning", "first_written_warning",
             "final_written_warning", "dismissal_with_notice", "summary_dismissal"]
DEADLINE_KEYS = [
    ("acknowledge", "Acknowledge the concern in writing"), ("investigation_target", "Investigation complete"),
    ("hearing_notice", "Send the hearing invitation"), ("outcome_letter", "Send the outcome letter"),
    ("appeal_window", "Appeal window closes"), ("limitation", "Limitation period for a claim"),
]
NOTE_TEMPLATES = [
    "Spoke with {name} by phone; follow-up agreed.", "Checked the rota records for the period.",
    "Occupational health report requested.", "Union representative confirmed for the next meeting.",
    "Statement received and filed.", "Manager asked for an update; told the case is in progress.",
    "Reviewed the policy in force at the time.", "Adjustments discussed for the next meeting.",
    "Further witness identified by {name}.", "Case file reviewed by the ER lead.",
]
DOC_TITLES = [("statement", "Witness statement"), ("evidence", "Email extract"), ("evidence", "Rota export"),
              ("minutes", "Meeting notes"), ("report", "Investigation report"), ("evidence", "CCTV log"),
              ("letter", "Invitation letter"), ("other", "Occupational health report")]
CONTENT_TYPES = [("application/pdf", "pdf"), ("application/pdf", "pdf"), ("image/png", "png"),
                 ("text/plain", "txt"),
                 ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")]


# --------------------------------------------------------------------------- row writer


class RowWriter:
    """Writes rows with explicit primary keys: ``COPY`` on PostgreSQL, ``executemany`` elsewhere."""

    CHUNK = 100_000

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.written: dict[str, int] = defaultdict(int)

    def next_id(self, model: type[models.Model]) -> int:
        return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

    def write(self, model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        table = model._meta.db_table
        columns = [model._meta.get_field(n).column for n in names]
        count = 0
        chunk: list[Sequence[Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= self.CHUNK:
                self._flush(table, columns, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            self._flush(table, columns, chunk)
            count += len(chunk)
        self.written[table] += count
        return count

    def _flush(self, table: str, columns: list[str], rows: list[Sequence[Any]]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                buffer = io.StringIO()
                buffer.writelines("\t".join(map(_copy_value, row)) + "\n" for row in rows)
                buffer.seek(0)
                cursor.cursor.copy_expert(f"COPY {table} ({quoted}) FROM STDIN", buffer)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                                   [[_plain_value(v) for v in row] for row in rows])

    def reset_sequences(self, model_list: Sequence[type[models.Model]]) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _plain_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- the seed


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

    # ----------------------------------------------------------------- directory

    def seed_directory(self) -> None:
        rng, w = self.rng, self.w
        loc_id = w.next_id(Location)
        self.locations: list[tuple[int, str]] = []
        loc_rows = []
        for n, (code, name, jur, region, tz, _share) in enumerate(LOCATIONS):
            self.locations.append((loc_id + n, jur))
            loc_rows.append((loc_id + n, code, name, jur, region, tz, f"{name} office"))
        w.write(Location, ["id", "code", "name", "jurisdiction", "region", "time_zone", "address"], loc_rows)
        self.jurisdiction_of = dict(self.locations)
        loc_weights = [share for *_rest, share in LOCATIONS]

        dep_id = w.next_id(Department)
        dep_rows: list[tuple[Any, ...]] = []
        self.sub_departments: list[int] = []
        self.division_of: dict[int, int] = {}
        self.department_names: dict[int, str] = {}
        self.people_departments: list[int] = []
        for d, (division, subs) in enumerate(DIVISIONS.items()):
            div = dep_id
            dep_rows.append((div, f"SB-D{d}", division, None))
            self.department_names[div] = division
            dep_id += 1
            for s, sub in enumerate(subs):
                dep_rows.append((dep_id, f"SB-D{d}{s}", sub, div))
                self.sub_departments.append(dep_id)
                self.division_of[dep_id] = div
                self.department_names[dep_id] = sub
                if division == "People":
                    self.people_departments.append(dep_id)
                dep_id += 1
        w.write(Department, ["id", "code", "name", "parent"], dep_rows)
        self.progress("locations and departments", len(loc_rows) + len(dep_rows))

        # Employees: a chief executive, a head per division and department, team leads of about ten.
        emp_id = w.next_id(Employee)
        self.people: list[Person] = []
        self.by_department: dict[int, list[Person]] = defaultdict(list)
        self.team_leads: list[Person] = []
        home_location = {dep: rng.choices(range(len(LOCATIONS)), loc_weights)[0] for dep in self.sub_departments}

        def person(dep: int, manager: Person | None) -> Person:
            nonlocal emp_id
            if rng.random() < 0.7:
                loc = self.locations[home_location.get(dep, 0)][0]
            else:
                loc = self.locations[rng.choices(range(len(LOCATIONS)), loc_weights)[0]][0]
            p = Person(emp_id, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), dep, loc,
                       manager.id if manager else None)
            emp_id += 1
            self.people.append(p)
            self.by_department[dep].append(p)
            return p

        divisions = [d for d in self.department_names if d not in self.division_of]
        ceo = person(divisions[0], None)
        division_heads = {div: person(div, ceo) for div in divisions}
        self.department_heads: dict[int, Person] = {}
        remaining = max(self.n_employees - len(self.people) - len(self.sub_departments), len(self.sub_departments))
        per_department, spare = divmod(remaining, len(self.sub_departments))
        for n_dep, dep in enumerate(self.sub_departments):
            head = person(dep, division_heads[self.division_of[dep]])
            self.department_heads[dep] = head
            leads = [person(dep, head) for _ in range(max(1, per_department // 10))]
            self.team_leads.extend(leads)
            for i in range(per_department - len(leads) + (1 if n_dep < spare else 0)):
                person(dep, leads[i % len(leads)])
        self.person_by_id = {p.id: p for p in self.people}
        self.reports: dict[int, list[Person]] = defaultdict(list)
        for p in self.people:
            if p.manager_id:
                self.reports[p.manager_id].append(p)

        statuses = ["active"] * 92 + ["on_leave"] * 3 + ["suspended"] * 1 + ["left"] * 4
        start_floor = self.start.date() - datetime.timedelta(days=3650)
        emp_rows = (
            (p.id, f"SB{p.id:06d}", p.first, p.last, f"{p.first}.{p.last}.{p.id}@{BENCH_EMAIL_DOMAIN}".lower(),
             p.department_id, p.location_id, p.manager_id, rng.choice(JOB_TITLES),
             start_floor + datetime.timedelta(days=rng.randrange(5000)), rng.choice(statuses), None, self.now)
            for p in self.people
        )
        n = w.write(Employee, ["id", "employee_number", "first_name", "last_name", "work_email", "department",
                               "location", "manager", "job_title", "start_date", "employment_status", "user",
                               "updated_at"], emp_rows)
        self.progress("employees", n)

    # ----------------------------------------------------------------- users and roles

    def seed_users(self) -> None:
        rng, w = self.rng, self.w
        hr_share = {Role.HR_ADMIN: 3, Role.ER_LEAD: 6, Role.HR_CASE_MANAGER: 30, Role.INVESTIGATOR: 16,
                    Role.UNION_REP: 5, Role.LINE_MANAGER: 40}
        total_share = sum(hr_share.values())
        counts = {role: max(1, self.n_hr_users * share // total_share) for role, share in hr_share.items()}
        managers = {p.id for p in self.team_leads} | {p.id for p in self.department_heads.values()}
        staff = [p for p in self.people if p.manager_id is not None]
        rng.shuffle(staff)
        # HR users are staff of the People division; popped from the end, so others only fill a shortfall.
        people_pool = sorted(staff, key=lambda p: (p.id not in managers, p.department_id in self.people_departments))
        lead_pool = list(self.team_leads)
        rng.shuffle(lead_pool)

        user_id = w.next_id(User)
        self.users_by_role: dict[str, list[int]] = defaultdict(list)
        self.user_names: dict[int, str] = {}
        rows: list[tuple[Any, ...]] = []
        links: list[tuple[int, int]] = []  # (employee, user)

        def add(email: str, who: Person, role: str) -> int:
            nonlocal user_id
            uid = user_id
            user_id += 1
            rows.append((uid, self.password, None, False, email, who.name, "", False, True, self.start))
            self.users_by_role[role].append(uid)
            self.user_names[uid] = who.name
            who.user_id = uid
            links.append((who.id, uid))
            return uid

        # The benchmark log-ins first, so their ids are stable.
        bench_manager_person = max(lead_pool[:40], key=lambda p: len(self.reports[p.id]))
        lead_pool.remove(bench_manager_person)
        people_pool = [p for p in people_pool if p is not bench_manager_person]
        self.bench_hr = add(BENCH_HR, people_pool.pop(), Role.HR_CASE_MANAGER)
        self.bench_lead = add(BENCH_LEAD, people_pool.pop(), Role.ER_LEAD)
        self.bench_manager = add(BENCH_MANAGER, bench_manager_person, Role.LINE_MANAGER)
        for role, count in counts.items():
            pool = lead_pool if role == Role.LINE_MANAGER else people_pool
            for _ in range(count):
                while pool and pool[-1].user_id is not None:
                    pool.pop()
                if not pool:
                    break
                who = pool.pop()
                add(f"{who.first}.{who.last}.{who.id}@{BENCH_EMAIL_DOMAIN}".lower(), who, role)
        w.write(User, ["id", "password", "last_login", "is_superuser", "email", "full_name", "language",
                       "is_staff", "is_active", "date_joined"], rows)
        table = Employee._meta.db_table
        with connection.cursor() as cursor:
            if w.postgres:
                for start in range(0, len(links), 500):
                    part = links[start:start + 500]
                    values = ", ".join(["(%s, %s)"] * len(part))
                    cursor.execute(f"UPDATE {table} SET user_id = v.u FROM (VALUES {values}) AS v(e, u) "
                                   f"WHERE {table}.id = v.e", [x for pair in part for x in pair])
            else:
                cursor.executemany(f"UPDATE {table} SET user_id = %s WHERE id = %s", [(u, e) for e, u in links])

        groups = dict(Group.objects.filter(name__in=Role.values).values_list("name", "id"))
        through = User.groups.through
        gid = w.next_id(through)
        group_rows = []
        for role, uids in self.users_by_role.items():
            for uid in uids:
                group_rows.append((gid, uid, groups[role]))
                gid += 1
        w.write(through, ["id", "user", "group"], group_rows)

        # ER leads: the bench lead is regional; half of the others are scoped too.
        scope_rows = [(self.bench_lead, j) for j in BENCH_LEAD_SCOPE]
        jurisdictions = sorted({j for _id, j in self.locations})
        for uid in self.users_by_role[Role.ER_LEAD][1:]:
            if rng.random() < 0.5:
                scope_rows.extend((uid, j) for j in rng.sample(jurisdictions, rng.randint(1, 2)))
        sid = w.next_id(ErLeadScope)
        w.write(ErLeadScope, ["id", "user", "jurisdiction"], [(sid + i, *r) for i, r in enumerate(scope_rows)])
        self.progress("users, roles and ER lead scopes", len(rows) + len(group_rows) + len(scope_rows))

        self.case_managers = self.users_by_role[Role.HR_CASE_MANAGER][1:] or [self.bench_hr]
        self.er_leads = self.users_by_role[Role.ER_LEAD]
        self.investigators = self.users_by_role[Role.INVESTIGATOR] or self.case_managers
        self.line_managers = self.users_by_role[Role.LINE_MANAGER]
        self.line_manager_ids = set(self.line_managers)

    # ----------------------------------------------------------------- cases

    def seed_cases(self) -> None:
        rng, w = self.rng, self.w
        span = (self.now - self.start).total_seconds()
        openings = sorted(self.start + datetime.timedelta(seconds=int(rng.random() * span))
                          for _ in range(self.n_cases))
        kinds = [k for k, _ in KIND_WEIGHTS]
        weights = [wt for _, wt in KIND_WEIGHTS]
        staff = [p for p in self.people if p.manager_id is not None]
        case_id = w.next_id(Case)
        self.cases: list[CaseRow] = []
        appealable: list[CaseRow] = []
        recent = self.now - datetime.timedelta(days=120)
        for opened_at in openings:
            kind = rng.choices(kinds, weights)[0]
            original = None
            if kind == CaseKind.APPEAL:
                if appealable:
                    original = appealable[rng.randrange(max(0, len(appealable) - 2000), len(appealable))]
                else:
                    kind = CaseKind.GRIEVANCE
            principal = original.principal if original else rng.choice(staff)
            is_open = rng.random() < (0.8 if opened_at > recent else 0.05)
            path = path_for(kind)
            if is_open:
                open_steps = [s for s in path if s != CaseStatus.CLOSED]
                status = open_steps[min(len(open_steps) - 1, int(rng.random() ** 1.5 * len(open_steps)))]
                closed_at = None
            else:
                status = CaseStatus.WITHDRAWN if rng.random() < 0.06 else CaseStatus.CLOSED
                closed_at = min(self.now, opened_at + datetime.timedelta(days=rng.randint(10, 200),
                                                                         seconds=rng.randrange(86400)))
            r = rng.random()
            manager = (self.bench_hr if r < 0.03 else rng.choice(self.er_leads) if r < 0.12
                       else rng.choice(self.case_managers))
            topic = rng.choice(TOPICS[kind])
            dep_name = self.department_names[principal.department_id]
            title = (f"Appeal against {original.reference}" if original
                     else f"{CaseKind(kind).label}: {topic}")[:200]
            summary = (f"{principal.name} ({dep_name}): {topic}. Raised through the usual channel and "
                       f"handled under the {CaseKind(kind).label.lower()} procedure.")
            row = CaseRow(
                id=case_id, reference=self.reference("ER", opened_at), kind=kind, status=status,
                opened_at=opened_at, closed_at=closed_at, manager_id=manager, principal=principal,
                department_id=principal.department_id, location_id=principal.location_id,
                jurisdiction=self.jurisdiction_of[principal.location_id], appeal_of=original.id if original else None,
                title=title, summary=summary,
            )
            case_id += 1
            self.cases.append(row)
            if kind in (CaseKind.DISCIPLINARY, CaseKind.GRIEVANCE) and not is_open:
                appealable.append(row)

        self.seed_parties()
        self.seed_deadlines()
        case_rows = (
            (c.id, c.reference, c.kind, c.status, c.title, c.summary, c.jurisdiction, c.location_id,
             c.department_id, c.manager_id, c.appeal_of, c.manager_id, c.opened_at, c.closed_at,
             c.next_deadline_on, " ".join([c.reference, c.title, c.summary, *c.party_names]),
             1 + len(path_for(c.kind)) if not c.is_open else 1 + path_for(c.kind).index(c.status)
             if c.status in path_for(c.kind) else 1, c.closed_at or c.opened_at)
            for c in self.cases
        )
        n = w.write(Case, ["id", "reference", "kind", "status", "title", "summary", "jurisdiction", "location",
                           "department", "case_manager", "appeal_of", "opened_by", "opened_at", "closed_at",
                           "next_deadline_on", "search_text", "version", "updated_at"], case_rows)
        self.progress("cases", n)
        self.flush_pending()

    def seed_parties(self) -> None:
        """Parties, investigators and grants; written after the cases (foreign keys)."""
        rng = self.rng
        self.pending: list[tuple[type[models.Model], list[str], list[tuple[Any, ...]]]] = []
        party_rows: list[tuple[Any, ...]] = []
        pid = self.w.next_id(Party)
        inv_rows: list[tuple[Any, ...]] = []
        inv_through = Case.investigators.through
        iid = self.w.next_id(inv_through)
        for c in self.cases:
            p = c.principal
            seen = {p.id}
            main_role = "subject" if c.kind in (CaseKind.DISCIPLINARY, CaseKind.CAPABILITY, CaseKind.TERMINATION,
                                                CaseKind.INVESTIGATION, CaseKind.EAP_REFERRAL) else "complainant"
            roles: list[tuple[Person, str]] = [(p, main_role)]
            colleagues = self.by_department[p.department_id]
            if c.kind in (CaseKind.GRIEVANCE, CaseKind.HARASSMENT_DISCRIMINATION, CaseKind.MEDIATION) \
                    and rng.random() < 0.7:
                roles.append((rng.choice(colleagues), "respondent"))
            if main_role == "subject" and p.manager_id and c.kind != CaseKind.EAP_REFERRAL:
                roles.append((self.person_by_id[p.manager_id], "manager"))
            for _ in range(rng.choice((0, 1, 1, 2))):
                roles.append((rng.choice(colleagues), "witness"))
            for who, role in roles:
                if who.id in seen and role != main_role:
                    continue
                seen.add(who.id)
                party_rows.append((pid, c.id, who.id, role, "", c.opened_at))
                pid += 1
                c.party_names.append(who.name)
            if c.kind in INVESTIGATED_KINDS and rng.random() < 0.55:
                c.investigator_id = rng.choice(self.investigators)
                inv_rows.append((iid, c.id, c.investigator_id))
                iid += 1
        self.pending.append((Party, ["id", "case", "employee", "role", "notes", "added_at"], party_rows))
        self.pending.append((inv_through, ["id", "case", "user"], inv_rows))

    def seed_deadlines(self) -> None:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        reminders: list[tuple[Any, ...]] = []
        did = self.w.next_id(Deadline)
        rid = self.w.next_id(Reminder)
        today = self.now.date()
        for c in self.cases:
            if c.is_open:
                keys = rng.sample(DEADLINE_KEYS, rng.randint(1, 3))
                dues = []
                for key, title in keys:
                    due = today + datetime.timedelta(days=rng.randint(-10, 45))
                    due_at = datetime.datetime.combine(due, datetime.time(23, 59, 59), tzinfo=datetime.UTC)
                    rows.append((did, key, title, due, due_at, "", "", key == "limitation", c.manager_id,
                                 "cases.case", c.id, "open", None, None, "[]", c.opened_at))
                    for stage, before in (("before", 3), ("due", 0)):
                        send = due_at - datetime.timedelta(days=before, hours=12)
                        reminders.append((rid, did, stage, before, send, send if send < self.now else None,
                                          c.manager_id))
                        rid += 1
                    did += 1
                    dues.append(due)
                c.next_deadline_on = min(dues)
            else:
                key, title = DEADLINE_KEYS[rng.randrange(4)]
                due = (c.opened_at + datetime.timedelta(days=rng.randint(5, 30))).date()
                due_at = datetime.datetime.combine(due, datetime.time(23, 59, 59), tzinfo=datetime.UTC)
                met = min(c.end, due_at)
                rows.append((did, key, title, due, due_at, "", "", False, c.manager_id, "cases.case", c.id, "met",
                             met, c.manager_id, "[]", c.opened_at))
                did += 1
        self.pending.append((Deadline, ["id", "key", "title", "due_on", "due_at", "rule_id", "citation",
                                        "is_risk_date", "responsible", "owner_type", "owner_id",
                                        "status", "met_at", "met_by", "history", "created_at"], rows))
        self.pending.append((Reminder, ["id", "deadline", "stage", "days_before", "send_at", "sent_at",
                                        "recipient"], reminders))

    def flush_pending(self) -> None:
        for model, names, rows in self.pending:
            n = self.w.write(model, names, rows)
            self.progress(str(model._meta.verbose_name_plural) if not model._meta.auto_created
                          else model._meta.db_table, n)
        self.pending = []

    def seed_grants(self) -> None:
        """What ERMS's services grant: the case manager view and change, investigators view,
        and line managers view on cases about their direct reports (about half of them)."""
        rng = self.rng
        ct_perms = dict(Permission.objects.filter(content_type__app_label="cases", content_type__model="case",
                                                  codename__in=["view_case", "change_case"])
                        .values_list("codename", "id"))
        view, change = ct_perms["view_case"], ct_perms["change_case"]
        gid = self.w.next_id(CaseUserObjectPermission)

        def rows() -> Iterable[tuple[int, int, int, int]]:
            nonlocal gid
            for c in self.cases:
                granted = {c.manager_id}
                yield gid, c.id, view, c.manager_id
                yield gid + 1, c.id, change, c.manager_id
                gid += 2
                if c.investigator_id and c.investigator_id not in granted:
                    granted.add(c.investigator_id)
                    yield gid, c.id, view, c.investigator_id
                    gid += 1
                boss = self.person_by_id.get(c.principal.manager_id or 0)
                # The bench line manager is granted every case about a report, others about half.
                if boss and boss.user_id in self.line_manager_ids and boss.user_id not in granted \
                        and (boss.user_id == self.bench_manager or rng.random() < 0.5):
                    yield gid, c.id, view, boss.user_id
                    gid += 1

        n = self.w.write(CaseUserObjectPermission, ["id", "content_object", "permission", "user"], rows())
        self.progress("case grants (django-guardian)", n)

    def seed_case_records(self) -> None:
        """Allegations, meetings, outcomes and documents."""
        rng, w = self.rng, self.w
        aid, mid, oid, docid = w.next_id(Allegation), w.next_id(Meeting), w.next_id(Outcome), w.next_id(Document)
        allegations, meetings, outcomes, documents = [], [], [], []
        self.meeting_count: dict[int, int] = {}
        self.document_count: dict[int, int] = {}
        for c in self.cases:
            decided = c.status == CaseStatus.CLOSED
            if c.kind in ALLEGATION_KINDS:
                for number in range(1, rng.choice((1, 1, 2, 3)) + 1):
                    finding = rng.choice(("upheld", "partly_upheld", "not_upheld")) if decided else ""
                    allegations.append((aid, c.id, number, KIND_CATEGORY[c.kind],
                                        f"Allegation {number}: {rng.choice(TOPICS[c.kind])}.",
                                        (c.opened_at - datetime.timedelta(days=rng.randint(3, 40))).date(), None,
                                        finding, "Based on the statements and records." if finding else ""))
                    aid += 1
            kinds = MEETINGS_FOR_KIND[c.kind]
            self.meeting_count[c.id] = len(kinds)
            end = c.closed_at or self.now + datetime.timedelta(days=30)
            for n, mkind in enumerate(kinds):
                when = c.opened_at + (end - c.opened_at) * (n + 1) / (len(kinds) + 1)
                held = when < self.now
                status = "held" if held else "scheduled"
                if c.status == CaseStatus.WITHDRAWN and held:
                    status = "cancelled"
                meetings.append((mid, c.id, mkind, status, when, f"Meeting room {rng.randint(1, 12)}", "",
                                 c.manager_id, None, None, (when - datetime.timedelta(days=5)).date(), None,
                                 "Discussed the points raised; notes taken." if status == "held" else "",
                                 when if status == "held" else None))
                mid += 1
            if decided and c.kind not in (CaseKind.EAP_REFERRAL, CaseKind.MEDIATION):
                sanction = rng.choice(SANCTIONS) if c.kind in (CaseKind.DISCIPLINARY, CaseKind.CAPABILITY) else ""
                closed = c.closed_at or self.now
                outcomes.append((oid, c.id, "Decision recorded after the hearing.",
                                 "The evidence and the employee's account were considered.", sanction, None,
                                 c.kind != CaseKind.APPEAL, (closed + datetime.timedelta(days=7)).date(),
                                 c.manager_id, closed.date()))
                oid += 1
            n_docs = rng.choice((0, 1, 2, 3, 3, 4, 5, 6))
            self.document_count[c.id] = n_docs
            for _ in range(n_docs):
                dkind, dtitle = rng.choice(DOC_TITLES)
                ctype, ext = rng.choice(CONTENT_TYPES)
                sha = f"{rng.getrandbits(256):064x}"
                documents.append((docid, c.id, None, dkind, dtitle, f"documents/{sha[:2]}/{sha}",
                                  f"{dtitle.lower().replace(' ', '_')}.{ext}", ctype, rng.randint(20_000, 4_000_000),
                                  sha, rng.randint(1, 30) if ext == "pdf" else None, 1, None, c.manager_id,
                                  self.between(c.opened_at, c.end)))
                docid += 1
        for model, names, rows in (
            (Allegation, ["id", "case", "number", "category", "description", "incident_date", "policy_version",
                          "finding", "finding_reasons"], allegations),
            (Meeting, ["id", "case", "kind", "status", "scheduled_for", "place", "online_link", "chair",
                       "note_taker", "companion", "notice_sent_on", "minutes", "outcome_summary", "held_at"],
             meetings),
            (Outcome, ["id", "case", "decision", "reasons", "sanction", "warning_live_until", "appeal_allowed",
                       "appeal_deadline", "decided_by", "decided_on"], outcomes),
            (Document, ["id", "case", "concern", "kind", "title", "file", "original_name", "content_type", "size",
                        "sha256", "page_count", "version", "replaces", "uploaded_by", "uploaded_at"], documents),
        ):
            self.progress(model._meta.verbose_name_plural.__str__(), w.write(model, names, rows))

    def seed_concerns(self) -> None:
        """Most cases start as a concern; others were resolved informally or are waiting in triage."""
        rng, w = self.rng, self.w
        cid = w.next_id(Concern)
        about_through = Concern.about.through
        abid = w.next_id(about_through)
        concerns: list[tuple[Any, ...]] = []
        about: list[tuple[int, int, int]] = []
        raisers = self.line_managers or [self.bench_manager]

        def raiser_for(person: Person) -> int:
            boss = self.person_by_id.get(person.manager_id or 0)
            if boss and boss.user_id in self.line_manager_ids:
                return boss.user_id
            return rng.choice(raisers)

        staff = [p for p in self.people if p.manager_id is not None]
        for c in self.cases:
            if c.kind in (CaseKind.APPEAL, CaseKind.CLAIM) or rng.random() > 0.65:
                continue
            created = c.opened_at - datetime.timedelta(days=rng.randint(1, 10), seconds=rng.randrange(86400))
            concerns.append((cid, self.reference("CON", created), raiser_for(c.principal), KIND_CATEGORY[c.kind],
                             "", f"Concern about {rng.choice(TOPICS[c.kind])}.", created.date(), "", "", "normal",
                             ConcernStatus.CASE_OPENED, c.id, c.manager_id, c.opened_at,
                             "Accepted: a formal process is needed.", created))
            about.append((abid, cid, c.principal.id))
            abid += 1
            cid += 1
        extra = self.n_cases // 6
        span = (self.now - self.start).total_seconds()
        for i in range(extra):
            person = rng.choice(staff)
            waiting = i < max(5, self.n_cases // 500)
            created = (self.now - datetime.timedelta(days=rng.randint(0, 14), seconds=rng.randrange(86400))
                       if waiting else self.start + datetime.timedelta(seconds=int(rng.random() * span)))
            status = (rng.choice((ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW)) if waiting
                      else rng.choice((ConcernStatus.RESOLVED_INFORMALLY, ConcernStatus.NO_FURTHER_ACTION)))
            urgency = rng.choice(("low", "normal", "normal", "normal", "high", "urgent"))
            triaged = None if waiting else rng.choice(self.case_managers)
            concerns.append((cid, self.reference("CON", created), raiser_for(person),
                             rng.choice(("conduct", "attendance", "bullying", "performance", "other")), "",
                             "Concern raised by the line manager about the team.", created.date(), "", "", urgency,
                             status, None, triaged, created if triaged else None,
                             "Resolved with informal advice." if triaged else "", created))
            about.append((abid, cid, person.id))
            abid += 1
            cid += 1
        n = w.write(Concern, ["id", "reference", "raised_by", "category", "protected_characteristic",
                              "description", "occurred_on", "place", "witnesses", "urgency", "status", "case",
                              "triaged_by", "triaged_at", "triage_reason", "created_at"], concerns)
        w.write(about_through, ["id", "concern", "employee"], about)
        self.progress("concerns", n)

    def seed_timeline(self) -> None:
        """About twenty entries per case, oldest first, spread over the case's life."""
        rng = self.rng
        start_id = self.w.next_id(TimelineEntry)
        names = self.user_names

        def rows() -> Iterable[tuple[Any, ...]]:
            tid = start_id
            for c in self.cases:
                path = path_for(c.kind)
                reached = path[: path.index(c.status) + 1] if c.status in path else path[:1] + [c.status]
                n = rng.randint(12, 28)
                end = c.closed_at or self.now
                stamps = sorted(self.between(c.opened_at, end) for _ in range(n - 1))
                manager_name = names.get(c.manager_id, "the case manager")
                yield (tid, c.id, "status", c.manager_id,
                       f"Case opened ({CaseKind(c.kind).label}), managed by {manager_name}", "", False, c.opened_at)
                tid += 1
                status_at = set(range(0, n - 1, max(1, (n - 1) // max(1, len(reached) - 1))))
                step = 1
                for i, at in enumerate(stamps):
                    if i in status_at and step < len(reached):
                        summary = (f"Status: {CaseStatus(reached[step - 1]).label} → "
                                   f"{CaseStatus(reached[step]).label}")
                        yield tid, c.id, "status", c.manager_id, summary, "", False, at
                        step += 1
                    else:
                        r = rng.random()
                        if r < 0.45:
                            yield (tid, c.id, "note", c.manager_id, "Note",
                                   rng.choice(NOTE_TEMPLATES).format(name=c.principal.name), r < 0.03, at)
                        elif r < 0.6:
                            yield tid, c.id, "document", c.manager_id, "Document added", "", False, at
                        elif r < 0.72:
                            yield tid, c.id, "meeting", c.manager_id, "Meeting scheduled", "", False, at
                        elif r < 0.82:
                            yield tid, c.id, "party", c.manager_id, f"Party added: {c.principal.name}", "", False, at
                        elif r < 0.92:
                            yield tid, c.id, "deadline", None, "Deadline reminder sent", "", False, at
                        else:
                            yield (tid, c.id, "allegation", c.investigator_id or c.manager_id, "Allegation updated",
                                   "", False, at)
                    tid += 1

        n = self.w.write(TimelineEntry, ["id", "case", "kind", "author", "summary", "body",
                                         "shared_with_submitter", "created_at"], rows())
        self.progress("timeline entries", n)

    def seed_notifications(self) -> None:
        rng = self.rng
        nid = self.w.next_id(Notification)
        open_cases = [c for c in self.cases if c.is_open] or self.cases
        rows = []
        for uid in self.user_names:
            unread = 12 if uid in (self.bench_hr, self.bench_lead, self.bench_manager) else rng.randint(0, 6)
            for i in range(30):
                c = rng.choice(open_cases)
                created = self.now - datetime.timedelta(hours=rng.randint(1, 24 * 60))
                rows.append((nid, uid, f"Deadline due soon: {c.reference}", "", f"/cases/{c.id}/", None, created,
                             None if i < unread else created + datetime.timedelta(hours=2)))
                nid += 1
        n = self.w.write(Notification, ["id", "user", "title", "body", "url", "deadline", "created_at", "read_at"],
                         rows)
        self.progress("notifications", n)

    def finish(self) -> None:
        for (prefix, year), last in self.counters.items():
            ReferenceCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"last": last})
        touched = [Location, Department, Employee, User, User.groups.through, ErLeadScope, Case, Party,
                   Case.investigators.through, Deadline, Reminder, CaseUserObjectPermission, Allegation, Meeting,
                   Outcome, Document, Concern, Concern.about.through, TimelineEntry, Notification]
        self.w.reset_sequences(touched)
        self.progress("reference counters and sequences", len(self.counters))

    def run(self) -> None:
        self.seed_directory()
        self.seed_users()
        self.seed_cases()
        self.seed_grants()
        self.seed_case_records()
        self.seed_concerns()
        self.seed_timeline()
        self.seed_notifications()
        self.finish()


# --------------------------------------------------------------------------- reset


def bench_users() -> models.QuerySet[User]:
    return User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}") | User.objects.filter(
        email__in=BENCH_LOGINS)


def reset_bench_data(out: Any) -> None:
    """Empty every cases table (and the deadline tables, which were cases' before they moved to the
    deadlines app) and delete the bench accounts (see the module docstring)."""
    case_models = [*apps.get_app_config("cases").get_models(include_auto_created=True),
                   *apps.get_app_config("deadlines").get_models(include_auto_created=True)]
    tables = [m._meta.db_table for m in case_models]
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
        parser.add_argument("--hr-users", type=int, default=200, help="HR users of every role (plus the three "
                                                                      "bench log-ins).")
        parser.add_argument("--seed", type=int, default=20260101, help="Random seed; the same seed gives the "
                                                                        "same data.")
        parser.add_argument("--reset", action="store_true",
                            help="Empty every cases table and delete the bench accounts first.")

    def handle(self, *args: Any, **options: Any) -> None:
        n_cases, n_employees = options["cases"], options["employees"]
        if n_cases < 1 or n_employees < 60 or options["hr_users"] < 10:
            raise CommandError("Use at least 1 case, 60 employees and 10 HR users.")
        if connection.vendor != "postgresql" and n_cases > 2_000:
            raise CommandError(
                "seed_bench needs PostgreSQL for benchmark sizes (it loads with COPY and the search index is "
                "PostgreSQL's). Set DATABASE_URL=postgres://… ; on other databases only --cases up to 2000 "
                "is allowed, for tests.")
        if options["reset"]:
            others = User.objects.exclude(pk__in=bench_users().values("pk")).count()
            if others:
                raise CommandError(f"--reset refused: this database has {others} users that are not bench "
                                   "users. seed_bench --reset empties every cases table; use a database that "
                                   "holds benchmark data only.")
        elif Employee.objects.filter(employee_number__startswith="SB").exists():
            raise CommandError("Bench data is already here. Use --reset to seed again from scratch.")

        started = time.monotonic()
        self.stdout.write(f"Seeding {n_cases:,} cases, {n_employees:,} employees into "
                          f"{connection.settings_dict['NAME']} ({connection.vendor})")
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _skip_foreign_key_triggers()
            if options["reset"]:
                reset_bench_data(self.stdout)
            Seeder(cases=n_cases, employees=n_employees, hr_users=options["hr_users"], seed=options["seed"],
                   out=self.stdout).run()
        if connection.vendor == "postgresql":
            # VACUUM also sets the visibility map, as autovacuum would on a live system (index-only
            # scans); it cannot run inside a transaction, e.g. in a test.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(command)
            self.stdout.write(f"  {command} done {time.monotonic() - started:7.1f} s")
        self.stdout.write(self.style.SUCCESS(
            f"Done in {time.monotonic() - started:.0f} s. Bench log-ins (password {BENCH_PASSWORD}):"))
        self.stdout.write(f"  {BENCH_HR:<28} HR case manager with many cases")
        self.stdout.write(f"  {BENCH_LEAD:<28} ER lead for {', '.join(BENCH_LEAD_SCOPE)}")
        self.stdout.write(f"  {BENCH_MANAGER:<28} line manager with per-case grants")
