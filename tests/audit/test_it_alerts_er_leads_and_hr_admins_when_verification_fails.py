"""The nightly verification (a beat task) tells ER leads and HR admins, in the app and by e-mail,
when a chain is broken, and nobody when both hold; the case's audit page and the admin show it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from accounts.models import User
from audit import services, tasks
from audit.models import AuditVerification
from cases import services as case_services
from cases.models import CaseKind, PartyRole
from deadlines.models import Notification, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hana, sam):
    employee = sam.employee_record
    return case_services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )


@pytest.fixture
def everyone(ada, erin, hana, ivan, liam, rita, sam, olga):
    return [ada, erin, hana, ivan, liam, rita, sam, olga]


def tamper_with_the_first_change() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT MIN(id) FROM cases_auditentry")
        (entry_id,) = cursor.fetchone()
        cursor.execute("UPDATE cases_auditentry SET action = 'nothing' WHERE id = %s", [entry_id])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")
    return entry_id


def test_the_verification_runs_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["audit-verify"]
    assert entry["task"] == tasks.audit_verify.name == "audit.tasks.audit_verify"


def test_it_tells_nobody_when_both_chains_hold(everyone, case):
    assert tasks.audit_verify() is True

    assert Notification.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert AuditVerification.objects.get().ok


def test_it_tells_er_leads_and_hr_admins_in_the_app_and_by_mail_when_a_chain_is_broken(
    everyone, ada, erin, case
):
    retired_lead = User.objects.create_user("gone@example.com", "pw", full_name="Gone Lead", is_active=False)
    retired_lead.groups.add(*erin.groups.all())
    entry_id = tamper_with_the_first_change()

    assert tasks.audit_verify() is False

    told = {n.user for n in Notification.objects.all()}
    assert told == {ada, erin}
    assert all(f"#{entry_id}" in n.body for n in Notification.objects.all())
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted([ada.email, erin.email])
    assert f"#{entry_id}" in OutgoingEmail.objects.first().body


def test_the_audit_page_warns_when_the_last_verification_failed(client, erin, case):
    client.force_login(erin)
    url = reverse("cases:case_audit", args=[case.pk])
    services.verification_run()
    assert "failed its last verification" not in client.get(url).content.decode()

    entry_id = tamper_with_the_first_change()
    services.verification_run()
    page = client.get(url).content.decode()

    assert "failed its last verification" in page
    assert f"entry #{entry_id} was changed" in page


def test_the_admin_shows_the_last_verification_read_only(client, case):
    client.force_login(User.objects.create_superuser("root@example.com", "pw"))
    run = services.verification_run()
    changelist = reverse("admin:audit_auditverification_changelist")

    listing = client.get(changelist)

    assert listing.status_code == 200
    assert run.message in listing.content.decode()
    assert client.get(reverse("admin:audit_auditverification_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:audit_auditverification_delete", args=[run.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
