"""One look at a case page is one row in its access log: the letters section the page loads
afterwards (htmx), and its polls while a letter is queued, check access but add no row. Opened
on its own, the section sends the reader to the case page, where the view is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AccessEntry
from cases.models import Case, Letter, LetterStatus
from tests.erms.test_it_shows_each_role_its_work_queue import _case as open_case

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def case(hana, sam) -> Case:
    case = open_case(hana, sam, "Lateness")
    Letter.objects.create(
        case=case,
        kind="disciplinary_invitation",
        language="en",
        status=LetterStatus.QUEUED,
        addressee=sam.employee_record,
        issued_by=hana,
    )
    return case


def _views(user, case) -> list[tuple[str, bool]]:
    return [(e.via, e.refused) for e in AccessEntry.objects.filter(user=user, case_id=case.pk)]


def test_it_logs_the_case_page_and_its_letters_section_as_one_view(client, hana, case):
    client.force_login(hana)
    assert client.get(case.get_absolute_url()).status_code == 200
    section = client.get(reverse("cases:letter_list", args=[case.pk]), headers=HTMX)
    assert section.status_code == 200
    assert 'hx-trigger="every 3s"' in section.content.decode()  # a queued letter: it polls
    for _poll in range(5):
        assert client.get(reverse("cases:letter_list", args=[case.pk]), headers=HTMX).status_code == 200
    assert _views(hana, case) == [("page", False)]


def test_it_logs_an_action_form_opened_on_the_case_page_as_part_of_its_view(client, hana, case):
    client.force_login(hana)
    client.get(case.get_absolute_url())
    form = client.get(reverse("cases:case_action_form", args=[case.pk, "meeting"]), headers=HTMX)
    assert form.status_code == 200
    assert _views(hana, case) == [("page", False)]


def test_it_still_refuses_and_logs_the_letters_section_for_someone_who_may_not_see_the_case(
    client, olga, case
):
    client.force_login(olga)
    assert client.get(reverse("cases:letter_list", args=[case.pk]), headers=HTMX).status_code == 404
    assert _views(olga, case) == [("page", True)]


def test_it_logs_the_letters_section_fetched_without_the_page(client, hana, case):
    """A request that only claims to be htmx still leaves a trace of who read the case."""
    client.force_login(hana)
    assert client.get(reverse("cases:letter_list", args=[case.pk]), headers=HTMX).status_code == 200
    client.get(reverse("cases:letter_list", args=[case.pk]), headers=HTMX)
    assert _views(hana, case) == [("page", False)]


def test_it_sends_a_reader_of_the_bare_letters_section_to_the_case_page(client, hana, olga, case):
    client.force_login(hana)
    response = client.get(reverse("cases:letter_list", args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url() + "#letters"
    assert _views(hana, case) == []  # the case page logs the view when it opens
    client.force_login(olga)
    assert client.get(reverse("cases:letter_list", args=[case.pk])).status_code == 404
