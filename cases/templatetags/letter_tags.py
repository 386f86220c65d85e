"""Filters for letter templates: local long dates in the letter's language, and gap marks; and the
tag that puts in the wording of the letter's country."""

from __future__ import annotations

import datetime

from django import template
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from cases.letters import country_template, long_date

register = template.Library()


@register.filter
def ldate(value: datetime.date | str | None) -> str:
    """``{{ outcome.live_until|ldate }}`` → 15 March 2026 · 15. mars 2026 · ngày 15 tháng 03 năm 2026."""
    return long_date(value, (get_language() or "en")[:2])


@register.filter
def or_gap(value: object, label: str = "") -> object:
    """The value, or a highlighted mark where the letter has a gap (shown in the preview)."""
    if value in (None, "", [], {}):
        return format_html('<mark class="gap">[{}]</mark>', label or "?")
    return value


@register.filter
def paragraphs(value: str) -> SafeString:
    """User text as escaped paragraphs (blank lines split paragraphs, single newlines break lines)."""
    blocks = [b.strip() for b in (value or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    html = "".join(format_html("<p>{}</p>", b).replace("\n", "<br>") for b in blocks)
    return SafeString(html)


@register.simple_tag(takes_context=True)
def country_wording(context: Context, passage: str) -> SafeString:
    """``{% country_wording "companion" %}``: the passage as the letter's country words it, from
    ``templates/letters/<language>/<country>/<passage>.html``, rendered with the letter's context.
    Every country folder of a language holds every passage, so a missing one is an error."""
    name = country_template(context["language"], context["jurisdiction"], passage)
    return SafeString(context.template.engine.get_template(name).render(context))
