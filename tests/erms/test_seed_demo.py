"""``manage.py seed_demo`` (erms): every app's demo seeder, in order, then the demo log-ins."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_accounts
from accounts.models import Role
from cases.demo import seed_cases
from deadlines.demo import seed_reminders
from erms.management.commands import seed_demo
from policies.demo import seed_policies
from unions.demo import seed_unions

pytestmark = pytest.mark.django_db


def test_it_loads_each_apps_demo_in_dependency_order():
    assert seed_demo.SEEDERS == [seed_accounts, seed_policies, seed_cases, seed_unions, seed_reminders]


def test_the_command_runs_each_apps_seeder_and_prints_the_log_ins(monkeypatch):
    ran = []
    monkeypatch.setattr(seed_demo, "SEEDERS", [seed_accounts, lambda stdout: ran.append("next")])
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert Group.objects.get(name=Role.LINE_MANAGER).user_set.filter(email="manager@example.com").exists()
    assert ran == ["next"]
    for login in DEMO_LOGINS:
        assert login.email in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
