"""The jurisdiction rules read in the reader's language: every rule's name, variant label and
citation is in the translation catalogue (``policies/rule_texts.py``) and pages show it through
the catalogue; maintainers' notes stay in the admin; variants are named, never shown as keys;
periods are counted in words ("1 month", "2 months")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from policies import rule_texts
from policies.models import ProcedureStep, Rule

pytestmark = pytest.mark.django_db

# Maintainers' shorthand that must never reach an HR user's page.
MAINTAINER_WORDS = re.compile(r"UNVERIFIED|Ship inactive|BLOCKs?\b|a DEADLINE|\bwd\b|\bcd\b|recalled")


@pytest.fixture
def norwegian() -> Iterator[dict[str, str]]:
    """Entries put into the Norwegian catalogue for one test, as the .po file holds them once translated."""
    catalog = trans_real.translation("nb")._catalog._catalogs[0]
    added: dict[str, str] = {}
    yield added
    for msgid in added:
        catalog.pop(msgid, None)


def _add(norwegian: dict[str, str], msgid: str, msgstr: str) -> None:
    trans_real.translation("nb")._catalog._catalogs[0][msgid] = msgstr
    norwegian[msgid] = msgstr


def _page(client, user, name: str, language: str = "en", **params: str) -> str:
    client.force_login(user)
    response = client.get(reverse(name), params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _text(page: str) -> str:
    """The visible text of the page's main content, tags dropped."""
    main = page.split("<main", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_it_lists_every_rules_name_variant_label_and_citation_for_translation():
    for rule in Rule.objects.all():
        assert rule_texts.TITLES.get(rule.rule_id) == rule.title, rule.rule_id
        for variant in rule.variants:
            assert rule_texts.VARIANT_LABELS.get((rule.rule_id, variant["key"])) == variant["label"], (
                rule.rule_id,
                variant["key"],
            )
        if rule.rule_id in rule_texts.CITATIONS:
            assert rule_texts.CITATIONS[rule.rule_id] == rule.citation, rule.rule_id
    # The Vietnamese Labour Code and decree are cited in the reader's language, not as "LC Art 123".
    assert all(
        r in rule_texts.CITATIONS
        for r in Rule.objects.filter(jurisdiction="VN").values_list("rule_id", flat=True)
    )


def test_it_shows_a_rule_name_variant_and_citation_in_norwegian(client, hana, norwegian):
    rule = Rule.objects.get(rule_id="NO-LIM-001")
    _add(norwegian, rule.title, "Søksmålsfrist fra forhandlingenes slutt, ellers fra oppsigelsen")
    _add(norwegian, rule.variants[0]["label"], "Ugyldighet: 8 uker")
    vn = Rule.objects.get(rule_id="VN-DISC-003")
    _add(norwegian, vn.citation, "Vietnams arbeidslov art. 123")

    page = _text(_page(client, hana, "policies:rule_list", "nb"))
    assert "Søksmålsfrist fra forhandlingenes slutt, ellers fra oppsigelsen" in page
    assert rule.title not in page
    assert "Ugyldighet: 8 uker" in page
    assert "Vietnams arbeidslov art. 123" in page

    calculator = _page(client, hana, "policies:deadline_calculator", "nb", rule="NO-LIM-001")
    assert "Søksmålsfrist fra forhandlingenes slutt, ellers fra oppsigelsen" in calculator
    assert "Ugyldighet: 8 uker" in calculator


def test_it_keeps_maintainers_notes_off_the_rules_calculator_and_procedures_pages(client, hana):
    assert Rule.objects.filter(notes__contains="UNVERIFIED").exists()  # the admin still has them
    for name, params in [
        ("policies:rule_list", {}),
        ("policies:procedure_list", {}),
        ("policies:deadline_calculator", {}),
        ("policies:deadline_calculator", {"rule": "GB-APP-001", "start": "2026-04-01", "region": "GB-ENG"}),
    ]:
        page = _text(_page(client, hana, name, **params))
        assert not MAINTAINER_WORDS.search(page), (name, MAINTAINER_WORDS.search(page))


def test_it_badges_an_unverified_rule_in_plain_words(client, hana):
    page = _page(client, hana, "policies:rule_list")
    row = page.split('class="rule-id">VN-CONS-002</td>', 1)[1].split("</tr>", 1)[0]
    assert "Switched off" in row
    row = page.split('class="rule-id">GB-APP-001</td>', 1)[1].split("</tr>", 1)[0]
    assert "Not yet checked against its source" in row


def test_it_names_a_steps_variant_rather_than_showing_its_key(client, hana):
    step = ProcedureStep.objects.filter(rule__isnull=False).exclude(rule_variant="").first()
    assert step is not None, "the default procedures have a step bound to a rule's variant"
    label = next(v["label"] for v in step.rule.variants if v["key"] == step.rule_variant)
    page = _text(_page(client, hana, "policies:procedure_list"))
    assert f"({step.rule_variant})" not in page
    assert label in page
    for key in ("100_plus", "hear", "lodge", "reprimand"):
        assert f"({key})" not in page


def test_it_counts_one_month_in_the_singular(client, hana):
    page = _text(_page(client, hana, "policies:rule_list"))
    row = page.split("NO-TERM-005", 1)[1][:300]
    assert "1 month " in row or "1 month<" in row or re.search(r"\b1 month\b", row)
    assert "1 months" not in page
    with translation.override("en"):
        assert rule_texts.period(1, "months") == "1 month"
        assert rule_texts.period(2, "working_days") == "2 working days"
        assert rule_texts.period(1, "calendar_days") == "1 calendar day"


def test_it_opens_the_calculator_on_the_readers_own_country_and_region(client, hana, oslo):
    employee = hana.employee_record
    employee.location = oslo
    employee.save()
    page = _page(client, hana, "policies:deadline_calculator")
    rule = re.search(r'<select name="rule"[^>]*>.*?</select>', page, re.S).group(0)
    chosen = re.search(r'<option value="([^"]+)"[^>]*selected', rule)
    assert chosen is not None and chosen.group(1).startswith("NO-")
    region = re.search(r'<select name="region"[^>]*>.*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="NO"[^>]*selected', region)


def test_it_opens_the_calculator_on_the_readers_region_within_a_country(client, hana):
    page = _page(client, hana, "policies:deadline_calculator")  # Hana works in London
    region = re.search(r'<select name="region"[^>]*>.*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="GB-ENG"[^>]*selected', region)
    assert re.search(r'<option value="US-NY"[^>]*hidden', region)
