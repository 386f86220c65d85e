"""Reads of the directory shaped for pages and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Employee, User
from accounts.permissions import employees_visible_to


def employee_list(
    *, user: User, q: str = "", department: int | None = None, jurisdiction: str = ""
) -> QuerySet[Employee]:
    qs = employees_visible_to(user).select_related("department", "location", "manager")
    if q:
        qs = qs.filter(
            Q(last_name__icontains=q)
            | Q(first_name__icontains=q)
            | Q(employee_number__iexact=q)
            | Q(work_email__iexact=q)
        )
    if department:
        qs = qs.filter(department_id=department)
    if jurisdiction:
        qs = qs.filter(location__jurisdiction=jurisdiction)
    return qs.order_by("last_name", "first_name", "id")


def employee_for_user(user: User) -> Employee | None:
    """The directory entry linked to this log-in, if any."""
    return Employee.objects.filter(user=user).select_related("department", "location").first()
