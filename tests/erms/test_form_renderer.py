"""ERMS's form renderer writes Django's commonest form templates in Python; its markup must be
exactly what Django's templates give, on every ERMS form page and for awkward values."""

from __future__ import annotations

from collections import Counter

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.safestring import mark_safe

from cases import services
from cases.models import CaseKind
from erms.lib.forms import FormRenderer


@pytest.fixture
def checked_renderer(monkeypatch):
    """Every template the fast renderer writes is also rendered by Django and compared."""
    written: Counter[str] = Counter()
    mismatches: list[tuple[str, str, str]] = []
    fast = FormRenderer.render

    def render(self, template_name, context, request=None):
        html = fast(self, template_name, context, request)
        if template_name in FormRenderer.fast:
            written[template_name] += 1
            expected = DjangoTemplates.render(self, template_name, context, request)
            if html != expected:
                mismatches.append((template_name, html, expected))
        return html

    monkeypatch.setattr(FormRenderer, "render", render)
    return written, mismatches


def test_the_renderer_is_the_one_forms_use(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "erms.lib.forms.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)
    assert {
        "django/forms/widgets/input.html",
        "django/forms/widgets/text.html",
        "django/forms/widgets/select.html",
        "django/forms/widgets/textarea.html",
        "django/forms/label.html",
        "django/forms/errors/list/default.html",
    } <= set(FormRenderer.fast)


def test_every_erms_form_page_renders_as_djangos_templates_would(
    client, checked_renderer, erin, hana, liam, sam
):
    written, mismatches = checked_renderer
    concern = services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description='Shouted at a customer <b>loudly</b> & "often"',
    )
    case = services.concern_accept(
        actor=hana,
        concern=concern,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Formal process needed",
    )
    client.force_login(erin)
    actions = [
        reverse("cases:case_action_form", args=[case.pk, action])
        for action in ("assign", "investigator", "party", "plan", "meeting", "outcome", "document")
    ]
    pages = [
        case.get_absolute_url(),
        *actions,
        reverse("cases:case_list") + "?kind=bogus&q=<x>",
        reverse("cases:concern_create"),
        reverse("cases:triage_queue"),
        reverse("deadlines:deadline_calendar"),
        reverse("policies:policy_list"),
        reverse("policies:policy_create"),
        reverse("policies:deadline_calculator"),
        reverse("unions:consultation_list"),
        reverse("unions:consultation_create"),
        reverse("unions:agreement_create"),
    ]
    for path in pages:
        assert client.get(path).status_code == 200, path
    # Bound forms with errors: the case page again with each failing form, and empty create forms.
    for name in (
        "case_edit",
        "party_add",
        "allegation_add",
        "meeting_schedule",
        "outcome_record",
        "note_add",
        "document_upload",
        "case_transition",
        "case_grant_access",
    ):
        response = client.post(
            reverse(f"cases:{name}", args=[case.pk]),
            {"title": "", "expected_version": "x", "user": "not-an-address"},
        )
        assert response.status_code in (200, 400), name
    for path in (
        reverse("cases:concern_create"),
        reverse("policies:policy_create"),
        reverse("unions:consultation_create"),
    ):
        client.post(path, {})
    assert not mismatches, mismatches[:3]
    for template in (
        "django/forms/widgets/text.html",
        "django/forms/widgets/textarea.html",
        "django/forms/widgets/select.html",
        "django/forms/label.html",
        "django/forms/errors/list/default.html",
        "django/forms/widgets/date.html",
        "django/forms/widgets/checkbox.html",
    ):
        assert written[template] > 0, f"no page rendered {template}; the comparison proves nothing for it"


class Awkward(forms.Form):
    required_css_class = "required"
    text = forms.CharField(
        label=mark_safe("Name <em>in full</em>"),
        initial='O\'Brien & "Sons" <x>',
        widget=forms.TextInput(attrs={"placeholder": "<b>", "autofocus": True, "hidden": False, "data-n": 3}),
    )
    safe = forms.CharField(initial=mark_safe("<i>kept</i>"), required=False)
    notes = forms.CharField(widget=forms.Textarea, initial="line one\n<script>two</script>", required=False)
    empty = forms.CharField(widget=forms.Textarea, required=False)
    number = forms.IntegerField(initial=0, required=False)
    agree = forms.BooleanField(initial=True, required=False)
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    pick = forms.ChoiceField(
        choices=[("", "—"), ("a", "A & B"), ("Group <1>", [("b", "<B>"), ("c", "C")])], initial="b"
    )
    many = forms.MultipleChoiceField(choices=[(1, 1), (2, "two")], initial=[2], required=False)
    secret = forms.CharField(widget=forms.HiddenInput, initial='h"i')
    upload = forms.FileField(required=False)


@pytest.mark.parametrize("data", [None, {"text": "", "number": "x", "pick": "zz", "secret": ""}])
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_awkward_values_render_identically(checked_renderer, data, auto_id):
    _written, mismatches = checked_renderer
    form = Awkward(data, auto_id=auto_id)
    for field in form:
        str(field), field.label_tag(), str(field.errors)
    str(form.non_field_errors())
    form.as_div()
    assert not mismatches, mismatches[:3]
