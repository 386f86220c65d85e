"""Policy pages: list, detail, versions, diff, drafting and approval, with access refusals."""

import datetime

import pytest
from django.urls import reverse

from policies import services
from policies.models import Policy, PolicyCategory, PolicyVersion, VersionStatus

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_log_in(client, conduct_policy):
    for url in [
        reverse("policies:policy_list"),
        conduct_policy.get_absolute_url(),
        reverse("policies:deadline_calculator"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_outsider_without_permissions_is_refused(client, olga, conduct_policy):
    client.force_login(olga)
    assert client.get(reverse("policies:policy_list")).status_code == 403
    assert client.get(conduct_policy.get_absolute_url()).status_code == 404
    assert client.get(reverse("policies:version_detail", args=[conduct_policy.pk, 2])).status_code == 404


def test_the_list_filters_by_category_jurisdiction_and_search(client, hana, conduct_policy, erin):
    client.force_login(hana)
    url = reverse("policies:policy_list")
    assert "Code of conduct" in client.get(url, {"jurisdiction": "NO"}).content.decode()
    assert "Code of conduct" not in client.get(url, {"jurisdiction": "VN"}).content.decode()
    assert "Code of conduct" not in client.get(url, {"category": "grievance"}).content.decode()
    assert "Code of conduct" in client.get(url, {"q": "kind and fair"}).content.decode()
    # Search covers the effective text, not drafts.
    assert "Code of conduct" not in client.get(url, {"q": "SECRET DRAFT"}).content.decode()


def test_the_list_filters_overdue_reviews(client, erin, conduct_policy):
    client.force_login(erin)
    url = reverse("policies:policy_list")
    assert "Code of conduct" not in client.get(url, {"overdue": "1"}).content.decode()
    Policy.objects.filter(pk=conduct_policy.pk).update(review_due=datetime.date(2020, 1, 1))
    page = client.get(url, {"overdue": "1"}).content.decode()
    assert "Code of conduct" in page and "Your policies due for review" in page


def test_the_list_pins_its_query_count(client, hana, erin, conduct_policy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hana)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("policies:policy_list")).status_code == 200
        return len(captured)

    with_one = queries()
    for n in range(5):
        services.policy_create(
            actor=erin,
            title=f"Policy {n}",
            category=PolicyCategory.CONDUCT,
            jurisdictions=["GB"],
            review_due=datetime.date(2030, 1, 1),
            body_markdown="Text",
        )
    assert queries() == with_one
    assert with_one <= 12


def test_the_employee_facing_view_shows_only_the_effective_version(client, liam, conduct_policy):
    client.force_login(liam)
    page = client.get(conduct_policy.get_absolute_url()).content.decode()
    assert "Be kind and fair." in page
    assert "SECRET DRAFT" not in page
    assert client.get(reverse("policies:version_detail", args=[conduct_policy.pk, 3])).status_code == 404
    assert client.get(reverse("policies:version_detail", args=[conduct_policy.pk, 1])).status_code == 404
    assert client.get(reverse("policies:version_detail", args=[conduct_policy.pk, 2])).status_code == 200


def test_a_policy_with_only_a_draft_is_hidden_from_employees(client, liam, erin):
    from policies import services

    policy = services.policy_create(
        actor=erin,
        title="Secret restructure",
        category="redundancy",
        jurisdictions=["GB"],
        review_due=datetime.date(2030, 1, 1),
        body_markdown="x",
    )
    client.force_login(liam)
    assert "Secret restructure" not in client.get(reverse("policies:policy_list")).content.decode()
    assert client.get(policy.get_absolute_url()).status_code == 404


def test_editors_see_drafts_and_version_history(client, erin, conduct_policy):
    client.force_login(erin)
    page = client.get(conduct_policy.get_absolute_url()).content.decode()
    assert "Draft" in page and "Superseded" in page
    assert (
        "SECRET DRAFT"
        in client.get(reverse("policies:version_detail", args=[conduct_policy.pk, 3])).content.decode()
    )


def test_the_diff_page_shows_both_versions_side_by_side_escaped(client, erin, conduct_policy):
    draft = conduct_policy.versions.get(number=3)
    draft.body_markdown = "# Conduct\n\n<script>alert(1)</script>\n"
    draft.save()
    client.force_login(erin)
    response = client.get(reverse("policies:version_diff", args=[conduct_policy.pk]), {"a": 2, "b": 3})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Be kind and fair." in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_an_employee_cannot_diff_against_a_draft(client, liam, conduct_policy):
    client.force_login(liam)
    url = reverse("policies:version_diff", args=[conduct_policy.pk])
    assert client.get(url, {"a": 2, "b": 3}).status_code == 404
    assert client.get(url, {"a": "x", "b": 3}).status_code == 404


def test_an_editor_drafts_approves_and_makes_a_version_effective(client, ada, conduct_policy):
    client.force_login(ada)
    PolicyVersion.objects.filter(policy=conduct_policy, number=3).delete()
    response = client.post(
        reverse("policies:version_create", args=[conduct_policy.pk]),
        {"body_markdown": "# Conduct\n\nv3 text", "change_note": "update"},
    )
    assert response.status_code == 302
    version = conduct_policy.versions.get(number=3)
    assert version.status == VersionStatus.DRAFT and version.created_by == ada
    client.post(
        reverse("policies:version_edit", args=[conduct_policy.pk, 3]), {"body_markdown": "# Conduct\n\nv3b"}
    )
    client.post(reverse("policies:version_approve", args=[conduct_policy.pk, 3]))
    client.post(
        reverse("policies:version_make_effective", args=[conduct_policy.pk, 3]),
        {"effective_from": "2026-06-01"},
    )
    version.refresh_from_db()
    assert (version.status, version.body_markdown, version.approved_by) == (
        VersionStatus.EFFECTIVE,
        "# Conduct\n\nv3b",
        ada,
    )
    assert conduct_policy.versions.get(number=2).status == VersionStatus.SUPERSEDED


def test_editing_an_effective_version_through_the_page_is_refused(client, ada, conduct_policy):
    client.force_login(ada)
    response = client.post(
        reverse("policies:version_edit", args=[conduct_policy.pk, 2]), {"body_markdown": "new"}
    )
    assert response.status_code == 200 and "read-only" in response.content.decode()
    assert conduct_policy.versions.get(number=2).body_markdown != "new"


def test_a_case_manager_cannot_draft_or_approve(client, hana, conduct_policy):
    client.force_login(hana)
    # She may read the policy, so she is refused the action (403), not told it does not exist.
    assert client.get(reverse("policies:version_create", args=[conduct_policy.pk])).status_code == 403
    assert client.post(reverse("policies:version_approve", args=[conduct_policy.pk, 3])).status_code == 403
    assert conduct_policy.versions.get(number=3).status == VersionStatus.DRAFT


def test_approve_refuses_get(client, ada, conduct_policy):
    client.force_login(ada)
    assert client.get(reverse("policies:version_approve", args=[conduct_policy.pk, 3])).status_code == 405
    assert client.post(reverse("policies:policy_list")).status_code == 405


def test_creating_a_policy_through_the_page(client, ada):
    client.force_login(ada)
    response = client.post(
        reverse("policies:policy_create"),
        {
            "title": "Absence",
            "category": "absence",
            "jurisdictions": ["GB", "VN"],
            "review_due": "2027-01-01",
            "body_markdown": "Call in sick before 9am.",
        },
    )
    policy = Policy.objects.get(title="Absence")
    assert response.status_code == 302 and policy.jurisdictions == ["GB", "VN"] and policy.owner == ada
    assert policy.versions.get().status == VersionStatus.DRAFT


def test_an_employee_cannot_create_a_policy(client, liam):
    client.force_login(liam)
    assert client.get(reverse("policies:policy_create")).status_code == 403


def test_recording_a_review_moves_the_review_date(client, erin, conduct_policy):
    client.force_login(erin)
    client.post(
        reverse("policies:policy_review", args=[conduct_policy.pk]), {"next_review_due": "2031-01-01"}
    )
    conduct_policy.refresh_from_db()
    assert conduct_policy.review_due == datetime.date(2031, 1, 1)


def test_procedure_and_rule_pages_need_view_procedure(client, hana, liam):
    client.force_login(hana)
    assert "VN-DISC-004" in client.get(reverse("policies:procedure_list")).content.decode()
    assert "GB-LIM-004" in client.get(reverse("policies:rule_list")).content.decode()
    client.force_login(liam)
    assert client.get(reverse("policies:procedure_list")).status_code == 403
    assert client.get(reverse("policies:rule_list")).status_code == 403


def test_editor_forms_render(client, ada, conduct_policy):
    client.force_login(ada)
    for url in [
        reverse("policies:policy_create"),
        reverse("policies:version_edit", args=[conduct_policy.pk, 3]),
        reverse("policies:version_detail", args=[conduct_policy.pk, 3]),
        reverse("policies:deadline_calculator"),
    ]:
        assert client.get(url).status_code == 200
    assert client.get(reverse("policies:version_create", args=[conduct_policy.pk])).status_code == 200
