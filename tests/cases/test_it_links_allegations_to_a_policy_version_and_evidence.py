"""An allegation names the policy version in force on the incident date and the evidence relied on,
through the case page, the API and the admin, each reached only through the case's access helper."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from audit.models import AuditEntry
from cases import services
from cases.models import Allegation, Case, CaseKind, DocumentKind, LetterKind, PartyRole, Sanction
from policies import services as policy_services
from policies.models import Policy, PolicyVersion
from tests.cases.test_letters import decide, make_employee, make_organisation, schedule

pytestmark = pytest.mark.django_db


def _adopt(actor: User, policy: Policy, version: PolicyVersion, effective_from: datetime.date) -> None:
    policy_services.policy_version_approve(actor=actor, version=version)
    policy_services.policy_version_make_effective(actor=actor, version=version, effective_from=effective_from)


def _policy(
    actor: User, title: str, category: str, jurisdictions: list[str], *froms: datetime.date
) -> Policy:
    policy = policy_services.policy_create(
        actor=actor,
        title=title,
        category=category,
        jurisdictions=jurisdictions,
        review_due=datetime.date(2027, 6, 1),
        body_markdown=f"{title} 1",
    )
    _adopt(actor, policy, policy.versions.get(), froms[0])
    for n, day in enumerate(froms[1:], start=2):
        version = policy_services.policy_version_draft(
            actor=actor, policy=policy, body_markdown=f"{title} {n}"
        )
        _adopt(actor, policy, version, day)
    return policy


@pytest.fixture
def conduct(erin) -> Policy:
    """The GB code of conduct: v1 from 2025, v2 from June 2026."""
    return _policy(
        erin, "Code of conduct", "conduct", ["GB"], datetime.date(2025, 1, 1), datetime.date(2026, 6, 1)
    )


@pytest.fixture
def other_policies(erin) -> None:
    _policy(erin, "US code of conduct", "conduct", ["US"], datetime.date(2025, 1, 1))
    _policy(erin, "Grievance procedure", "grievance", ["GB"], datetime.date(2025, 1, 1))


def _open_case(hana: User, person: User, title: str) -> Case:
    employee = person.employee_record
    return services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title=title,
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )


@pytest.fixture
def case(hana, sam) -> Case:
    return _open_case(hana, sam, "Conduct")


def _document(actor: User, case: Case, title: str = "Witness statement: Pat"):
    return services.document_store_bytes(
        actor=actor, data=b"Statement", name="pat.txt", title=title, kind=DocumentKind.STATEMENT, case=case
    )


def _add_linked(hana: User, case: Case, n: int, statement) -> None:
    """``n`` allegations dated July 2026 (code of conduct v2), each relying on ``statement``."""
    for i in range(n):
        services.allegation_add(
            actor=hana,
            case=case,
            category="conduct",
            description=f"Allegation {i}",
            incident_date=datetime.date(2026, 7, 1),
            evidence=[statement],
        )


@pytest.fixture
def other_case(hana, olga) -> Case:
    return _open_case(hana, olga, "Other")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


# --------------------------------------------------------------------------- the service


def test_it_picks_the_version_in_force_on_the_incident_date_for_the_cases_jurisdiction(
    hana, case, conduct, other_policies
):
    early = services.allegation_add(
        actor=hana, case=case, category="conduct", description="a", incident_date=datetime.date(2026, 3, 1)
    )
    late = services.allegation_add(
        actor=hana, case=case, category="conduct", description="b", incident_date=datetime.date(2026, 7, 1)
    )
    grievance = services.allegation_add(
        actor=hana, case=case, category="grievance", description="c", incident_date=datetime.date(2026, 7, 1)
    )
    undated = services.allegation_add(actor=hana, case=case, category="conduct", description="d")
    assert (early.policy_version.policy, early.policy_version.number) == (conduct, 1)
    assert (late.policy_version.policy, late.policy_version.number) == (conduct, 2)
    assert grievance.policy_version.policy.title == "Grievance procedure"
    assert undated.policy_version is None


def test_it_refuses_evidence_from_another_case(hana, case, other_case):
    from erms.lib.errors import ApplicationError

    theirs = _document(hana, other_case)
    with pytest.raises(ApplicationError) as refused:
        services.allegation_add(actor=hana, case=case, category="conduct", description="a", evidence=[theirs])
    assert refused.value.field == "evidence"
    assert not case.allegations.exists()


def test_it_audits_a_change_of_links(hana, case, conduct):
    allegation = services.allegation_add(
        actor=hana, case=case, category="conduct", description="a", incident_date=datetime.date(2026, 3, 1)
    )
    statement = _document(hana, case)
    v2 = conduct.versions.get(number=2)
    services.allegation_link(actor=hana, allegation=allegation, policy_version=v2, evidence=[statement])
    allegation.refresh_from_db()
    assert allegation.policy_version == v2 and list(allegation.evidence.all()) == [statement]
    entry = AuditEntry.objects.filter(action="allegation_links_changed").get()
    assert "evidence" in entry.changes and "policy_version" in entry.changes


# --------------------------------------------------------------------------- the case page


def test_the_case_page_offers_the_versions_and_the_cases_documents_and_shows_the_links(
    client, hana, case, conduct, other_policies, other_case
):
    statement = _document(hana, case)
    _document(hana, other_case, title="Someone else's statement")
    client.force_login(hana)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Code of conduct v2" in page and "Code of conduct v1" in page
    assert "US code of conduct" not in page
    assert "Witness statement: Pat" in page and "Someone else&#x27;s statement" not in page

    response = client.post(
        reverse("cases:allegation_add", args=[case.pk]),
        {
            "category": "conduct",
            "description": "Shouted",
            "incident_date": "2026-03-01",
            "policy_version": "",
            "evidence": [statement.pk],
        },
    )
    assert response.status_code == 302
    allegation = case.allegations.get()
    assert allegation.policy_version.number == 1 and list(allegation.evidence.all()) == [statement]
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Code of conduct v1" in page and conduct.versions.get(number=1).get_absolute_url() in page

    response = client.post(
        reverse("cases:allegation_links", args=[case.pk, allegation.pk]),
        {"policy_version": conduct.versions.get(number=2).pk, "evidence": []},
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.policy_version.number == 2 and not allegation.evidence.exists()


def test_the_add_form_shows_the_version_in_force_as_the_incident_date_is_typed(client, hana, case, conduct):
    client.force_login(hana)
    url = reverse("cases:allegation_policy_choice", args=[case.pk])
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in page and 'hx-target="#id_allegation_policy_version"' in page
    v1, v2 = conduct.versions.get(number=1), conduct.versions.get(number=2)
    march = client.get(url, {"incident_date": "2026-03-01", "category": "conduct"}).content.decode()
    july = client.get(url, {"incident_date": "2026-07-01", "category": "conduct"}).content.decode()
    assert f'<option value="{v1.pk}" selected>Code of conduct v1' in march
    assert f'<option value="{v2.pk}" selected>Code of conduct v2' in july
    assert 'id="id_allegation_policy_version"' in july
    undated = client.get(url, {"incident_date": "", "category": "conduct"}).content.decode()
    assert "selected" not in undated.replace('<option value="" selected>', "")
    assert client.get(url, {"incident_date": "not a date"}).status_code == 200
    assert client.post(url).status_code == 405


@pytest.mark.parametrize(("who", "status"), [("hana", 200), ("ivan", 404), ("olga", 404), ("sam", 404)])
def test_only_those_who_may_add_allegations_ask_for_the_version_in_force(request, client, case, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("cases:allegation_policy_choice", args=[case.pk])).status_code == status


def test_the_edit_links_form_refuses_a_document_of_another_case(client, hana, case, other_case):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    theirs = _document(hana, other_case)
    client.force_login(hana)
    response = client.post(
        reverse("cases:allegation_links", args=[case.pk, allegation.pk]), {"evidence": [theirs.pk]}
    )
    assert response.status_code == 200
    assert "evidence" in response.context["allegations"][0].links_form.errors
    assert not allegation.evidence.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("hana", 302), ("erin", 302), ("ivan", 404), ("liam", 404), ("olga", 404), ("sam", 404)],
)
def test_only_those_who_may_change_the_case_edit_an_allegations_links(
    request, client, hana, case, who, status
):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    statement = _document(hana, case)
    client.force_login(request.getfixturevalue(who))
    url = reverse("cases:allegation_links", args=[case.pk, allegation.pk])
    assert client.post(url, {"evidence": [statement.pk]}).status_code == status
    assert allegation.evidence.exists() == (status == 302)
    assert client.get(url).status_code == 405


def test_a_view_only_grant_sees_the_links_but_may_not_change_them(client, hana, erin, liam, case):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    services.case_grant_access(actor=erin, case=case, user=liam)
    client.force_login(liam)
    url = reverse("cases:allegation_links", args=[case.pk, allegation.pk])
    assert client.post(url, {"evidence": []}).status_code == 403
    assert url not in client.get(case.get_absolute_url()).content.decode()


def test_an_allegation_of_another_case_is_not_found_under_this_one(client, hana, case, other_case):
    theirs = services.allegation_add(actor=hana, case=other_case, category="conduct", description="a")
    client.force_login(hana)
    url = reverse("cases:allegation_links", args=[case.pk, theirs.pk])
    assert client.post(url, {"evidence": []}).status_code == 404


def test_the_case_page_queries_do_not_grow_with_linked_allegations(client, hana, case, conduct):
    statement = _document(hana, case)
    services.allegation_add(
        actor=hana, case=case, category="conduct", description="a", incident_date=datetime.date(2026, 3, 1)
    )
    client.force_login(hana)
    client.get(case.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(case.get_absolute_url())
    _add_linked(hana, case, 5, statement)
    with CaptureQueriesContext(connection) as large:
        page = client.get(case.get_absolute_url()).content.decode()
    assert "Allegation 4" in page
    assert len(large) == len(small)


# --------------------------------------------------------------------------- the API


def test_the_api_adds_an_allegation_with_its_links_and_shows_them(api, hana, case, conduct):
    statement = _document(hana, case)
    api.force_login(hana)
    added = api.post(
        f"/api/v1/cases/{case.pk}/allegations/",
        {
            "category": "conduct",
            "description": "a",
            "incident_date": "2026-07-01",
            "evidence": [statement.pk],
        },
        format="json",
    )
    assert added.status_code == 201, added.json()
    v2 = conduct.versions.get(number=2)
    expected = {"id": v2.pk, "title": "Code of conduct", "version": 2}
    assert added.json()["policy_version"] == expected and added.json()["evidence"] == [statement.pk]
    listed = api.get(f"/api/v1/cases/{case.pk}/allegations/").json()
    assert listed[0]["policy_version"] == expected and listed[0]["evidence"] == [statement.pk]
    detail = api.get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["allegations"][0]["policy_version"] == expected

    v1 = conduct.versions.get(number=1)
    chosen = api.post(
        f"/api/v1/cases/{case.pk}/allegations/",
        {"category": "conduct", "description": "b", "incident_date": "2026-07-01", "policy_version": v1.pk},
        format="json",
    )
    assert chosen.status_code == 201 and chosen.json()["policy_version"]["version"] == 1


def test_the_api_lists_linked_allegations_in_a_fixed_number_of_queries(api, hana, case, conduct):
    statement = _document(hana, case)
    api.force_login(hana)
    url = f"/api/v1/cases/{case.pk}/allegations/"
    _add_linked(hana, case, 1, statement)
    api.get(url)
    with CaptureQueriesContext(connection) as small:
        api.get(url)
    _add_linked(hana, case, 5, statement)
    with CaptureQueriesContext(connection) as large:
        assert len(api.get(url).json()) == 6
    assert len(large) == len(small)


def test_the_api_refuses_evidence_of_another_case_with_details(api, hana, case, other_case):
    theirs = _document(hana, other_case)
    api.force_login(hana)
    refused = api.post(
        f"/api/v1/cases/{case.pk}/allegations/",
        {"category": "conduct", "description": "a", "evidence": [theirs.pk]},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["field"] == "evidence"
    assert "evidence" in refused.json() and not case.allegations.exists()
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    refused = api.patch(
        f"/api/v1/allegations/{allegation.pk}/links/", {"evidence": [theirs.pk]}, format="json"
    )
    assert refused.status_code == 400 and "evidence" in refused.json()


def test_the_api_changes_an_allegations_links(api, hana, case, conduct):
    allegation = services.allegation_add(
        actor=hana, case=case, category="conduct", description="a", incident_date=datetime.date(2026, 7, 1)
    )
    statement = _document(hana, case)
    v1 = conduct.versions.get(number=1)
    api.force_login(hana)
    url = f"/api/v1/allegations/{allegation.pk}/links/"
    changed = api.patch(url, {"policy_version": v1.pk, "evidence": [statement.pk]}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["policy_version"]["id"] == v1.pk and changed.json()["evidence"] == [statement.pk]
    # Only what is sent changes.
    assert api.patch(url, {"evidence": []}, format="json").json()["policy_version"]["id"] == v1.pk
    cleared = api.patch(url, {"policy_version": None}, format="json")
    assert cleared.json()["policy_version"] is None
    assert AuditEntry.objects.filter(action="allegation_links_changed").count() == 3
    assert api.get(url).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"),
    [("hana", 200), ("erin", 200), ("ivan", 404), ("liam", 404), ("olga", 404), ("sam", 404)],
)
def test_only_those_who_may_change_the_case_change_links_through_the_api(
    request, api, hana, case, who, status
):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    statement = _document(hana, case)
    api.force_login(request.getfixturevalue(who))
    response = api.patch(
        f"/api/v1/allegations/{allegation.pk}/links/", {"evidence": [statement.pk]}, format="json"
    )
    assert response.status_code == status
    assert allegation.evidence.exists() == (status == 200)


def test_a_view_only_grant_may_not_change_links_through_the_api(api, hana, erin, liam, case):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    services.case_grant_access(actor=erin, case=case, user=liam)
    api.force_login(liam)
    response = api.patch(f"/api/v1/allegations/{allegation.pk}/links/", {"evidence": []}, format="json")
    assert response.status_code == 403


# --------------------------------------------------------------------------- the admin


def test_the_admin_edits_an_allegations_links_through_the_service(client, hana, case, conduct, other_case):
    root = User.objects.create_superuser("root@example.com", "pw")
    allegation = services.allegation_add(
        actor=hana, case=case, category="conduct", description="a", incident_date=datetime.date(2026, 7, 1)
    )
    statement = _document(hana, case)
    theirs = _document(hana, other_case, title="Someone else's statement")
    client.force_login(root)
    url = reverse("admin:cases_allegation_change", args=[allegation.pk])
    page = client.get(url).content.decode()
    assert "Witness statement: Pat" in page and "Someone else" not in page
    v1 = conduct.versions.get(number=1)
    response = client.post(url, {"policy_version": v1.pk, "evidence": [statement.pk]})
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.policy_version == v1 and list(allegation.evidence.all()) == [statement]
    assert AuditEntry.objects.filter(action="allegation_links_changed", actor=root).exists()
    response = client.post(url, {"policy_version": v1.pk, "evidence": [theirs.pk]})
    assert response.status_code == 200 and list(allegation.evidence.all()) == [statement]
    assert client.get(reverse("admin:cases_allegation_changelist")).status_code == 200


def test_staff_without_the_change_permission_cannot_edit_allegations_in_admin(client, hana, case):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="a")
    hana.is_staff = True
    hana.save(update_fields=["is_staff"])
    hana.user_permissions.remove(*Permission.objects.filter(codename="change_allegation"))
    client.force_login(hana)
    url = reverse("admin:cases_allegation_change", args=[allegation.pk])
    assert client.post(url, {"evidence": []}).status_code in (302, 403)
    assert Allegation.objects.get(pk=allegation.pk).policy_version is None


# --------------------------------------------------------------------------- what it clears in letters


def test_linking_evidence_on_the_page_clears_the_gb_disc_002_warning(client, hana, erin, sam, case):
    make_organisation()
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouted")
    schedule(hana, case, erin)
    _, gaps = services.letter_preview(
        actor=hana, case=case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )
    assert [(g.rule, g.level) for g in gaps] == [("GB-DISC-002", "warning")]
    statement = _document(hana, case)
    client.force_login(hana)
    client.post(
        reverse("cases:allegation_links", args=[case.pk, allegation.pk]), {"evidence": [statement.pk]}
    )
    case.refresh_from_db()
    _, gaps = services.letter_preview(
        actor=hana, case=case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )
    assert gaps == []


def test_linking_the_internal_rules_through_the_api_clears_the_vn_disc_005_refusal(
    api, hana, erin, hanoi, operations
):
    from tests.cases.test_letters import open_case

    make_organisation()
    rules = _policy(erin, "Nội quy lao động", "conduct", ["VN"], datetime.date(2025, 1, 1))
    case = open_case(hana, make_employee(hanoi, operations, "An", "Nguyễn Văn"))
    case.allegations.update(policy_version=None)  # added before anyone linked it
    case = decide(hana, case, erin, Sanction.REPRIMAND)
    _, gaps = services.letter_preview(
        actor=hana, case=case, kind=LetterKind.DISCIPLINARY_OUTCOME, language="vi"
    )
    assert [g.rule for g in gaps if g.is_error] == ["VN-DISC-005"]
    api.force_login(hana)
    allegation = case.allegations.get()
    response = api.patch(
        f"/api/v1/allegations/{allegation.pk}/links/",
        {"policy_version": rules.versions.get().pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    _, gaps = services.letter_preview(
        actor=hana, case=case, kind=LetterKind.DISCIPLINARY_OUTCOME, language="vi"
    )
    assert [g.rule for g in gaps if g.is_error] == []
