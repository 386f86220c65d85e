"""Factories for variations; the named cast lives in ``tests/conftest.py``."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import Department, Employee, Jurisdiction, Location, User


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Department {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"L{n:03d}")
    name = factory.Sequence(lambda n: f"Office {n}")
    jurisdiction = Jurisdiction.GB
    region = "GB-ENG"
    time_zone = "Europe/London"


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    employee_number = factory.Sequence(lambda n: f"E{n:06d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    work_email = factory.LazyAttribute(lambda o: f"{o.employee_number.lower()}@example.com")
    department = factory.SubFactory(DepartmentFactory)
    location = factory.SubFactory(LocationFactory)
    job_title = "Analyst"
    start_date = datetime.date(2020, 1, 6)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            groups = list(Group.objects.filter(name__in=extracted))
            if len(groups) < len(set(extracted)):
                # A transactional test emptied the tables the role migration fills: make the roles again.
                from django.apps import apps

                from accounts.roles import sync_role_permissions

                sync_role_permissions(apps, None)
                groups = list(Group.objects.filter(name__in=extracted))
            assert len(groups) == len(set(extracted)), f"unknown roles {extracted}"
            self.groups.add(*groups)
        if create:
            self.save()
