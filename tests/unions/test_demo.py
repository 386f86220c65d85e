from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone

from unions import statutory
from unions.demo import seed_unions
from unions.models import CollectiveAgreement, Consultation, EmployeeBody, Negotiation, Representative

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_demo_with_a_uk_consultation_at_about_day_12_of_45(rita):
    rita.email = "rep@example.com"
    rita.save()
    seed_unions(io.StringIO())
    counts = (
        EmployeeBody.objects.count(),
        Consultation.objects.count(),
        Negotiation.objects.count(),
        CollectiveAgreement.objects.count(),
        Representative.objects.count(),
    )
    seed_unions(io.StringIO())
    assert counts == (
        EmployeeBody.objects.count(),
        Consultation.objects.count(),
        Negotiation.objects.count(),
        CollectiveAgreement.objects.count(),
        Representative.objects.count(),
    )
    assert set(EmployeeBody.objects.values_list("jurisdiction", "kind")) == {
        ("GB", "trade_union"),
        ("US", "trade_union"),
        ("NO", "trade_union"),
        ("VN", "grassroots_rep_org"),
    }
    consultation = Consultation.objects.get(jurisdiction="GB")
    progress = statutory.progress(consultation, statutory.requirements(consultation), timezone.localdate())
    # Started on the working day on or before twelve days ago.
    assert progress.day is not None and 12 <= progress.day <= 14 and progress.of == 45
    assert Representative.objects.get(user=rita).body.jurisdiction == "GB"
    assert CollectiveAgreement.objects.filter(
        valid_to__lte=timezone.localdate() + datetime.timedelta(days=30)
    ).exists()


def test_the_demo_consultation_and_expiring_agreement_have_their_deadlines_once(erin):
    from deadlines.models import Deadline, DeadlineStatus

    seed_unions(io.StringIO())
    rows = sorted(Deadline.objects.values_list("owner_type", "owner_id", "key", "status", "due_on"))
    gb = Consultation.objects.get(jurisdiction="GB")
    assert len([r for r in rows if r[:2] == ("unions.consultation", gb.pk)]) == 3  # its three statutory dates
    assert (
        len([r for r in rows if r[0] == "unions.collectiveagreement"])
        == CollectiveAgreement.objects.filter(valid_to__isnull=False).count()
    )
    seed_unions(io.StringIO())
    assert sorted(Deadline.objects.values_list("owner_type", "owner_id", "key", "status", "due_on")) == rows
    consultation = Consultation.objects.get(jurisdiction="GB")
    by_key = {
        d.key: d for d in Deadline.objects.filter(owner_type="unions.consultation", owner_id=consultation.pk)
    }
    assert by_key["consultation_period"].status == DeadlineStatus.OPEN
    assert by_key["consultation_period"].due_on == consultation.started_on + datetime.timedelta(days=45)
    assert by_key["government_notice"].status == DeadlineStatus.MET  # HR1 went out on day 0
    assert by_key["consultation_notice_period"].status == DeadlineStatus.OPEN
    expiring = CollectiveAgreement.objects.get(title="Warehouse collective bargaining agreement")
    expiry = Deadline.objects.get(owner_type="unions.collectiveagreement", owner_id=expiring.pk)
    assert (expiry.status, expiry.due_on, expiry.responsible) == (
        DeadlineStatus.OPEN,
        expiring.valid_to,
        erin,
    )
