"""``|day_date``: a date with its weekday in the reader's language ("Sat 5 Dec 2026",
"lør. 5. des. 2026", "Thứ 7, 5/12/2026"); ``|day_date:"long"`` spells the weekday out.
A built-in of every template (settings ``TEMPLATES``), so no ``{% load %}`` is needed."""

from __future__ import annotations

import datetime

from django import template
from django.conf import settings
from django.utils import formats, translation
from django.utils.dateformat import format as date_format

register = template.Library()

_FALLBACK = {"DAY_DATE_FORMAT": "D j M Y", "LONG_DAY_DATE_FORMAT": "l j M Y"}


def _format(name: str) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    for module in formats.iter_format_modules(language, settings.FORMAT_MODULE_PATH):
        if hasattr(module, name):
            return str(getattr(module, name))
    return _FALLBACK[name]


@register.filter(expects_localtime=True)
def day_date(value: datetime.date | None, style: str = "") -> str:
    if not value:
        return ""
    return date_format(value, _format("LONG_DAY_DATE_FORMAT" if style == "long" else "DAY_DATE_FORMAT"))
