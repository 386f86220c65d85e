"""A union representative's view of a consultation: the proposal, its dates, the consultation
period, the meetings with their body and what HR shares with the representatives. HR's
compliance tracking (the requirements checklist, rule statuses, risk notes, the deadlines
table) and HR-only log entries stay with HR."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from unions import services
from unions.deadlines import consultation_deadlines_sync
from unions.models import ConsultationLogEntry, ConsultationMeeting, Representative

pytestmark = pytest.mark.django_db

HR_ONLY = "Budget line for the protective award reserve."
SHARED = "Written proposal and s188 letter sent to the union."


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def consultation(erin, gb_union, other_union, gb_consultation):
    gb_consultation.bodies.add(other_union)
    consultation_deadlines_sync(gb_consultation, actor=erin)
    other_rep = Representative.objects.create(
        body=other_union,
        role="Business agent",
        serves_from=datetime.date(2020, 1, 1),
        external_name="Jordan Agent",
    )
    ConsultationLogEntry.objects.create(
        consultation=gb_consultation, kind="note", text=HR_ONLY, author=erin, at=timezone.now()
    )
    ConsultationLogEntry.objects.create(
        consultation=gb_consultation,
        kind="proposal",
        text=SHARED,
        author=erin,
        at=timezone.now() - datetime.timedelta(days=2),
        shared_with_representatives=True,
    )
    ConsultationLogEntry.objects.create(
        consultation=gb_consultation,
        kind="counter_proposal",
        body=other_union,
        text="Teamsters counter-proposal.",
        author=erin,
        shared_with_representatives=True,
    )
    ours = ConsultationMeeting.objects.create(
        consultation=gb_consultation,
        held_at=timezone.now() - datetime.timedelta(days=1),
        agenda="Selection pool with Unite",
        minutes=SimpleUploadedFile("ours.pdf", b"%PDF-1.4 ours"),
    )
    ours.attendees.set(gb_union.representatives.all())
    theirs = ConsultationMeeting.objects.create(
        consultation=gb_consultation,
        held_at=timezone.now() - datetime.timedelta(days=1),
        agenda="Chicago side meeting",
        minutes=SimpleUploadedFile("theirs.pdf", b"%PDF-1.4 theirs"),
    )
    theirs.attendees.set([other_rep])
    return gb_consultation


def _page(client, user, consultation) -> str:
    client.force_login(user)
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_rita_the_meetings_with_her_body_and_the_shared_log_lines(client, rita, consultation):
    body = _page(client, rita, consultation)
    assert "Selection pool with Unite" in body
    assert SHARED in body
    assert consultation.title in body and "2 Mar 2026" in body


def test_it_shows_rita_the_consultation_period_start_and_end(client, rita, consultation):
    body = _page(client, rita, consultation)
    assert "Consultation period" in body
    assert "Minimum consultation period before the first dismissal takes effect" in body
    assert "16 Apr 2026" in body


def test_it_hides_hrs_compliance_tracking_from_rita(client, rita, consultation):
    body = _page(client, rita, consultation)
    assert "Statutory requirements" not in body
    assert "The reasons for the proposals" not in body  # the s188(4) checklist
    assert "Protective award" not in body and "180 days" not in body and "90 days" not in body
    assert "Rule not yet checked" not in body and "Check unverified rules" not in body
    assert 'class="list deadlines"' not in body and "Responsible" not in body


def test_it_hides_hr_only_log_lines_and_other_bodies_business_from_rita(client, rita, consultation):
    body = _page(client, rita, consultation)
    assert HR_ONLY not in body
    assert "Teamsters counter-proposal." not in body
    assert "Chicago side meeting" not in body


def test_it_refuses_rita_the_minutes_of_another_bodys_meeting(client, rita, consultation):
    client.force_login(rita)
    ours = consultation.meetings.get(agenda__contains="Unite")
    theirs = consultation.meetings.get(agenda__contains="Chicago")
    assert (
        client.get(
            reverse("unions:consultation_meeting_minutes", args=[consultation.pk, ours.pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("unions:consultation_meeting_minutes", args=[consultation.pk, theirs.pk])
        ).status_code
        == 404
    )


def test_it_shows_hr_everything_and_marks_the_shared_entries(client, erin, consultation):
    body = _page(client, erin, consultation)
    assert HR_ONLY in body and SHARED in body and "Teamsters counter-proposal." in body
    assert "Chicago side meeting" in body and "Selection pool with Unite" in body
    assert "Statutory requirements" in body and "The reasons for the proposals" in body
    assert "Protective award" in body and 'class="list deadlines"' in body
    assert body.count("Shared with the representatives") == 2  # SHARED and the Teamsters' counter-proposal
    assert "Share with the representatives" in body  # the log form's checkbox


def test_it_keeps_hrs_log_entries_internal_unless_hr_shares_them(client, erin, gb_consultation):
    client.force_login(erin)
    url = reverse("unions:consultation_log_add", args=[gb_consultation.pk])
    assert client.post(url, {"log-kind": "note", "log-text": "Internal"}).status_code == 302
    assert (
        client.post(
            url, {"log-kind": "proposal", "log-text": "Shared", "log-shared_with_representatives": "on"}
        ).status_code
        == 302
    )
    entries = dict(ConsultationLogEntry.objects.values_list("text", "shared_with_representatives"))
    assert entries == {"Internal": False, "Shared": True}


def test_it_shares_the_invitation_of_the_representatives(erin, gb_union):
    consultation = services.consultation_create(
        actor=erin,
        kind="collective_redundancy",
        title="Pickers",
        jurisdiction="GB",
        number_affected=30,
        bodies=[gb_union],
    )
    services.consultation_open(actor=erin, consultation=consultation, on=timezone.localdate())
    services.consultation_record_government_notice(
        actor=erin, consultation=consultation, on=timezone.localdate()
    )
    shared = {
        e.text.split(";")[0].split(" for ")[0]: e.shared_with_representatives
        for e in consultation.log_entries.all()
    }
    assert shared == {"Consultation opened": True, "Government notification recorded": False}


def test_the_api_gives_rita_the_consultation_period_but_not_the_requirements(api, rita, erin, consultation):
    url = reverse("api:consultation-detail", args=[consultation.pk])
    api.force_authenticate(rita)
    data = api.get(url).json()
    assert data["requirements"] is None
    assert [(p["rule_id"], p["trigger_date"], p["date"]) for p in data["consultation_periods"]][0] == (
        "GB-RED-001",
        "2026-03-02",
        "2026-04-16",
    )
    assert "checklist" not in str(data) and "Protective" not in str(data)
    api.force_authenticate(erin)
    data = api.get(url).json()
    assert any(r["rule_id"] == "GB-RED-004" for r in data["requirements"])
