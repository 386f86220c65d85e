import datetime

import pytest

from cases import services
from cases.models import CaseKind, PartyRole
from erms.lib.errors import ApplicationError
from policies import services as policy_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def conduct_policy(erin):
    policy = policy_services.policy_create(
        actor=erin,
        title="Code of conduct",
        category="conduct",
        jurisdictions=["GB"],
        review_due=datetime.date(2027, 1, 1),
        body_markdown="Version one",
    )
    v1 = policy.versions.get()
    policy_services.policy_version_approve(actor=erin, version=v1)
    policy_services.policy_version_make_effective(
        actor=erin, version=v1, effective_from=datetime.date(2025, 1, 1)
    )
    v2 = policy_services.policy_version_draft(actor=erin, policy=policy, body_markdown="Version two")
    policy_services.policy_version_approve(actor=erin, version=v2)
    policy_services.policy_version_make_effective(
        actor=erin, version=v2, effective_from=datetime.date(2026, 6, 1)
    )
    return policy


@pytest.fixture
def case(hana, sam):
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Conduct",
        case_manager=hana,
        location=sam.employee_record.location,
        department=sam.employee_record.department,
        parties=[(sam.employee_record, PartyRole.SUBJECT)],
    )


def test_it_links_the_policy_version_in_force_on_the_incident_date(hana, case, conduct_policy):
    early = services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="Before the change",
        incident_date=datetime.date(2026, 3, 1),
        policy=conduct_policy,
    )
    late = services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="After the change",
        incident_date=datetime.date(2026, 7, 1),
        policy=conduct_policy,
    )
    assert early.policy_version.body_markdown == "Version one"
    assert late.policy_version.body_markdown == "Version two"


def test_a_later_policy_change_never_rewrites_an_old_allegation(erin, hana, case, conduct_policy):
    allegation = services.allegation_add(
        actor=hana,
        case=case,
        category="conduct",
        description="x",
        incident_date=datetime.date(2026, 3, 1),
        policy=conduct_policy,
    )
    v3 = policy_services.policy_version_draft(
        actor=erin, policy=conduct_policy, body_markdown="Version three"
    )
    policy_services.policy_version_approve(actor=erin, version=v3)
    policy_services.policy_version_make_effective(
        actor=erin, version=v3, effective_from=datetime.date(2026, 9, 1)
    )
    allegation.refresh_from_db()
    assert allegation.policy_version.body_markdown == "Version one"


def test_it_refuses_a_policy_with_no_version_in_force_on_the_incident_date(hana, case, conduct_policy):
    with pytest.raises(ApplicationError) as refused:
        services.allegation_add(
            actor=hana,
            case=case,
            category="conduct",
            description="x",
            incident_date=datetime.date(2020, 1, 1),
            policy=conduct_policy,
        )
    assert refused.value.field == "policy"
