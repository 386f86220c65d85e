"""Letters issued on a case and HR admins' wording overrides."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Employee
from cases.models.cases import (
    Case,
)
from cases.models.documents import (
    Document,
)
from cases.models.records import (
    Meeting,
)


class LetterKind(models.TextChoices):
    INVESTIGATION_INVITATION = "investigation_invitation", _("Invitation to an investigation meeting")
    DISCIPLINARY_INVITATION = "disciplinary_invitation", _("Invitation to a disciplinary hearing")
    GRIEVANCE_INVITATION = "grievance_invitation", _("Invitation to a grievance meeting")
    GRIEVANCE_OUTCOME = "grievance_outcome", _("Grievance outcome")
    DISCIPLINARY_OUTCOME = "disciplinary_outcome", _("Disciplinary outcome")
    APPEAL_INVITATION = "appeal_invitation", _("Appeal hearing invitation")
    APPEAL_OUTCOME = "appeal_outcome", _("Appeal outcome")
    SUSPENSION_CONFIRMATION = "suspension_confirmation", _("Suspension confirmation")
    DISMISSAL_NOTICE = "dismissal_notice", _("Notice of dismissal")


# A worker renders a letter in seconds; one queued longer than this waits for a worker that is not
# there (or lost the task), so it is shown as stuck, may be retried, and is re-enqueued once by beat.
LETTER_STUCK_AFTER = datetime.timedelta(minutes=5)


class LetterStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERED = "rendered", _("Rendered")
    FAILED = "failed", _("Failed")


class LetterTemplateOverride(models.Model):
    """An HR admin's wording for a letter in one language, kept in versions."""

    kind = models.CharField(_("letter"), max_length=32, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    version = models.PositiveIntegerField(_("version"))
    body = models.TextField(
        _("template"), help_text=_("Django template text; the letter's context is available.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("letter wording override")
        verbose_name_plural = _("letter wording overrides")
        ordering = ["kind", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "version"], name="letter_override_version_unique"
            ),
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=models.Q(is_active=True),
                name="letter_override_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} [{self.language}] v{self.version}"


class Letter(models.Model):
    """A letter issued on a case. Immutable once issued; a correction is a new letter
    that names the one it replaces."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("letter"), max_length=32, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.QUEUED
    )
    addressee = models.ForeignKey(
        Employee, verbose_name=_("addressee"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    context = models.JSONField(_("data filled in"), default=dict)
    override = models.ForeignKey(
        LetterTemplateOverride, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    document = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="letter"
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    # When it was last put on the queue (issued or retried), and when the stuck-letter sweep put it
    # back once more; a letter queued longer than LETTER_STUCK_AFTER is shown as stuck, with Retry.
    queued_at = models.DateTimeField(null=True, blank=True)
    requeued_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["case", "-issued_at"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case.reference})"

    def queued_for(self, now: datetime.datetime) -> datetime.timedelta | None:
        """How long a queued letter has waited for a worker; None unless queued."""
        if self.status != LetterStatus.QUEUED:
            return None
        return now - (self.queued_at or self.issued_at)

    def is_stuck(self, now: datetime.datetime) -> bool:
        """Queued for longer than a worker takes to render it: something is wrong, so it may be retried."""
        waited = self.queued_for(now)
        return waited is not None and waited > LETTER_STUCK_AFTER
