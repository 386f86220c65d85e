"""A deadline resting on a procedure alone (no statutory rule) shows the procedure's name where
a rule id goes: cut at a word to fit, never mid-word; the citation keeps the whole name."""

from __future__ import annotations

import pytest

from cases import deadlines
from cases.guardrails import Limit

pytestmark = pytest.mark.django_db

NAME = "Northern Region Disciplinary Procedure for Warehouse Staff"


def test_it_cuts_a_procedures_name_at_a_word_where_a_rule_id_goes():
    rule_id, citation = deadlines._limit_source(
        Limit(number=5, unit="working_days", counting="excludes_trigger_day", rule=NAME, source=NAME)
    )
    assert len(rule_id) <= 32
    assert rule_id.endswith("…")
    kept = rule_id[:-1]
    assert NAME.startswith(kept) and NAME[len(kept)] == " "
    assert citation == NAME
