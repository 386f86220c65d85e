"""Deadlines, reminders, notifications and the e-mail outbox in admin. Nothing is deleted here;
e-mails are read-only, with one action that queues failed or stuck ones again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from deadlines import services
from deadlines.models import Deadline, Notification, OutgoingEmail, Reminder


class NoDeleteMixin:
    """Deadlines and their reminders are history: no delete view and no bulk delete action."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)  # type: ignore[misc]
        actions.pop("delete_selected", None)
        return actions


@admin.register(Deadline)
class DeadlineAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "due_on",
        "status",
        "rule_id",
        "is_risk_date",
        "responsible",
        "owner_type",
        "owner_id",
    ]
    list_filter = ["status", "is_risk_date", "key", "owner_type"]
    search_fields = ["title", "key", "rule_id", "=owner_id"]
    list_select_related = ["responsible"]
    autocomplete_fields = ["responsible"]
    raw_id_fields = ["met_by"]
    date_hierarchy = "due_on"


@admin.register(Reminder)
class ReminderAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["deadline", "stage", "days_before", "send_at", "sent_at", "recipient"]
    list_filter = ["stage"]
    search_fields = ["deadline__title", "recipient__email"]
    list_select_related = ["deadline", "recipient"]
    raw_id_fields = ["deadline"]
    autocomplete_fields = ["recipient"]


@admin.register(Notification)
class NotificationAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["title", "user", "created_at", "read_at"]
    search_fields = ["title", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["deadline"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(NoDeleteMixin, admin.ModelAdmin):
    """The outbox: what is stuck (``queued`` or ``sending`` for long), retrying or failed, with its
    attempts and last error. A sent row with more than one attempt may have been delivered
    more than once, every copy with the row's Message-ID."""

    list_display = ["subject", "to", "status", "attempts", "error", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "=message_id"]
    date_hierarchy = "created_at"
    readonly_fields = ["message_id"]
    actions = ["retry_sending"]

    @admin.display(description=_("last error"))
    def error(self, email: OutgoingEmail) -> str:
        return Truncator(email.last_error).chars(80)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Retry sending (queue again)"), permissions=["retry_sending"])
    def retry_sending(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        count = services.emails_queue_again(emails=queryset)
        self.message_user(request, _("%(count)s e-mail(s) queued again.") % {"count": count})

    def has_retry_sending_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("deadlines.change_outgoingemail")
