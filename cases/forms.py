"""Forms for the cases pages. They only validate; services save.

Field names match the keyword arguments of the service each form feeds, so a view can
pass ``**form.cleaned_data`` straight through.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Case as CaseWhen
from django.db.models import Min, QuerySet, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Department, Employee, EmploymentStatus, Jurisdiction, Location, Role, User
from cases import companions, letters, selectors
from cases.guardrails import allowed_sanctions
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    ConcernCategory,
    Document,
    DocumentKind,
    Finding,
    Letter,
    LetterKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PartyRole,
    ProtectedCharacteristic,
    Sanction,
    Urgency,
)
from cases.selectors import SORTS, CaseFilters
from cases.workflow import next_statuses
from erms.lib import clock
from erms.lib.forms import ListedModelChoiceField
from erms.lib.widgets import OnePassSelect
from policies.models import PolicyVersion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

#: Who may run cases; also the people a case can be handed to.
CASE_MANAGER_ROLES = (Role.HR_CASE_MANAGER, Role.ER_LEAD)
#: Who may chair a meeting, take notes or decide an outcome.
STAFF_ROLES = (Role.HR_ADMIN, Role.ER_LEAD, Role.HR_CASE_MANAGER, Role.INVESTIGATOR, Role.LINE_MANAGER)


def _user_label(user: User) -> str:
    return user.get_full_name()


def _pickable_employees() -> QuerySet[Employee]:
    return Employee.objects.exclude(employment_status=EmploymentStatus.LEFT)


# --------------------------------------------------------------------------- widgets and fields


class StaffChoiceField(ListedModelChoiceField):
    """An active user holding one of ``roles`` (case manager, chair, decision maker…)."""

    def __init__(self, *, roles: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(queryset=selectors.users_with_roles(*roles), **kwargs)

    def label_from_instance(self, obj: User) -> str:
        return _user_label(obj)


class EmployeePicker(forms.Widget):
    """Search-as-you-type: a search box (htmx) whose results are checkboxes (or radios)
    named like the field; chosen people stay listed above the box."""

    template_name = "cases/_employee_picker.html"

    def __init__(self, multiple: bool = True, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        #: A location id: its people are listed first and the others marked (``NearPickerMixin``).
        self.near: int | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty picker sends nothing, which means "nobody"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        raw = value if isinstance(value, list | tuple) else [value]
        ids = [int(v) for v in raw if str(v).isdigit()]
        context["selected"] = (
            list(Employee.objects.filter(pk__in=ids).select_related("department", "location")) if ids else []
        )
        context["multiple"] = self.multiple
        context["near"] = self.near
        context["search_url"] = reverse("cases:employee_search")
        return context

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308


class CompanionPicker(EmployeePicker):
    """The employee picker with the registered suggestions offered first (``cases.companions``:
    the serving union representatives, each labelled with their body), fetched from their
    app's URL when the form is shown (htmx). The field still accepts any current employee."""

    template_name = "cases/_companion_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(multiple=False, attrs=attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        query = {"field": name, **({"selected": context["selected"][0].pk} if context["selected"] else {})}
        offered: set[int] = set()
        context["suggestion_urls"] = []
        for source in companions.sources():
            ids = set(source.employee_ids())
            if ids:
                offered |= ids
                context["suggestion_urls"].append(f"{source.url()}?{urlencode(query)}")
        context["selected"] = [e for e in context["selected"] if e.pk not in offered]  # checked in the list
        return context


class NearPickerMixin:
    """A form whose people pickers list the people of one location first (``near``, a location
    id: the case's, or the office of whoever raises a concern) and mark the others."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, near: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            if isinstance(field.widget, EmployeePicker):
                field.widget.near = near


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none were chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class UserByEmailField(forms.EmailField):
    """An e-mail address that must belong to an active user; cleans to the user."""

    def clean(self, value: Any) -> User:
        email = super().clean(value)
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with a log-in has that e-mail address."))
        return user


class VersionedForm(forms.Form):
    """Carries the case version the page was rendered with (optimistic locking)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _not_in_future(value: datetime.date | None) -> datetime.date | None:
    if value and value > clock.today():
        raise forms.ValidationError(_("This date is in the future."))
    return value


# --------------------------------------------------------------------------- concerns


class ConcernForm(NearPickerMixin, forms.Form):
    about = forms.ModelMultipleChoiceField(
        label=_("Who is it about?"),
        queryset=_pickable_employees(),
        widget=EmployeePicker(multiple=True),
        error_messages={"required": _("Choose at least one person the concern is about.")},
    )
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *ConcernCategory.choices])
    # Shown by static/js/case.js only while the category is discrimination or harassment.
    protected_characteristic = forms.ChoiceField(
        label=_("What is the discrimination or harassment based on?"),
        required=False,
        choices=[("", "—"), *ProtectedCharacteristic.choices],
        help_text=_("Required for discrimination; for harassment, only if it is about one of these."),
        widget=forms.Select(
            attrs={
                "data-shown-with": "category",
                "data-shown-for": f"{ConcernCategory.DISCRIMINATION} {ConcernCategory.HARASSMENT}",
            }
        ),
    )
    description = forms.CharField(label=_("What happened?"), widget=forms.Textarea)
    occurred_on = forms.DateField(label=_("When did it happen?"), required=False, widget=DATE)
    place = forms.CharField(label=_("Where did it happen?"), max_length=200, required=False)
    witnesses = forms.CharField(
        label=_("Witnesses"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, Excel, images (PNG, JPEG, GIF) or plain text."),
    )

    def clean_occurred_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("occurred_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("category") == ConcernCategory.DISCRIMINATION and not data.get(
            "protected_characteristic"
        ):
            self.add_error(
                "protected_characteristic",
                _("Say which protected characteristic the discrimination relates to."),
            )
        return data


class TriageForm(forms.Form):
    """The triage page shows its decision forms together; each names its fields' ids after itself
    (``id_accept_reason``, ``id_close_reason``), so no two boxes share an id and each label finds its own."""

    ids = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.ids}_%s")
        super().__init__(*args, **kwargs)


class ConcernAcceptForm(TriageForm):
    ids = "accept"
    kind = forms.ChoiceField(
        label=_("Kind of case"), choices=[c for c in CaseKind.choices if c[0] != CaseKind.APPEAL]
    )
    case_manager = StaffChoiceField(label=_("Case manager"), roles=CASE_MANAGER_ROLES)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave blank to use the category and the first person's name."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        required=False,
        help_text=_("The case's urgency; it starts as the concern's."),
    )
    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}))


class ConcernMergeForm(TriageForm):
    ids = "merge"
    case = forms.ModelChoiceField(label=_("Case"), queryset=Case.objects.none())
    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = selectors.case_list(user=user, filters=CaseFilters(open_only=True))


class ConcernResolveForm(TriageForm):
    ids = "resolve"
    advice = forms.CharField(
        label=_("Advice (shared with the person who raised it)"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ConcernCloseForm(TriageForm):
    ids = "close"
    reason = forms.CharField(label=_("Reason (internal)"), widget=forms.Textarea(attrs={"rows": 3}))
    message = forms.CharField(
        label=_("Message to the person who raised it (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConcernMessageForm(TriageForm):
    ids = "message"
    body = forms.CharField(
        label=_("Message to the person who raised it"), widget=forms.Textarea(attrs={"rows": 3})
    )


# --------------------------------------------------------------------------- case list


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *CaseKind.choices],
        widget=OnePassSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *CaseStatus.choices],
        widget=OnePassSelect,
    )
    # Plain choices (id, name) rather than model choices: the list is rendered on every
    # case-list view and needs no model instances.
    department = forms.TypedChoiceField(
        label=_("Department"), required=False, coerce=int, empty_value=None, widget=OnePassSelect
    )
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        required=False,
        choices=[("", _("All jurisdictions")), *Jurisdiction.choices],
        widget=OnePassSelect,
    )
    case_manager = forms.TypedChoiceField(
        label=_("Case manager"), required=False, coerce=int, empty_value=None, widget=OnePassSelect
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    open_only = forms.BooleanField(label=_("Open only"), required=False)
    queue = forms.ChoiceField(
        label=_("Needs attention"),
        required=False,
        widget=OnePassSelect,
        choices=[
            ("", _("Any case")),
            ("overdue", _("Deadline overdue")),
            ("due_this_week", _("Deadline in the next 7 days")),
            ("meetings_this_week", _("Meeting in the next 7 days")),
            ("letters_waiting", _("Letter waiting or failed")),
            ("quiet", _("No activity for 30 days")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        widget=OnePassSelect,
        choices=[
            ("-opened_at", _("Newest first")),
            ("opened_at", _("Oldest first")),
            ("next_deadline_on", _("Next deadline")),
            ("reference", _("Reference")),
            ("status", _("Status")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [
            ("", _("All departments")),
            *Department.objects.order_by("name", "id").values_list("id", "name"),
        ]
        managers = selectors.users_with_roles(*CASE_MANAGER_ROLES).values_list("id", "full_name", "email")
        self.fields["case_manager"].choices = [
            ("", _("All case managers")),
            *((pk, name or email) for pk, name, email in managers),
        ]

    def filters(self) -> CaseFilters:
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or "-opened_at"
        return CaseFilters(
            kind=data.get("kind", ""),
            status=data.get("status", ""),
            department=data.get("department"),
            jurisdiction=data.get("jurisdiction", ""),
            case_manager=data.get("case_manager"),
            overdue=bool(data.get("overdue")),
            open_only=bool(data.get("open_only")),
            queue=data.get("queue", ""),
            q=data.get("q", ""),
            sort=sort if sort in SORTS else "-opened_at",
        )


class SharedCaseSearchForm(forms.Form):
    """The search of the plain list of cases shared with someone without an HR role: none of
    HR's filters (case managers, departments, deadlines)."""

    q = forms.CharField(label=_("Search"), required=False)

    def filters(self) -> CaseFilters:
        return CaseFilters(q=self.cleaned_data.get("q", "") if self.is_valid() else "")


# --------------------------------------------------------------------------- case actions


#: The longest range the trends page counts over: five years of months keeps the chart readable.
TRENDS_MAX_MONTHS = 60


def trends_default_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months up to ``today``: from the first day of the month eleven months back."""
    month = today.month - 11
    year = today.year + (month - 1) // 12
    return datetime.date(year, (month - 1) % 12 + 1, 1), today


class TrendFilterForm(forms.Form):
    """The trends page's filters, read from the query string so a filtered view can be linked."""

    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=pgettext_lazy("end of a date range", "To"), required=False, widget=DATE)
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        required=False,
        choices=[("", _("All jurisdictions")), *Jurisdiction.choices],
        widget=OnePassSelect,
    )
    location = forms.TypedChoiceField(
        label=_("Location"), required=False, coerce=int, empty_value=None, widget=OnePassSelect
    )
    department = forms.TypedChoiceField(
        label=_("Department"), required=False, coerce=int, empty_value=None, widget=OnePassSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [
            ("", _("All locations")),
            *Location.objects.order_by("name", "id").values_list("id", "name"),
        ]
        self.fields["department"].choices = [
            ("", _("All departments")),
            *Department.objects.order_by("name", "id").values_list("id", "name"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        default_from, default_to = trends_default_range(clock.today())
        start = data.get("date_from") or default_from
        end = data.get("date_to") or default_to
        if not (clock.EARLIEST_YEAR <= start.year and end.year <= clock.LATEST_YEAR):
            self.add_error(
                "date_from",
                _("Give a date between the years %(first)s and %(last)s.")
                % {"first": clock.EARLIEST_YEAR, "last": clock.LATEST_YEAR},
            )
        elif start > end:
            self.add_error("date_to", _("The end of the range is before its start."))
        elif (end.year - start.year) * 12 + end.month - start.month >= TRENDS_MAX_MONTHS:
            self.add_error(
                "date_from", _("Choose at most %(months)s months.") % {"months": TRENDS_MAX_MONTHS}
            )
        return data

    def filters(self) -> selectors.TrendFilters:
        """The filters to count over; the default range (and no other filter) when the form is invalid."""
        start, end = trends_default_range(clock.today())
        if not self.is_valid():
            return selectors.TrendFilters(start=start, end=end)
        data = self.cleaned_data
        return selectors.TrendFilters(
            start=data.get("date_from") or start,
            end=data.get("date_to") or end,
            jurisdiction=data.get("jurisdiction") or "",
            location=data.get("location"),
            department=data.get("department"),
        )


class CaseEditForm(VersionedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class CaseTransitionForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the case is withdrawn."),
    )

    def __init__(self, *args: Any, case: Case, can_close: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = next_statuses(case.kind, case.status)
        if not can_close:
            options = [s for s in options if s not in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)]
        self.fields["to_status"].choices = [(s, CaseStatus(s).label) for s in options]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("to_status") == CaseStatus.WITHDRAWN and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the case is withdrawn."))
        return data


class CaseReopenForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why is the case reopened?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CaseAssignManagerForm(VersionedForm):
    case_manager = StaffChoiceField(label=_("Case manager"), roles=CASE_MANAGER_ROLES)


class InvestigatorForm(forms.Form):
    investigator = StaffChoiceField(label=_("Investigator"), roles=(Role.INVESTIGATOR, *CASE_MANAGER_ROLES))


class GrantAccessForm(forms.Form):
    user = UserByEmailField(label=_("E-mail address of the person"))
    can_change = forms.BooleanField(
        label=_("May also change the case"),
        required=False,
        help_text=_(
            "Notes, documents, the investigation plan, interviews and findings, as an investigator. "
            "The status, parties, allegations, hearings and letters stay with those who manage the case."
        ),
    )


class RevokeAccessForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.all(), widget=forms.HiddenInput)


class PartyForm(NearPickerMixin, forms.Form):
    employee = forms.ModelChoiceField(
        label=_("Employee"), queryset=_pickable_employees(), widget=EmployeePicker(multiple=False)
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    notes = forms.CharField(label=_("Notes"), max_length=200, required=False)


def policy_version_label(version: PolicyVersion) -> str:
    """ "Code of conduct v3 (in force from 1 January 2025)", in the reader's language."""
    return _("%(title)s v%(number)s (in force from %(date)s)") % {
        "title": version.policy.title,
        "number": version.number,
        # The day as the case page writes it ("1 Jan 2025"), month names in the reader's language.
        "date": date_format(version.effective_from, "j M Y") if version.effective_from else "—",
    }


@dataclass(frozen=True)
class AllegationLinkChoices:
    """What an allegation on a case may link to, read once for every allegation form on a page:
    the adopted versions of the policies of the case's country and the case's documents."""

    versions: list[PolicyVersion]
    documents: list[Document]

    @classmethod
    def for_case(cls, case: Case) -> AllegationLinkChoices:
        return cls(
            versions=selectors.allegation_policy_versions(case),
            documents=list(selectors.allegation_evidence_choices(case)),
        )


class AllegationLinksForm(forms.Form):
    """The policy version an allegation names and the evidence it relies on; the choices are
    given (``AllegationLinkChoices``), so many of these forms on one page cost no extra query."""

    #: The blank choice; the add form reads it as "pick the version in force on the incident date".
    blank_version_label = "—"

    policy_version = forms.ModelChoiceField(
        label=_("Policy (version in force)"), queryset=PolicyVersion.objects.none(), required=False
    )
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Documents of this case the allegation relies on, such as witness statements."),
    )

    def __init__(
        self, *args: Any, case: Case, links: AllegationLinkChoices | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        links = links or AllegationLinkChoices.for_case(case)
        version = self.fields["policy_version"]
        version.queryset = PolicyVersion.objects.filter(pk__in=[v.pk for v in links.versions])
        version.choices = [("", self.blank_version_label)] + [
            (v.pk, policy_version_label(v)) for v in links.versions
        ]
        evidence = self.fields["evidence"]
        evidence.queryset = Document.objects.filter(case=case)
        evidence.choices = [(d.pk, d.title) for d in links.documents]


class AllegationForm(AllegationLinksForm):
    blank_version_label = _("The version in force on the incident date")

    category = forms.ChoiceField(label=_("Category"), choices=ConcernCategory.choices)
    description = forms.CharField(label=_("Allegation"), widget=forms.Textarea(attrs={"rows": 3}))
    incident_date = forms.DateField(label=_("Incident date"), required=False, widget=DATE)
    protected_characteristic = forms.ChoiceField(
        label=_("Protected characteristic"),
        required=False,
        choices=[("", "—"), *ProtectedCharacteristic.choices],
        help_text=_("For discrimination; left blank, the case's."),
    )

    field_order = [
        "category",
        "description",
        "incident_date",
        "protected_characteristic",
        "policy_version",
        "evidence",
    ]

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_allegation_%s")
        super().__init__(*args, case=case, **kwargs)
        # As the category or incident date changes, the page shows which version is in force (htmx).
        preview = {
            "hx-get": reverse("cases:allegation_policy_choice", args=[case.pk]),
            "hx-trigger": "change",
            "hx-include": "closest form",
            "hx-target": "#" + (self.auto_id % "policy_version"),
            "hx-swap": "outerHTML",
        }
        self.fields["category"].widget.attrs.update(preview)
        self.fields["incident_date"].widget.attrs.update(preview)


class AllegationPolicyQueryForm(forms.Form):
    """What the version in force depends on, as the add form holds it while being filled in."""

    category = forms.ChoiceField(choices=ConcernCategory.choices, required=False)
    incident_date = forms.DateField(required=False)

    def clean_incident_date(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("incident_date"))


class FindingForm(forms.Form):
    finding = forms.ChoiceField(label=_("Finding"), choices=Finding.choices)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


def _override_field() -> forms.CharField:
    return forms.CharField(
        label=_("Override reason (ER lead)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only to override a procedural refusal that allows it; the reason goes on the record."),
    )


class MeetingScheduleForm(NearPickerMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"), widget=DATETIME_LOCAL, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    chair = StaffChoiceField(label=_("Chair"), roles=STAFF_ROLES)
    note_taker = StaffChoiceField(label=_("Note-taker"), roles=STAFF_ROLES, required=False)
    companion = forms.ModelChoiceField(
        label=_("Companion"), queryset=_pickable_employees(), required=False, widget=CompanionPicker()
    )
    notice_sent_on = forms.DateField(label=_("Notice sent on"), required=False, widget=DATE)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=_pickable_employees(),
        required=False,
        widget=EmployeePicker(multiple=True),
    )
    override_reason = _override_field()

    def __init__(
        self, *args: Any, can_override: bool, kinds: Collection[str] | None = None, **kwargs: Any
    ) -> None:
        """``kinds``: the only meeting kinds offered (an investigator schedules interviews, not hearings)."""
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]
        if kinds is not None:
            self.fields["kind"].choices = [(k, label) for k, label in MeetingKind.choices if k in kinds]


class MeetingHeldForm(forms.Form):
    outcome_summary = forms.CharField(label=_("Outcome summary"), widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.FileField(label=_("Minutes"), required=False)
    notice_sent_on = forms.DateField(
        label=_("Notice sent on"),
        required=False,
        widget=DATE,
        help_text=_("Only if the invitation date was not recorded when the meeting was scheduled."),
    )


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class InvestigationPlanForm(NearPickerMixin, forms.Form):
    terms_of_reference = forms.CharField(
        label=_("Terms of reference"), widget=forms.Textarea(attrs={"rows": 4})
    )
    questions = forms.CharField(
        label=_("Questions to answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    interviewees = forms.ModelMultipleChoiceField(
        label=_("People to interview"),
        queryset=_pickable_employees(),
        required=False,
        widget=EmployeePicker(multiple=True),
    )


class OutcomeForm(VersionedForm):
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    sanction = forms.ChoiceField(label=_("Sanction"), required=False)
    decided_by = StaffChoiceField(
        label=_("Decided by"),
        roles=STAFF_ROLES,
        required=False,
        help_text=_("Leave blank if you decided it yourself."),
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)
    appeal_allowed = forms.BooleanField(label=_("Right of appeal"), required=False, initial=True)
    override_reason = _override_field()

    def __init__(self, *args: Any, case: Case, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = allowed_sanctions(case)
        self.fields["sanction"].choices = [("", _("No sanction")), *((s, Sanction(s).label) for s in allowed)]
        self.live_warnings = selectors.case_live_warnings(case)
        if self.live_warnings:
            self.fields["sanction"].help_text = _("Live warnings from earlier cases: %(list)s.") % {
                "list": "; ".join(
                    _("%(name)s: %(sanction)s, live until %(day)s")
                    % {
                        "name": w.employee_name,
                        "sanction": w.label,
                        "day": date_format(w.live_until, "j M Y"),
                    }
                    for w in self.live_warnings
                )
            }
        else:
            self.fields["sanction"].help_text = _("No live warnings from earlier cases.")
        if not can_override:
            del self.fields["override_reason"]

    def clean_decided_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("decided_on"))


class AppealForm(forms.Form):
    grounds = forms.CharField(label=_("Grounds of appeal"), widget=forms.Textarea(attrs={"rows": 4}))
    case_manager = StaffChoiceField(label=_("Case manager for the appeal"), roles=CASE_MANAGER_ROLES)


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    shared_with_submitter = forms.BooleanField(
        label=_("Share with the person who raised the concern"),
        required=False,
        help_text=_("Left unticked, the note stays internal."),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            c for c in DocumentKind.choices if c[0] not in (DocumentKind.ATTACHMENT, DocumentKind.LETTER)
        ],
    )
    file = forms.FileField(label=_("File"))
    replaces = ListedModelChoiceField(
        label=_("Replaces (new version of)"),
        required=False,
        queryset=Case.objects.none(),
        empty_label=_("— a new document —"),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = case.documents.filter(replaced_by__isnull=True).order_by("title")


# Fields a service names that a form calls differently (see ApplicationError.add_to).
FIELD_ALIASES = {"attachments": ("file", "minutes"), "status": ("to_status",)}


#: The browser's date picker (its value is an ISO date whatever the user's language).
_DATE_PICKER = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LetterRequestForm(forms.Form):
    """What to put in a letter: kind, language, meeting, addressee, a letter it corrects, extra facts."""

    kind = forms.ChoiceField(label=_("Letter"), choices=LetterKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    addressee = forms.ModelChoiceField(label=_("Addressee"), queryset=Employee.objects.none(), required=False)
    replaces = forms.ModelChoiceField(
        label=_("Corrects letter"), queryset=Letter.objects.none(), required=False
    )
    suspended_from = forms.DateField(label=_("Suspended from"), required=False, widget=_DATE_PICKER)
    suspended_until = forms.DateField(label=_("Suspended until"), required=False, widget=_DATE_PICKER)
    review_on = forms.DateField(label=_("Suspension review on"), required=False, widget=_DATE_PICKER)
    employment_ends_on = forms.DateField(label=_("Employment ends on"), required=False, widget=_DATE_PICKER)
    notice_pay = forms.ChoiceField(
        label=_("Notice"),
        required=False,
        choices=[("", "—"), ("worked", _("Worked")), ("pay_in_lieu", _("Pay in lieu of notice"))],
    )
    delivery = forms.ChoiceField(
        label=_("Delivery"),
        required=False,
        choices=[("", "—"), ("by_hand", _("By hand")), ("registered_post", _("Registered post"))],
    )
    appeal_to = forms.CharField(label=_("Appeals go to"), required=False, max_length=200)
    correction_reason = forms.CharField(
        label=_("Why is the letter corrected?"),
        required=False,
        max_length=1000,
        help_text=_("The case is closed: a letter can only correct an earlier one."),
    )

    def __init__(self, data: Any = None, *args: Any, case: Case, language: str = "", **kwargs: Any) -> None:
        """Only the fields the chosen kind of letter takes; a request that leaves out the addressee,
        meeting or language gets the likely one (the case's subject or complainant, the next scheduled
        meeting of the letter's kind, ``language``: the user's)."""
        if data is None and not kwargs.get("initial", {}).get("kind"):
            kwargs["initial"] = {**kwargs.get("initial", {}), "kind": _likely_letter_kind(case)}
        kind = (data or {}).get("kind") or kwargs.get("initial", {}).get("kind") or ""
        kind = kind if kind in LetterKind.values else ""
        if language not in letters.LANGUAGES:
            language = "en"
        addressees = _letter_addressees(case, kind)
        meetings = _letter_meetings(case, kind)
        if data is not None:
            data = data.copy()
            for name, value in (
                ("language", language),
                ("addressee", _first(addressees)),
                ("meeting", _next_meeting(meetings)),
            ):
                if name not in data and value is not None:
                    data[name] = str(getattr(value, "pk", value))
        super().__init__(data, *args, **kwargs)
        self.fields["language"].initial = language
        self.fields["addressee"].queryset = addressees
        self.fields["replaces"].queryset = Letter.objects.filter(
            case=case, kind=kind, replaced_by__isnull=True
        )
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings
        for name in set(self.DETAIL_NAMES) - set(letters.DETAIL_FIELDS.get(kind, ())):
            del self.fields[name]
        if not kind:
            for name in ("addressee", "replaces"):
                del self.fields[name]
        if case.is_open:
            del self.fields["correction_reason"]

    DETAIL_NAMES = (
        "suspended_from",
        "suspended_until",
        "review_on",
        "employment_ends_on",
        "notice_pay",
        "delivery",
        "appeal_to",
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        details = {
            n: data[n].isoformat() if hasattr(data[n], "isoformat") else data[n]
            for n in self.DETAIL_NAMES
            if data.get(n)
        }
        return {
            "kind": data["kind"],
            "language": data["language"],
            "meeting": data.get("meeting"),
            "addressee": data.get("addressee"),
            "replaces": data.get("replaces"),
            "details": details,
        }


#: Who may receive each kind of letter, in order of preference: the letter's own addressees (an outcome
#: goes to the employee, a grievance's to the complainant, never to a witness); an investigation
#: interview may also hear witnesses.
_INTERVIEWED = (PartyRole.SUBJECT, PartyRole.RESPONDENT, PartyRole.COMPLAINANT, PartyRole.WITNESS)


def _letter_roles(kind: str) -> tuple[str, ...]:
    if kind == LetterKind.INVESTIGATION_INVITATION:
        return _INTERVIEWED
    return tuple(letters.DEFAULT_ADDRESSEE_ROLES.get(kind, letters.SUBJECT_FIRST))


def _letter_addressees(case: Case, kind: str) -> QuerySet[Employee]:
    """The case's parties a letter of ``kind`` goes to, the most likely first."""
    roles = _letter_roles(kind)
    order = CaseWhen(*(When(case_parties__role=role, then=Value(i)) for i, role in enumerate(roles)))
    return (
        Employee.objects.filter(case_parties__case=case, case_parties__role__in=roles)
        .annotate(preference=Min(order))
        .order_by("preference", "last_name", "first_name")
    )


def _letter_meetings(case: Case, kind: str) -> QuerySet[Meeting] | None:
    """The scheduled meetings an invitation of ``kind`` can invite to (None: the letter invites to none)."""
    meeting_kind = letters.INVITATION_MEETING.get(kind)
    if meeting_kind is None:
        return None
    return Meeting.objects.filter(case=case, kind=meeting_kind, status=MeetingStatus.SCHEDULED).order_by(
        "scheduled_for"
    )


#: The letter that reports each kind of case's outcome (a dismissal has its own notice).
_OUTCOME_LETTER = {
    CaseKind.DISCIPLINARY: LetterKind.DISCIPLINARY_OUTCOME,
    CaseKind.GRIEVANCE: LetterKind.GRIEVANCE_OUTCOME,
    CaseKind.APPEAL: LetterKind.APPEAL_OUTCOME,
}


def _likely_letter_kind(case: Case) -> str:
    """The letter the case most likely needs next, preselected in the composer: its outcome letter once
    decided (the dismissal notice after a dismissal) until one is issued, else the invitation to the next
    scheduled meeting that has none yet; else none."""
    outcome = getattr(case, "outcome", None)
    if outcome is not None:
        dismissed = outcome.sanction in letters.DISMISSAL_SANCTIONS
        kind = LetterKind.DISMISSAL_NOTICE if dismissed else _OUTCOME_LETTER.get(case.kind, "")
        return "" if not kind or case.letters.filter(kind=kind).exists() else kind
    invitation = {meeting: letter for letter, meeting in letters.INVITATION_MEETING.items()}
    meeting = (
        Meeting.objects.filter(
            case=case,
            kind__in=list(invitation),
            status=MeetingStatus.SCHEDULED,
            scheduled_for__gte=clock.now(),
        )
        .order_by("scheduled_for")
        .first()
    )
    if meeting is None or case.letters.filter(meeting=meeting).exists():
        return ""
    return invitation[meeting.kind]


def _first(rows: QuerySet[Any] | None) -> Any:
    return rows.first() if rows is not None else None


def _next_meeting(meetings: QuerySet[Meeting] | None) -> Meeting | None:
    """The next meeting still to come, else the latest one."""
    if meetings is None:
        return None
    return meetings.filter(scheduled_for__gte=clock.now()).first() or meetings.last()
