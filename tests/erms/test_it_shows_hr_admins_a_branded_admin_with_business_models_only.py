"""The admin is ERMS's, in the reader's language, and an HR admin sees the business models only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from accounts.models import User

pytestmark = pytest.mark.django_db

DEVELOPER_MODELS = [
    "Case group object permissions",
    "Crontabs",
    "Solar events",
    "Intervals",
    "Access attempts",
]


@pytest.fixture
def staff_ada(ada):
    ada.is_staff = True
    ada.save(update_fields=["is_staff"])
    return ada


def test_it_brands_the_admin_as_erms(client, staff_ada):
    client.force_login(staff_ada)
    body = client.get(reverse("admin:index")).content.decode()
    assert "Django administration" not in body
    assert "Django site admin" not in body
    assert "ERMS administration" in body


def test_it_translates_the_admin_branding(client, staff_ada):
    client.force_login(staff_ada)
    with translation.override("nb"):
        body = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    # Django's own Norwegian header is "Django-administrasjon"; ERMS's is looked up when shown.
    assert 'lang="nb"' in body
    assert "Django-administrasjon" not in body
    assert "Django" not in body.split("<title>")[1].split("</title>")[0]


def test_it_shows_an_hr_admin_only_business_models(client, staff_ada):
    # Even a permission given by hand does not put a developer's table in front of HR.
    staff_ada.user_permissions.add(
        Permission.objects.get(codename="view_crontabschedule"),
        Permission.objects.get(codename="view_casegroupobjectpermission"),
        Permission.objects.get(codename="view_accessattempt"),
    )
    staff_ada = User.objects.get(pk=staff_ada.pk)
    client.force_login(staff_ada)
    body = client.get(reverse("admin:index")).content.decode()
    assert "Employees" in body and "Cases" in body
    for name in DEVELOPER_MODELS:
        assert name not in body
    assert client.get(reverse("admin:django_celery_beat_crontabschedule_changelist")).status_code == 403


def test_it_keeps_developer_models_for_a_superuser_in_their_own_section(client):
    root = User.objects.create_superuser("root@example.com", "pw")
    client.force_login(root)
    body = client.get(reverse("admin:index")).content.decode()
    for name in DEVELOPER_MODELS:
        assert name in body
    # Business first: the technical section follows every business model.
    assert body.index("Employees") < body.index("Technical") < body.index("Crontabs")
    assert client.get(reverse("admin:django_celery_beat_crontabschedule_changelist")).status_code == 200
