"""The audit and access logs are append-only: not through the admin, not even in the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from accounts.models import User
from audit.models import AccessEntry, AuditEntry
from audit.services import access_record
from cases import services
from cases.models import Case, CaseKind, PartyRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hana, sam):
    employee = sam.employee_record
    case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )
    access_record(user=hana, case=case, via="page")
    return case


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root@example.com", "pw"))
    return client


@pytest.mark.parametrize("model", [AuditEntry, AccessEntry])
def test_even_a_superuser_cannot_add_change_or_delete_log_entries_in_the_admin(superuser_client, case, model):
    entry = model.objects.filter(case_id=case.pk).first()
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[entry.pk])
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")

    listing = superuser_client.get(changelist)
    assert listing.status_code == 200
    assert b"delete_selected" not in listing.content
    page = superuser_client.get(change)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert superuser_client.post(change, {"action": "tampered", "via": "tampered"}).status_code == 403
    assert superuser_client.get(delete).status_code == 403
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert superuser_client.get(add).status_code == 403
    bulk = superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    assert model.objects.filter(pk=entry.pk).exists()
    entry.refresh_from_db()
    assert getattr(entry, "action", getattr(entry, "via", None)) != "tampered"


def test_cases_cannot_be_deleted_through_the_admin(superuser_client, case):
    delete = reverse("admin:cases_case_delete", args=[case.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert b"delete_selected" not in superuser_client.get(reverse("admin:cases_case_changelist")).content
    assert Case.objects.filter(pk=case.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)
@pytest.mark.parametrize("model", [AuditEntry, AccessEntry])
def test_the_database_refuses_to_change_or_delete_log_entries(case, model):
    entry = model.objects.filter(case_id=case.pk).first()
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=entry.pk).update(at=entry.at.replace(year=2000))
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=entry.pk).delete()
    assert model.objects.filter(pk=entry.pk, at=entry.at).exists()
