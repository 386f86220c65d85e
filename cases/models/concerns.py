"""Concerns raised by employees and line managers, and the messages back to whoever raised them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Employee
from cases.models.cases import (
    Case,
    ConcernCategory,
    ConcernStatus,
    ProtectedCharacteristic,
    Urgency,
)


class Concern(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    about = models.ManyToManyField(Employee, verbose_name=_("about"), related_name="concerns_about")
    category = models.CharField(_("category"), max_length=20, choices=ConcernCategory.choices)
    protected_characteristic = models.CharField(
        _("protected characteristic"), max_length=24, choices=ProtectedCharacteristic.choices, blank=True
    )
    description = models.TextField(_("what happened"))
    occurred_on = models.DateField(_("when it happened"), null=True, blank=True)
    place = models.CharField(_("where it happened"), max_length=200, blank=True)
    witnesses = models.TextField(_("witnesses"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(
        _("status"), max_length=24, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triage_reason = models.TextField(_("reason for the decision"), blank=True)
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at"]
        permissions = [("triage_concern", "Can triage concerns")]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["raised_by", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.reference


class ConcernMessage(models.Model):
    """A message HR chose to share with the person who raised the concern."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("message to the submitter")
        verbose_name_plural = _("messages to submitters")
