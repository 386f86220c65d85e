"""Choosing a rule in the deadline calculator leaves only its country's regions and its own
variants to choose from (static/js/deadline_calculator.js), under the Content-Security-Policy."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _shown(page, select: str) -> list[str]:
    return page.eval_on_selector_all(f"{select} option", "os => os.filter(o => !o.hidden).map(o => o.value)")


def test_it_fits_regions_and_variants_to_the_chosen_rule(page, hana):
    log_in(page, "hana@example.com")
    page.goto("/policies/calculator/")
    page.select_option("#id_rule", "US-LIM-001")
    regions = _shown(page, "#id_region")
    assert "US-NY" in regions and "GB-ENG" not in regions and "NO" not in regions
    variants = [v for v in _shown(page, "#id_variant") if v]
    assert variants and all(v.startswith("US-LIM-001:") for v in variants)
    page.select_option("#id_rule", "GB-ACC-002")
    regions = _shown(page, "#id_region")
    assert "GB-ENG" in regions and "US-NY" not in regions
    assert page.eval_on_selector("#id_region", "s => s.options[s.selectedIndex].hidden") is False
