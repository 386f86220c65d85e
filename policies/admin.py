from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from erms.lib.errors import ApplicationError
from policies.models import ClosureDay, Policy, PolicyVersion, Procedure, ProcedureStep, Rule, VersionStatus
from policies.services import step_bound_check


class PolicyVersionInline(admin.TabularInline):
    model = PolicyVersion
    fields = ["number", "status", "effective_from", "approved_by", "approved_at", "change_note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # versions are drafted through the policy pages so the services apply


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "owner", "review_due"]
    list_filter = ["category"]
    search_fields = ["title"]
    inlines = [PolicyVersionInline]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["policy", "number", "status", "effective_from", "approved_by"]
    list_filter = ["status"]
    search_fields = ["policy__title"]

    def get_readonly_fields(self, request, obj=None):
        # Only a draft's text may change; status moves through the services (approve, make effective).
        fields = ["policy", "number", "status", "approved_by", "approved_at", "effective_from", "created_by"]
        if obj is not None and obj.status != VersionStatus.DRAFT:
            fields += ["body_markdown", "change_note"]
        return fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return (
            obj is not None
            and obj.status == VersionStatus.DRAFT
            and super().has_delete_permission(request, obj)
        )


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["rule_id", "jurisdiction", "title", "number", "unit", "action", "status", "verified_on"]
    list_filter = ["jurisdiction", "status", "action", "unit"]
    search_fields = ["rule_id", "title", "citation"]


class ProcedureStepForm(forms.ModelForm):
    class Meta:
        model = ProcedureStep
        fields = ["key", "number", "unit", "counting", "rule", "rule_variant", "rule_bound", "action"]

    def clean(self):
        data = super().clean()
        if data.get("number") is not None and data.get("unit") and data.get("counting"):
            try:  # XJ-005: the same check as the service
                step_bound_check(
                    rule=data.get("rule"),
                    rule_variant=data.get("rule_variant", ""),
                    rule_bound=data.get("rule_bound", ""),
                    number=data["number"],
                    unit=data["unit"],
                    counting=data["counting"],
                )
            except ApplicationError as e:
                raise ValidationError(
                    {"number" if e.field != "rule_variant" else "rule_variant": e.message}
                ) from None
        return data


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    form = ProcedureStepForm
    extra = 0
    autocomplete_fields = ["rule"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "jurisdiction", "is_active", "policy_version"]
    list_filter = ["jurisdiction", "kind", "is_active"]
    raw_id_fields = ["policy_version"]
    inlines = [ProcedureStepInline]


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    list_display = ["date", "region", "reason"]
    list_filter = ["region"]
    date_hierarchy = "date"
