"""The letter preview form offers what the chosen kind of letter takes: its own extra facts, the people that
kind of letter goes to, meetings that are not cancelled; and it preselects the likely choice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import forms, services
from cases.models import CaseKind, LetterKind, MeetingKind, PartyRole, Sanction
from tests.cases.test_letters import decide, make_employee, make_organisation, open_case, schedule

pytestmark = pytest.mark.django_db

SUSPENSION = {"suspended_from", "review_on", "suspended_until"}
END_OF_EMPLOYMENT = {"employment_ends_on", "notice_pay", "delivery"}


def _form(case, kind: str) -> forms.LetterRequestForm:
    return forms.LetterRequestForm({"kind": kind, "language": "en"}, case=case)


def _preview(client, user, case, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("cases:letter_preview", args=[case.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_suspension_and_end_of_employment_fields_only_on_their_letters(client, hana, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    invitation = set(_form(case, LetterKind.DISCIPLINARY_INVITATION).fields)
    assert not invitation & (SUSPENSION | END_OF_EMPLOYMENT | {"appeal_to"})
    assert "meeting" in invitation
    suspension = set(_form(case, LetterKind.SUSPENSION_CONFIRMATION).fields)
    assert SUSPENSION <= suspension and not suspension & (END_OF_EMPLOYMENT | {"meeting"})
    dismissal = set(_form(case, LetterKind.DISMISSAL_NOTICE).fields)
    assert END_OF_EMPLOYMENT | {"appeal_to"} <= dismissal and not dismissal & (SUSPENSION | {"meeting"})

    page = _preview(client, hana, case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en")
    assert 'name="suspended_from"' not in page and 'name="employment_ends_on"' not in page


def test_it_offers_an_outcome_letter_to_the_employee_not_to_witnesses(hana, erin, sam, london, operations):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    witness = make_employee(london, operations, "Wendy", "Witness")
    services.party_add(actor=hana, case=case, employee=witness, role=PartyRole.WITNESS)
    case = decide(hana, case, erin, Sanction.FIRST_WRITTEN_WARNING)
    offered = list(_form(case, LetterKind.DISCIPLINARY_OUTCOME).fields["addressee"].queryset)
    assert offered == [sam.employee_record]


def test_it_offers_a_grievance_outcome_to_the_complainant(hana, erin, sam, london, operations):
    make_organisation()
    case = open_case(hana, sam.employee_record, kind=CaseKind.GRIEVANCE)
    respondent = make_employee(london, operations, "Rob", "Respondent")
    witness = make_employee(london, operations, "Wendy", "Witness")
    services.party_add(actor=hana, case=case, employee=respondent, role=PartyRole.RESPONDENT)
    services.party_add(actor=hana, case=case, employee=witness, role=PartyRole.WITNESS)
    offered = list(_form(case, LetterKind.GRIEVANCE_OUTCOME).fields["addressee"].queryset)
    assert offered == [sam.employee_record]


def test_it_offers_no_cancelled_meeting_and_only_the_letters_kind(hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    kept = schedule(hana, case, erin, days_ahead=21)
    cancelled = schedule(hana, case, erin, days_ahead=14)
    services.meeting_cancel(actor=hana, meeting=cancelled, reason="Chair unwell")
    interview = schedule(hana, case, erin, kind=MeetingKind.INVESTIGATION_INTERVIEW, days_ahead=7)
    offered = list(_form(case, LetterKind.DISCIPLINARY_INVITATION).fields["meeting"].queryset)
    assert offered == [kept]
    assert list(_form(case, LetterKind.INVESTIGATION_INVITATION).fields["meeting"].queryset) == [interview]


def test_it_preselects_the_subject_the_next_meeting_and_the_users_language(client, hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    later = schedule(hana, case, erin, days_ahead=28)
    sooner = schedule(hana, case, erin, days_ahead=10)
    hana.language = "nb"
    hana.save(update_fields=["language"])
    page = _preview(client, hana, case, kind=LetterKind.DISCIPLINARY_INVITATION)
    assert f'<option value="{sam.employee_record.pk}" selected>' in page
    assert f'<option value="{sooner.pk}" selected>' in page
    assert f'<option value="{later.pk}" selected>' not in page
    assert '<option value="nb" selected>' in page
