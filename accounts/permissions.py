"""Who may see which people in the directory."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Employee, User


def employees_visible_to(user: User) -> QuerySet[Employee]:
    """HR roles with ``view_employee`` see the whole directory; a line manager sees
    their direct reports; everyone else sees nobody."""
    if not user.is_authenticated or not user.is_active:
        return Employee.objects.none()
    if user.has_perm("accounts.view_employee"):
        return Employee.objects.all()
    own = Employee.objects.filter(user=user).values("pk")
    return Employee.objects.filter(manager__in=own)
