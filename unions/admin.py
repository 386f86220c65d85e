from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from unions import services
from unions.models import (
    AgreementDocument,
    BargainingItem,
    BargainingRound,
    BodyContact,
    CollectiveAgreement,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    Dispute,
    EmployeeBody,
    MembershipAccessLog,
    Negotiation,
    Recognition,
    Representative,
    UnionMembership,
)


class RecognitionInline(admin.TabularInline):
    model = Recognition
    extra = 0
    filter_horizontal = ["departments", "locations"]


class BodyContactInline(admin.TabularInline):
    model = BodyContact
    extra = 0


def _changed(form) -> dict[str, tuple[object, object]]:  # type: ignore[no-untyped-def]
    """What an admin form changed, as ``{field: (before, after)}`` for the audit trail."""
    return {name: (form.initial.get(name), form.cleaned_data.get(name)) for name in form.changed_data}


@admin.register(EmployeeBody)
class EmployeeBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "jurisdiction"]
    list_filter = ["kind", "jurisdiction"]
    search_fields = ["name"]
    inlines = [RecognitionInline, BodyContactInline]


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ["body", "bargaining_unit", "recognised_from", "recognised_to"]
    list_filter = ["body__jurisdiction", "body"]
    search_fields = ["body__name", "bargaining_unit"]
    autocomplete_fields = ["body"]
    filter_horizontal = ["departments", "locations"]


@admin.register(BodyContact)
class BodyContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "body", "email", "phone"]
    list_filter = ["body"]
    search_fields = ["name", "email", "body__name"]
    autocomplete_fields = ["body"]


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "body", "serves_from", "serves_to", "user"]
    list_filter = ["body__jurisdiction", "body"]
    search_fields = [
        "external_name",
        "external_email",
        "employee__first_name",
        "employee__last_name",
        "user__email",
        "body__name",
    ]
    autocomplete_fields = ["body", "employee", "user"]
    list_select_related = ["body", "employee", "user"]


@admin.register(UnionMembership)
class UnionMembershipAdmin(admin.ModelAdmin):
    """Special-category data: only ``unions.view_membership`` holders see it; list views are logged."""

    list_display = ["employee", "body", "since"]
    list_filter = ["body"]
    search_fields = ["employee__first_name", "employee__last_name", "employee__employee_number"]
    autocomplete_fields = ["employee", "body"]
    list_select_related = ["employee", "body"]

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.has_perm("unions.view_membership") and super().has_view_permission(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("unions.view_membership")

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):  # type: ignore[override]
        if self.has_view_permission(request):
            MembershipAccessLog.objects.create(user=request.user, via="admin")
        return super().changelist_view(request, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ):  # type: ignore[override]
        membership = self.get_object(request, object_id)
        if membership is not None and self.has_view_permission(request, membership):
            MembershipAccessLog.objects.create(
                user=request.user, via="admin", employee=membership.employee, body=membership.body, rows=1
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(MembershipAccessLog)
class MembershipAccessLogAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, edits or deletes access entries."""

    list_display = ["at", "user", "via", "body", "employee", "rows"]
    list_filter = ["via", "at"]
    search_fields = ["user__email", "employee__last_name", "body__name"]
    date_hierarchy = "at"
    list_select_related = ["user", "body", "employee"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ConsultationMeetingInline(admin.StackedInline):
    model = ConsultationMeeting
    extra = 0
    filter_horizontal = ["attendees"]


class ConsultationLogEntryInline(admin.TabularInline):
    model = ConsultationLogEntry
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "jurisdiction",
        "number_affected",
        "status",
        "started_on",
        "first_dismissal_planned_on",
        "owner",
    ]
    list_filter = ["status", "jurisdiction", "kind"]
    search_fields = ["title", "description"]
    date_hierarchy = "started_on"
    filter_horizontal = ["bodies", "departments", "locations"]
    autocomplete_fields = ["owner"]
    list_select_related = ["owner"]
    inlines = [ConsultationMeetingInline, ConsultationLogEntryInline]

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:  # type: ignore[no-untyped-def]
        """Dates, headcount and status edited here are audited and the deadlines brought in line."""
        super().save_related(request, form, formsets, change)
        services.consultation_admin_saved(
            actor=request.user, consultation=form.instance, created=not change, changed=_changed(form)
        )

    def delete_model(self, request: HttpRequest, obj: Consultation) -> None:
        services.consultation_admin_delete(actor=request.user, consultation=obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(ConsultationMeeting)
class ConsultationMeetingAdmin(admin.ModelAdmin):
    list_display = ["consultation", "held_at", "recorded_by"]
    list_filter = ["consultation__jurisdiction"]
    search_fields = ["consultation__title", "agenda", "actions"]
    date_hierarchy = "held_at"
    filter_horizontal = ["attendees"]


@admin.register(ConsultationLogEntry)
class ConsultationLogEntryAdmin(admin.ModelAdmin):
    list_display = ["consultation", "kind", "body", "author", "at", "shared_with_representatives"]
    list_filter = ["kind", "shared_with_representatives"]
    search_fields = ["consultation__title", "text"]
    date_hierarchy = "at"


class BargainingRoundInline(admin.TabularInline):
    model = BargainingRound
    extra = 0


class DisputeInline(admin.TabularInline):
    model = Dispute
    extra = 0


@admin.register(Negotiation)
class NegotiationAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "status", "opened_on", "closed_on"]
    list_filter = ["status", "body__jurisdiction", "body"]
    search_fields = ["title", "body__name"]
    autocomplete_fields = ["body", "owner"]
    inlines = [BargainingRoundInline, DisputeInline]


class BargainingItemInline(admin.TabularInline):
    model = BargainingItem
    extra = 0


@admin.register(BargainingRound)
class BargainingRoundAdmin(admin.ModelAdmin):
    list_display = ["negotiation", "number", "held_on"]
    list_filter = ["negotiation__body"]
    search_fields = ["negotiation__title", "notes"]
    inlines = [BargainingItemInline]


@admin.register(BargainingItem)
class BargainingItemAdmin(admin.ModelAdmin):
    list_display = ["round", "kind", "made_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["text", "round__negotiation__title"]


class AgreementDocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0


@admin.register(CollectiveAgreement)
class CollectiveAgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "valid_from", "valid_to"]
    list_filter = ["body__jurisdiction", "body"]
    search_fields = ["title", "scope", "body__name"]
    date_hierarchy = "valid_to"
    autocomplete_fields = ["body", "negotiation", "owner"]
    inlines = [AgreementDocumentInline]

    def save_model(self, request: HttpRequest, obj: CollectiveAgreement, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        """The end date or owner edited here is audited and moves the expiry deadline and its reminders."""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            services.agreement_admin_saved(
                actor=request.user, agreement=obj, created=not change, changed=_changed(form)
            )

    def delete_model(self, request: HttpRequest, obj: CollectiveAgreement) -> None:
        services.agreement_admin_delete(actor=request.user, agreement=obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "uploaded_at"]
    search_fields = ["title", "agreement__title"]


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["negotiation", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["negotiation__title", "notes"]
    date_hierarchy = "date"
