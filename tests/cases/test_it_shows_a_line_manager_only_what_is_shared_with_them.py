"""Someone without an HR role who holds a view grant (a line manager a case was shared with) sees
a plain list of those cases and the case without HR's internal file: no export, no HR filters,
no overdue flags, no next step for HR, no access-grant lines and only the notes shared with the
submitter. HR's pages stay as they are."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import services
from cases.models import Case
from erms.lib import clock

pytestmark = pytest.mark.django_db

SHARED_NOTE = "Thank you, we have invited Sam to a meeting."
INTERNAL_NOTE = "Serious enough for the formal procedure, in my view."


@pytest.fixture
def shared_case(case_with_a_deadline, hana, erin, liam) -> Case:
    """liam's concern about sam became a case (hana's); erin shared it with liam (view only); HR
    left one note shared with the submitter and one internal; its next deadline has passed."""
    case = case_with_a_deadline
    services.case_grant_access(actor=erin, case=case, user=liam)
    services.note_add(actor=hana, case=case, body=SHARED_NOTE, shared_with_submitter=True)
    services.note_add(actor=hana, case=case, body=INTERNAL_NOTE)
    Case.objects.filter(pk=case.pk).update(next_deadline_on=clock.today() - datetime.timedelta(days=2))
    case.refresh_from_db()
    return case


def _page(client, user, url, **params) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_the_shared_cases_plainly_for_a_line_manager(client, shared_case, liam):
    page = _page(client, liam, reverse("cases:case_list"))
    assert "Cases shared with me" in page
    for shown in (shared_case.reference, shared_case.title, shared_case.get_kind_display()):
        assert shown in page
    assert shared_case.get_status_display() in page
    assert 'name="q"' in page  # a search box is fine
    for hidden in ("Export CSV", "Overdue", "Next deadline", "Case manager", 'name="case_manager"'):
        assert hidden not in page, hidden
    assert shared_case.reference in _page(client, liam, reverse("cases:case_list"), q=shared_case.reference)
    assert shared_case.reference not in _page(client, liam, reverse("cases:case_list"), q="nothing like it")


def test_it_refuses_the_csv_export_to_a_line_manager(client, shared_case, liam):
    client.force_login(liam)
    assert client.get(reverse("cases:case_export")).status_code == 403


def test_it_keeps_the_hr_list_and_export_as_they_are(client, shared_case, hana):
    page = _page(client, hana, reverse("cases:case_list"))
    for shown in ("Export CSV", "Overdue", "Next deadline", "Case manager", 'name="case_manager"'):
        assert shown in page, shown
    export = client.get(reverse("cases:case_export"))
    assert export.status_code == 200
    assert shared_case.reference in b"".join(export.streaming_content).decode()


def test_it_leaves_hrs_internal_file_out_of_the_case_page_for_a_line_manager(client, shared_case, liam):
    page = _page(client, liam, shared_case.get_absolute_url())
    assert shared_case.reference in page and SHARED_NOTE in page
    assert INTERNAL_NOTE not in page
    assert "Access granted to" not in page
    assert "Opened from concern" not in page  # HR's note on the triage decision
    assert 'id="next-step"' not in page and "case-menu" not in page


def test_it_leaves_the_same_entries_out_of_the_timeline_api_for_a_line_manager(client, shared_case, liam):
    client.force_login(liam)
    rows = client.get(reverse("api:case-timeline", args=[shared_case.pk])).json()["results"]
    bodies = " ".join(f"{r['summary']} {r['body']}" for r in rows)
    assert SHARED_NOTE in bodies
    assert INTERNAL_NOTE not in bodies and "Access granted to" not in bodies


def test_it_keeps_the_case_page_whole_for_hr(client, shared_case, hana):
    page = _page(client, hana, shared_case.get_absolute_url())
    for shown in (SHARED_NOTE, INTERNAL_NOTE, "Access granted to", "Opened from concern", 'id="next-step"'):
        assert shown in page, shown
    assert "case-menu" in page
