"""A refused action answers with the case page again, its refusal where the user looks: a summary at the top
(an alert that takes the focus and links to the field) and the message at the field, in the action's form,
opened, with what the user typed kept."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Meeting
from tests.html_tree import Element, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(case_with_a_deadline):
    return case_with_a_deadline


def _summary(tree: Element) -> Element:
    summary = tree.find(id="error-summary")
    assert summary is not None
    assert summary.attrs.get("role") == "alert" and summary.attrs.get("tabindex") == "-1"
    return summary


def _before_the_sections(body: str) -> None:
    assert body.index('id="error-summary"') < body.index('class="case-sections"')


def test_it_shows_a_refused_action_at_the_top_and_at_the_field(client, hana, ivan, case):
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    client.force_login(hana)
    when = timezone.localtime() + datetime.timedelta(days=14)
    response = client.post(
        reverse("cases:meeting_schedule", args=[case.pk]),
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.strftime("%Y-%m-%dT%H:%M"),
            "chair": ivan.pk,
            "notice_sent_on": timezone.localdate().isoformat(),
            "place": "Room 4",
        },
    )
    assert response.status_code == 200
    assert not Meeting.objects.filter(case=case).exists()
    body = response.content.decode()
    tree = parse(body)
    summary = _summary(tree)
    _before_the_sections(body)
    assert "Schedule a meeting" in summary.text()
    assert "cannot chair its hearing" in summary.text()
    [link] = [a for a in summary.find_all("a") if "cannot chair" in a.text()]
    field_id = link.attrs["href"].lstrip("#")
    # The field the link leads to is the chair, in the meeting form, opened, under the Meetings section.
    action = tree.find("section", id="meetings").find("details", id="action-meeting")
    assert action is not None and "open" in action.attrs
    chair = action.find(id=field_id)
    assert chair is not None and chair.attrs.get("name") == "chair"
    assert chair.attrs.get("aria-invalid") == "true"
    # The field names the message (and any help) that describe it, and they are there.
    described = [tree.find(id=i) for i in (chair.attrs.get("aria-describedby") or "").split()]
    assert described and all(described)
    assert any("cannot chair its hearing" in d.text() for d in described)
    assert "cannot chair its hearing" in action.text()
    assert action.find("input", name="place").attrs.get("value") == "Room 4"
    # Only one form on the page carries those ids.
    assert len(tree.find_all(id=field_id)) == 1


def test_it_links_a_refusal_of_the_whole_action_to_its_form(client, hana, case):
    client.force_login(hana)
    stale = case.version
    services.case_update(actor=hana, case=case, expected_version=stale, title="Changed meanwhile", summary="")
    response = client.post(
        reverse("cases:case_edit", args=[case.pk]),
        {"title": "My edit", "summary": "", "expected_version": stale},
    )
    body = response.content.decode()
    tree = parse(body)
    summary = _summary(tree)
    _before_the_sections(body)
    assert "Someone else changed this case" in summary.text()
    hrefs = [a.attrs["href"] for a in summary.find_all("a")]
    assert "#action-edit" in hrefs
    action = tree.find("details", id="action-edit")
    assert "open" in action.attrs and action.find("input", name="title").attrs.get("value") == "My edit"


def test_it_shows_no_summary_when_nothing_was_refused(client, hana, case):
    client.force_login(hana)
    assert parse(client.get(case.get_absolute_url()).content.decode()).find(id="error-summary") is None
