"""The concern form does not promise more confidentiality than ERMS keeps (investigators, the hearing
chair and the person it is about may see the allegation once it is a case), and asks what a
discrimination or harassment is based on only for those categories (the field follows the category
in the browser; without JavaScript it stays in view)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("cases:concern_create")).content.decode()


def test_it_says_who_may_see_what_is_written(client, liam):
    page = _page(client, liam)
    assert "Only HR sees" not in page
    assert "HR reads this first and decides what happens next." in page
    assert "the person it is about so they can respond" in page


def test_it_asks_what_the_discrimination_is_based_on_only_for_those_categories(client, liam):
    page = _page(client, liam)
    assert "What is the discrimination or harassment based on?" in page
    found = re.search(r'<select name="protected_characteristic"[^>]*>', page)
    assert found
    select = found.group(0)
    assert 'data-shown-with="category"' in select
    assert 'data-shown-for="discrimination harassment"' in select
