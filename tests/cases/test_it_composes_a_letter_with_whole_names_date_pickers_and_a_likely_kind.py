"""The letter composer shows whole letter names (its select is not squeezed into a filter bar), offers date
pickers for dates and the chosen kind's own fields, and preselects the letter the case most likely
needs next: the outcome letter once decided (the dismissal notice after a dismissal), else the invitation
to the next scheduled meeting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import LetterKind, MeetingKind, Sanction
from tests.cases.test_letters import decide, make_organisation, open_case, schedule
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


def _composer(client, user, case):
    client.force_login(user)
    response = client.get(reverse("cases:letter_list", args=[case.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    form = parse(response.content.decode()).find("form", cls="letter-composer")
    assert form is not None and "filters" not in form.classes
    return form


def _chosen_kind(form) -> str | None:
    kinds = form.find("select", name="kind")
    chosen = [o.attrs["value"] for o in kinds.find_all("option") if "selected" in o.attrs]
    return chosen[0] if chosen else None


def test_it_preselects_the_invitation_to_the_next_meeting(client, hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    schedule(hana, case, erin, kind=MeetingKind.DISCIPLINARY_HEARING, days_ahead=21)
    schedule(hana, case, erin, kind=MeetingKind.INVESTIGATION_INTERVIEW, days_ahead=7)
    assert _chosen_kind(_composer(client, hana, case)) == LetterKind.INVESTIGATION_INVITATION


def test_it_preselects_the_outcome_letter_once_decided(client, hana, erin, sam):
    make_organisation()
    case = decide(hana, open_case(hana, sam.employee_record), erin, Sanction.FIRST_WRITTEN_WARNING)
    assert _chosen_kind(_composer(client, hana, case)) == LetterKind.DISCIPLINARY_OUTCOME


def test_it_preselects_the_dismissal_notice_after_a_dismissal(client, hana, erin, sam):
    make_organisation()
    case = decide(hana, open_case(hana, sam.employee_record), erin, Sanction.DISMISSAL_WITH_NOTICE)
    assert _chosen_kind(_composer(client, hana, case)) == LetterKind.DISMISSAL_NOTICE


def test_it_offers_date_pickers_for_the_chosen_kinds_dates(client, hana, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    client.force_login(hana)
    page = client.get(
        reverse("cases:letter_preview", args=[case.pk]),
        {"kind": LetterKind.SUSPENSION_CONFIRMATION, "language": "en", "suspended_from": "2026-12-10"},
    ).content.decode()
    form = parse(page).find("form", cls="letter-composer")
    assert form is not None
    for name in ("suspended_from", "review_on", "suspended_until"):
        assert form.find("input", name=name).attrs.get("type") == "date"
    assert form.find("input", name="suspended_from").attrs.get("value") == "2026-12-10"
