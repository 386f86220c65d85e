"""The case meeting form offers serving union representatives as companions, labelled with their body."""

from __future__ import annotations

import datetime

import pytest

from cases.forms import MeetingScheduleForm
from unions.models import Representative
from unions.selectors import companion_representatives

pytestmark = pytest.mark.django_db


def test_serving_employee_representatives_are_offered_first_with_their_body(gb_union, rita, sam):
    Representative.objects.create(body=gb_union, external_name="Pat Official", role="Regional officer",
                                  serves_from=datetime.date(2020, 1, 1))
    Representative.objects.create(body=gb_union, employee=sam.employee_record, role="Former steward",
                                  serves_from=datetime.date(2019, 1, 1), serves_to=datetime.date(2020, 1, 1))
    html = str(MeetingScheduleForm(can_override=False)["companion"])
    assert f'value="{rita.employee_record.pk}"' in html
    assert "union rep, Unite London" in html
    assert html.index("union rep, Unite London") < html.index('type="search"')
    assert [c.employee_id for c in companion_representatives()] == [rita.employee_record.pk]  # no external, no past


def test_a_representative_chosen_as_companion_is_a_valid_choice_and_shown_checked(gb_union, rita, erin):
    form = MeetingScheduleForm({"kind": "investigation_interview", "scheduled_for": "2026-05-04T10:00",
                                "chair": erin.pk, "companion": rita.employee_record.pk}, can_override=False)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["companion"] == rita.employee_record
    assert f'value="{rita.employee_record.pk}" checked' in str(form["companion"])


def test_without_representatives_the_picker_is_the_plain_colleague_search(db):
    html = str(MeetingScheduleForm(can_override=False)["companion"])
    assert "union rep" not in html and 'type="search"' in html
