"""Forms for the consultation page: they validate, services act."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, Jurisdiction, Location, User
from erms.lib import workdays
from unions.models import (
    Consultation,
    EmployeeBody,
    LogKind,
    Negotiation,
    ProposalKind,
    Representative,
    ShortNoticeReason,
)


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
    # Unticked, only HR sees the entry.
    shared_with_representatives = forms.BooleanField(
        label=_("Share with the representatives"), required=False
    )

    def __init__(self, *args, consultation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = consultation.bodies.all()


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Held at"), widget=DateTimeInput)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Representatives attending"), queryset=Representative.objects.none(), required=False
    )
    other_attendees = forms.CharField(label=_("Other attendees"), widget=forms.Textarea, required=False)
    actions = forms.CharField(label=_("Actions"), widget=forms.Textarea, required=False)
    minutes = forms.FileField(label=_("Minutes"), required=False)

    def __init__(self, *args, consultation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = Representative.objects.filter(
            body__in=consultation.bodies.all()
        ).select_related("employee", "body")


def managers() -> QuerySet[User]:
    """Active users who may manage consultations and agreements (``unions.change_union``)."""
    holds = Q(
        groups__permissions__codename="change_union", groups__permissions__content_type__app_label="unions"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(holds | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )


class CheckboxList(forms.CheckboxSelectMultiple):
    """Several choices as a list of checkboxes, shown in a fieldset that scrolls when long: a plain
    click picks one more (a multiple select drops the others without Ctrl or ⌘)."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(attrs={"class": "checkbox-list-options", **(attrs or {})}, choices=choices)


def _user_label(user: User) -> str:
    return user.get_full_name()


def _body_label(body: EmployeeBody) -> str:
    return f"{body.name} ({body.jurisdiction})"


class ConsultationCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Proposal"), choices=ProposalKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), choices=Jurisdiction.choices)
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("The region whose public holidays are skipped when counting working days."),
    )
    number_affected = forms.IntegerField(label=_("Employees proposed to be affected"), min_value=0)
    departments = forms.ModelMultipleChoiceField(
        label=_("Affected departments"),
        required=False,
        queryset=Department.objects.order_by("name"),
        widget=CheckboxList,
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Affected locations"),
        required=False,
        queryset=Location.objects.order_by("name"),
        widget=CheckboxList,
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies to consult"),
        required=False,
        queryset=EmployeeBody.objects.order_by("name"),
        widget=CheckboxList,
    )
    government_notified_on = forms.DateField(
        label=_("Government notified on"),
        required=False,
        widget=DateInput,
        help_text=_(
            "Fill in only if the authorities have already been told: the HR1 form (Great Britain), "
            "the notice to NAV (Norway), the WARN notices (United States) or the notice to the "
            "provincial labour authority (Vietnam)."
        ),
    )
    started_on = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=DateInput,
        help_text=_(
            "The day the representatives are invited; the statutory periods count from it. "
            "Leave empty to plan the consultation first."
        ),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Me (default)"),
        help_text=_("The person responsible for the statutory deadlines."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = managers()
        self.fields["owner"].label_from_instance = _user_label
        self.fields["bodies"].label_from_instance = _body_label
        self.fields["region"].choices = region_choices()


def region_choices() -> list[tuple[str, Any]]:
    """The regions ERMS counts working days in, by name, grouped by country."""
    countries = dict(Jurisdiction.choices)
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in workdays.valid_regions():
        groups.setdefault(workdays.region_country(code), []).append((code, workdays.region_name(code)))
    return [
        ("", _("The country's default")),
        *((countries.get(c, c), regions) for c, regions in groups.items()),
    ]


class ConsultationEditForm(forms.Form):
    """What does not change the statutory dates."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Affected departments"),
        required=False,
        queryset=Department.objects.order_by("name"),
        widget=CheckboxList,
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Affected locations"),
        required=False,
        queryset=Location.objects.order_by("name"),
        widget=CheckboxList,
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies to consult"),
        required=False,
        queryset=EmployeeBody.objects.none(),
        widget=CheckboxList,
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": consultation.title,
                "description": consultation.description,
                "owner": consultation.owner_id,
                "departments": list(consultation.departments.values_list("pk", flat=True)),
                "locations": list(consultation.locations.values_list("pk", flat=True)),
                "bodies": list(consultation.bodies.values_list("pk", flat=True)),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = managers()
        self.fields["owner"].label_from_instance = _user_label
        self.fields["bodies"].queryset = EmployeeBody.objects.filter(
            jurisdiction=consultation.jurisdiction
        ).order_by("name")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the proposal withdrawn?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AgreementForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=EmployeeBody.objects.order_by("name"))
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput)
    valid_to = forms.DateField(
        label=_("Valid to"),
        widget=DateInput,
        required=False,
        help_text=_("Reminders go to the owner before the agreement expires."),
    )
    negotiation = forms.ModelChoiceField(
        label=_("Negotiation"),
        required=False,
        queryset=Negotiation.objects.select_related("body").order_by("-opened_on"),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("An ER lead is reminded if left empty."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = managers()
        self.fields["owner"].label_from_instance = _user_label
        self.fields["body"].label_from_instance = _body_label
