"""A small world with something on every main page, built through the services on top of the named
cast, and the list of those pages with who looks at each. Shared by the accessibility and phone tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Jurisdiction
from cases import services
from cases.models import Case, CaseKind, PartyRole
from erms.lib import clock
from policies import services as policy_services
from policies.models import PolicyCategory
from tests.unions.conftest import make_consultation
from unions.models import BodyKind, EmployeeBody, Representative


@dataclass(frozen=True)
class Screen:
    name: str
    email: str
    path: str


def build_world(*, ada, hana, erin, liam, sam, rita, london, operations) -> list[Screen]:
    """Cases (one overdue), a meeting with rita as companion, a concern waiting in triage, a policy
    with versions and a consultation with rita's union; returns the pages to look at."""
    case = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Rota grievance",
        summary="Sam says the rota is unfair.",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.COMPLAINANT)],
    )
    services.note_add(actor=hana, case=case, body="Spoke to Sam about the rota.")
    services.meeting_schedule(
        actor=hana,
        case=case,
        kind="grievance_meeting",
        scheduled_for=timezone.now() + datetime.timedelta(days=10),
        chair=erin,
        place="Room 4B",
        companion=rita.employee_record,
        notice_sent_on=clock.today(),
    )
    late = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Late for shifts",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )
    # An overdue deadline: the case's next deadline lies in the past (shown as overdue in the lists).
    Case.objects.filter(pk=late.pk).update(next_deadline_on=clock.today() - datetime.timedelta(days=3))
    concern = services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description="Sam shouted at a customer in front of the team.",
        place="Shop floor",
    )
    policy = policy_services.policy_create(
        actor=erin,
        title="Code of conduct",
        category=PolicyCategory.CONDUCT,
        jurisdictions=["GB", "NO"],
        review_due=datetime.date(2030, 1, 1),
        body_markdown="# Conduct\n\nBe kind.\n",
    )
    version = policy.versions.get()
    policy_services.policy_version_approve(actor=erin, version=version)
    policy_services.policy_version_make_effective(
        actor=erin, version=version, effective_from=datetime.date(2025, 1, 1)
    )
    union = EmployeeBody.objects.create(
        name="Unite London", kind=BodyKind.TRADE_UNION, jurisdiction=Jurisdiction.GB
    )
    Representative.objects.create(
        body=union,
        employee=rita.employee_record,
        user=rita,
        role="Shop steward",
        serves_from=datetime.date(2020, 1, 1),
    )
    consultation = make_consultation(union)
    hr = "hana@example.com"
    return [
        Screen("home", hr, "/"),
        Screen("case-list", hr, "/cases/"),
        Screen("case", hr, case.get_absolute_url()),
        Screen("triage-list", hr, "/cases/triage/"),
        Screen("triage", hr, f"/cases/triage/{concern.pk}/"),
        Screen("my-work", hr, "/cases/my-work/"),
        Screen("trends", hr, "/cases/trends/"),
        Screen("calendar", hr, "/deadlines/"),
        Screen("policy-list", "erin@example.com", "/policies/"),
        Screen("policy", "erin@example.com", policy.get_absolute_url()),
        Screen("consultation", "ada@example.com", f"/unions/consultations/{consultation.pk}/"),
        Screen("concern-form", "liam@example.com", "/cases/concerns/new/"),
        Screen("rep-hearings", "rita@example.com", "/unions/hearings/"),
        Screen("rep-home", "rita@example.com", "/"),
    ]
