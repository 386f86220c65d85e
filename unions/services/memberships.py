"""Union membership (special-category data): every read is logged."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Employee, User
from erms.lib.errors import ApplicationError
from unions.models import (
    AccessVia,
    EmployeeBody,
    MembershipAccessLog,
    UnionMembership,
)
from unions.permissions import can_view_membership


@transaction.atomic
def membership_read(
    *,
    actor: User,
    via: str = AccessVia.PAGE,
    body: EmployeeBody | None = None,
    employee: Employee | None = None,
) -> list[UnionMembership]:
    """Union memberships of a body or an employee (special-category data).

    Refused without ``unions.view_membership``; every read writes a ``MembershipAccessLog`` row.
    """
    if not can_view_membership(actor):
        raise ApplicationError(_("You may not see union membership."))
    if body is None and employee is None:
        raise ApplicationError(_("Say whose membership to show."))
    qs = UnionMembership.objects.select_related("employee", "body")
    if body is not None:
        qs = qs.filter(body=body)
    if employee is not None:
        qs = qs.filter(employee=employee)
    rows = list(qs.order_by("employee__last_name", "employee__first_name", "id"))
    MembershipAccessLog.objects.create(user=actor, via=via, body=body, employee=employee, rows=len(rows))
    return rows
