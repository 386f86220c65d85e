"""Form widgets shared by the apps."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


class OnePassSelect(forms.Select):
    """A ``<select>`` written in one pass. Django renders each option through its own
    context dictionary and template; for the lists ERMS pages carry (every staff member as
    chair, note-taker, case manager…; every department; the case filters) that was most of
    the page's time. Option groups fall back to the standard rendering."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        selected = set(self.format_value(value))
        parts = [f'<select name="{_escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # option groups: the standard rendering
                return super().render(name, value, attrs, renderer)
            option = "" if option_value is None else str(option_value)
            mark = " selected" if option in selected else ""
            if mark:
                selected = set()  # a single select marks only its first match
            parts.append(f'<option value="{_escape(option)}"{mark}>{_escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped


def _escape(text: Any) -> str:
    """``conditional_escape`` without the lazy-string wrappers, for option lists."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))
