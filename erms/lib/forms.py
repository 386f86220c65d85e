"""The form renderer (``FORM_RENDERER``).

Django renders every widget, label and error list of a form through a template. ERMS pages
carry many forms (the case page has a dozen action forms, about seventy fields), and those
small template renders were a large part of the page's time. This renderer writes the
commonest of Django's own form templates in Python, producing the same markup, and leaves
every other template (and any template a project overrides) to Django. A test renders every
form in ERMS with both renderers and requires identical output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import django.forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

from erms.lib.widgets import OnePassSelect


def _value(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` under autoescaping."""
    text = str(value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: Mapping[str, Any] | None) -> str:
    """``django/forms/attrs.html`` and ``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in (attrs or {}).items():
        if value is False:
            continue
        parts.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_value(value)}"'
        )
    return "".join(parts)


def _input(context: Mapping[str, Any]) -> str:
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{_value(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _textarea(context: Mapping[str, Any]) -> str:
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


def _label(context: Mapping[str, Any]) -> str:
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


def _error_list(context: Mapping[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    labelled = f' id="{conditional_escape(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
    return f'<ul class="{conditional_escape(context["error_class"])}"{labelled}>{items}</ul>'


_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _option(option: Mapping[str, Any]) -> str:
    return f'<option value="{_value(option["value"])}"{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>'


def _select(context: Mapping[str, Any]) -> str | None:
    widget = context["widget"]
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != _OPTION_TEMPLATE:
                return None  # a custom option template: Django renders it
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


#: Django's template text each function stands for; a template whose file reads otherwise
#: (another Django version) is left to Django.
_WRITTEN: dict[str, tuple[str, Callable[[Mapping[str, Any]], str | None]]] = {
    "django/forms/widgets/input.html": (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        'value="{{ widget.value|stringformat:\'s\' }}"{% endif %}{% include "django/forms/widgets/attrs.html" %}>',
        _input,
    ),
    "django/forms/widgets/textarea.html": (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>",
        _textarea,
    ),
    "django/forms/widgets/select.html": (
        '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>{% for group_name, '
        "group_choices, group_index in widget.optgroups %}{% if group_name %}\n"
        '  <optgroup label="{{ group_name }}">{% endif %}{% for option in group_choices %}\n'
        "  {% include option.template_name with widget=option %}{% endfor %}{% if group_name %}\n"
        "  </optgroup>{% endif %}{% endfor %}\n</select>",
        _select,
    ),
    "django/forms/label.html": (
        "{% if use_tag %}<{{ tag }}{% include 'django/forms/attrs.html' %}>{{ label }}</{{ tag }}>"
        "{% else %}{{ label }}{% endif %}",
        _label,
    ),
    "django/forms/errors/list/ul.html": (
        '{% if errors %}<ul class="{{ error_class }}"{% if errors.field_id %} id="{{ errors.field_id }}_error"'
        "{% endif %}>{% for error in errors %}<li>{{ error }}</li>{% endfor %}</ul>{% endif %}",
        _error_list,
    ),
    "django/forms/errors/list/default.html": (
        '{% include "django/forms/errors/list/ul.html" %}',
        _error_list,
    ),
}
_ATTRS = {
    "django/forms/widgets/attrs.html": "{% for name, value in widget.attrs.items %}{% if value is not False %} "
    "{{ name }}{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}",
    "django/forms/attrs.html": "{% for name, value in attrs.items %}{% if value is not False %} "
    "{{ name }}{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}",
    _OPTION_TEMPLATE: "<option value=\"{{ widget.value|stringformat:'s' }}\""
    '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>',
}


def _fast_templates() -> dict[str, Callable[[Mapping[str, Any]], str | None]]:
    """The templates written here, each only if Django's file (and those it includes) still
    reads as expected."""
    root = Path(django.forms.__file__).parent / "templates"

    def reads(name: str, text: str) -> bool:
        path = root / name
        return path.is_file() and path.read_text().strip() == text

    if not all(reads(name, text) for name, text in _ATTRS.items()):
        return {}
    fast = {name: write for name, (text, write) in _WRITTEN.items() if reads(name, text)}
    if "django/forms/widgets/input.html" in fast:
        include_input = '{% include "django/forms/widgets/input.html" %}'
        for path in (root / "django/forms/widgets").glob("*.html"):
            if path.read_text().strip() == include_input:
                fast[f"django/forms/widgets/{path.name}"] = _input
    return fast


class LabelledField(BoundField):
    """A form field whose label carries no suffix: Django adds a colon to a label that does not
    end in punctuation, so questions ("Who is it about?") and names ("Category:") read in two
    styles on one form. A field may still ask for a suffix of its own (``Field(label_suffix=…)``)."""

    def label_tag(
        self, contents: Any = None, attrs: Any = None, label_suffix: Any = None, tag: Any = None
    ) -> Any:
        if label_suffix is None and self.field.label_suffix is None:
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(DjangoTemplates):
    """Django's template-based form renderer with its hottest templates in Python; every form's
    labels without a trailing colon."""

    fast = _fast_templates()
    bound_field_class = LabelledField

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        write = self.fast.get(template_name)
        html = None if write is None else write(context)
        if html is None:
            return super().render(template_name, context, request)
        return html


class ListedModelChoiceIterator(ModelChoiceIterator):
    """Model choices read by one ordinary query. Django's iterator uses ``QuerySet.iterator()``,
    which on PostgreSQL opens a server-side cursor (declare, fetch, close) — three round
    trips for the handful of rows a choice list holds."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedModelChoiceField(ModelChoiceField):
    """A model choice among a short list (a case's documents, the staff): one plain query,
    options written in one pass."""

    iterator = ListedModelChoiceIterator
    widget = OnePassSelect
