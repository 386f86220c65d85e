"""My work names each deadline by what it belongs to (a consultation, an agreement, a policy, a
case) and links it there, as that owner registered (``deadlines.owners``)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import Jurisdiction
from deadlines.models import Deadline
from erms.lib import clock, workdays
from policies.models import Policy
from unions.models import BodyKind, CollectiveAgreement, Consultation, EmployeeBody, ProposalKind

pytestmark = pytest.mark.django_db


def _due(owner_type: str, owner_id: int, title: str, user) -> Deadline:
    today = clock.today() + datetime.timedelta(days=3)
    return Deadline.objects.create(
        key="k",
        title=title,
        due_on=today,
        due_at=workdays.end_of_day_utc(today, "Europe/London"),
        owner_type=owner_type,
        owner_id=owner_id,
        responsible=user,
    )


def _row(body: str, title: str) -> str:
    start = body.index(title)
    return body[body.rindex("<tr", 0, start) : body.index("</tr>", start)]


def test_it_labels_and_links_consultation_agreement_and_policy_deadlines(client, erin):
    body_ = EmployeeBody.objects.create(name="Unite", kind=BodyKind.TRADE_UNION, jurisdiction=Jurisdiction.GB)
    consultation = Consultation.objects.create(
        kind=ProposalKind.COLLECTIVE_REDUNDANCY,
        title="Warehouse redundancies",
        jurisdiction="GB",
        number_affected=30,
    )
    agreement = CollectiveAgreement.objects.create(
        body=body_, title="London pay deal", valid_from=datetime.date(2026, 1, 1)
    )
    policy = Policy.objects.create(
        title="Dignity at work", category="conduct", owner=erin, review_due=datetime.date(2027, 6, 1)
    )
    _due("unions.consultation", consultation.pk, "Consultation period ends", erin)
    _due("unions.collectiveagreement", agreement.pk, "Agreement expires", erin)
    _due("policies.policy", policy.pk, "Review policy", erin)
    client.force_login(erin)
    page = client.get(reverse("cases:my_work")).content.decode()

    row = _row(page, "Consultation period ends")
    assert "Consultation" in row and "Warehouse redundancies" in row
    assert f'href="{reverse("unions:consultation_detail", args=[consultation.pk])}"' in row
    assert "Policy review" not in row

    row = _row(page, "Agreement expires")
    assert "Collective agreement" in row and "London pay deal" in row
    assert f"#agreement-{agreement.pk}" in row

    row = _row(page, "Review policy")
    assert "Dignity at work" in row
    assert f'href="{reverse("policies:policy_detail", args=[policy.pk])}"' in row
