"""The new consultation, edit, withdraw and new agreement pages, and the audit trail of the services."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from deadlines.models import Deadline, DeadlineStatus
from erms.lib.errors import ApplicationError
from tests.days import DATE_SENSITIVE
from unions import services
from unions.models import CollectiveAgreement, Consultation, ConsultationStatus, ProposalKind

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]

NEW = reverse("unions:consultation_create")


def _post_data(gb_union, **changes):
    data = {
        "kind": ProposalKind.COLLECTIVE_REDUNDANCY,
        "title": "Night shift redundancies",
        "jurisdiction": "GB",
        "region": "GB-ENG",
        "number_affected": "30",
        "bodies": [gb_union.pk],
        "started_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "description": "Why",
    }
    data.update(changes)
    return data


def test_hr_sees_the_new_consultation_link_and_form(client, erin):
    client.force_login(erin)
    listing = client.get(reverse("unions:consultation_list"))
    assert NEW in listing.content.decode()
    response = client.get(NEW)
    assert response.status_code == 200
    assert 'name="number_affected"' in response.content.decode()


def test_hr_creates_an_open_consultation_with_its_deadlines_and_becomes_owner(
    client, erin, gb_union, london, operations
):
    client.force_login(erin)
    response = client.post(NEW, _post_data(gb_union, locations=[london.pk], departments=[operations.pk]))
    consultation = Consultation.objects.get(title="Night shift redundancies")
    assert response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
    assert consultation.status == ConsultationStatus.OPEN and consultation.owner == erin
    assert list(consultation.locations.all()) == [london] and list(consultation.bodies.all()) == [gb_union]
    assert Deadline.objects.filter(
        owner_type="unions.consultation",
        owner_id=consultation.pk,
        key="consultation_period",
        status=DeadlineStatus.OPEN,
    ).exists()


def test_the_new_consultation_page_shows_validation_and_guardrail_errors(client, erin, ada, gb_union, oslo):
    client.force_login(erin)
    response = client.post(NEW, _post_data(gb_union, region="XX-YY"))  # not among the named regions
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    response = client.post(NEW, _post_data(gb_union, region="US-NY"))
    assert response.status_code == 400 and "is not in the jurisdiction" in response.content.decode()
    response = client.post(NEW, _post_data(gb_union, number_affected="-1"))
    assert response.status_code == 400
    # Norway: the invitation may not go out before NAV is notified (NO-RED-003).
    response = client.post(
        NEW, _post_data(gb_union, jurisdiction="NO", region="NO", number_affected="12", bodies=[])
    )
    assert response.status_code == 400 and "NO-RED-003" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_body_from_another_jurisdiction_is_refused(client, erin, other_union):
    client.force_login(erin)
    response = client.post(NEW, _post_data(other_union))
    assert response.status_code == 400 and "not a body in this jurisdiction" in response.content.decode()


def test_a_union_rep_may_not_create_a_consultation(client, rita, gb_union):
    client.force_login(rita)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _post_data(gb_union)).status_code == 403
    assert not Consultation.objects.exists()


def test_the_new_consultation_page_answers_only_get_and_post(client, erin):
    client.force_login(erin)
    assert client.put(NEW).status_code == 405
    assert client.delete(NEW).status_code == 405


def test_hr_edits_the_non_statutory_fields_and_a_rep_cannot_reach_the_edit_page(
    client, erin, ada, rita, gb_consultation
):
    url = reverse("unions:consultation_edit", args=[gb_consultation.pk])
    client.force_login(rita)
    assert client.get(url).status_code == 403  # she sees her union's consultation, but may not change it
    client.force_login(erin)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Renamed",
            "description": "New text",
            "owner": ada.pk,
            "bodies": [b.pk for b in gb_consultation.bodies.all()],
        },
    )
    assert response.status_code == 302
    gb_consultation.refresh_from_db()
    assert (gb_consultation.title, gb_consultation.owner) == ("Renamed", ada)
    assert client.put(url).status_code == 405


def test_an_owner_who_may_not_manage_consultations_is_refused(erin, hana, gb_consultation):
    with pytest.raises(ApplicationError, match="owner must be someone"):
        services.consultation_update(
            actor=erin,
            consultation=gb_consultation,
            title="x",
            description="",
            owner=hana,
            bodies=[],
            departments=[],
            locations=[],
        )


def test_withdrawing_from_the_page(client, erin, rita, gb_consultation):
    url = reverse("unions:consultation_withdraw", args=[gb_consultation.pk])
    client.force_login(rita)
    assert client.post(url, {"withdraw-reason": "No"}).status_code == 403
    client.force_login(erin)
    assert client.get(url).status_code == 405
    assert client.post(url, {"withdraw-reason": ""}).status_code == 400
    assert client.post(url, {"withdraw-reason": "Order book recovered"}).status_code == 302
    gb_consultation.refresh_from_db()
    assert gb_consultation.status == ConsultationStatus.WITHDRAWN


def test_new_agreement_page_for_hr_only(client, erin, rita, gb_union):
    url = reverse("unions:agreement_create")
    client.force_login(rita)
    assert client.get(url).status_code == 403
    client.force_login(erin)
    assert reverse("unions:agreement_create") in client.get(reverse("unions:agreement_list")).content.decode()
    assert client.delete(url).status_code == 405
    response = client.post(
        url, {"body": gb_union.pk, "title": "Pay 2026", "valid_from": "2026-01-01", "valid_to": "2025-12-31"}
    )
    assert response.status_code == 400 and "cannot end before it starts" in response.content.decode()
    response = client.post(
        url, {"body": gb_union.pk, "title": "Pay 2026", "valid_from": "2026-01-01", "valid_to": "2027-12-31"}
    )
    agreement = CollectiveAgreement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#agreement-{agreement.pk}")


def test_each_service_change_writes_an_object_level_audit_entry(erin, gb_union):
    start = timezone.localdate() - datetime.timedelta(days=5)
    consultation = services.consultation_create(
        actor=erin,
        kind=ProposalKind.COLLECTIVE_REDUNDANCY,
        title="Audit me",
        jurisdiction="GB",
        region="GB-ENG",
        number_affected=120,
        bodies=[gb_union],
        started_on=start,
    )
    services.consultation_plan_first_dismissal(
        actor=erin, consultation=consultation, on=start + datetime.timedelta(days=60)
    )
    services.consultation_record_government_notice(actor=erin, consultation=consultation, on=start)
    services.consultation_log_add(actor=erin, consultation=consultation, kind="note", text="Called the union")
    services.consultation_withdraw(actor=erin, consultation=consultation, reason="Dropped")
    entries = AuditEntry.objects.filter(object_type="unions.consultation", object_id=str(consultation.pk))
    assert list(entries.order_by("id").values_list("action", flat=True)) == [
        "consultation_created",
        "consultation_opened",
        "consultation_first_dismissal_planned",
        "consultation_government_notified",
        "consultation_withdrawn",
    ]
    assert all(e.case_id is None and e.actor == erin for e in entries)
    notified = entries.get(action="consultation_government_notified")
    assert notified.changes == {"government_notified_on": [None, start.isoformat()]}
    assert AuditEntry.objects.filter(
        object_type="unions.consultationlogentry", action="consultation_log_added"
    ).exists()
    agreement = services.agreement_create(actor=erin, body=gb_union, title="Deal", valid_from=start)
    services.agreement_update(actor=erin, agreement=agreement, valid_to=start + datetime.timedelta(days=400))
    assert AuditEntry.objects.get(
        object_type="unions.collectiveagreement", action="agreement_updated"
    ).changes == {"valid_to": [None, (start + datetime.timedelta(days=400)).isoformat()]}
