"""Cases: kinds, statuses, the case row, its object permissions and the ER leads' scopes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Department, Jurisdiction, Location
from erms.lib import clock


class CaseKind(models.TextChoices):
    GRIEVANCE = "grievance", _("Grievance")
    DISCIPLINARY = "disciplinary", _("Disciplinary")
    APPEAL = "appeal", _("Appeal")
    INVESTIGATION = "investigation", pgettext_lazy("kind of case", "Investigation")
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
    #: When the case's personal content was erased after its retention date (``case_erase``).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    #: The status a closed or withdrawn case was in when it closed: where reopening returns it.
    status_before_close = models.CharField(
        _("status before closing"), max_length=20, choices=CaseStatus.choices, blank=True, default=""
    )
    next_deadline_on = models.DateField(_("next deadline"), null=True, blank=True)
    #: From the concern it was opened from: the ground of a discrimination complaint, and the
    #: urgency triage chose.
    protected_characteristic = models.CharField(
        _("protected characteristic"), max_length=24, choices=ProtectedCharacteristic.choices, blank=True
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
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
    """The jurisdictions an ER lead covers; an ER lead with no rows covers none (access fails closed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="er_scopes")
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)

    class Meta:
        verbose_name = _("ER lead scope")
        verbose_name_plural = _("ER lead scopes")
        constraints = [models.UniqueConstraint(fields=["user", "jurisdiction"], name="er_scope_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.jurisdiction}"


class LegalHold(models.Model):
    """A legal hold on a case: while it is in force nothing of the case may be erased, whatever the
    retention date (US-REC-002: a charge or suit holds the records to final disposition)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("placed by"), on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(_("placed at"), default=clock.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at"]

    def __str__(self) -> str:
        return f"{self.case} · {self.placed_at:%Y-%m-%d}"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None
