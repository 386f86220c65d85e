"""Policies, procedures and rules in the API, limited to what the user may see."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_editors_get_every_version(client, erin, conduct_policy):
    client.force_login(erin)
    data = client.get(reverse("api:policy-list")).json()["results"]
    assert [v["number"] for v in data[0]["versions"]] == [3, 2, 1]


def test_employees_get_only_the_version_in_force(client, liam, conduct_policy, django_assert_max_num_queries):
    client.force_login(liam)
    with django_assert_max_num_queries(8):
        data = client.get(reverse("api:policy-list")).json()["results"]
    assert [(v["number"], v["status"]) for v in data[0]["versions"]] == [(2, "effective")]
    assert "SECRET" not in str(data)


def test_outsiders_and_anonymous_get_no_policies(client, olga, conduct_policy):
    assert client.get(reverse("api:policy-list")).status_code in (401, 403)
    client.force_login(olga)
    assert client.get(reverse("api:policy-list")).status_code == 403


def test_procedures_list_steps_with_their_rules(client, hana):
    client.force_login(hana)
    data = client.get(reverse("api:procedure-list"), {"page_size": 200}).json()["results"]
    vn = next(p for p in data if p["jurisdiction"] == "VN" and p["kind"] == "disciplinary")
    notice = next(s for s in vn["steps"] if s["key"] == "hearing_notice")
    assert (notice["number"], notice["unit"], notice["rule"]) == (5, "working_days", "VN-DISC-004")


def test_procedures_and_rules_are_refused_without_view_procedure(client, liam):
    client.force_login(liam)
    assert client.get(reverse("api:procedure-list")).status_code == 403
    assert client.get(reverse("api:rule-list")).status_code == 403


def test_list_endpoints_refuse_post(client, ada):
    client.force_login(ada)
    for name in ["api:policy-list", "api:procedure-list", "api:rule-list"]:
        assert client.post(reverse(name)).status_code == 405


def test_rules_list_carries_status_and_variants(client, hana):
    client.force_login(hana)
    data = client.get(reverse("api:rule-list"), {"page_size": 200}).json()["results"]
    eeoc = next(r for r in data if r["rule"] == "US-LIM-001")
    assert [v["number"] for v in eeoc["variants"]] == [180, 300]
