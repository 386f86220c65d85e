"""The named cast every test uses, and test-only settings for speed.

hana: HR case manager · erin: ER lead · ivan: investigator · liam: line manager (sam's manager)
rita: union representative · sam: the employee a case is about · olga: an outsider with a log-in
ada: HR admin
"""

from __future__ import annotations

import pytest
import time_machine

from accounts.models import Jurisdiction, Role
from erms.lib import heartbeat
from tests.days import ORDINARY, Day
from tests.factories import DepartmentFactory, EmployeeFactory, LocationFactory, UserFactory


def pytest_generate_tests(metafunc):
    """``@pytest.mark.days(SATURDAY, HOLIDAY_EVE, …)`` runs the test once per day (tests/days.py)."""
    marker = metafunc.definition.get_closest_marker("days")
    if marker is not None and "clock_day" in metafunc.fixturenames:
        days = marker.args
        metafunc.parametrize("clock_day", days, ids=[day.name for day in days], indirect=True)


@pytest.fixture(autouse=True)
def clock_day(request) -> Day:
    """The day this test runs on: ``ORDINARY`` unless the test is marked with ``days``."""
    return getattr(request, "param", ORDINARY)


@pytest.fixture(scope="session", autouse=True)
def _session_clock():
    """Session- and module-scoped fixtures (the access matrix's world, the browser) are built on
    ``ORDINARY`` too, never on the real today."""
    with time_machine.travel(ORDINARY.at, tick=True):
        yield


@pytest.fixture(autouse=True)
def _frozen_clock(clock_day):
    """ERMS's clock starts at the chosen instant and keeps flowing, in every thread of the
    process (live server, in-process Celery worker), so no test depends on the real today."""
    with time_machine.travel(clock_day.at, tick=True):
        yield clock_day


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a page served in Norwegian leaves Norwegian active in
    the thread (LocaleMiddleware activates it per request and nothing resets it in tests), and a later
    test calling a service would read its messages in Norwegian."""
    from django.utils import translation

    translation.deactivate()  # back to settings.LANGUAGE_CODE
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Two-factor sign-in stays off unless a test switches it on (tests/accounts/test_it_requires_*).
    settings.ERMS_REQUIRE_MFA = False
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A cache of this test's own: no heartbeat, throttle count or cached page leaks between tests or
    # into a demo running on the same machine (whose cache is a folder under var/).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"erms-test-{tmp_path.name}",
        }
    }
    # As in a running deployment, a worker has just been seen; tests of a missing worker forget it.
    heartbeat.record("worker@tests")


@pytest.fixture
def london(db):
    return LocationFactory(
        code="LON", name="London", jurisdiction=Jurisdiction.GB, region="GB-ENG", time_zone="Europe/London"
    )


@pytest.fixture
def oslo(db):
    return LocationFactory(
        code="OSL", name="Oslo", jurisdiction=Jurisdiction.NO, region="NO", time_zone="Europe/Oslo"
    )


@pytest.fixture
def hanoi(db):
    return LocationFactory(
        code="HAN", name="Hanoi", jurisdiction=Jurisdiction.VN, region="VN", time_zone="Asia/Ho_Chi_Minh"
    )


@pytest.fixture
def new_york(db):
    return LocationFactory(
        code="NYC",
        name="New York",
        jurisdiction=Jurisdiction.US,
        region="US-NY",
        time_zone="America/New_York",
    )


@pytest.fixture
def operations(db):
    return DepartmentFactory(code="OPS", name="Operations")


@pytest.fixture
def people_team(db):
    return DepartmentFactory(code="HR", name="People")


def _person(email: str, name: str, role: str | None, department, location, manager=None):
    user = UserFactory(email=email, full_name=name, roles=[role] if role else [])
    first, last = name.split(" ", 1)
    employee = EmployeeFactory(
        first_name=first,
        last_name=last,
        work_email=email,
        user=user,
        department=department,
        location=location,
        manager=manager,
    )
    user.employee_record = employee
    return user


@pytest.fixture
def ada(people_team, london):
    return _person("ada@example.com", "Ada Admin", Role.HR_ADMIN, people_team, london)


@pytest.fixture
def erin(people_team, london):
    """The ER lead, covering every jurisdiction (an ER lead with no scope row sees no case)."""
    from cases.models import ErLeadScope

    user = _person("erin@example.com", "Erin Lead", Role.ER_LEAD, people_team, london)
    for jurisdiction in Jurisdiction.values:
        ErLeadScope.objects.get_or_create(user=user, jurisdiction=jurisdiction)
    return user


@pytest.fixture
def hana(people_team, london, erin):
    return _person(
        "hana@example.com",
        "Hana Case",
        Role.HR_CASE_MANAGER,
        people_team,
        london,
        manager=erin.employee_record,
    )


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
            item.add_marker(
                pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}),
                append=False,
            )


_BROKER_LOCK = "erms-tests:broker-claimed-by"


def _reset_celery_connections(app) -> None:
    """Forget every broker connection and producer pool: pools made earlier carry another
    broker's address or options, or were closed by a worker that has stopped."""
    from kombu import pools

    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@pytest.fixture
def broker(tmp_path, settings):
    """A broker of this test's own, for a real Celery worker: a Redis database of its own (emptied
    before and after) when ``REDIS_URL`` is set, else kombu's filesystem transport in ``tmp_path``,
    so no two tests, and no demo running on the same machine, take each other's tasks."""
    import os

    from erms.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "broker_transport_options")}
    if settings.REDIS_URL:
        import redis

        # A Redis database of this test's own, claimed with a lock key so that two test runs on one server
        # (two clones, CI beside a developer) never share one; 0 stays the configured one.
        url = redis.connection.parse_url(settings.REDIS_URL)
        base = (
            f"redis://{':' + url['password'] + '@' if url.get('password') else ''}"
            f"{url.get('host', '127.0.0.1')}:{url.get('port', 6379)}"
        )
        client = None
        for database in range(1, 16):
            candidate = redis.Redis.from_url(f"{base}/{database}")
            if candidate.set(_BROKER_LOCK, os.getpid(), nx=True, ex=3600):
                client, broker_url = candidate, f"{base}/{database}"
                break
            candidate.close()
        assert client is not None, "every Redis database from 1 to 15 is claimed by another test run"
        for key in client.scan_iter():
            if key != _BROKER_LOCK.encode():
                client.delete(key)
        app.conf.broker_url = broker_url
        app.conf.broker_transport_options = {"visibility_timeout": 3600}
    else:
        client = None
        folders = {name: tmp_path / "celery" / name for name in ("queue", "processed", "control")}
        for folder in folders.values():
            folder.mkdir(parents=True)
        app.conf.broker_url = "filesystem://"
        app.conf.broker_transport_options = {
            "data_folder_in": str(folders["queue"]),
            "data_folder_out": str(folders["queue"]),
            "processed_folder": str(folders["processed"]),
            "control_folder": str(folders["control"]),
            "store_processed": False,
        }
    settings.CELERY_BROKER_URL = app.conf.broker_url
    _reset_celery_connections(app)
    try:
        yield app
    finally:
        _reset_celery_connections(app)
        app.conf.update(saved)
        if client is not None:
            client.flushdb()  # the lock key too: the database is free again
            client.close()
