"""The new-consultation form: departments, locations and bodies are lists of checkboxes (no Ctrl-click),
each list in a fieldset named by its legend; the owner left empty reads "Me (default)"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import Department

pytestmark = pytest.mark.django_db


def test_it_offers_departments_locations_and_bodies_as_checkboxes(client, erin, gb_union, people_team):
    client.force_login(erin)
    page = client.get(reverse("unions:consultation_create")).content.decode()
    assert '<select name="departments"' not in page and " multiple" not in page
    for name in ("departments", "locations", "bodies"):
        assert f'type="checkbox" name="{name}"' in page, name
    legends = re.findall(r'<fieldset class="checkbox-list">\s*<legend>([^<]*)</legend>', page)
    assert legends == ["Affected departments", "Affected locations", "Bodies to consult"]
    assert Department.objects.exists()


def test_it_calls_the_empty_owner_me(client, erin):
    client.force_login(erin)
    page = client.get(reverse("unions:consultation_create")).content.decode()
    found = re.search(r'<select name="owner"[^>]*>(.*?)</select>', page, flags=re.S)
    assert found
    owner = found.group(1)
    assert '<option value="" selected>Me (default)</option>' in owner
    assert "---------" not in page
