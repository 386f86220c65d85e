"""Who may see which people in the directory, and who must sign in with a second factor."""

from __future__ import annotations

from django.conf import settings
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


def mfa_required(user: User) -> bool:
    """Whether ``user`` must sign in with a second factor: with ``ERMS_REQUIRE_MFA`` on, every
    superuser and everyone holding one of ``ERMS_MFA_ROLES`` (by default HR admin, ER lead and HR
    case manager, the roles that see the most)."""
    if not settings.ERMS_REQUIRE_MFA or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_role(*settings.ERMS_MFA_ROLES)
