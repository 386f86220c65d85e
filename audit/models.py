"""The audit trail (every change) and the access log (every view of a case). Append-only:
the admin offers no add, change or delete, and on PostgreSQL a trigger refuses UPDATE and
DELETE (``cases`` migration 0002, which made these tables before they moved here).

This app knows no other app but accounts: an entry names its object by label and id
(``cases.meeting``/42) and the case it belongs to by id, so any app can write to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change: who, when, which object, field-level before and after. Append-only."""

    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    # The case the change belongs to, for the case's audit page; empty for changes outside cases.
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "cases_auditentry"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["case_id", "-at"], name="cases_audit_case_id_be41c2_idx"),
            models.Index(fields=["object_type", "object_id"], name="cases_audit_object__8d4d8e_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"


class AccessEntry(models.Model):
    """One view of a case, by page or API, or one refused request for it. Append-only."""

    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case_id = models.BigIntegerField(db_index=True)
    via = models.CharField(max_length=16)
    path = models.CharField(max_length=300, blank=True)
    # A request for a case that exists but that the user may not see (answered 404).
    refused = models.BooleanField(default=False)

    class Meta:
        db_table = "cases_caseaccess"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("case access")
        verbose_name_plural = _("case access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case_id", "-at"], name="cases_casea_case_id_587fe3_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.via} case {self.case_id}"
