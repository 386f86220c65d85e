"""The deadline calculator page and its API."""

import pytest
from django.urls import reverse

from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def api(rule_id):
    return reverse("api:rule-deadline", args=[rule_id])


def test_the_calculator_page_shows_due_date_skipped_days_and_citation(client, hana):
    client.force_login(hana)
    response = client.get(
        reverse("policies:deadline_calculator"),
        {"rule": "GB-ACC-002", "start": "2026-04-01", "region": "GB-ENG"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Friday 10 Apr 2026" in page
    assert "Good Friday" in page and "Easter Monday" in page
    assert "ERA 1999 s10(4)–(5)" in page


def test_the_calculator_page_names_a_bad_region(client, hana):
    client.force_login(hana)
    response = client.get(
        reverse("policies:deadline_calculator"),
        {"rule": "GB-ACC-002", "start": "2026-04-01", "region": "US-NY"},
    )
    assert "applies in GB" in response.content.decode()


def test_the_calculator_is_refused_without_view_procedure(client, liam):
    client.force_login(liam)
    assert client.get(reverse("policies:deadline_calculator")).status_code == 403
    assert client.post(reverse("policies:deadline_calculator")).status_code == 405


def test_api_answers_due_rule_citation_and_other_variants(client, hana):
    client.force_login(hana)
    response = client.get(api("US-LIM-001"), {"start": "2026-01-15", "region": "US-NY"})
    assert response.status_code == 200
    data = response.json()
    assert (data["due"], data["rule"], data["citation"], data["variant"]) == (
        "2026-07-14",
        "US-LIM-001",
        "EEOC charge time limits",
        "no_agency",
    )
    # DOMAIN.md rule 5 / E4: the 300-day window ends on Veterans Day and rolls to Thu 12 Nov.
    assert [(v["key"], v["due"]) for v in data["variants"]] == [("state_agency", "2026-11-12")]
    assert data["due_at"] == "2026-07-15T03:59:59Z"


def test_api_variant_picks_the_300_day_window(client, hana):
    client.force_login(hana)
    data = client.get(
        api("US-LIM-001"), {"start": "2026-01-15", "region": "US-NY", "variant": "state_agency"}
    ).json()
    # DOMAIN.md rule 5 / E4: US-LIM-001 rolls forward; the unmoved end and the reason are kept.
    assert (data["due"], data["due_unmoved"], data["falls_on"]) == ("2026-11-12", "2026-11-11", None)
    assert {"date": "2026-11-11", "kind": "holiday", "reason": "Veterans Day"} in data["skipped"]
    assert [v["key"] for v in data["variants"]] == ["no_agency"]


def test_api_lists_skipped_days(client, hana):
    client.force_login(hana)
    data = client.get(api("GB-ACC-002"), {"start": "2026-04-01", "region": "GB-SCT"}).json()
    assert data["due"] == "2026-04-09"
    assert {"date": "2026-04-03", "kind": "holiday", "reason": "Good Friday"} in data["skipped"]


def test_api_unknown_rule_is_404(client, hana):
    client.force_login(hana)
    assert client.get(api("XX-NOPE-001"), {"start": "2026-01-15", "region": "GB-ENG"}).status_code == 404


@pytest.mark.parametrize("start", ["", "2026-02-30", "15/01/2026"])
def test_api_bad_start_is_400_naming_start(client, hana, start):
    client.force_login(hana)
    response = client.get(api("GB-ACC-002"), {"start": start, "region": "GB-ENG"})
    assert response.status_code == 400 and response.json()["field"] == "start" and "start" in response.json()


@pytest.mark.parametrize("region", ["", "GB", "ZZ-ABC", "US-NY"])
def test_api_bad_or_foreign_region_is_400_naming_region(client, hana, region):
    client.force_login(hana)
    response = client.get(api("GB-ACC-002"), {"start": "2026-04-01", "region": region})
    assert response.status_code == 400 and response.json()["field"] == "region"


def test_api_unknown_variant_is_400_naming_variant(client, hana):
    client.force_login(hana)
    response = client.get(api("US-LIM-001"), {"start": "2026-01-15", "region": "US-NY", "variant": "x"})
    assert response.status_code == 400 and response.json()["field"] == "variant"


def test_api_refuses_anonymous_outsiders_and_wrong_method(client, olga, hana):
    params = {"start": "2026-04-01", "region": "GB-ENG"}
    assert client.get(api("GB-ACC-002"), params).status_code in (401, 403)
    client.force_login(olga)
    assert client.get(api("GB-ACC-002"), params).status_code == 403
    client.force_login(hana)
    assert client.post(api("GB-ACC-002"), params).status_code == 405
