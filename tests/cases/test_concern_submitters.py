import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import services
from cases.models import CaseKind, Concern, Document, Party, PartyRole

pytestmark = pytest.mark.django_db


def test_any_employee_with_a_log_in_can_raise_a_concern(client, sam, olga):
    client.force_login(sam)
    assert client.get(reverse("cases:concern_create")).status_code == 200
    response = client.post(
        reverse("cases:concern_create"),
        {
            "about": [olga.employee_record.pk],
            "category": "bullying",
            "description": "Repeated put-downs",
            "urgency": "normal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Concern.objects.filter(raised_by=sam, category="bullying").exists()


def test_a_log_in_without_a_directory_entry_or_role_cannot_raise_a_concern(client, django_user_model):
    stranger = django_user_model.objects.create_user(email="contractor@example.com", password="pw")
    client.force_login(stranger)
    assert client.get(reverse("cases:concern_create")).status_code == 403


def test_the_submitter_can_still_download_their_attachment_after_it_joins_a_case(client, liam, sam, hana):
    concern = services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description="x",
        attachments=[SimpleUploadedFile("note.txt", b"what I saw", content_type="text/plain")],
    )
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="formal"
    )
    document = Document.objects.get(concern=concern)
    assert document.case == case
    client.force_login(liam)
    response = client.get(reverse("cases:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"what I saw"
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404


def test_merging_a_concern_adds_the_people_it_is_about_as_parties(liam, sam, olga, hana):
    first = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="a"
    )
    case = services.concern_accept(
        actor=hana, concern=first, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="formal"
    )
    second = services.concern_raise(
        actor=liam, about=[sam.employee_record, olga.employee_record], category="conduct", description="b"
    )
    services.concern_merge(actor=hana, concern=second, case=case, reason="Same incident")
    subjects = set(
        Party.objects.filter(case=case, role=PartyRole.SUBJECT).values_list("employee_id", flat=True)
    )
    assert subjects == {sam.employee_record.pk, olga.employee_record.pk}


def test_a_refused_attachment_writes_nothing_and_stores_no_file(liam, sam, settings, tmp_path):
    from erms.lib.errors import ApplicationError

    good = SimpleUploadedFile("a.txt", b"fine", content_type="text/plain")
    bad = SimpleUploadedFile("b.pdf", b"\x7fELF\x00\x00binary", content_type="application/pdf")
    with pytest.raises(ApplicationError):
        services.concern_raise(
            actor=liam,
            about=[sam.employee_record],
            category="conduct",
            description="x",
            attachments=[good, bad],
        )
    assert not Concern.objects.exists()
    media = tmp_path / "media"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
