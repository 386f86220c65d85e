"""The audit trail and access log in admin: readable by admins, changeable by nobody."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from audit.models import AccessEntry, AuditEntry, AuditVerification


class AppendOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete for anyone, superusers included (PostgreSQL also refuses by trigger)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(AppendOnlyAdmin):
    list_display = ["id", "at", "actor", "action", "object_type", "object_id", "case_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["=case_id", "object_id", "actor__email", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    readonly_fields = ["at", "prev_hash", "hash"]


@admin.register(AccessEntry)
class AccessEntryAdmin(AppendOnlyAdmin):
    list_display = ["id", "at", "user", "case_id", "via", "path", "refused"]
    list_filter = ["via"]
    search_fields = ["=case_id", "user__email"]
    list_select_related = ["user"]
    date_hierarchy = "at"
    readonly_fields = ["at", "prev_hash", "hash"]


@admin.register(AuditVerification)
class AuditVerificationAdmin(AppendOnlyAdmin):
    """Each run of ``audit_verify`` (nightly or by hand), newest first: read-only."""

    list_display = ["started_at", "ok", "entries_checked", "bad_chain", "bad_entry_id", "message"]
    list_filter = ["ok"]
    date_hierarchy = "started_at"
