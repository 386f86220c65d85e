"""Leave and protected status (VN-DISC-002) recorded in the admin: audited, never edited in place,
and the employee's open Vietnamese discipline limitation runs on after the leave (VN-DISC-003)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import ProtectedPeriod, User
from audit.models import AuditEntry
from cases import deadlines, services
from cases.models import CaseKind, PartyRole
from tests.days import AFTER_SPRING_2026
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.days(*AFTER_SPRING_2026)]


@pytest.fixture
def root_client(client):
    client.force_login(User.objects.create_superuser("root@example.com", "pw"))
    return client


def test_it_records_sick_leave_in_the_admin_and_moves_the_limitation(root_client, hana, hanoi, operations):
    employee = EmployeeFactory(location=hanoi, department=operations)
    case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Cash",
        case_manager=hana,
        location=hanoi,
        department=operations,
        parties=[(employee, PartyRole.SUBJECT)],
    )
    services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="Cash",
        incident_date=datetime.date(2026, 2, 10),
    )
    response = root_client.post(
        reverse("admin:accounts_protectedperiod_add"),
        {"employee": employee.pk, "status": "sick_leave", "starts_on": "2026-07-20", "ends_on": "2026-09-04"},
    )
    assert response.status_code == 302, response.content[:2000]
    period = ProtectedPeriod.objects.get()
    assert AuditEntry.objects.filter(action="protected_period_recorded", object_id=str(period.pk)).exists()
    limitation = deadlines.case_deadline_open(case, deadlines.DISCIPLINE_LIMITATION)
    assert limitation.due_on == datetime.date(2026, 11, 3)
    change = root_client.post(
        reverse("admin:accounts_protectedperiod_change", args=[period.pk]),
        {"employee": employee.pk, "status": "sick_leave", "starts_on": "2026-07-01", "ends_on": "2026-09-04"},
    )
    assert change.status_code == 403
    assert ProtectedPeriod.objects.get().starts_on == datetime.date(2026, 7, 20)


def test_it_refuses_a_last_day_before_the_first(root_client, hanoi, operations):
    employee = EmployeeFactory(location=hanoi, department=operations)
    response = root_client.post(
        reverse("admin:accounts_protectedperiod_add"),
        {"employee": employee.pk, "status": "pregnancy", "starts_on": "2026-07-20", "ends_on": "2026-07-01"},
    )
    assert response.status_code == 200
    assert not ProtectedPeriod.objects.exists()


def test_a_line_manager_cannot_reach_the_admin_page(client, liam):
    client.force_login(liam)
    response = client.get(reverse("admin:accounts_protectedperiod_changelist"))
    assert response.status_code in (302, 403)
