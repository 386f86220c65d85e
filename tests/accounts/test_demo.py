"""The accounts part of the demo (``seed_accounts``): the Northwind Group directory and one log-in per role."""

import io

import pytest

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_accounts
from accounts.models import Department, Employee, Jurisdiction, Location, User

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, object]:
    return {
        "departments": list(Department.objects.order_by("code").values()),
        "locations": list(Location.objects.order_by("code").values()),
        "employees": list(Employee.objects.order_by("employee_number").values()),
        "users": list(User.objects.order_by("email").values("email", "password", "is_staff", "is_superuser")),
        "roles": sorted(User.objects.filter(groups__isnull=False).values_list("email", "groups__name")),
    }


@pytest.fixture
def seeded():
    seed_accounts(io.StringIO())


def test_seeding_twice_changes_nothing_and_loses_nothing(seeded):
    first = snapshot()
    Employee.objects.filter(employee_number="NW0100").update(job_title="Renamed by HR")

    seed_accounts(io.StringIO())

    second = snapshot()
    assert Employee.objects.get(employee_number="NW0100").job_title == "Renamed by HR"
    for key in ("departments", "locations", "users", "roles"):
        assert second[key] == first[key]
    assert len(second["employees"]) == len(first["employees"])
    assert 250 <= len(first["employees"]) <= 350
    assert Department.objects.filter(parent__isnull=True).count() == 1
    assert Department.objects.count() >= 12


def test_every_jurisdiction_and_office_is_present(seeded):
    assert set(Location.objects.values_list("jurisdiction", flat=True)) == set(Jurisdiction.values)
    assert set(Location.objects.values_list("region", flat=True)) >= {"GB-ENG", "GB-SCT", "US-NY", "US-IL"}
    for jurisdiction in Jurisdiction.values:
        assert Employee.objects.filter(location__jurisdiction=jurisdiction).count() >= 20


def test_each_demo_user_logs_in_with_their_role_and_directory_entry(seeded, client):
    for login in DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert user.has_role(login.role)
        assert user.employee.employee_number == login.employee_number
        assert client.login(email=login.email, password=DEMO_PASSWORD)
        client.logout()
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(email="lead@example.com").is_staff


def test_the_line_manager_manages_several_people_and_everyone_has_a_manager_but_the_chief(seeded):
    manager = User.objects.get(email="manager@example.com").employee
    assert manager.reports.count() >= 5
    assert list(Employee.objects.filter(manager__isnull=True).values_list("employee_number", flat=True)) == [
        "NW0001"
    ]
