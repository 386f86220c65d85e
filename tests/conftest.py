"""The named cast every test uses, and test-only settings for speed.

hana: HR case manager · erin: ER lead · ivan: investigator · liam: line manager (sam's manager)
rita: union representative · sam: the employee a case is about · olga: an outsider with a log-in
ada: HR admin
"""

from __future__ import annotations

import pytest

from accounts.models import Jurisdiction, Role
from tests.factories import DepartmentFactory, EmployeeFactory, LocationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def london(db):
    return LocationFactory(code="LON", name="London", jurisdiction=Jurisdiction.GB, region="GB-ENG",
                           time_zone="Europe/London")


@pytest.fixture
def oslo(db):
    return LocationFactory(code="OSL", name="Oslo", jurisdiction=Jurisdiction.NO, region="NO",
                           time_zone="Europe/Oslo")


@pytest.fixture
def hanoi(db):
    return LocationFactory(code="HAN", name="Hanoi", jurisdiction=Jurisdiction.VN, region="VN",
                           time_zone="Asia/Ho_Chi_Minh")


@pytest.fixture
def new_york(db):
    return LocationFactory(code="NYC", name="New York", jurisdiction=Jurisdiction.US, region="US-NY",
                           time_zone="America/New_York")


@pytest.fixture
def operations(db):
    return DepartmentFactory(code="OPS", name="Operations")


@pytest.fixture
def people_team(db):
    return DepartmentFactory(code="HR", name="People")


def _person(email: str, name: str, role: str | None, department, location, manager=None):
    user = UserFactory(email=email, full_name=name, roles=[role] if role else [])
    first, last = name.split(" ", 1)
    employee = EmployeeFactory(first_name=first, last_name=last, work_email=email, user=user,
                               department=department, location=location, manager=manager)
    user.employee_record = employee
    return user


@pytest.fixture
def ada(people_team, london):
    return _person("ada@example.com", "Ada Admin", Role.HR_ADMIN, people_team, london)


@pytest.fixture
def erin(people_team, london):
    return _person("erin@example.com", "Erin Lead", Role.ER_LEAD, people_team, london)


@pytest.fixture
def hana(people_team, london, erin):
    return _person("hana@example.com", "Hana Case", Role.HR_CASE_MANAGER, people_team, london,
                   manager=erin.employee_record)


@pytest.fixture
def ivan(people_team, london):
    return _person("ivan@example.com", "Ivan Investigator", Role.INVESTIGATOR, people_team, london)


@pytest.fixture
def liam(operations, london):
    return _person("liam@example.com", "Liam Manager", Role.LINE_MANAGER, operations, london)


@pytest.fixture
def sam(operations, london, liam):
    return _person("sam@example.com", "Sam Subject", None, operations, london, manager=liam.employee_record)


@pytest.fixture
def rita(operations, london):
    return _person("rita@example.com", "Rita Rep", Role.UNION_REP, operations, london)


@pytest.fixture
def olga(operations, london):
    return _person("olga@example.com", "Olga Outsider", None, operations, london)


def pytest_collection_modifyitems(items):
    """Transactional tests end by emptying every table, which would also remove what data
    migrations put there (role groups, jurisdiction rules, default procedures) and break
    the tests after them. Make every transactional test restore that data."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}),
                            append=False)
