"""Demo data for the directory: Northwind Group, its offices, ~300 people and one log-in per role.

``seed_accounts`` is idempotent: it creates what is missing, keyed on natural keys
(department and location codes, employee numbers, e-mail addresses), and never changes or
removes what exists, so a second run leaves the database as it was. The same fixed random
seed makes every fresh database the same. Demo users are made here, never in migrations.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import Group
from django.db import transaction

from accounts import services
from accounts.demo.names import CULTURE, NAMES
from accounts.models import (
    Department,
    Employee,
    EmploymentStatus,
    Jurisdiction,
    Location,
    Role,
    User,
    person_name,
)

DEMO_PASSWORD = "erms-demo"
_SEED = 20240601


class _Writer(Protocol):
    def write(self, msg: str, /, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    employee_number: str
    first_name: str
    last_name: str
    job_title: str
    department: str
    location: str
    manager_number: str
    superuser: bool = False


# code, name, parent code
DEPARTMENTS: list[tuple[str, str, str | None]] = [
    ("NWG", "Northwind Group", None),
    ("EXEC", "Executive Office", "NWG"),
    ("PEOPLE", "People", "NWG"),
    ("ER", "Employee Relations", "PEOPLE"),
    ("TAL", "Talent and Learning", "PEOPLE"),
    ("FIN", "Finance", "NWG"),
    ("LEGAL", "Legal and Compliance", "NWG"),
    ("OPS", "Operations", "NWG"),
    ("LOG", "Logistics", "OPS"),
    ("CS", "Customer Service", "OPS"),
    ("FAC", "Facilities", "OPS"),
    ("TECH", "Technology", "NWG"),
    ("ENG", "Engineering", "TECH"),
    ("IT", "IT Support", "TECH"),
    ("SALES", "Sales", "NWG"),
    ("MKT", "Marketing", "NWG"),
]

# code, name, jurisdiction, region (ISO 3166-2), time zone, address
LOCATIONS: list[tuple[str, str, str, str, str, str]] = [
    ("LON", "London", Jurisdiction.GB, "GB-ENG", "Europe/London", "1 Canal Wharf, London E14 5AB"),
    ("EDI", "Edinburgh", Jurisdiction.GB, "GB-SCT", "Europe/London", "40 Leith Walk, Edinburgh EH6 5AA"),
    (
        "NYC",
        "New York",
        Jurisdiction.US,
        "US-NY",
        "America/New_York",
        "350 Hudson Street, New York, NY 10014",
    ),
    ("CHI", "Chicago", Jurisdiction.US, "US-IL", "America/Chicago", "222 W Adams St, Chicago, IL 60606"),
    ("OSL", "Oslo", Jurisdiction.NO, "NO", "Europe/Oslo", "Dronning Eufemias gate 16, 0191 Oslo"),
    ("HAN", "Hanoi", Jurisdiction.VN, "VN", "Asia/Ho_Chi_Minh", "54 Liễu Giai, Ba Đình, Hà Nội"),
    (
        "SGN",
        "Ho Chi Minh City",
        Jurisdiction.VN,
        "VN",
        "Asia/Ho_Chi_Minh",
        "72 Lê Thánh Tôn, Quận 1, Thành phố Hồ Chí Minh",
    ),
]

DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin(
        "admin@example.com",
        Role.HR_ADMIN,
        "NW0002",
        "Alice",
        "Morgan",
        "HR Operations Director",
        "PEOPLE",
        "LON",
        "NW0001",
        superuser=True,
    ),
    DemoLogin(
        "lead@example.com",
        Role.ER_LEAD,
        "NW0003",
        "Eleanor",
        "Whitfield",
        "Head of Employee Relations",
        "ER",
        "LON",
        "NW0002",
    ),
    DemoLogin(
        "hr@example.com",
        Role.HR_CASE_MANAGER,
        "NW0004",
        "Hannah",
        "Clarke",
        "HR Case Manager",
        "ER",
        "LON",
        "NW0003",
    ),
    DemoLogin(
        "investigator@example.com",
        Role.INVESTIGATOR,
        "NW0005",
        "Isaac",
        "Bennett",
        "Workplace Investigator",
        "ER",
        "EDI",
        "NW0003",
    ),
    DemoLogin(
        "manager@example.com",
        Role.LINE_MANAGER,
        "NW0006",
        "Marcus",
        "Reid",
        "Warehouse Operations Manager",
        "LOG",
        "LON",
        "",
    ),  # reports to the Logistics head, set below
    DemoLogin(
        "rep@example.com",
        Role.UNION_REP,
        "NW0007",
        "Rachel",
        "Osei",
        "Customer Service Adviser",
        "CS",
        "LON",
        "",
    ),  # reports to a Customer Service team lead in London, set below
]

#: Hannah Clarke's fellow HR case managers, one for each other country, who carry its cases. They
#: sign in with the demo password too, but the demo's tour (and its screenshots) goes by ``DEMO_LOGINS``.
CASE_MANAGER_COLLEAGUES: list[DemoLogin] = [
    DemoLogin(
        "hr.us@example.com",
        Role.HR_CASE_MANAGER,
        "NW0008",
        "Denise",
        "Okafor",
        "HR Case Manager",
        "ER",
        "NYC",
        "NW0003",
    ),
    DemoLogin(
        "hr.no@example.com",
        Role.HR_CASE_MANAGER,
        "NW0009",
        "Silje",
        "Aasen",
        "HR Case Manager",
        "ER",
        "OSL",
        "NW0003",
    ),
    DemoLogin(
        "hr.vn@example.com",
        Role.HR_CASE_MANAGER,
        "NW0010",
        "Lan Anh",
        "Trần",
        "HR Case Manager",
        "ER",
        "HAN",
        "NW0003",
    ),
]

_HEADS: dict[str, str] = {
    "TAL": "LON",
    "FIN": "LON",
    "LEGAL": "NYC",
    "OPS": "EDI",
    "LOG": "CHI",
    "CS": "HAN",
    "FAC": "LON",
    "TECH": "OSL",
    "ENG": "OSL",
    "IT": "SGN",
    "SALES": "NYC",
    "MKT": "LON",
}
# department, location, number of members (each team also has a team lead)
_TEAMS: list[tuple[str, str, int]] = [
    ("PEOPLE", "OSL", 3),
    ("PEOPLE", "HAN", 3),
    ("PEOPLE", "NYC", 3),
    ("ER", "NYC", 2),
    ("ER", "SGN", 2),
    ("TAL", "LON", 4),
    ("TAL", "CHI", 3),
    ("FIN", "LON", 6),
    ("FIN", "NYC", 5),
    ("FIN", "HAN", 4),
    ("LEGAL", "LON", 3),
    ("LEGAL", "NYC", 2),
    ("OPS", "EDI", 6),
    ("OPS", "CHI", 6),
    ("LOG", "CHI", 10),
    ("LOG", "SGN", 12),
    ("LOG", "OSL", 7),
    ("CS", "LON", 9),
    ("CS", "EDI", 10),
    ("CS", "HAN", 12),
    ("CS", "NYC", 8),
    ("FAC", "LON", 3),
    ("FAC", "OSL", 3),
    ("ENG", "OSL", 9),
    ("ENG", "HAN", 12),
    ("ENG", "SGN", 11),
    ("ENG", "LON", 7),
    ("IT", "EDI", 4),
    ("IT", "SGN", 4),
    ("SALES", "NYC", 9),
    ("SALES", "CHI", 7),
    ("SALES", "LON", 7),
    ("SALES", "OSL", 5),
    ("MKT", "LON", 5),
    ("MKT", "NYC", 4),
    ("CS", "SGN", 9),
    ("ENG", "NYC", 6),
    ("LOG", "EDI", 8),
]
_MANAGER_REPORTS = 8  # the demo line manager's team (Logistics, London)
_TITLES: dict[str, tuple[str, list[str]]] = {
    "PEOPLE": ("HR Business Partner", ["HR Adviser", "HR Administrator", "Payroll Specialist"]),
    "ER": ("Senior ER Adviser", ["ER Adviser", "HR Case Manager"]),
    "TAL": ("Talent Lead", ["Recruiter", "Learning Designer", "Talent Coordinator"]),
    "FIN": ("Finance Manager", ["Accountant", "Financial Analyst", "Accounts Payable Clerk"]),
    "LEGAL": ("Senior Counsel", ["Legal Counsel", "Compliance Analyst", "Paralegal"]),
    "OPS": ("Operations Manager", ["Operations Analyst", "Planner", "Process Improvement Lead"]),
    "LOG": ("Warehouse Manager", ["Warehouse Operative", "Forklift Driver", "Shift Supervisor", "Picker"]),
    "CS": ("Customer Service Team Lead", ["Customer Service Adviser", "Complaints Specialist"]),
    "FAC": ("Facilities Manager", ["Facilities Coordinator", "Maintenance Technician"]),
    "ENG": ("Engineering Manager", ["Software Engineer", "Senior Software Engineer", "QA Engineer"]),
    "IT": ("IT Support Lead", ["IT Support Technician", "Systems Administrator"]),
    "SALES": ("Sales Manager", ["Account Executive", "Sales Development Representative", "Account Manager"]),
    "MKT": ("Marketing Manager", ["Marketing Specialist", "Content Writer", "Brand Designer"]),
}


def _ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and c.isascii()).lower()


def _employee_rows() -> list[dict[str, str]]:
    """The demo directory as import rows, managers listed before their reports."""
    rng = random.Random(_SEED)
    rows: list[dict[str, str]] = []
    emails: set[str] = {login.email for login in DEMO_LOGINS}
    counter = iter(range(100, 10_000))

    def add(
        first: str,
        last: str,
        title: str,
        department: str,
        location: str,
        manager: str,
        number: str | None = None,
        email: str | None = None,
    ) -> str:
        number = number or f"NW{next(counter):04d}"
        if email is None:
            base = f"{_ascii(first)}.{_ascii(last)}"
            email, suffix = f"{base}@northwind.example", 2
            while email in emails:
                email, suffix = f"{base}{suffix}@northwind.example", suffix + 1
            emails.add(email)
        start = datetime.date(2008, 1, 7) + datetime.timedelta(days=rng.randrange(0, 16 * 365))
        status = EmploymentStatus.ON_LEAVE if rng.random() < 0.03 else EmploymentStatus.ACTIVE
        rows.append(
            {
                "employee_number": number,
                "first_name": first,
                "last_name": last,
                "work_email": email,
                "department_code": department,
                "location_code": location,
                "manager_number": manager,
                "job_title": title,
                "start_date": start.isoformat(),
                "employment_status": status,
            }
        )
        return number

    def person(location: str) -> tuple[str, str]:
        firsts, lasts = NAMES[CULTURE[location]]
        return rng.choice(firsts), rng.choice(lasts)

    ceo = add(
        "Catherine",
        "Ashworth",
        "Chief Executive Officer",
        "EXEC",
        "LON",
        "",
        number="NW0001",
        email="catherine.ashworth@northwind.example",
    )
    logins = {login.employee_number: login for login in DEMO_LOGINS}
    for number in ("NW0002", "NW0003", "NW0004", "NW0005"):
        login = logins[number]
        add(
            login.first_name,
            login.last_name,
            login.job_title,
            login.department,
            login.location,
            login.manager_number,
            number=number,
            email=login.email,
        )
    heads = {"PEOPLE": "NW0002", "ER": "NW0003"}
    for department in _HEADS:
        location = _HEADS[department]
        first, last = person(location)
        parent = next(p for code, _, p in DEPARTMENTS if code == department)
        title = f"Head of {next(name for code, name, _ in DEPARTMENTS if code == department)}"
        manager = heads.get(parent or "", ceo) if parent not in (None, "NWG") else ceo
        heads[department] = add(first, last, title, department, location, manager)
    head_of_logistics = logins["NW0006"]
    marcus = add(
        head_of_logistics.first_name,
        head_of_logistics.last_name,
        head_of_logistics.job_title,
        head_of_logistics.department,
        head_of_logistics.location,
        heads["LOG"],
        number=head_of_logistics.employee_number,
        email=head_of_logistics.email,
    )
    for _ in range(_MANAGER_REPORTS):
        first, last = person("LON")
        add(first, last, rng.choice(_TITLES["LOG"][1]), "LOG", "LON", marcus)
    rep_lead = ""
    for department, location, size in _TEAMS:
        lead_title, member_titles = _TITLES[department]
        first, last = person(location)
        lead = add(first, last, lead_title, department, location, heads[department])
        if (department, location) == ("CS", "LON"):
            rep_lead = lead
        for _ in range(size):
            first, last = person(location)
            add(first, last, rng.choice(member_titles), department, location, lead)
    rep = logins["NW0007"]
    add(
        rep.first_name,
        rep.last_name,
        rep.job_title,
        rep.department,
        rep.location,
        rep_lead,
        number=rep.employee_number,
        email=rep.email,
    )
    for colleague in CASE_MANAGER_COLLEAGUES:
        add(
            colleague.first_name,
            colleague.last_name,
            colleague.job_title,
            colleague.department,
            colleague.location,
            colleague.manager_number,
            number=colleague.employee_number,
            email=colleague.email,
        )
    return rows


@transaction.atomic
def seed_accounts(stdout: _Writer) -> None:
    """Create the Northwind Group directory and the demo log-ins where missing."""
    departments = 0
    for code, name, parent in DEPARTMENTS:
        _, created = Department.objects.get_or_create(
            code=code,
            defaults={"name": name, "parent": Department.objects.get(code=parent) if parent else None},
        )
        departments += created
    locations = 0
    for code, name, jurisdiction, region, time_zone, address in LOCATIONS:
        _, created = Location.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "jurisdiction": jurisdiction,
                "region": region,
                "time_zone": time_zone,
                "address": address,
            },
        )
        locations += created
    rows = _employee_rows()
    existing = set(Employee.objects.values_list("employee_number", flat=True))
    report = services.employees_import(rows=rows, update_existing=False)
    if report.errors:
        raise RuntimeError("Demo directory refused: " + "; ".join(str(e) for e in report.errors))
    # The Vietnamese offices' people write their names family name first (Phạm Thị Thảo).
    Employee.objects.filter(
        employee_number__in=[
            row["employee_number"]
            for row in rows
            if CULTURE[row["location_code"]] == "vietnamese" and row["employee_number"] not in existing
        ]
    ).update(family_name_first=True)
    users = 0
    for login in [*DEMO_LOGINS, *CASE_MANAGER_COLLEAGUES]:
        family_name_first = CULTURE[login.location] == "vietnamese"
        user, created = User.objects.get_or_create(
            email=login.email,
            defaults={
                "full_name": person_name(
                    login.first_name, login.last_name, family_name_first=family_name_first
                ),
                "is_staff": login.superuser,
                "is_superuser": login.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            users += 1
        user.groups.add(Group.objects.get(name=login.role))
        employee = Employee.objects.get(employee_number=login.employee_number)
        if employee.user_id is None and not Employee.objects.filter(user=user).exists():
            employee.user = user
            employee.save(update_fields=["user", "updated_at"])
    stdout.write(
        f"Directory: {departments} departments, {locations} locations, {report.created} employees and "
        f"{users} log-ins created; {Employee.objects.count()} employees in all."
    )
