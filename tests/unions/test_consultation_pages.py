"""Consultation pages: list, detail with the "where are we" banner, and the HR actions."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.days import DATE_SENSITIVE
from tests.unions.conftest import make_consultation
from unions.models import ConsultationLogEntry, ConsultationMeeting, ConsultationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]
D = datetime.date


def test_the_list_shows_a_union_rep_only_their_bodys_consultations(
    client, rita, gb_consultation, other_consultation
):
    client.force_login(rita)
    response = client.get(reverse("unions:consultation_list"))
    assert response.status_code == 200
    assert gb_consultation.title in response.content.decode()
    assert other_consultation.title not in response.content.decode()


def test_the_list_filters_by_status_jurisdiction_and_kind(client, erin, gb_consultation, other_consultation):
    client.force_login(erin)
    body = client.get(reverse("unions:consultation_list"), {"jurisdiction": "US"}).content.decode()
    assert other_consultation.title in body and gb_consultation.title not in body
    body = client.get(reverse("unions:consultation_list"), {"status": "concluded"}).content.decode()
    assert other_consultation.title not in body and gb_consultation.title not in body
    body = client.get(reverse("unions:consultation_list"), {"kind": "collective_redundancy"}).content.decode()
    assert other_consultation.title in body and gb_consultation.title in body


def test_the_list_is_refused_to_an_outsider_and_to_post(client, olga, erin):
    client.force_login(olga)
    assert client.get(reverse("unions:consultation_list")).status_code == 403
    client.force_login(erin)
    assert client.post(reverse("unions:consultation_list")).status_code == 405


def test_the_detail_page_shows_day_12_of_45_and_the_rules(client, erin, gb_union):
    started = timezone.localdate() - datetime.timedelta(days=12)
    consultation = make_consultation(gb_union, started_on=started, government_notified_on=started)
    client.force_login(erin)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Day 12 of 45" in body
    assert "GB-RED-001" in body and "TULRCA s188, s188A" in body and "GB-RED-002" in body
    assert (started + datetime.timedelta(days=45)).strftime("%-d %b %Y") in body


def test_a_union_rep_gets_404_for_another_bodys_consultation(
    client, rita, gb_consultation, other_consultation
):
    client.force_login(rita)
    assert client.get(gb_consultation.get_absolute_url()).status_code == 200
    assert client.get(other_consultation.get_absolute_url()).status_code == 404


def test_the_detail_page_is_refused_to_an_outsider_and_to_post(client, olga, erin, gb_consultation):
    client.force_login(olga)
    assert client.get(gb_consultation.get_absolute_url()).status_code == 403
    client.force_login(erin)
    assert client.post(gb_consultation.get_absolute_url()).status_code == 405


def test_the_timeline_lists_meetings_and_log_entries_newest_first(client, erin, gb_consultation):
    ConsultationLogEntry.objects.create(
        consultation=gb_consultation,
        kind="proposal",
        text="Older proposal",
        at=timezone.now() - datetime.timedelta(days=3),
    )
    ConsultationMeeting.objects.create(
        consultation=gb_consultation, held_at=timezone.now(), agenda="Newest meeting"
    )
    client.force_login(erin)
    body = client.get(gb_consultation.get_absolute_url()).content.decode()
    assert 'class="timeline"' in body
    assert body.index("Newest meeting") < body.index("Older proposal")


def _post(client, consultation, name, data, **extra):
    return client.post(reverse(f"unions:{name}", args=[consultation.pk]), data, **extra)


def test_concluding_too_early_is_accepted_with_the_gb_red_001_warning(client, erin, gb_consultation):
    # DOMAIN.md GB-RED-001: an earlier "concluded" is a WARN (shown), not a BLOCK.
    client.force_login(erin)
    response = _post(
        client,
        gb_consultation,
        "consultation_conclude",
        {"conclude-on": "2026-04-15", "conclude-outcome": "Agreed"},
    )
    assert response.status_code == 302
    assert "GB-RED-001" in client.get(response.url).content.decode()
    gb_consultation.refresh_from_db()
    assert gb_consultation.status == ConsultationStatus.CONCLUDED


def test_planning_the_first_dismissal_too_early_is_a_form_error(client, erin, gb_consultation):
    client.force_login(erin)
    response = _post(client, gb_consultation, "consultation_first_dismissal", {"dismissal-on": "2026-04-15"})
    assert response.status_code == 400 and "16 Apr 2026" in response.content.decode()
    assert (
        _post(
            client, gb_consultation, "consultation_first_dismissal", {"dismissal-on": "2026-04-16"}
        ).status_code
        == 302
    )
    gb_consultation.refresh_from_db()
    assert gb_consultation.first_dismissal_planned_on == D(2026, 4, 16)


def test_hr_adds_a_log_entry_and_records_a_meeting_with_minutes(client, erin, gb_union, gb_consultation):
    client.force_login(erin)
    assert (
        _post(
            client,
            gb_consultation,
            "consultation_log_add",
            {"log-kind": "counter_proposal", "log-body": gb_union.pk, "log-text": "Fewer roles"},
        ).status_code
        == 302
    )
    entry = ConsultationLogEntry.objects.get(consultation=gb_consultation, kind="counter_proposal")
    assert (entry.body, entry.author, entry.text) == (gb_union, erin, "Fewer roles")
    rep = gb_union.representatives.get()
    minutes = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    assert (
        _post(
            client,
            gb_consultation,
            "consultation_meeting_add",
            {
                "meeting-held_at": "2026-03-10T10:00",
                "meeting-agenda": "Selection",
                "meeting-attendees": [rep.pk],
                "meeting-minutes": minutes,
            },
        ).status_code
        == 302
    )
    meeting = ConsultationMeeting.objects.get(consultation=gb_consultation)
    assert list(meeting.attendees.all()) == [rep] and meeting.minutes.name.endswith(".pdf")
    download = client.get(
        reverse("unions:consultation_meeting_minutes", args=[gb_consultation.pk, meeting.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 minutes"


def test_the_minutes_are_refused_to_another_bodys_rep(client, rita, other_consultation):
    meeting = ConsultationMeeting.objects.create(
        consultation=other_consultation, held_at=timezone.now(), minutes=SimpleUploadedFile("m.pdf", b"x")
    )
    client.force_login(rita)
    url = reverse("unions:consultation_meeting_minutes", args=[other_consultation.pk, meeting.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 405


def test_opening_a_norwegian_consultation_before_nav_is_a_form_error(client, erin, gb_union):
    consultation = make_consultation(
        gb_union,
        jurisdiction="NO",
        number_affected=12,
        started_on=None,
        government_notified_on=None,
        status=ConsultationStatus.PLANNED,
    )
    client.force_login(erin)
    response = _post(client, consultation, "consultation_open", {"open-on": "2026-01-05"})
    assert response.status_code == 400 and "NO-RED-003" in response.content.decode()
    assert _post(client, consultation, "consultation_notify", {"notify-on": "2026-01-05"}).status_code == 302
    assert _post(client, consultation, "consultation_open", {"open-on": "2026-01-05"}).status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.government_notified_on) == ("open", D(2026, 1, 5))


def test_a_us_short_notice_reason_is_recorded(client, erin, other_consultation):
    client.force_login(erin)
    assert (
        _post(
            client,
            other_consultation,
            "consultation_short_notice",
            {"short-reason": "natural_disaster", "short-explanation": "Flood"},
        ).status_code
        == 302
    )
    other_consultation.refresh_from_db()
    assert other_consultation.short_notice_reason == "natural_disaster"


ACTIONS = [
    ("consultation_open", {"open-on": "2026-03-02"}),
    ("consultation_notify", {"notify-on": "2026-03-02"}),
    ("consultation_first_dismissal", {"dismissal-on": "2026-05-01"}),
    ("consultation_short_notice", {"short-reason": "natural_disaster", "short-explanation": "Flood"}),
    ("consultation_conclude", {"conclude-on": "2026-05-01"}),
    ("consultation_log_add", {"log-kind": "note", "log-text": "x"}),
    ("consultation_meeting_add", {"meeting-held_at": "2026-03-10T10:00"}),
]


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_actions_are_refused_to_case_managers_reps_and_outsiders_and_to_get(
    client, hana, rita, olga, erin, gb_consultation, name, data
):
    before = (gb_consultation.status, gb_consultation.updated_at)
    # Those who may see the consultation are refused the action (403); an outsider never learns it exists.
    for user, refused in ((hana, 403), (rita, 403), (olga, 404)):
        client.force_login(user)
        assert _post(client, gb_consultation, name, data).status_code == refused
    gb_consultation.refresh_from_db()
    assert (gb_consultation.status, gb_consultation.updated_at) == before
    assert not ConsultationMeeting.objects.exists()
    assert not ConsultationLogEntry.objects.exists()
    client.force_login(erin)
    assert client.get(reverse(f"unions:{name}", args=[gb_consultation.pk])).status_code == 405


def test_a_case_manager_sees_the_page_without_the_action_forms(client, hana, gb_consultation):
    client.force_login(hana)
    body = client.get(gb_consultation.get_absolute_url()).content.decode()
    assert gb_consultation.title in body
    assert reverse("unions:consultation_conclude", args=[gb_consultation.pk]) not in body


@pytest.mark.parametrize(
    "name, service, data",
    [
        ("consultation_conclude", "consultation_conclude", {"conclude-on": "2026-04-16"}),
        ("consultation_first_dismissal", "consultation_plan_first_dismissal", {"dismissal-on": "2026-04-16"}),
    ],
)
def test_a_refusal_naming_no_field_of_the_form_shows_on_the_form_as_a_whole(
    client, erin, gb_consultation, monkeypatch, name, service, data
):
    from erms.lib.errors import ApplicationError
    from unions import services

    def refuse(**kwargs):
        raise ApplicationError("The consultation is locked by another change.", field="status")

    monkeypatch.setattr(services, service, refuse)
    client.force_login(erin)
    response = _post(client, gb_consultation, name, data)
    assert response.status_code == 400
    assert "The consultation is locked by another change." in response.content.decode()
