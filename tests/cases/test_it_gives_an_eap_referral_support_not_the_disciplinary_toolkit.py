"""An employee assistance referral is support, not an accusation: its page has no allegations,
investigation, outcome or appeal, pulls in no earlier sanctions, and its next step speaks of
support (the screenshots showed a welfare file offered the whole disciplinary toolkit)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import CaseKind
from tests.cases.case_steps import open_case

pytestmark = pytest.mark.django_db


def test_it_shows_an_eap_referral_without_the_disciplinary_sections(client, hana, sam, london, operations):
    case = open_case(hana, sam.employee_record, london, operations, kind=CaseKind.EAP_REFERRAL)
    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    for section in ('id="allegations"', 'id="investigation"', 'id="outcome"', 'id="live-warnings"'):
        assert section not in page
    for section in ('id="people"', 'id="documents"', 'id="timeline"', 'id="meetings"'):
        assert section in page
    assert "Agree the support with the employee" in page
    assert "add the parties and allegations" not in page
    for action in ("outcome", "plan"):
        response = client.get(reverse("cases:case_action_form", args=[case.pk, action]))
        assert response.status_code in (403, 404)


def test_it_keeps_the_toolkit_for_a_disciplinary_case(client, hana, sam, london, operations):
    case = open_case(hana, sam.employee_record, london, operations)
    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    for section in ('id="allegations"', 'id="investigation"', 'id="outcome"', 'id="live-warnings"'):
        assert section in page
