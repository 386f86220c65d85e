"""The unions pages share one row of tabs above the heading; the tab of the page (or of the section a
detail page belongs to) is marked current, for the eye and for a screen reader."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _tabs(page: str) -> str:
    match = re.search(r'<nav class="tabs subnav".*?</nav>', page, flags=re.S)
    assert match, "no tabs"
    return match.group(0)


def _current(tabs: str) -> list[str]:
    return re.findall(r'<a[^>]*aria-current="(?:page|true)"[^>]*>([^<]*)</a>', tabs)


@pytest.mark.parametrize(
    ("url_name", "tab"),
    [
        ("unions:consultation_list", "Consultations"),
        ("unions:body_list", "Unions and bodies"),
        ("unions:negotiation_list", "Negotiations"),
        ("unions:agreement_list", "Agreements"),
    ],
)
def test_it_marks_the_list_pages_tab_as_the_current_page(client, erin, url_name, tab):
    client.force_login(erin)
    page = client.get(reverse(url_name)).content.decode()
    tabs = _tabs(page)
    assert _current(tabs) == [tab]
    assert 'aria-current="page"' in tabs
    assert page.index('<nav class="tabs subnav"') < page.index("<h1")


def test_it_marks_the_consultations_tab_on_a_consultation_page(client, erin, gb_consultation):
    client.force_login(erin)
    page = client.get(reverse("unions:consultation_detail", args=[gb_consultation.pk])).content.decode()
    assert _current(_tabs(page)) == ["Consultations"]
    assert page.index('<nav class="tabs subnav"') < page.index("<h1")


def test_it_marks_the_bodies_tab_on_a_body_page(client, erin, gb_union):
    client.force_login(erin)
    page = client.get(reverse("unions:body_detail", args=[gb_union.pk])).content.decode()
    assert _current(_tabs(page)) == ["Unions and bodies"]
