"""The demo (``manage.py seed_demo``) fills every page: two years of cases in every country and
stage, each step on its own day and none in the future; allegations linked to the policy version
in force on the incident date and to evidence; the union rep at hearings; consultations in every
country; letters; notifications. Seeding again adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Jurisdiction, User
from audit.models import AuditEntry
from cases.models import Allegation, Case, CaseKind, CaseStatus, Letter, LetterStatus, Meeting, TimelineEntry
from deadlines.models import Notification
from erms.lib import clock
from unions.models import CollectiveAgreement, Consultation

pytestmark = pytest.mark.django_db

STAGES = [
    CaseStatus.TRIAGE,
    CaseStatus.INVESTIGATION,
    CaseStatus.HEARING,
    CaseStatus.DECISION,
    CaseStatus.APPEAL_WINDOW,
    CaseStatus.CLOSED,
]


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        Allegation.objects.count(),
        Meeting.objects.count(),
        Letter.objects.count(),
        Notification.objects.count(),
        Consultation.objects.count(),
        CollectiveAgreement.objects.count(),
        AuditEntry.objects.count(),
    )


def test_it_seeds_a_demo_with_something_on_every_page(client):
    call_command("seed_demo", stdout=io.StringIO())
    now = clock.now()

    # Every country at every stage, with appeal cases; opened over more than a year, never in the future.
    for jurisdiction in Jurisdiction.values:
        cases = Case.objects.filter(jurisdiction=jurisdiction)
        assert set(STAGES) <= set(cases.values_list("status", flat=True)), jurisdiction
        assert cases.filter(kind=CaseKind.APPEAL).exists(), jurisdiction
    opened = sorted(Case.objects.values_list("opened_at", flat=True))
    assert (opened[-1] - opened[0]).days > 365
    assert len({o.strftime("%Y-%m") for o in opened}) >= 12
    assert opened[-1] <= now
    assert not AuditEntry.objects.filter(at__gt=now).exists()
    assert not TimelineEntry.objects.filter(created_at__gt=now).exists()
    for case in Case.objects.exclude(closed_at=None):
        assert case.opened_at < case.closed_at <= now
    # Each case's history is in order: its timeline entries were made one after another.
    for case_id in Case.objects.values_list("id", flat=True)[:20]:
        stamps = list(
            TimelineEntry.objects.filter(case_id=case_id).order_by("id").values_list("created_at", flat=True)
        )
        assert stamps == sorted(stamps)

    # Allegations: linked to the version in force on the incident date, and to evidence on the case.
    allegations = Allegation.objects.select_related("policy_version", "case")
    assert allegations.count() >= 50
    for allegation in allegations:
        assert allegation.policy_version is not None, allegation
        assert allegation.policy_version.effective_from <= allegation.incident_date
        assert allegation.evidence.filter(case=allegation.case).exists()

    # The union rep accompanies employees, and sees those meetings.
    rep = User.objects.get(email="rep@example.com")
    client.force_login(rep)
    hearings = client.get(reverse("unions:companion_meeting_list"))
    assert hearings.status_code == 200
    assert "You are not named as companion at any meeting." not in hearings.content.decode()
    consultations = client.get(reverse("unions:consultation_list"))
    assert "No consultations to show." not in consultations.content.decode()

    # Consultations in every country; agreements; letters issued, some already rendered.
    assert set(Consultation.objects.values_list("jurisdiction", flat=True)) == set(Jurisdiction.values)
    assert CollectiveAgreement.objects.count() >= 3
    assert Letter.objects.filter(status=LetterStatus.RENDERED, document__isnull=False).exists()
    assert Letter.objects.count() >= 20

    # Every staff user has notifications; every role's pages have something in them.
    for email in ["hr@example.com", "lead@example.com", "admin@example.com"]:
        assert Notification.objects.filter(user__email=email).exists(), email
    # Months of the last twelve in which each saw cases opened (the investigator, and the HR case
    # manager who runs Great Britain's cases only, see fewer cases).
    months = {
        "hr@example.com": 3,
        "lead@example.com": 6,
        "admin@example.com": 6,
        "investigator@example.com": 2,
    }
    for email, least in months.items():
        client.force_login(User.objects.get(email=email))
        assert client.get(reverse("home")).status_code == 200
        body = client.get(reverse("cases:case_list")).content.decode()
        assert "No cases match." not in body, email
        trends = client.get(reverse("cases:dashboard"))
        assert sum(1 for row in trends.context["trends"]["by_month"] if row["opened"]) >= least, email
    client.force_login(User.objects.get(email="manager@example.com"))
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("cases:my_concerns")).context is not None

    before = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before
