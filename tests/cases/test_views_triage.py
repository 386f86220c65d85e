import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import services
from cases.models import Case, CaseKind, ConcernStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(liam, sam):
    return services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description="Shouted at a customer",
        urgency="urgent",
        attachments=[SimpleUploadedFile("note.txt", b"What I saw", content_type="text/plain")],
    )


def _url(name, concern):
    return reverse(f"cases:{name}", args=[concern.pk])


def test_the_queue_lists_concerns_with_urgency_badges(client, hana, concern):
    client.force_login(hana)
    response = client.get(reverse("cases:triage_queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert concern.reference in body and "urgency-urgent" in body


def test_the_queue_is_refused_to_people_who_cannot_triage(client, olga, liam):
    for user in (olga, liam):
        client.force_login(user)
        assert client.get(reverse("cases:triage_queue")).status_code == 403


def test_the_queue_refuses_post(client, hana):
    client.force_login(hana)
    assert client.post(reverse("cases:triage_queue")).status_code == 405


def test_opening_a_received_concern_starts_the_review(client, hana, concern):
    client.force_login(hana)
    response = client.get(_url("triage_detail", concern))
    assert response.status_code == 200
    assert (
        reverse("cases:document_download", args=[concern.attachments.get().pk]) in response.content.decode()
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.UNDER_REVIEW


def test_a_triager_can_download_the_attachment_and_the_submitter_too(client, hana, liam, olga, concern):
    doc = concern.attachments.get()
    url = reverse("cases:document_download", args=[doc.pk])
    client.force_login(hana)
    assert client.get(url).status_code == 200
    client.force_login(liam)
    assert client.get(url).status_code == 200
    client.force_login(olga)
    assert client.get(url).status_code == 404


def test_a_concern_about_the_triager_is_hidden_from_them(client, hana, liam, erin):
    about_erin = services.concern_raise(
        actor=liam, about=[erin.employee_record], category="conduct", description="Rude in a meeting"
    )
    client.force_login(hana)  # erin is in hana's manager chain
    assert client.get(_url("triage_detail", about_erin)).status_code == 404


def test_accepting_opens_a_case_with_the_chosen_manager(client, hana, concern):
    client.force_login(hana)
    response = client.post(
        _url("triage_accept", concern),
        {
            "kind": CaseKind.DISCIPLINARY,
            "case_manager": hana.pk,
            "reason": "Serious",
            "title": "Customer incident",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.title == "Customer incident" and case.case_manager == hana
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CASE_OPENED and concern.triaged_by == hana


def test_accepting_without_a_reason_is_a_field_error(client, hana, concern):
    client.force_login(hana)
    response = client.post(
        _url("triage_accept", concern), {"kind": CaseKind.DISCIPLINARY, "case_manager": hana.pk}
    )
    assert response.status_code == 200
    assert "reason" in response.context["accept_form"].errors
    assert not Case.objects.exists()


def test_the_case_manager_must_be_an_hr_case_manager_or_er_lead(client, hana, ivan, concern):
    client.force_login(hana)
    response = client.post(
        _url("triage_accept", concern),
        {"kind": CaseKind.DISCIPLINARY, "case_manager": ivan.pk, "reason": "x"},
    )
    assert "case_manager" in response.context["accept_form"].errors


def test_decision_actions_refuse_get_and_outsiders(client, hana, olga, concern):
    client.force_login(hana)
    for name in ("triage_accept", "triage_merge", "triage_resolve", "triage_close", "triage_message"):
        assert client.get(_url(name, concern)).status_code == 405
    client.force_login(olga)
    assert client.post(_url("triage_close", concern), {"reason": "x"}).status_code == 403
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RECEIVED


def test_merging_into_a_visible_case(client, hana, liam, sam, concern):
    other = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="x"
    )
    case = services.concern_accept(
        actor=hana, concern=other, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal"
    )
    client.force_login(hana)
    response = client.post(_url("triage_merge", concern), {"case": case.pk, "reason": "Same incident"})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.case == case


def test_merging_into_a_case_the_triager_cannot_see_is_refused(client, hana, erin, liam, sam, concern):
    other = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="x"
    )
    hidden = services.concern_accept(
        actor=erin, concern=other, kind=CaseKind.DISCIPLINARY, case_manager=erin, reason="Formal"
    )
    client.force_login(hana)
    response = client.post(_url("triage_merge", concern), {"case": hidden.pk, "reason": "Same"})
    assert response.status_code == 200 and "case" in response.context["merge_form"].errors
    concern.refresh_from_db()
    assert concern.case is None


def test_resolving_informally_shares_the_advice_with_the_submitter(client, hana, concern):
    client.force_login(hana)
    response = client.post(_url("triage_resolve", concern), {"advice": "Have a quiet word first"})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED_INFORMALLY
    assert list(concern.messages.values_list("body", flat=True)) == ["Have a quiet word first"]


def test_closing_records_the_reason_and_the_optional_message(client, hana, concern):
    client.force_login(hana)
    client.post(_url("triage_close", concern), {"reason": "Not an ER matter", "message": "Please talk to IT"})
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.NO_FURTHER_ACTION and concern.triage_reason == "Not an ER matter"
    assert concern.messages.get().body == "Please talk to IT"


def test_sending_a_message_to_the_submitter(client, hana, concern):
    client.force_login(hana)
    response = client.post(_url("triage_message", concern), {"body": "Thanks, we are looking at it"})
    assert response.status_code == 302
    assert concern.messages.get().body == "Thanks, we are looking at it"
