"""The case timeline and the reference counters."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.cases import (
    Case,
)
from erms.lib import sentences


class TimelineKind(models.TextChoices):
    NOTE = "note", _("Note")
    STATUS = "status", _("Status change")
    PARTY = "party", _("Party")
    ALLEGATION = "allegation", _("Allegation")
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Document")
    LETTER = "letter", _("Letter")
    DEADLINE = "deadline", _("Deadline")
    OUTCOME = "outcome", _("Outcome")
    ACCESS = "access", _("Access")


class TimelineEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=12, choices=TimelineKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # ``summary`` is the line in the site's language (search, filters); pages and the API show
    # ``display_summary``, written from ``summary_sentence`` in the reader's language.
    summary = models.CharField(max_length=300)
    summary_sentence = models.JSONField(default=dict, blank=True)
    body = models.TextField(blank=True)
    shared_with_submitter = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at", "-id"])]

    @property
    def display_summary(self) -> str:
        """The line in the active language, its dates in the locale's format; the stored text for
        entries written before lines were stored as sentences, and for notes (the author's words)."""
        return sentences.render(self.summary_sentence, self.summary)

    @staticmethod
    def summary_fields(summary: str | sentences.Sentence) -> dict[str, Any]:
        """``summary`` and ``summary_sentence`` for a new entry."""
        return {
            "summary": sentences.as_text(summary, settings.LANGUAGE_CODE)[:300],
            "summary_sentence": sentences.as_json(summary),
        }


class ReferenceCounter(models.Model):
    """Per-prefix, per-year counters for ER-2026-00042 style references (row-locked on use)."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique")]
