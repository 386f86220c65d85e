"""Forms for the consultation page: they validate, services act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unions.models import EmployeeBody, LogKind, Representative, ShortNoticeReason


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class ConsultationDateForm(forms.Form):
    """One date: opening, government notice, planned first dismissal."""

    on = forms.DateField(label=_("Date"), widget=DateInput)


class ConsultationConcludeForm(forms.Form):
    on = forms.DateField(label=_("Concluded on"), widget=DateInput)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea, required=False)


class ShortNoticeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ShortNoticeReason.choices)
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea)


class LogEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LogKind.choices)
    body = forms.ModelChoiceField(label=_("From body"), queryset=EmployeeBody.objects.none(), required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea)

    def __init__(self, *args, consultation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = consultation.bodies.all()


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Held at"), widget=DateTimeInput)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea, required=False)
    attendees = forms.ModelMultipleChoiceField(label=_("Representatives attending"),
                                               queryset=Representative.objects.none(), required=False)
    other_attendees = forms.CharField(label=_("Other attendees"), widget=forms.Textarea, required=False)
    actions = forms.CharField(label=_("Actions"), widget=forms.Textarea, required=False)
    minutes = forms.FileField(label=_("Minutes"), required=False)

    def __init__(self, *args, consultation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = Representative.objects.filter(
            body__in=consultation.bodies.all()).select_related("employee", "body")
