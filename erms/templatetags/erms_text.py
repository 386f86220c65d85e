"""``|catalogued``: a text kept as data in English whose words the translation catalogue also holds
(a jurisdiction rule's citation, listed in ``policies/rule_texts.py``), in the reader's language;
any other text as it is."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def catalogued(value: object) -> str:
    text = "" if value is None else str(value)
    # gettext("") would answer the catalogue's header.
    return gettext(text) if text.strip() else text
