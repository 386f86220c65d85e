"""Consultations and agreements corrected in Django admin go through the services: audited, deadlines in line."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.urls import reverse

from audit.models import AuditEntry
from unions.models import CollectiveAgreement, Consultation

pytestmark = pytest.mark.django_db


def _value(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return [_value(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return "" if value is None else value


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value in (None, "") and form.fields[name].initial is not None:
            value = form.fields[name].initial
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
            continue
        data[form.add_prefix(name)] = _value(value)
    return data


def _admin_post_data(admin_client, url: str) -> dict:
    """What the admin's change page would post back unchanged, inlines included."""
    page = admin_client.get(url)
    assert page.status_code == 200
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(
            {f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()}
        )
        for form in formset.initial_forms:
            data.update(_form_data(form))
    return data


def test_an_agreement_edited_in_admin_is_audited_with_its_change(admin_client, gb_agreement):
    url = reverse("admin:unions_collectiveagreement_change", args=[gb_agreement.pk])
    data = _admin_post_data(admin_client, url) | {
        "title": "London recognition agreement 2026",
        "valid_to": "2027-06-30",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.get(action="agreement_updated_in_admin", object_id=str(gb_agreement.pk))
    assert entry.changes["title"] == ["London recognition agreement", "London recognition agreement 2026"]
    assert entry.changes["valid_to"] == [None, "2027-06-30"]
    assert entry.actor.is_superuser


def test_a_consultation_edited_in_admin_is_audited_with_its_change(admin_client, admin_user, gb_consultation):
    url = reverse("admin:unions_consultation_change", args=[gb_consultation.pk])
    data = _admin_post_data(admin_client, url) | {
        "number_affected": gb_consultation.number_affected + 5,
        "owner": admin_user.pk,
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.get(action="consultation_updated_in_admin", object_id=str(gb_consultation.pk))
    assert entry.changes["number_affected"] == [
        gb_consultation.number_affected,
        gb_consultation.number_affected + 5,
    ]


def test_deleting_an_agreement_in_admin_is_audited(admin_client, gb_agreement):
    url = reverse("admin:unions_collectiveagreement_delete", args=[gb_agreement.pk])

    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert not CollectiveAgreement.objects.filter(pk=gb_agreement.pk).exists()
    assert AuditEntry.objects.filter(
        action="agreement_deleted_in_admin", object_id=str(gb_agreement.pk)
    ).exists()


def test_deleting_a_consultation_in_admin_is_audited(admin_client, gb_consultation):
    url = reverse("admin:unions_consultation_delete", args=[gb_consultation.pk])

    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert not Consultation.objects.filter(pk=gb_consultation.pk).exists()
    assert AuditEntry.objects.filter(
        action="consultation_deleted_in_admin", object_id=str(gb_consultation.pk)
    ).exists()
