"""Concerns, cases and everything filed on a case.

Nothing here is ever deleted through ERMS: cases are closed or withdrawn, documents
are superseded by new versions, and the audit and access logs are append-only
(the admin refuses changes; on PostgreSQL a trigger refuses UPDATE and DELETE).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Department, Employee, Jurisdiction, Location


class CaseKind(models.TextChoices):
    GRIEVANCE = "grievance", _("Grievance")
    DISCIPLINARY = "disciplinary", _("Disciplinary")
    APPEAL = "appeal", _("Appeal")
    INVESTIGATION = "investigation", _("Investigation")
    HARASSMENT_DISCRIMINATION = (
        "harassment_discrimination",
        _("Discrimination, harassment or bullying complaint"),
    )
    WHISTLEBLOWING = "whistleblowing", _("Whistleblowing")
    CAPABILITY = "capability", _("Performance or capability")
    MEDIATION = "mediation", _("Mediation")
    CLAIM = "claim", _("Tribunal or litigation claim")
    TERMINATION = "termination", _("Exit or involuntary termination")
    EAP_REFERRAL = "eap_referral", _("Employee assistance (EAP) referral")


#: Kinds visible only to the named case manager and ER leads, whatever other grants exist.
CONFIDENTIAL_KINDS = frozenset({CaseKind.EAP_REFERRAL, CaseKind.WHISTLEBLOWING})


class CaseStatus(models.TextChoices):
    TRIAGE = "triage", _("Triage")
    INVESTIGATION = "investigation", _("Investigation")
    HEARING = "hearing", _("Hearing")
    MEDIATION = "mediation", _("Mediation")
    SUPPORT = "support", _("Support in progress")
    PROCEEDINGS = "proceedings", _("Proceedings")
    DECISION = "decision", _("Decision")
    APPEAL_WINDOW = "appeal_window", _("Appeal window")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = [s for s in CaseStatus.values if s not in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)]


class ConcernCategory(models.TextChoices):
    CONDUCT = "conduct", _("Conduct")
    PERFORMANCE = "performance", _("Performance or capability")
    ATTENDANCE = "attendance", _("Attendance")
    BULLYING = "bullying", _("Bullying")
    HARASSMENT = "harassment", _("Harassment")
    DISCRIMINATION = "discrimination", _("Discrimination")
    GRIEVANCE = "grievance", _("Grievance about pay or conditions")
    WHISTLEBLOWING = "whistleblowing", _("Whistleblowing")
    HEALTH = "health", _("Health and wellbeing")
    OTHER = "other", _("Other")


class ProtectedCharacteristic(models.TextChoices):
    AGE = "age", _("Age")
    DISABILITY = "disability", _("Disability")
    GENDER_REASSIGNMENT = "gender_reassignment", _("Gender reassignment or identity")
    MARRIAGE = "marriage", _("Marriage or civil partnership")
    PREGNANCY = "pregnancy", _("Pregnancy or maternity")
    RACE = "race", _("Race, colour, ethnicity or national origin")
    RELIGION = "religion", _("Religion or belief")
    SEX = "sex", _("Sex")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    OTHER = "other", _("Other protected ground")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent: risk of harm")


class ConcernStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    CASE_OPENED = "case_opened", _("Case opened")
    RESOLVED_INFORMALLY = "resolved_informally", _("Resolved informally")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=CaseKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.TRIAGE
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case manager"),
        on_delete=models.PROTECT,
        related_name="managed_cases",
    )
    investigators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("investigators"),
        blank=True,
        related_name="investigated_cases",
    )
    appeal_of = models.ForeignKey(
        "self",
        verbose_name=_("appeal of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    next_deadline_on = models.DateField(_("next deadline"), null=True, blank=True)
    #: Reference, title, summary and party names; PostgreSQL indexes it as a tsvector (GIN).
    search_text = models.TextField(editable=False, blank=True, default="")
    #: Optimistic lock: every change through a service increments it; a stale edit is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at"]
        permissions = [
            ("close_case", "Can close a case"),
            ("assign_case", "Can assign cases and grant access"),
            ("view_case_audit", "Can see a case's audit and access logs"),
            ("override_guardrail", "Can override a procedural guardrail with a reason"),
        ]
        indexes = [
            models.Index(fields=["status", "-opened_at"]),
            models.Index(fields=["case_manager", "status"]),
            models.Index(fields=["kind", "department", "status"]),
            models.Index(fields=["jurisdiction", "status"]),
            models.Index(fields=["next_deadline_on"]),
            # The default list order, so a wide view (ER lead, HR admin) reads only its first page.
            models.Index(fields=["-opened_at", "-id"], name="case_opened_newest"),
            # A case manager's case ids by index-only scan, for the visibility filter.
            models.Index(fields=["case_manager", "id"], name="case_manager_ids"),
            # Search matches the text index OR an exact reference; with this index both sides
            # are index scans that PostgreSQL can combine with the visibility filter.
            models.Index(Upper("reference"), name="case_reference_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_confidential(self) -> bool:
        return self.kind in CONFIDENTIAL_KINDS


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Explicit per-case grants (django-guardian, direct foreign key for speed)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["user", "permission", "content_object"])]


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class ErLeadScope(models.Model):
    """Limits an ER lead to some jurisdictions; an ER lead with no rows covers everything."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="er_scopes")
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)

    class Meta:
        verbose_name = _("ER lead scope")
        verbose_name_plural = _("ER lead scopes")
        constraints = [models.UniqueConstraint(fields=["user", "jurisdiction"], name="er_scope_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.jurisdiction}"


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
    summary = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    shared_with_submitter = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at", "-id"])]


class ReferenceCounter(models.Model):
    """Per-prefix, per-year counters for ER-2026-00042 style references (row-locked on use)."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique")]


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
