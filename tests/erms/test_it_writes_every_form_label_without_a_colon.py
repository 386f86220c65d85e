"""Form labels read alike on every page: questions ("Who is it about?") and names ("Category")
stand without Django's trailing colon, in every language."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


class _Plain(forms.Form):
    urgency = forms.CharField(label="Urgency")


@pytest.mark.parametrize("language", ["en", "nb", "vi"])
def test_it_writes_a_plain_forms_label_without_a_colon(language):
    with translation.override(language):
        form = _Plain()
        assert form["urgency"].label_tag() == '<label for="id_urgency">Urgency</label>'
        assert "Urgency:" not in form.as_div()


def test_it_writes_the_concern_forms_labels_without_a_colon(client, liam):
    client.force_login(liam)
    page = client.get(reverse("cases:concern_create")).content.decode()
    labels = re.findall(r"<label[^>]*>(.*?)</label>", page, flags=re.S)
    assert labels
    assert not [label for label in labels if label.strip().endswith(":")], labels
