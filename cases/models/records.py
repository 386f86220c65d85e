"""What a case holds: parties, allegations and findings, meetings, the investigation plan, the outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Employee
from cases.models.cases import (
    Case,
    ConcernCategory,
    ProtectedCharacteristic,
)
from cases.models.documents import (
    Document,
)


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    RESPONDENT = "respondent", _("Respondent")
    SUBJECT = "subject", _("Subject")
    WITNESS = "witness", _("Witness")
    COMPANION = "companion", _("Companion")
    REPRESENTATIVE = "representative", _("Representative")
    MANAGER = "manager", _("Manager")
    DECISION_MAKER = "decision_maker", _("Decision maker")
    APPEAL_HEARER = "appeal_hearer", _("Appeal hearer")


#: Roles whose holder must never see the case (the conflict rule).
CONFLICTED_ROLES = (PartyRole.SUBJECT, PartyRole.RESPONDENT)


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="case_parties"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    notes = models.CharField(_("notes"), max_length=200, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [models.UniqueConstraint(fields=["case", "employee", "role"], name="party_unique_role")]
        indexes = [models.Index(fields=["employee", "role"])]

    def __str__(self) -> str:
        return f"{self.employee.full_name} ({self.get_role_display()})"


class Finding(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    NOT_DETERMINED = "not_determined", _("Not determined")


class Allegation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    number = models.PositiveIntegerField(_("number"))
    category = models.CharField(_("category"), max_length=20, choices=ConcernCategory.choices)
    description = models.TextField(_("description"))
    incident_date = models.DateField(_("incident date"), null=True, blank=True)
    protected_characteristic = models.CharField(
        _("protected characteristic"), max_length=24, choices=ProtectedCharacteristic.choices, blank=True
    )
    #: The policy version in force on the incident date, so a later policy change never rewrites the case.
    policy_version = models.ForeignKey(
        "policies.PolicyVersion",
        verbose_name=_("policy (version in force)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allegations",
    )
    evidence = models.ManyToManyField(
        Document, verbose_name=_("evidence"), blank=True, related_name="allegations"
    )
    finding = models.CharField(_("finding"), max_length=16, choices=Finding.choices, blank=True)
    finding_reasons = models.TextField(_("reasons for the finding"), blank=True)

    class Meta:
        verbose_name = _("allegation")
        verbose_name_plural = _("allegations")
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="allegation_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.description[:60]}"


class MeetingKind(models.TextChoices):
    INVESTIGATION_INTERVIEW = "investigation_interview", _("Investigation interview")
    GRIEVANCE_MEETING = "grievance_meeting", _("Grievance meeting")
    DISCIPLINARY_HEARING = "disciplinary_hearing", _("Disciplinary hearing")
    APPEAL_HEARING = "appeal_hearing", _("Appeal hearing")
    MEDIATION_SESSION = "mediation_session", _("Mediation session")


#: Meetings that count as a hearing for the "no outcome without a hearing" guardrail.
HEARING_KINDS = frozenset(
    {MeetingKind.DISCIPLINARY_HEARING, MeetingKind.GRIEVANCE_MEETING, MeetingKind.APPEAL_HEARING}
)


class RepresentationChoice(models.TextChoices):
    """What happened after an employee asked for a representative at an investigatory interview (US-ACC-001)."""

    WAIT = "wait", _("Interview paused until the representative attends")
    STOPPED = "stopped", _("Interview stopped")
    NO_REP = "no_rep", _("Employee chose to go on without a representative")
    NO_INTERVIEW = "no_interview", _("Employee chose to have no interview")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=32, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    scheduled_for = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("note-taker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendees = models.ManyToManyField(Employee, verbose_name=_("attendees"), blank=True, related_name="+")
    companion = models.ForeignKey(
        Employee,
        verbose_name=_("companion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accompanied_meetings",
    )
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    minutes = models.ForeignKey(
        Document, verbose_name=_("minutes"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_summary = models.TextField(_("outcome summary"), blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    representation_requested_by = models.ForeignKey(
        Employee,
        verbose_name=_("representative asked for by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    representation_requested_at = models.DateTimeField(
        _("representative asked for at"), null=True, blank=True
    )
    representation_choice = models.CharField(
        _("choice after the request"), max_length=16, choices=RepresentationChoice.choices, blank=True
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["scheduled_for"]
        indexes = [models.Index(fields=["case", "scheduled_for"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_for:%Y-%m-%d}"


class InvestigationPlan(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="investigation")
    terms_of_reference = models.TextField(_("terms of reference"))
    questions = models.TextField(_("questions to answer"), blank=True)
    interviewees = models.ManyToManyField(
        Employee, verbose_name=_("people to interview"), blank=True, related_name="+"
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    report = models.ForeignKey(
        Document, verbose_name=_("report"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("investigation plan")
        verbose_name_plural = _("investigation plans")


class Sanction(models.TextChoices):
    NO_ACTION = "no_action", _("No action")
    INFORMAL_ACTION = "informal_action", _("Informal action")
    VERBAL_WARNING = "verbal_warning", _("Verbal warning")
    FIRST_WRITTEN_WARNING = "first_written_warning", _("First written warning")
    FINAL_WRITTEN_WARNING = "final_written_warning", _("Final written warning")
    DISMISSAL_WITH_NOTICE = "dismissal_with_notice", _("Dismissal with notice")
    SUMMARY_DISMISSAL = "summary_dismissal", _("Summary dismissal")
    REPRIMAND = "reprimand", _("Reprimand")
    PAY_RISE_DEFERRAL = "pay_rise_deferral", _("Extension of the pay-rise period")
    DEMOTION = "demotion", _("Demotion")
    DISMISSAL = "dismissal", _("Dismissal")


class Outcome(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="outcome")
    decision = models.TextField(_("decision"))
    reasons = models.TextField(_("reasons"))
    sanction = models.CharField(_("sanction"), max_length=24, choices=Sanction.choices, blank=True)
    warning_live_until = models.DateField(_("warning live until"), null=True, blank=True)
    appeal_allowed = models.BooleanField(_("right of appeal"), default=True)
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"))

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
