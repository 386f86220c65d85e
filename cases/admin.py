"""Django admin for cases, for HR admins.

Nothing filed on a case is deleted here, and state changes that need guardrails or the
audit trail (status, parties, allegations, meetings, outcomes, documents, letters) are
made on the case page, so their admin pages are read-only. Where the admin does change
something (a case's title or manager, letter wording, access grants) it goes through the
same services or writes the same audit entries. The audit and access logs are read-only
for everyone, superusers included.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import ProtectedPeriod
from audit.services import audit
from cases import selectors, services
from cases.forms import policy_version_label
from cases.models import (
    Allegation,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Concern,
    ConcernMessage,
    Document,
    ErLeadScope,
    InvestigationPlan,
    LegalHold,
    Letter,
    LetterTemplateOverride,
    Meeting,
    Outcome,
    Party,
    TimelineEntry,
)
from erms.lib.errors import ApplicationError
from policies.models import PolicyVersion


class NoDeleteMixin:
    """Nothing filed on a case is ever lost: no delete view and no bulk delete action."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)  # type: ignore[misc]
        actions.pop("delete_selected", None)
        return actions


class ReadOnlyMixin(NoDeleteMixin):
    """Viewable only: changes go through the case page so guardrails and the audit trail apply."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --------------------------------------------------------------------------- cases and concerns


class PartyInline(admin.TabularInline):
    model = Party
    fields = ["employee", "role", "notes", "added_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AllegationInline(PartyInline):
    model = Allegation
    fields = ["number", "category", "description", "finding", "policy_version"]
    readonly_fields = fields


class CaseAdminForm(forms.ModelForm):
    """Carries the version the editor loaded, so a stale edit is refused, never saved over."""

    class Meta:
        model = Case
        fields = ["title", "summary", "case_manager", "version"]
        widgets = {"version": forms.HiddenInput}

    def clean_version(self) -> int:
        version = self.cleaned_data["version"]
        if (
            self.instance.pk
            and Case.objects.filter(pk=self.instance.pk).values_list("version", flat=True).get() != version
        ):
            raise forms.ValidationError(
                _(
                    "Someone else changed this case while you were editing it. Reload the page to see their "
                    "changes, then make yours again."
                )
            )
        return version


@admin.register(Case)
class CaseAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "kind",
        "status",
        "jurisdiction",
        "department",
        "case_manager",
        "next_deadline_on",
        "opened_at",
    ]
    list_filter = [
        "kind",
        "status",
        "jurisdiction",
        ("department", admin.RelatedOnlyFieldListFilter),
        ("case_manager", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reference", "title", "search_text"]
    list_select_related = ["department", "case_manager"]
    date_hierarchy = "opened_at"
    autocomplete_fields = ["case_manager"]
    form = CaseAdminForm
    fields = [
        "reference",
        "kind",
        "status",
        "title",
        "summary",
        "case_manager",
        "jurisdiction",
        "location",
        "department",
        "investigators",
        "appeal_of",
        "opened_by",
        "opened_at",
        "closed_at",
        "next_deadline_on",
        "version",
    ]
    readonly_fields = [
        "reference",
        "kind",
        "status",
        "jurisdiction",
        "location",
        "department",
        "investigators",
        "appeal_of",
        "opened_by",
        "opened_at",
        "closed_at",
        "next_deadline_on",
    ]
    inlines = [PartyInline, AllegationInline]
    actions = ["erase_after_retention"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # cases open from a concern or the "open a case" page, with their parties

    @admin.action(description=_("Erase personal content (retention period ended)"))
    def erase_after_retention(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        """Each case is checked on its own: open, held or still within its retention floors is refused."""
        erased = 0
        for case in queryset:
            try:
                services.case_erase(actor=request.user, case=case, reason=str(_("Retention period ended")))
            except ApplicationError as error:
                messages.error(request, f"{case.reference}: {error.message}")
            else:
                erased += 1
        if erased:
            messages.success(request, _("%(count)d case(s) erased.") % {"count": erased})

    def save_model(self, request: HttpRequest, obj: Case, form: ModelForm, change: bool) -> None:
        """Title, summary and case manager change through the services: versioned and audited."""
        stored = Case.objects.select_related("case_manager").get(pk=obj.pk)
        try:
            if {"title", "summary"} & set(form.changed_data):
                services.case_update(
                    actor=request.user,
                    case=stored,
                    expected_version=obj.version,
                    title=obj.title,
                    summary=obj.summary,
                )
                obj.version = stored.version
            if "case_manager" in form.changed_data:
                services.case_assign_manager(
                    actor=request.user,
                    case=stored,
                    case_manager=obj.case_manager,
                    expected_version=obj.version,
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        obj.refresh_from_db()


class ConcernMessageInline(admin.TabularInline):
    model = ConcernMessage
    fields = ["created_at", "author", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Concern)
class ConcernAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["reference", "category", "urgency", "status", "raised_by", "case", "created_at"]
    list_filter = ["status", "category", "urgency"]
    search_fields = ["reference", "description", "raised_by__email", "about__last_name"]
    list_select_related = ["raised_by", "case"]
    date_hierarchy = "created_at"
    inlines = [ConcernMessageInline]


@admin.register(Party)
class PartyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["employee", "role", "case", "added_at"]
    list_filter = ["role"]
    search_fields = [
        "case__reference",
        "employee__last_name",
        "employee__first_name",
        "employee__employee_number",
    ]
    list_select_related = ["employee", "case"]


class AllegationAdminForm(forms.ModelForm):
    """Only the links change here, to a policy version of the case's country and documents of its case."""

    class Meta:
        model = Allegation
        fields = ["policy_version", "evidence"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.instance.case
        versions = selectors.allegation_policy_versions(case)
        self.fields["policy_version"].queryset = PolicyVersion.objects.filter(pk__in=[v.pk for v in versions])
        self.fields["policy_version"].label_from_instance = policy_version_label
        self.fields["evidence"].queryset = selectors.allegation_evidence_choices(case)


@admin.register(Allegation)
class AllegationAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Read-only but for the policy version and the evidence, which change through the service."""

    form = AllegationAdminForm
    list_display = ["case", "number", "category", "finding", "incident_date", "policy_version"]
    list_filter = ["category", "finding"]
    search_fields = ["case__reference", "description"]
    list_select_related = ["case", "policy_version__policy"]
    fields = [
        "case",
        "number",
        "category",
        "description",
        "incident_date",
        "finding",
        "finding_reasons",
        "policy_version",
        "evidence",
    ]
    readonly_fields = fields[:7]
    filter_horizontal = ["evidence"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # allegations are added on the case page or through the API

    def save_model(self, request: HttpRequest, obj: Allegation, form: ModelForm, change: bool) -> None:
        try:
            services.allegation_link(
                actor=request.user,
                allegation=Allegation.objects.select_related("case", "policy_version").get(pk=obj.pk),
                policy_version=form.cleaned_data["policy_version"],
                evidence=list(form.cleaned_data["evidence"]),
            )
        except ApplicationError as error:
            messages.error(request, error.message)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        """The evidence was set by the service in ``save_model``, audited."""


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["case", "kind", "status", "scheduled_for", "chair", "notice_sent_on", "held_at"]
    list_filter = ["kind", "status"]
    search_fields = ["case__reference", "place"]
    list_select_related = ["case", "chair"]
    date_hierarchy = "scheduled_for"


@admin.register(InvestigationPlan)
class InvestigationPlanAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["case", "target_date", "report"]
    search_fields = ["case__reference", "terms_of_reference"]
    list_select_related = ["case", "report"]


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["case", "sanction", "decided_by", "decided_on", "warning_live_until", "appeal_deadline"]
    list_filter = ["sanction", "appeal_allowed", "case__jurisdiction"]
    search_fields = ["case__reference", "decision"]
    list_select_related = ["case", "decided_by"]
    date_hierarchy = "decided_on"


@admin.register(Document)
class DocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "version",
        "kind",
        "case",
        "concern",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_filter = ["kind", "content_type"]
    search_fields = ["title", "original_name", "sha256", "case__reference", "concern__reference"]
    list_select_related = ["case", "concern", "uploaded_by"]


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["case", "kind", "summary", "author", "shared_with_submitter", "created_at"]
    list_filter = ["kind", "shared_with_submitter"]
    search_fields = ["case__reference", "summary"]
    list_select_related = ["case", "author"]


# --------------------------------------------------------------------------- letters


@admin.register(Letter)
class LetterAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "case",
        "kind",
        "language",
        "status",
        "addressee",
        "issued_by",
        "issued_at",
        "rendered_at",
    ]
    list_filter = ["kind", "language", "status"]
    search_fields = ["case__reference", "addressee__last_name"]
    list_select_related = ["case", "addressee", "issued_by"]


@admin.register(LetterTemplateOverride)
class LetterTemplateOverrideAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Each save makes a new version and retires the one in use; old versions stay for letters issued."""

    list_display = ["kind", "language", "version", "is_active", "created_by", "created_at"]
    list_filter = ["kind", "language", "is_active"]
    search_fields = ["body"]
    list_select_related = ["created_by"]

    def get_fields(self, request: HttpRequest, obj: LetterTemplateOverride | None = None) -> list[str]:
        if obj is None:
            return ["kind", "language", "body"]
        return ["kind", "language", "version", "is_active", "created_by", "created_at", "body"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: LetterTemplateOverride | None = None
    ) -> list[str]:
        if obj is None:
            return []
        if not obj.is_active:
            return ["kind", "language", "version", "is_active", "created_by", "created_at", "body"]
        return ["kind", "language", "version", "is_active", "created_by", "created_at"]

    def save_model(
        self, request: HttpRequest, obj: LetterTemplateOverride, form: ModelForm, change: bool
    ) -> None:
        saved = services.letter_override_save(
            actor=request.user, kind=obj.kind, language=obj.language, body=obj.body
        )
        # The admin goes on with ``obj`` (log entry, redirect): point it at the new version.
        obj.pk, obj.version, obj.is_active = saved.pk, saved.version, saved.is_active
        obj.created_by, obj.created_at = saved.created_by, saved.created_at


# --------------------------------------------------------------------------- access


@admin.register(ErLeadScope)
class ErLeadScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


class _GrantAdmin(admin.ModelAdmin):
    """Per-case grants; each one added or removed here is written to the case's audit trail."""

    list_select_related = ["permission", "content_object"]
    search_fields = ["content_object__reference"]
    list_filter = [("permission", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["content_object"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "permission":
            kwargs["queryset"] = Permission.objects.filter(
                content_type__app_label="cases", content_type__model="case"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)

    def _holder(self, obj: Any) -> Any:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit(
            actor=request.user,
            action="access_granted",
            obj=obj.content_object,
            case=obj.content_object,
            changes={"holder": (None, str(self._holder(obj))), "permission": (None, obj.permission.codename)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit(
            actor=request.user,
            action="access_revoked",
            obj=obj.content_object,
            case=obj.content_object,
            changes={"holder": (str(self._holder(obj)), None), "permission": (obj.permission.codename, None)},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(CaseUserObjectPermission)
class CaseUserObjectPermissionAdmin(_GrantAdmin):
    list_display = ["content_object", "user", "permission"]
    list_select_related = ["permission", "content_object", "user"]
    search_fields = ["content_object__reference", "user__email"]
    autocomplete_fields = ["content_object", "user"]

    def _holder(self, obj: CaseUserObjectPermission) -> Any:
        return obj.user


@admin.register(CaseGroupObjectPermission)
class CaseGroupObjectPermissionAdmin(_GrantAdmin):
    list_display = ["content_object", "group", "permission"]
    list_select_related = ["permission", "content_object", "group"]
    search_fields = ["content_object__reference", "group__name"]
    autocomplete_fields = ["content_object", "group"]

    def _holder(self, obj: CaseGroupObjectPermission) -> Any:
        return obj.group


# --------------------------------------------------------------------------- leave and protected status


@admin.register(ProtectedPeriod)
class ProtectedPeriodAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Leave and protected status (VN-DISC-002); recorded through the service, so it is audited and
    the employee's open disciplinary cases have their limitation recomputed. Recorded spans are
    not edited: a correction is a new row."""

    list_display = ["employee", "status", "starts_on", "ends_on", "recorded_at"]
    list_filter = ["status", "employee__location__jurisdiction"]
    search_fields = ["employee__first_name", "employee__last_name", "employee__employee_number"]
    autocomplete_fields = ["employee"]
    list_select_related = ["employee"]
    fields = ["employee", "status", "starts_on", "ends_on", "note"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: ProtectedPeriod, form: ModelForm, change: bool) -> None:
        saved = services.protected_period_record(
            actor=request.user,
            employee=obj.employee,
            status=obj.status,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            note=obj.note,
        )
        obj.pk, obj.recorded_at = saved.pk, saved.recorded_at


@admin.register(LegalHold)
class LegalHoldAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Legal holds: placed with a reason, lifted with a reason, both through the services (audited)."""

    list_display = ["case", "placed_by", "placed_at", "lifted_at"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter)]
    search_fields = ["case__reference"]
    autocomplete_fields = ["case"]
    list_select_related = ["case", "placed_by"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return ["case", "reason"]
        return ["case", "reason", "placed_by", "placed_at", "lifted_by", "lifted_at", "lift_reason"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        readonly = ["case", "reason", "placed_by", "placed_at", "lifted_by", "lifted_at"]
        return readonly + ([] if obj.in_force else ["lift_reason"])

    def save_model(self, request: HttpRequest, obj: LegalHold, form: ModelForm, change: bool) -> None:
        try:
            if not change:
                saved = services.legal_hold_place(actor=request.user, case=obj.case, reason=obj.reason)
                obj.pk, obj.placed_by, obj.placed_at = saved.pk, saved.placed_by, saved.placed_at
            elif "lift_reason" in form.changed_data:
                services.legal_hold_lift(actor=request.user, hold=obj, reason=obj.lift_reason)
        except ApplicationError as error:
            messages.error(request, error.message)
