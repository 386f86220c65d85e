"""Documents filed on a case or a concern (evidence, minutes, letters), versioned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.cases import (
    Case,
)
from cases.models.concerns import (
    Concern,
)


class DocumentKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    STATEMENT = "statement", _("Statement")
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Investigation report")
    LETTER = "letter", _("Letter")
    ATTACHMENT = "attachment", _("Attachment to a concern")
    OTHER = "other", _("Other")


def document_upload_to(instance: Document, filename: str) -> str:
    # Stored under the content hash, never the uploader's file name, so names cannot collide or leak.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    concern = models.ForeignKey(
        Concern, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.EVIDENCE
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["case", "-uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def previewable(self) -> bool:
        return self.content_type in {"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain"}
