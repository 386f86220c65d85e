"""Forms only validate; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Jurisdiction
from erms.lib import workdays
from policies.models import PolicyCategory


class PolicyCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=PolicyCategory.choices)
    jurisdictions = forms.MultipleChoiceField(
        label=_("Jurisdictions"), choices=Jurisdiction.choices, widget=forms.CheckboxSelectMultiple
    )
    review_due = forms.DateField(label=_("Review due"), widget=forms.DateInput(attrs={"type": "date"}))
    body_markdown = forms.CharField(label=_("First draft (Markdown)"), widget=forms.Textarea, required=False)


class VersionForm(forms.Form):
    body_markdown = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 20}))
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class MakeEffectiveForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Effective from"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReviewForm(forms.Form):
    next_review_due = forms.DateField(
        label=_("Next review due"), widget=forms.DateInput(attrs={"type": "date"})
    )


class TaggedSelect(forms.Select):
    """A select whose options carry ``data-<tag>`` (the country of a region, the rule of a
    variant), so the calculator's script shows only those that fit the chosen rule; ``shown``
    hides the others when the page is drawn (the script keeps them in step afterwards)."""

    def __init__(self, tag: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag = tag
        self.tags: dict[str, str] = {}
        self.shown: str = ""

    def create_option(
        self, name: str, value: Any, label: Any, selected: Any, index: int, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, *args, **kwargs)
        tag = self.tags.get(str(value), "")
        if tag:
            option["attrs"][f"data-{self.tag}"] = tag
            if self.shown and tag != self.shown and not selected:
                option["attrs"]["hidden"] = True
        return option


class DeadlineForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), widget=TaggedSelect("country"))
    start = forms.DateField(label=_("Start (trigger) date"), widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ChoiceField(label=_("Region"), widget=TaggedSelect("country"))
    variant = forms.ChoiceField(
        label=_("Variant"),
        required=False,
        widget=TaggedSelect("rule"),
        help_text=_("Leave at the rule's default unless the case is one of the rule's other variants."),
    )

    def __init__(self, *args: Any, rules: list, regions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        by_id = {r.rule_id: r for r in rules}
        rule_widget, region_widget, variant_widget = (
            self.fields[f].widget for f in ("rule", "region", "variant")
        )
        # The whole name, in the reader's language: options wrap in the page's style rather than cutting it.
        self.fields["rule"].choices = [(r.rule_id, f"{r.rule_id} · {r.display_title}") for r in rules]
        rule_widget.tags = {r.rule_id: r.jurisdiction for r in rules}
        self.fields["region"].choices = [(code, workdays.region_name(code)) for code in regions]
        region_widget.tags = {code: workdays.region_country(code) for code in regions}
        self.fields["variant"].choices = [("", _("The rule's default"))] + [
            (f"{r.rule_id}:{v['key']}", r.variant_label(v["key"])) for r in rules for v in r.variants
        ]
        variant_widget.tags = {f"{r.rule_id}:{v['key']}": r.rule_id for r in rules for v in r.variants}
        # The rule asked for, else the one the page opens on (the reader's own country's).
        wanted = self.data.get("rule", "") if self.is_bound else self.initial.get("rule", "")
        chosen = by_id.get(str(wanted).upper())
        if chosen is not None:
            if chosen.jurisdiction in set(region_widget.tags.values()):
                region_widget.shown = chosen.jurisdiction
            variant_widget.shown = chosen.rule_id

    def clean_variant(self) -> str:
        """The variant's key within the chosen rule ("" for the rule's default)."""
        value = self.cleaned_data.get("variant") or ""
        rule_id, _sep, key = value.partition(":")
        if value and rule_id.upper() != str(self.data.get("rule", "")).upper():
            raise forms.ValidationError(_("Choose one of the chosen rule's variants."))
        return key
