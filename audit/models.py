"""The audit trail (every change) and the access log (every view of a case). Append-only:
the admin offers no add, change or delete, and on PostgreSQL a trigger refuses UPDATE and
DELETE (``cases`` migration 0002, which made these tables before they moved here) and the
application's database role may only insert and read them (migration 0005).

Tamper-evident: each entry carries the SHA-256 of the entry before it and of its own content
(``audit.chain``), one chain per table, so ``manage.py audit_verify`` finds a row changed,
removed or inserted behind the application's back.

This app knows no other app but accounts: an entry names its object by label and id
(``cases.meeting``/42) and the case it belongs to by id, so any app can write to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from erms.lib import clock


class AuditEntry(models.Model):
    """One change: who, when, which object, field-level before and after. Append-only."""

    # Set before the entry is hashed (never auto_now_add, which would change it after).
    at = models.DateTimeField(default=clock.now, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    # The case the change belongs to, for the case's audit page; empty for changes outside cases.
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    # The chain (audit.chain): the previous entry's hash and SHA-256(previous hash + this content).
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

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

    at = models.DateTimeField(default=clock.now, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case_id = models.BigIntegerField(db_index=True)
    via = models.CharField(max_length=16)
    path = models.CharField(max_length=300, blank=True)
    # A request for a case that exists but that the user may not see (answered 404).
    refused = models.BooleanField(default=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        db_table = "cases_caseaccess"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("case access")
        verbose_name_plural = _("case access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case_id", "-at"], name="cases_casea_case_id_587fe3_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.via} case {self.case_id}"


class ChainHead(models.Model):
    """The newest entry of one chain (``audit`` or ``access``). Appends lock this row, so two
    transactions never chain from the same entry; ``audit_verify`` checks the table ends here,
    so entries removed from the end are found too."""

    chain = models.CharField(max_length=16, primary_key=True)
    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("chain head")
        verbose_name_plural = _("chain heads")

    def __str__(self) -> str:
        return f"{self.chain} #{self.last_id}"


class AuditVerification(models.Model):
    """One run of ``audit_verify`` (by hand or the nightly task): did both chains hold?"""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    ok = models.BooleanField()
    entries_checked = models.BigIntegerField(default=0)
    # The first bad entry: which chain and which id (empty when the chain holds).
    bad_chain = models.CharField(max_length=16, blank=True)
    bad_entry_id = models.BigIntegerField(null=True, blank=True)
    message = models.TextField()
    # Where each chain ended when it was verified: a later run checks these entries are still
    # there, unchanged, so removing verified entries (even the whole table) is found.
    audit_last_id = models.BigIntegerField(default=0)
    audit_last_hash = models.CharField(max_length=64, blank=True)
    access_last_id = models.BigIntegerField(default=0)
    access_last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit verification")
        verbose_name_plural = _("audit verifications")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'FAILED'}"
