"""Letters API and pages: allowed user, refused user (404), wrong method; preview with gaps; issue; retry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import services
from cases.models import Letter, LetterKind, LetterStatus
from cases.services import letters as letter_services  # where rendering calls render_pdf
from tests.cases.test_letters import World, issue_and_render, make_organisation, open_case, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter_world(hana, erin, sam) -> World:
    return World(
        org=make_organisation(), case=open_case(hana, sam.employee_record), subject=sam.employee_record
    )


def _client(client, user):
    client.force_login(user)
    return client


def test_the_api_lists_issues_and_downloads_letters(
    client, hana, erin, letter_world, django_capture_on_commit_callbacks
):
    schedule(hana, letter_world.case, erin)
    url = reverse("api:case-letters", args=[letter_world.case.pk])
    api = _client(client, hana)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = api.post(
            url,
            {"kind": LetterKind.DISCIPLINARY_INVITATION, "language": "en"},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "queued" and response.json()["download_url"] is None
    assert len(queued) == 1
    letter = Letter.objects.get()
    services.letter_render(letter_id=letter.pk)

    listed = api.get(url).json()
    assert [row["status"] for row in listed] == ["rendered"]
    state = api.get(reverse("api:letter-detail", args=[letter.pk])).json()
    assert state["page_count"] >= 1 and state["reference"].endswith(f"/L{letter.pk}")
    pdf = api.get(state["download_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_the_api_refuses_an_issue_with_gaps(client, hana, letter_world):
    response = _client(client, hana).post(
        reverse("api:case-letters", args=[letter_world.case.pk]),
        {"kind": LetterKind.DISCIPLINARY_INVITATION, "language": "nb"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "meeting"
    assert not Letter.objects.exists()


def test_the_api_hides_letters_from_outsiders_and_refuses_wrong_methods(
    client, hana, erin, olga, letter_world
):
    schedule(hana, letter_world.case, erin)
    letter = issue_and_render(hana, letter_world.case, LetterKind.DISCIPLINARY_INVITATION)
    outsider = _client(client, olga)
    for name, args in (
        ("api:case-letters", [letter_world.case.pk]),
        ("api:letter-detail", [letter.pk]),
        ("api:letter-download", [letter.pk]),
    ):
        assert outsider.get(reverse(name, args=args)).status_code == 404
    assert (
        outsider.post(
            reverse("api:case-letters", args=[letter_world.case.pk]),
            {"kind": "disciplinary_invitation"},
            content_type="application/json",
        ).status_code
        == 404
    )
    insider = _client(client, hana)
    assert insider.delete(reverse("api:letter-detail", args=[letter.pk])).status_code == 405
    assert insider.post(reverse("api:letter-download", args=[letter.pk])).status_code == 405
    assert Letter.objects.count() == 1


def test_the_preview_page_flags_gaps_and_disables_issue(client, hana, letter_world):
    page = _client(client, hana).get(
        reverse("cases:letter_preview", args=[letter_world.case.pk]),
        {"kind": LetterKind.DISCIPLINARY_INVITATION, "language": "en"},
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "This letter cannot be issued yet" in body and "disabled" in body
    assert "Sam Subject" in body


def test_the_pages_issue_list_and_retry_a_letter(
    client, hana, erin, letter_world, monkeypatch, django_capture_on_commit_callbacks
):
    schedule(hana, letter_world.case, erin)
    browser = _client(client, hana)
    with django_capture_on_commit_callbacks(execute=False):
        response = browser.post(
            reverse("cases:letter_issue", args=[letter_world.case.pk]),
            {"kind": LetterKind.DISCIPLINARY_INVITATION, "language": "vi"},
        )
    assert response.status_code == 302
    letter = Letter.objects.get()
    monkeypatch.setattr(
        letter_services, "render_pdf", lambda html, **kw: (_ for _ in ()).throw(RuntimeError("boom"))
    )
    services.letter_render(letter_id=letter.pk)
    monkeypatch.undo()
    section = browser.get(
        reverse("cases:letter_list", args=[letter_world.case.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "RuntimeError: boom" in section and "Retry" in section
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert (
            browser.post(reverse("cases:letter_retry", args=[letter_world.case.pk, letter.pk])).status_code
            == 302
        )
    assert len(queued) == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED
    assert (
        browser.get(reverse("cases:letter_retry", args=[letter_world.case.pk, letter.pk])).status_code == 405
    )


def test_the_pages_hide_letters_from_outsiders(client, olga, hana, erin, letter_world):
    schedule(hana, letter_world.case, erin)
    letter = issue_and_render(hana, letter_world.case, LetterKind.DISCIPLINARY_INVITATION)
    outsider = _client(client, olga)
    case_pk = letter_world.case.pk
    assert outsider.get(reverse("cases:letter_list", args=[case_pk])).status_code == 404
    assert (
        outsider.get(
            reverse("cases:letter_preview", args=[case_pk]), {"kind": "disciplinary_invitation"}
        ).status_code
        == 404
    )
    assert (
        outsider.post(
            reverse("cases:letter_issue", args=[case_pk]),
            {"kind": "disciplinary_invitation", "language": "en"},
        ).status_code
        == 404
    )
    assert outsider.post(reverse("cases:letter_retry", args=[case_pk, letter.pk])).status_code == 404
    assert Letter.objects.count() == 1
