"""The cases admin: every page renders, edits go through the services, nothing is deleted."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Organisation, User
from audit.models import AuditEntry
from cases import services
from cases.models import (
    Case,
    CaseKind,
    CaseUserObjectPermission,
    LetterTemplateOverride,
    PartyRole,
)
from deadlines.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return User.objects.create_superuser("root@example.com", "pw")


@pytest.fixture
def superuser_client(client, root):
    client.force_login(root)
    return client


@pytest.fixture
def case(hana, sam):
    employee = sam.employee_record
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Shouting",
        summary="On the floor",
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )


def test_every_cases_admin_page_lists_and_shows_its_rows(superuser_client, case, liam, erin):
    services.case_grant_access(actor=erin, case=case, user=liam)
    services.allegation_add(actor=erin, case=case, category="conduct", description="Shouting")
    services.note_add(actor=erin, case=case, body="Note")
    OutgoingEmail.objects.create(to="x@example.com", subject="Hello", body="Body")
    # The case's audit trail and access log are in the audit app's admin.
    models = [m for m in admin.site._registry if m._meta.app_label in ("cases", "audit", "deadlines")]
    assert len(models) >= 19
    for model in models:
        opts = model._meta
        listing = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert listing.status_code == 200, model
        row = model.objects.first()
        if row is not None:
            assert (
                superuser_client.get(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
                ).status_code
                == 200
            ), model


def test_case_edits_in_the_admin_go_through_the_services_and_are_audited(superuser_client, root, case):
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = {
        "title": "Raised voice",
        "summary": "On the floor",
        "case_manager": case.case_manager_id,
        "version": case.version,
        "parties-TOTAL_FORMS": 1,
        "parties-INITIAL_FORMS": 1,
        "parties-MIN_NUM_FORMS": 0,
        "parties-MAX_NUM_FORMS": 1000,
        "parties-0-id": case.parties.get().pk,
        "parties-0-case": case.pk,
        "allegations-TOTAL_FORMS": 0,
        "allegations-INITIAL_FORMS": 0,
        "allegations-MIN_NUM_FORMS": 0,
        "allegations-MAX_NUM_FORMS": 1000,
    }
    assert superuser_client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.title == "Raised voice" and case.version == 2
    entry = AuditEntry.objects.get(case_id=case.pk, action="case_updated")
    assert entry.actor == root and entry.changes == {"title": ["Shouting", "Raised voice"]}
    stale = superuser_client.post(url, {**data, "title": "Older edit"})
    assert stale.status_code == 200 and "Someone else changed this case" in stale.content.decode()
    assert Case.objects.get(pk=case.pk).title == "Raised voice"


def test_cases_are_not_added_in_the_admin(superuser_client):
    assert superuser_client.get(reverse("admin:cases_case_add")).status_code == 403


def test_saving_letter_wording_makes_a_new_version_and_retires_the_old_one(superuser_client, root):
    add = reverse("admin:cases_lettertemplateoverride_add")
    response = superuser_client.post(
        add, {"kind": "disciplinary_outcome", "language": "en", "body": "Dear {{ name }}"}
    )
    assert response.status_code == 302
    first = LetterTemplateOverride.objects.get()
    assert (first.version, first.is_active, first.created_by) == (1, True, root)
    change = reverse("admin:cases_lettertemplateoverride_change", args=[first.pk])
    assert superuser_client.post(change, {"body": "Dear {{ name }},\nThank you"}).status_code == 302
    versions = list(
        LetterTemplateOverride.objects.order_by("version").values_list("version", "is_active", "body")
    )
    assert versions == [(1, False, "Dear {{ name }}"), (2, True, "Dear {{ name }},\nThank you")]
    retired = superuser_client.get(change).content.decode()
    assert 'name="body"' not in retired
    assert (
        superuser_client.post(
            reverse("admin:cases_lettertemplateoverride_delete", args=[first.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_letter_override_save_keeps_unchanged_wording_as_it_is(ada):
    first = services.letter_override_save(actor=ada, kind="dismissal_notice", language="nb", body="Hei")
    assert (
        services.letter_override_save(actor=ada, kind="dismissal_notice", language="nb", body="Hei") == first
    )
    second = services.letter_override_save(
        actor=ada, kind="dismissal_notice", language="nb", body="Hei igjen"
    )
    assert second.version == 2 and LetterTemplateOverride.objects.filter(is_active=True).get() == second
    assert AuditEntry.objects.filter(action="letter_override_saved").count() == 2


def test_retry_sending_queues_failed_e_mails_again_and_leaves_sent_ones(superuser_client):
    failed = OutgoingEmail.objects.create(
        to="a@example.com", subject="s", body="b", status=EmailStatus.FAILED
    )
    sent = OutgoingEmail.objects.create(to="b@example.com", subject="s", body="b", status=EmailStatus.SENT)
    response = superuser_client.post(
        reverse("admin:deadlines_outgoingemail_changelist"),
        {"action": "retry_sending", "_selected_action": [failed.pk, sent.pk]},
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, sent.status) == (EmailStatus.QUEUED, EmailStatus.SENT)


def test_a_grant_added_in_the_admin_is_audited_on_the_case(superuser_client, root, case, liam):
    view = Permission.objects.get(codename="view_case", content_type__app_label="cases")
    response = superuser_client.post(
        reverse("admin:cases_caseuserobjectpermission_add"),
        {"user": liam.pk, "permission": view.pk, "content_object": case.pk},
    )
    assert response.status_code == 302
    assert CaseUserObjectPermission.objects.filter(user=liam, content_object=case).exists()
    entry = AuditEntry.objects.get(case_id=case.pk, action="access_granted")
    assert entry.actor == root and entry.changes["permission"] == [None, "view_case"]


def test_there_is_one_organisation_and_it_is_never_deleted(superuser_client):
    add = reverse("admin:accounts_organisation_add")
    assert superuser_client.post(add, {"name": "Northwind Group"}).status_code == 302
    org = Organisation.objects.get()
    assert superuser_client.get(add).status_code == 403
    assert (
        superuser_client.post(
            reverse("admin:accounts_organisation_delete", args=[org.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
