from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone

from unions import statutory
from unions.demo import seed_unions
from unions.models import CollectiveAgreement, Consultation, EmployeeBody, Negotiation, Representative

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_demo_with_a_uk_consultation_at_day_12_of_45(rita):
    rita.email = "rep@example.com"
    rita.save()
    seed_unions(io.StringIO())
    counts = (EmployeeBody.objects.count(), Consultation.objects.count(), Negotiation.objects.count(),
              CollectiveAgreement.objects.count(), Representative.objects.count())
    seed_unions(io.StringIO())
    assert counts == (EmployeeBody.objects.count(), Consultation.objects.count(), Negotiation.objects.count(),
                      CollectiveAgreement.objects.count(), Representative.objects.count())
    assert set(EmployeeBody.objects.values_list("jurisdiction", "kind")) == {
        ("GB", "trade_union"), ("US", "trade_union"), ("NO", "works_council"), ("VN", "grassroots_rep_org")}
    consultation = Consultation.objects.get(jurisdiction="GB")
    progress = statutory.progress(consultation, statutory.requirements(consultation), timezone.localdate())
    assert (progress.day, progress.of) == (12, 45)
    assert Representative.objects.get(user=rita).body.jurisdiction == "GB"
    assert CollectiveAgreement.objects.filter(valid_to__lte=timezone.localdate() + datetime.timedelta(days=30)).exists()
