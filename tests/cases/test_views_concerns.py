import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import services
from cases.models import CaseKind, Concern, ConcernStatus, Document

pytestmark = pytest.mark.django_db

CREATE = reverse("cases:concern_create")


def _valid(sam, **overrides):
    data = {
        "about": [sam.employee_record.pk],
        "category": "conduct",
        "description": "Shouted at a customer",
        "urgency": "normal",
        "place": "Shop floor",
    }
    return data | overrides


def test_a_line_manager_sees_the_concern_form(client, liam):
    client.force_login(liam)
    response = client.get(CREATE)
    assert response.status_code == 200
    assert reverse("cases:employee_search") in response.content.decode()


def test_raising_a_concern_with_attachments_redirects_to_my_concerns(client, liam, sam):
    client.force_login(liam)
    files = [
        SimpleUploadedFile("note.txt", b"What I saw", content_type="text/plain"),
        SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
    ]
    response = client.post(CREATE, _valid(sam, attachments=files))
    assert response.status_code == 302 and response["Location"] == reverse("cases:my_concerns")
    concern = Concern.objects.get(raised_by=liam)
    assert list(concern.about.all()) == [sam.employee_record]
    assert sorted(concern.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "text/plain",
    ]


@pytest.fixture
def contractor(django_user_model):
    """A log-in with no role and no directory entry: not an employee, so no concerns."""
    return django_user_model.objects.create_user(email="contractor@example.com", password="pw")


def test_someone_without_the_permission_cannot_raise_a_concern(client, contractor, sam):
    client.force_login(contractor)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _valid(sam)).status_code == 403
    assert not Concern.objects.exists()


def test_the_concern_form_refuses_other_methods(client, liam):
    client.force_login(liam)
    assert client.put(CREATE).status_code == 405


def test_a_concern_about_nobody_is_a_field_error(client, liam, sam):
    client.force_login(liam)
    response = client.post(CREATE, _valid(sam, about=[]))
    assert response.status_code == 200
    assert "Choose at least one person" in str(response.context["form"].errors["about"])
    assert not Concern.objects.exists()


def test_discrimination_without_the_protected_characteristic_is_a_field_error(client, liam, sam):
    client.force_login(liam)
    response = client.post(CREATE, _valid(sam, category="discrimination"))
    assert "protected characteristic" in str(response.context["form"].errors["protected_characteristic"])
    assert not Concern.objects.exists()
    response = client.post(CREATE, _valid(sam, category="discrimination", protected_characteristic="age"))
    assert response.status_code == 302


def test_a_disallowed_attachment_is_a_field_error_and_nothing_is_written(client, liam, sam):
    client.force_login(liam)
    files = [
        SimpleUploadedFile("fine.txt", b"fine", content_type="text/plain"),
        SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" * 20, content_type="application/pdf"),
    ]
    response = client.post(CREATE, _valid(sam, attachments=files))
    assert response.status_code == 200
    assert "invoice.pdf is not an allowed type" in str(response.context["form"].errors["attachments"])
    assert not Concern.objects.exists()
    assert not Document.objects.exists()


def test_the_people_picker_returns_matches_with_only_directory_basics(client, liam, sam, olga):
    client.force_login(liam)
    response = client.get(reverse("cases:employee_search"), {"q": "Sam", "field": "about", "multiple": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sam Subject" in body and sam.employee_record.employee_number in body
    assert 'name="about"' in body and 'type="checkbox"' in body
    assert sam.email not in body
    assert "Olga" not in body


def test_the_people_picker_is_refused_to_people_who_cannot_raise_concerns(client, contractor):
    client.force_login(contractor)
    assert client.get(reverse("cases:employee_search"), {"q": "Sam"}).status_code == 403


def test_the_people_picker_refuses_post(client, liam):
    client.force_login(liam)
    assert client.post(reverse("cases:employee_search"), {"q": "Sam"}).status_code == 405


def test_the_people_picker_caps_results_at_twenty(client, liam, operations, london):
    from tests.factories import EmployeeFactory

    EmployeeFactory.create_batch(25, last_name="Smith", department=operations, location=london)
    client.force_login(liam)
    response = client.get(reverse("cases:employee_search"), {"q": "Smith"})
    assert len(response.context["employees"]) == 20


@pytest.fixture
def opened(liam, sam, rita, hana):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouted at a customer"
    )
    case = services.concern_accept(
        actor=hana,
        concern=concern,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Formal process needed",
    )
    services.party_add(actor=hana, case=case, employee=rita.employee_record, role="witness")
    services.note_add(actor=hana, case=case, body="Internal: previous warnings on file")
    services.note_add(
        actor=hana, case=case, body="We have started a formal process", shared_with_submitter=True
    )
    return concern


def test_the_submitter_sees_status_and_shared_messages_but_no_case_internals(client, liam, opened):
    client.force_login(liam)
    for url in (reverse("cases:my_concerns"), reverse("cases:my_concern_detail", args=[opened.pk])):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert opened.reference in body
        assert "Case opened" in body
        assert "We have started a formal process" in body
        assert "previous warnings" not in body
        assert "Rita Rep" not in body
        assert opened.case.reference not in body


def test_someone_elses_concern_answers_404(client, hana, opened):
    client.force_login(hana)
    assert client.get(reverse("cases:my_concern_detail", args=[opened.pk])).status_code == 404


def test_my_concerns_refuses_post(client, liam):
    client.force_login(liam)
    assert client.post(reverse("cases:my_concerns")).status_code == 405


def test_the_progress_shows_the_current_step(client, liam, sam):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Late again"
    )
    client.force_login(liam)
    response = client.get(reverse("cases:my_concern_detail", args=[concern.pk]))
    assert [s["state"] for s in response.context["steps"]] == ["current", "", ""]
    assert concern.status == ConcernStatus.RECEIVED
