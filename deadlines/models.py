"""Deadlines, their reminders, in-app notifications and the outgoing e-mail outbox.

These tables were made by ``cases``' migrations and moved here with every row (cases 0009,
deadlines 0001). A deadline names its owner by label and id (``cases.case``/42,
``policies.policy``/7): this app knows no other app but accounts.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from erms.lib import sentences

# A catalogue rule id (GB-DISC-003, NO-TERM-001); anything else in ``Deadline.rule_id`` names a procedure.
RULE_ID = re.compile(r"[A-Z]{2}(-[A-Z]+)?-\d{3}")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    CANCELLED = "cancelled", _("Cancelled")


class Deadline(models.Model):
    """A date something must happen by, computed from a rule or procedure.

    One mechanism for cases, consultations, agreements and policy reviews: the owner is
    ``owner_type``/``owner_id`` (``cases.case``/42, ``policies.policy``/7; see ``deadlines.owners``).
    ``is_risk_date`` marks dates binding the employee or a third party (limitation periods):
    shown and reminded, never "met" by HR.
    """

    key = models.CharField(_("what"), max_length=40)
    # ``title`` is the title in the site's language (search, admin, audit); pages show
    # ``display_title``, written from ``title_sentence`` in the reader's language.
    title = models.CharField(_("title"), max_length=200)
    title_sentence = models.JSONField(_("title as a sentence"), default=dict, blank=True)
    due_on = models.DateField(_("due on"))
    due_at = models.DateTimeField(_("due at (end of the local day)"))
    rule_id = models.CharField(_("rule"), max_length=32, blank=True)
    citation = models.CharField(_("citation"), max_length=300, blank=True)
    is_risk_date = models.BooleanField(_("risk date"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    owner_type = models.CharField(max_length=64, blank=True)
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = models.JSONField(_("earlier due dates"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "cases_deadline"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="cases_deadl_status_6402bc_idx"),
            models.Index(fields=["responsible", "status", "due_at"], name="cases_deadl_respons_dcce52_idx"),
            # An owner's deadlines (the case page, next deadline) and the one-open-per-key lookup.
            models.Index(
                fields=["owner_type", "owner_id", "status", "due_at"], name="deadline_owner_status_due"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_type", "owner_id", "key"],
                condition=models.Q(status="open"),
                name="deadline_one_open_per_owner_key",
            ),
        ]

    # Set by the selectors for display, never stored: "overdue"/"met"/…, and the owner's name and page.
    state: str
    owner_kind: str
    owner_name: str
    owner_link: str

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on})"

    @property
    def display_title(self) -> str:
        """The title in the active language, its dates in the locale's format (``erms.lib.sentences``)."""
        return sentences.render(self.title_sentence, self.title)

    @property
    def basis_rule_id(self) -> str:
        """The statutory rule the deadline rests on (``GB-DISC-003``), or "" when it rests on a
        procedure or a default (then ``rule_id`` holds the procedure's shortened name)."""
        return self.rule_id if RULE_ID.fullmatch(self.rule_id or "") else ""

    @property
    def display_basis(self) -> str:
        """What the deadline rests on beyond the rule id, in the reader's language: the rule's citation,
        the procedure's name, or the default ("default: 5 working days", stored as its msgid)."""
        text = self.citation or ("" if self.basis_rule_id else self.rule_id)
        return "" if text == self.basis_rule_id else gettext(text) if text else ""

    @property
    def title_as_sentence(self) -> sentences.Sentence | str:
        """The title to place inside another sentence (a timeline line, a reminder)."""
        return sentences.Sentence.from_json(self.title_sentence, self.title)


class ReminderStage(models.TextChoices):
    BEFORE = "before", _("Before the due date")
    DUE = "due", _("On the day")
    ESCALATION = "escalation", _("Overdue: escalated")


class Reminder(models.Model):
    """One reminder to send for a deadline; ``sent_at`` is written in the same transaction that
    claims the row and creates its notifications and outbox e-mails, so each reminder makes
    them once (the e-mails themselves are delivered at least once: see ``OutgoingEmail``)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=12, choices=ReminderStage.choices)
    days_before = models.PositiveSmallIntegerField(default=0)
    send_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "cases_reminder"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "stage", "days_before"], name="reminder_unique_stage")
        ]
        indexes = [
            models.Index(
                fields=["send_at"], condition=models.Q(sent_at__isnull=True), name="reminder_unsent_due"
            )
        ]


class Notification(models.Model):
    """An in-app notification; the unread count is shown in the header."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # ``title`` is the title in the site's language (search, admin); pages show ``display_title``,
    # written from ``title_sentence`` in the reader's language (rows written before it: ``title``).
    title = models.CharField(max_length=200)
    title_sentence = models.JSONField(_("title as a sentence"), default=dict, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    deadline = models.ForeignKey(Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "cases_notification"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="cases_notif_user_id_c30235_idx"),
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notif_unread"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the active language, its dates in the locale's format (``erms.lib.sentences``)."""
        return sentences.render(self.title_sentence, self.title)

    @staticmethod
    def title_fields(title: str | sentences.Sentence) -> dict[str, Any]:
        """``title`` and ``title_sentence`` for a new notification."""
        return {
            "title": sentences.as_text(title, settings.LANGUAGE_CODE)[:200],
            "title_sentence": sentences.as_json(title),
        }


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """An e-mail ERMS sends, delivered at least once: failures are retried with back-off and
    visible to admins.

    ``message_id`` is fixed before the first attempt and sent with every attempt, so a second
    copy (a worker that died after the SMTP server took the message but before the row was
    marked sent) has the same Message-ID and the recipient's mail system can tell it is one.
    ``sending`` is written before each attempt; an attempt that finds it was left there knows
    its predecessor was interrupted and says so in ``last_error``.
    """

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # <erms.reminder.{reminder}.{user}@{domain}> for reminders, <erms.outbox.{id}@{domain}> otherwise.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, editable=False)

    class Meta:
        db_table = "cases_outgoingemail"  # made by cases' migrations; moved here without copying a row
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"], name="cases_outgo_status_9f6987_idx")]
        constraints = [
            # One outbox row per reminder and recipient, whatever the sweeps do.
            models.UniqueConstraint(
                fields=["message_id"],
                condition=~models.Q(message_id=""),
                name="outgoingemail_one_per_message_id",
            )
        ]
