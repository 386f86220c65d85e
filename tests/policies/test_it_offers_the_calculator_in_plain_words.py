"""The deadline calculator speaks plainly: regions by name and only those of the rule's country,
the rule's own variants to choose from, whole rule names, and statuses in words."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from policies.models import Rule

pytestmark = pytest.mark.django_db


def _page(client, user, **params) -> str:
    client.force_login(user)
    return client.get(reverse("policies:deadline_calculator"), params).content.decode()


def _options(page: str, field: str) -> list[tuple[str, str, str]]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select)


def test_it_names_regions_and_shows_only_those_of_the_rules_country(client, hana):
    page = _page(client, hana, rule="GB-ACC-002", start="2026-04-01", region="GB-ENG")
    options = {value: (attrs, label) for value, attrs, label in _options(page, "region")}
    assert options["GB-ENG"][1] == "England"
    assert options["US-NY"][1] == "New York"
    assert "hidden" not in options["GB-SCT"][0]
    assert "hidden" in options["US-NY"][0] and "hidden" in options["NO"][0]
    assert 'data-country="GB"' in options["GB-WLS"][0]


def test_it_offers_the_variants_the_rule_knows(client, hana):
    rule = Rule.objects.get(rule_id="US-LIM-001")
    page = _page(client, hana, rule=rule.rule_id, start="2026-01-15", region="US-NY")
    variants = _options(page, "variant")
    shown = [label for value, attrs, label in variants if value and "hidden" not in attrs]
    assert shown == [v["label"] for v in rule.variants]


def test_it_computes_with_a_chosen_variant(client, hana):
    rule = Rule.objects.get(rule_id="US-LIM-001")
    key = rule.variants[-1]["key"]
    page = _page(
        client, hana, rule=rule.rule_id, start="2026-01-15", region="US-NY", variant=f"{rule.rule_id}:{key}"
    )
    assert 'id="result"' in page
    assert rule.variants[-1]["label"] in page


def test_it_shows_whole_rule_names(client, hana):
    long = max(Rule.objects.exclude(status="inactive"), key=lambda r: len(r.title) if r.has_time_limit else 0)
    assert len(long.title) > 80
    page = _page(client, hana)
    assert long.title in page


def test_it_words_the_rules_status_and_action(client, hana):
    page = _page(client, hana, rule="GB-ACC-002", start="2026-04-01", region="GB-ENG")
    result = page.split('id="result"')[1]
    assert not re.search(r">\s*(verified|unverified)\s*<", result)
    assert not re.search(r"\b(verified|unverified) (block|deadline|warn)\b", result)
    rule = Rule.objects.get(rule_id="GB-ACC-002")
    checked = (
        "Checked against its source" if rule.status == "verified" else "Not yet checked against its source"
    )
    assert checked in result
    assert "ERMS" in result.split(checked)[1].split("</dd>")[0]  # what the rule makes ERMS do, in words
