import pytest
from django.contrib.auth.models import Group

from accounts.models import Role
from accounts.roles import ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_each_role_has_exactly_the_permissions_in_the_role_table_that_exist():
    for role, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert granted <= set(perms)


def test_hr_admin_can_change_the_directory_and_a_line_manager_cannot(ada, liam):
    assert ada.has_perm("accounts.change_employee")
    assert not liam.has_perm("accounts.change_employee")
    assert not liam.has_perm("accounts.view_employee")
