"""The people picker shows each person's office and department, and puts the people of the case's
location (or, on a new concern, of the raiser's office) first, so nobody picks a namesake abroad."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import Jurisdiction
from cases import services
from cases.models import Case, CaseKind, PartyRole
from tests.factories import EmployeeFactory, LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chicago(db):
    return LocationFactory(code="CHI", name="Chicago", jurisdiction=Jurisdiction.US, region="US-IL")


@pytest.fixture
def namesakes(london, chicago, operations, people_team):
    """Two people called Taylor: "Alex" sorts first by name and works in Chicago."""
    abroad = EmployeeFactory(first_name="Alex", last_name="Taylor", location=chicago, department=people_team)
    here = EmployeeFactory(first_name="Morgan", last_name="Taylor", location=london, department=operations)
    return abroad, here


def _results(client, **params: object) -> str:
    response = client.get(reverse("cases:employee_search"), {"q": "Taylor", **params})
    assert response.status_code == 200
    return response.content.decode()


def _order(html: str, *names: str) -> list[str]:
    return sorted(names, key=html.index)


def test_it_shows_each_results_office_and_department(client, liam, namesakes):
    client.force_login(liam)
    html = _results(client)
    assert "Chicago" in html and "London" in html and "People" in html and "Operations" in html
    assert _order(html, "Alex Taylor", "Morgan Taylor") == ["Alex Taylor", "Morgan Taylor"]


def test_it_lists_the_people_of_the_given_location_first(client, liam, london, namesakes):
    client.force_login(liam)
    html = _results(client, near=london.pk)
    assert _order(html, "Alex Taylor", "Morgan Taylor") == ["Morgan Taylor", "Alex Taylor"]
    # Someone elsewhere is marked as such.
    abroad = html[html.index("Alex Taylor") :]
    assert "elsewhere" in abroad.split("</li>")[0]
    assert _results(client, near="nonsense") == _results(client)


def test_the_case_pages_party_picker_searches_near_the_cases_location(client, hana, sam, london, namesakes):
    employee = sam.employee_record
    case: Case = services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Conduct",
        case_manager=hana,
        location=london,
        department=employee.department,
        parties=[(employee, PartyRole.SUBJECT)],
    )
    client.force_login(hana)
    form = client.get(reverse("cases:case_action_form", args=[case.pk, "party"])).content.decode()
    assert re.search(rf'"near": "{london.pk}"', form)


def test_the_concern_forms_picker_searches_near_the_raisers_office(client, liam, london, namesakes):
    client.force_login(liam)
    page = client.get(reverse("cases:concern_create")).content.decode()
    assert f'"near": "{london.pk}"' in page


def test_a_chosen_person_shows_their_office_when_the_form_comes_back(client, liam, namesakes):
    abroad, _ = namesakes
    client.force_login(liam)
    page = client.post(reverse("cases:concern_create"), {"about": [abroad.pk]}).content.decode()
    chip = page[page.index("Alex Taylor") :].split("</label>")[0]
    assert "Chicago" in chip


def test_the_picker_refuses_people_who_may_not_use_it_and_other_methods(client, liam, namesakes):
    url = reverse("cases:employee_search")
    assert client.get(url, {"q": "Taylor"}).status_code == 302  # to the sign-in page
    client.force_login(UserFactory(email="contractor@example.com", roles=[]))  # not in the directory
    assert client.get(url, {"q": "Taylor"}).status_code == 403
    client.force_login(liam)
    assert client.post(reverse("cases:employee_search"), {"q": "Taylor"}).status_code == 405
