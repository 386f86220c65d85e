"""A closed case: no next deadline anywhere, its lapsing dates lapse, letters only as corrections
with a reason, and no concern is merged into a decided or closed case."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.models import Organisation
from cases import deadlines, services
from cases.models import CaseStatus, ConcernStatus, Letter, LetterKind
from deadlines.models import Deadline, DeadlineStatus
from erms.lib.errors import ApplicationError
from tests.cases.lifecycle_steps import close, decide, hold_hearing, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(hana, erin, sam, london, operations):
    case = open_case(hana, sam, london, operations)
    services.allegation_add(actor=hana, case=case, category="conduct", description="Shouted")
    hold_hearing(hana, erin, case)
    decide(hana, erin, case, sanction="summary_dismissal")
    case.refresh_from_db()
    return case


@pytest.fixture
def signatory() -> Organisation:
    return Organisation.objects.create(
        name="Northwind Group Ltd",
        address="1 Canal Street\nLondon EC1A 1AA",
        signatory_name="Grace Hopper",
        signatory_title="HR Director",
        email="hr@northwind.example",
    )


def test_it_shows_no_next_deadline_for_a_closed_case(client, hana, decided):
    assert decided.next_deadline_on is not None
    close(hana, decided)
    decided.refresh_from_db()
    assert decided.next_deadline_on is None
    open_dates = Deadline.objects.filter(
        owner_type=deadlines.CASE_OWNER_TYPE, owner_id=decided.pk, status=DeadlineStatus.OPEN
    )
    # Lapsing dates (appeal window) lapse with the case; the tribunal limit binds the employee and runs on.
    assert set(open_dates.values_list("key", flat=True)) == {deadlines.TRIBUNAL_LIMIT}
    client.force_login(hana)
    page = client.get(decided.get_absolute_url()).content.decode()
    assert "Next deadline" not in page.split('id="facts"')[1].split("</section>")[0]
    listed = client.get("/cases/?status=closed").content.decode()
    assert decided.reference in listed
    # My work's table of cases with their next deadline leaves it out (its risk date stays in "My deadlines").
    my_work = client.get("/cases/my-work/").content.decode()
    assert decided.reference not in my_work.split('id="my-deadlines"')[0]


def test_it_issues_a_letter_on_a_closed_case_only_as_a_correction_with_a_reason(hana, decided, signatory):
    kind = LetterKind.DISCIPLINARY_OUTCOME
    first = services.letter_issue(actor=hana, case=decided, kind=kind, language="en")
    close(hana, decided)
    decided.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        services.letter_issue(actor=hana, case=decided, kind=kind, language="en")
    assert refused.value.field == "replaces"
    with pytest.raises(ApplicationError) as refused:
        services.letter_issue(actor=hana, case=decided, kind=kind, language="en", replaces=first)
    assert refused.value.field == "correction_reason"
    assert Letter.objects.filter(case=decided).count() == 1

    api = APIClient()
    api.force_login(hana)
    url = f"/api/v1/cases/{decided.pk}/letters/"
    assert api.post(url, {"kind": kind}, format="json").status_code == 400
    response = api.post(
        url,
        {"kind": kind, "replaces": first.pk, "correction_reason": "The date of the decision was wrong"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Letter.objects.get(pk=response.json()["id"]).replaces_id == first.pk


def test_it_refuses_to_merge_a_concern_into_a_decided_or_closed_case(hana, liam, sam, decided):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Again", urgency="normal"
    )
    with pytest.raises(ApplicationError) as refused:
        services.concern_merge(actor=hana, concern=concern, case=decided, reason="Same matter")
    assert refused.value.field == "case" and decided.reference in refused.value.message
    close(hana, decided)
    decided.refresh_from_db()
    api = APIClient()
    api.force_login(hana)
    response = api.post(
        f"/api/v1/concerns/{concern.pk}/merge/", {"case": decided.pk, "reason": "Same"}, format="json"
    )
    assert response.status_code == 400
    concern.refresh_from_db()
    assert concern.status != ConcernStatus.CASE_OPENED and decided.status == CaseStatus.CLOSED


def test_it_shows_the_merge_refusal_on_the_triage_form(client, hana, liam, sam, decided):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Again", urgency="normal"
    )
    client.force_login(hana)
    page = client.post(f"/cases/triage/{concern.pk}/merge/", {"case": decided.pk, "reason": "Same matter"})
    assert page.status_code == 200
    assert f"{decided.reference} is already decided or closed" in page.content.decode()
    concern.refresh_from_db()
    assert concern.case_id is None


def test_it_issues_a_correction_on_a_closed_case_from_the_page(client, hana, decided, signatory):
    kind = LetterKind.DISCIPLINARY_OUTCOME
    first = services.letter_issue(actor=hana, case=decided, kind=kind, language="en")
    close(hana, decided)
    client.force_login(hana)
    url = f"/cases/{decided.pk}/letters/issue/"
    client.post(url, {"kind": kind, "language": "en"})
    assert Letter.objects.filter(case=decided).count() == 1
    preview = client.get(f"/cases/{decided.pk}/letters/preview/", {"kind": kind, "language": "en"})
    assert "Why is the letter corrected?" in preview.content.decode()
    client.post(
        url, {"kind": kind, "language": "en", "replaces": first.pk, "correction_reason": "Wrong date"}
    )
    correction = Letter.objects.get(case=decided, replaces=first)
    assert correction.case.timeline.filter(body="Wrong date").exists()
