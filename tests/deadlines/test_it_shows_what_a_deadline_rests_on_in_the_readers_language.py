"""The "Rule" column says what a deadline rests on in the reader's language: a catalogue rule's id
with its citation, or the procedure or default it came from ("default: 5 working days" was stored
translated into whichever language the person who set it used, and Norwegian pages showed English)."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from deadlines.models import Deadline
from erms.lib import clock, workdays

pytestmark = pytest.mark.django_db


def _deadline(hana, rule_id: str, citation: str) -> Deadline:
    due = clock.today() + datetime.timedelta(days=3)
    return Deadline.objects.create(
        key="decision_letter_due",
        title="Send the decision letter",
        due_on=due,
        due_at=workdays.end_of_day_utc(due, "Europe/London"),
        owner_type="policies.policy",
        owner_id=1,
        responsible=hana,
        rule_id=rule_id,
        citation=citation,
    )


def _rule_cell(deadline: Deadline, language: str) -> str:
    with translation.override(language):
        html = render_to_string("deadlines/deadline_panel.html", {"deadlines": [deadline]})
    cells = html.split("<td")
    return cells[3]


def test_it_shows_the_default_in_norwegian_on_a_norwegian_page(hana):
    deadline = _deadline(hana, "default: 5 working days", "default: 5 working days")
    assert "standard: 5 virkedager" in _rule_cell(deadline, "nb")
    assert "default: 5 working days" in _rule_cell(deadline, "en")
    assert "rule-id" not in _rule_cell(deadline, "nb")  # a default is not a rule


def test_it_shows_a_rules_id_and_citation(hana):
    deadline = _deadline(hana, "GB-DISC-003", "Acas Code para 11")
    cell = _rule_cell(deadline, "nb")
    assert '<strong class="rule-id">GB-DISC-003</strong>' in cell and "Acas Code para 11" in cell


def test_it_shows_a_procedures_name_once(hana):
    deadline = _deadline(hana, "NO grievance procedure", "NO grievance procedure")
    cell = _rule_cell(deadline, "en")
    assert cell.count("NO grievance procedure") == 1 and "rule-id" not in cell


def test_it_names_only_a_catalogue_rule_on_the_calendar(client, hana):
    """The calendar names the rule a deadline rests on; a procedure or a default is not a rule."""
    from django.urls import reverse

    _deadline(hana, "default: 5 working days", "default: 5 working days")
    client.force_login(hana)
    page = client.get(reverse("deadlines:deadline_calendar"), {"scope": "mine"}).content.decode()
    assert "Send the decision letter" in page
    assert "default: 5 working days" not in page
