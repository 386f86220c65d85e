"""The case meeting form offers serving union representatives as companions, labelled with their body.

Cases sits below unions, so the form fetches the suggestions from a unions URL (htmx) that
unions registers in ``cases.companions``; the form itself accepts any current employee."""

from __future__ import annotations

import datetime
import html as html_lib
import re

import pytest
from django.urls import reverse

from cases.forms import MeetingScheduleForm
from unions.models import Representative
from unions.selectors import companion_representatives

pytestmark = pytest.mark.django_db


def _suggestions_url(form_html: str) -> str:
    found = re.findall(r'hx-get="([^"]*/unions/companions/[^"]*)"', form_html)
    assert len(found) == 1, form_html
    return html_lib.unescape(found[0])


def test_serving_employee_representatives_are_offered_first_with_their_body(
    client, gb_union, rita, sam, hana
):
    Representative.objects.create(
        body=gb_union,
        external_name="Pat Official",
        role="Regional officer",
        serves_from=datetime.date(2020, 1, 1),
    )
    Representative.objects.create(
        body=gb_union,
        employee=sam.employee_record,
        role="Former steward",
        serves_from=datetime.date(2019, 1, 1),
        serves_to=datetime.date(2020, 1, 1),
    )
    form_html = str(MeetingScheduleForm(can_override=False)["companion"])
    url = _suggestions_url(form_html)
    assert form_html.index(url.split("?")[0]) < form_html.index('type="search"')  # fetched into place, first
    client.force_login(hana)
    suggestions = client.get(url).content.decode()
    assert f'name="companion" value="{rita.employee_record.pk}"' in suggestions
    assert "union rep, Unite London" in suggestions
    assert "Pat Official" not in suggestions and "Sam Subject" not in suggestions
    assert [c.employee_id for c in companion_representatives()] == [
        rita.employee_record.pk
    ]  # no external, no past


def test_a_representative_chosen_as_companion_is_a_valid_choice_and_shown_checked(
    client, gb_union, rita, erin
):
    form = MeetingScheduleForm(
        {
            "kind": "investigation_interview",
            "scheduled_for": "2026-05-04T10:00",
            "chair": erin.pk,
            "companion": rita.employee_record.pk,
        },
        can_override=False,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["companion"] == rita.employee_record
    form_html = str(form["companion"])
    assert f'value="{rita.employee_record.pk}"' not in form_html  # listed once, with the suggestions
    client.force_login(erin)
    suggestions = client.get(_suggestions_url(form_html)).content.decode()
    assert f'value="{rita.employee_record.pk}" checked' in suggestions


def test_a_colleague_chosen_as_companion_stays_chosen_beside_the_suggestions(gb_union, sam, erin):
    form = MeetingScheduleForm(
        {
            "kind": "investigation_interview",
            "scheduled_for": "2026-05-04T10:00",
            "chair": erin.pk,
            "companion": sam.employee_record.pk,
        },
        can_override=False,
    )
    assert form.is_valid(), form.errors
    form_html = str(form["companion"])
    assert f'value="{sam.employee_record.pk}" checked' in form_html
    assert f"selected={sam.employee_record.pk}" in _suggestions_url(form_html)


def test_without_representatives_the_picker_is_the_plain_colleague_search(db):
    html = str(MeetingScheduleForm(can_override=False)["companion"])
    assert "union rep" not in html and "/unions/" not in html and 'type="search"' in html


def test_the_suggestions_are_for_those_who_schedule_meetings_only(client, gb_union, hana, rita, olga, liam):
    url = reverse("unions:companion_suggestions")
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(hana)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
    for refused in (rita, olga, liam):
        client.force_login(refused)
        assert client.get(url).status_code == 403, refused.email
