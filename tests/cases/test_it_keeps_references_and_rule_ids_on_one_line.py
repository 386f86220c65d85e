"""References (ER-2026-00003) and rule ids (GB-DISC-003) are marked so the stylesheet never breaks them
across lines, wherever lists show them: the case list, My work, the deadline tables, the policy pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(case_with_a_deadline):
    return case_with_a_deadline


def _marked(client, url: str, text: str, cls: str) -> None:
    tree = parse(client.get(url).content.decode())
    marked = [e.text() for e in tree.find_all(cls=cls)]
    assert any(text == t or t.startswith(text) for t in marked), (url, text, marked)


def test_it_keeps_references_and_rule_ids_on_one_line(client, hana, case):
    client.force_login(hana)
    _marked(client, reverse("cases:case_list"), case.reference, "ref")
    _marked(client, reverse("cases:my_work"), case.reference, "ref")
    _marked(client, reverse("cases:my_work"), "GB-DISC-003", "rule-id")
    _marked(client, case.get_absolute_url(), case.reference, "ref")
    _marked(client, case.get_absolute_url(), "GB-DISC-003", "rule-id")
    _marked(client, reverse("policies:rule_list"), "GB-LIM-004", "rule-id")
    _marked(client, reverse("policies:procedure_list"), "VN-DISC-004", "rule-id")
