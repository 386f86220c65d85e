"""Forms only validate; services save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Jurisdiction
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


class DeadlineForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"))
    start = forms.DateField(label=_("Start (trigger) date"), widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ChoiceField(label=_("Region"))
    variant = forms.CharField(
        label=_("Variant"), required=False, help_text=_("Leave blank for the rule's default.")
    )

    def __init__(self, *args: object, rules: list, regions: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(r.rule_id, f"{r.rule_id} · {r.title[:80]}") for r in rules]
        self.fields["region"].choices = [(code, code) for code in regions]
