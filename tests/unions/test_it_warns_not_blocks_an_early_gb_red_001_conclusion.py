"""GB-RED-001 (DOMAIN.md): an earlier "concluded" is a WARN, not a BLOCK (TULRCA s188 allows it where
consultation genuinely ended); a dismissal taking effect earlier stays refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from erms.lib.errors import ApplicationError
from tests.days import DATE_SENSITIVE
from tests.unions.conftest import make_consultation
from unions import services, statutory
from unions.models import ConsultationStatus

D = datetime.date

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def test_it_gb_red_001_concludes_before_thu_16_april_with_a_warning_in_the_log_and_audit(erin):
    consultation = make_consultation()
    services.consultation_conclude(actor=erin, consultation=consultation, on=D(2026, 4, 15), outcome="Agreed")
    consultation.refresh_from_db()
    assert (consultation.status, consultation.concluded_on) == (ConsultationStatus.CONCLUDED, D(2026, 4, 15))
    note = consultation.log_entries.order_by("-pk").first().text
    assert "GB-RED-001" in note and "16 Apr 2026" in note
    entry = AuditEntry.objects.filter(action="consultation_concluded", object_id=str(consultation.pk)).get()
    assert "GB-RED-001" in entry.changes["warning"][1]


def test_it_gb_red_001_concludes_on_thu_16_april_without_a_warning(erin):
    consultation = make_consultation()
    services.consultation_conclude(actor=erin, consultation=consultation, on=D(2026, 4, 16))
    entry = AuditEntry.objects.filter(action="consultation_concluded", object_id=str(consultation.pk)).get()
    assert "warning" not in entry.changes
    assert services.consultation_early_conclusion_warning(consultation, D(2026, 4, 16)) == ""


def test_it_gb_red_001_still_blocks_a_first_dismissal_before_thu_16_april(erin):
    consultation = make_consultation()
    with pytest.raises(ApplicationError) as refused:
        services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 4, 15))
    assert refused.value.rule in {"GB-RED-001", "GB-RED-003"}
    services.consultation_conclude(actor=erin, consultation=consultation, on=D(2026, 4, 1))
    consultation.refresh_from_db()
    limit = statutory.first_dismissal_limit(statutory.requirements(consultation))
    assert (limit.rule_id, limit.date) == ("GB-RED-001", D(2026, 4, 16))


def test_it_gb_red_001_page_shows_the_early_conclusion_warning(client, erin, gb_consultation):
    client.force_login(erin)
    response = client.post(
        reverse("unions:consultation_conclude", args=[gb_consultation.pk]),
        {"conclude-on": "2026-04-15", "conclude-outcome": "Agreed"},
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "GB-RED-001" in body and "genuinely ended" in body
    gb_consultation.refresh_from_db()
    assert gb_consultation.status == ConsultationStatus.CONCLUDED
