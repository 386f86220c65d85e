"""Policy library (versioned), jurisdiction rules as data, procedures and closure days."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Jurisdiction
from erms.lib import workdays
from policies import rule_texts


class PolicyCategory(models.TextChoices):
    CONDUCT = "conduct", _("Conduct")
    GRIEVANCE = "grievance", _("Grievance")
    DISCIPLINARY = "disciplinary", _("Disciplinary")
    DIGNITY_AT_WORK = "dignity_at_work", _("Dignity at work / anti-harassment")
    EQUAL_OPPORTUNITIES = "equal_opportunities", _("Equal opportunities")
    WHISTLEBLOWING = "whistleblowing", _("Whistleblowing")
    ABSENCE = "absence", _("Absence")
    CAPABILITY = "capability", _("Capability")
    REDUNDANCY = "redundancy", _("Redundancy / restructure")
    DATA_PROTECTION = "data_protection", _("Data protection")
    OTHER = "other", _("Other")


#: The jurisdiction of a rule that holds in every country (DOMAIN.md "Across jurisdictions", XJ-001…).
ACROSS_JURISDICTIONS = "XJ"
#: A rule belongs to one jurisdiction (``accounts.models.Jurisdiction``) or holds across them all.
RULE_JURISDICTIONS = [*Jurisdiction.choices, (ACROSS_JURISDICTIONS, _("Across jurisdictions"))]


class Policy(models.Model):
    """A people policy; its text lives in versions."""

    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=32, choices=PolicyCategory.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_policies",
    )
    # A JSON list of jurisdiction codes (["GB", "NO"]); works on SQLite and PostgreSQL alike.
    jurisdictions = models.JSONField(_("jurisdictions"), default=list, blank=True)
    review_due = models.DateField(_("review due"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["owner", "review_due"]), models.Index(fields=["category"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:policy_detail", args=[self.pk])

    def get_jurisdictions_display(self) -> list[str]:
        labels = dict(Jurisdiction.choices)
        return [str(labels.get(code, code)) for code in self.jurisdictions]


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    EFFECTIVE = "effective", _("Effective")
    SUPERSEDED = "superseded", _("Superseded")


class PolicyVersion(models.Model):
    """One text of a policy. Only drafts change; services enforce that."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    body_markdown = models.TextField(_("text (Markdown)"))
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        permissions = [("approve_policyversion", _("Can approve policy versions and make them effective"))]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_number_unique"),
            models.UniqueConstraint(
                fields=["policy"], condition=Q(status="effective"), name="policy_one_effective_version"
            ),
        ]
        indexes = [models.Index(fields=["policy", "status", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("policies:version_detail", args=[self.policy_id, self.number])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Unit(models.TextChoices):
    CALENDAR_DAYS = workdays.CALENDAR_DAYS, _("calendar days")
    WORKING_DAYS = workdays.WORKING_DAYS, _("working days")
    WEEKS = workdays.WEEKS, _("weeks")
    MONTHS = workdays.MONTHS, _("months")


class Counting(models.TextChoices):
    EXCLUDES_TRIGGER_DAY = workdays.EXCLUDES_TRIGGER_DAY, _("Trigger is day 0 (counting starts next day)")
    INCLUDES_TRIGGER_DAY = workdays.INCLUDES_TRIGGER_DAY, _("Trigger is day 1 (period begins with it)")
    FROM_NEXT_MONTH_START = workdays.FROM_NEXT_MONTH_START, _("From the 1st of the next month")


class RuleAction(models.TextChoices):
    BLOCK = "block", _("Block")
    DEADLINE = "deadline", _("Deadline")
    WARN = "warn", _("Warn")


class RuleStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    UNVERIFIED = "unverified", _("Unverified")
    INACTIVE = "inactive", _("Inactive")


class Rule(models.Model):
    """One jurisdiction rule from DOMAIN.md, kept as data that admins correct."""

    rule_id = models.CharField(_("rule id"), max_length=32, unique=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=RULE_JURISDICTIONS)
    title = models.CharField(_("governs"), max_length=500)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, blank=True)
    counting = models.CharField(
        _("counting"), max_length=24, choices=Counting.choices, default=Counting.EXCLUDES_TRIGGER_DAY
    )
    action = models.CharField(_("action"), max_length=16, choices=RuleAction.choices)
    citation = models.CharField(_("citation"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RuleStatus.choices, default=RuleStatus.VERIFIED
    )
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    roll_forward = models.BooleanField(
        _("roll forward"),
        default=False,
        help_text=_(
            "Move a due date on a non-working day to the next working day. Only where a source says so."
        ),
    )
    # [{"key": "agency", "label": "...", "number": 300, "unit": "calendar_days"}, ...]; the first is the
    # default. A variant may carry its own "counting", "effective_from" and "effective_to".
    variants = models.JSONField(_("variants"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("jurisdiction rule")
        verbose_name_plural = _("jurisdiction rules")
        ordering = ["jurisdiction", "rule_id"]

    def __str__(self) -> str:
        return self.rule_id

    # What pages show: the catalogue's words in the reader's language (``policies.rule_texts``);
    # ``notes`` is the maintainers' and stays in the admin.
    @property
    def display_title(self) -> str:
        return rule_texts.title(self.title)

    @property
    def display_citation(self) -> str:
        return rule_texts.citation(self.citation)

    @property
    def user_note(self) -> str:
        return rule_texts.user_note(self.rule_id, self.notes)

    @property
    def period(self) -> str:
        """The default period in words ("1 month"); "" for a rule without one."""
        return rule_texts.period(self.number, self.unit) if self.unit else ""

    def variant_label(self, key: str) -> str:
        """The label of the variant ``key`` in the reader's language ("" for no variant)."""
        if not key:
            return ""
        found: dict[str, str] = next((v for v in self.variants if v.get("key") == key), {})
        return rule_texts.variant_label(found.get("label", ""), key)

    @property
    def variant_labels(self) -> list[str]:
        return [self.variant_label(v["key"]) for v in self.variants if v.get("key")]

    @property
    def has_time_limit(self) -> bool:
        return (self.number is not None and bool(self.unit)) or any(
            v.get("number") is not None and v.get("unit") for v in self.variants
        )


class ProcedureKind(models.TextChoices):
    DISCIPLINARY = "disciplinary", _("Disciplinary")
    GRIEVANCE = "grievance", _("Grievance")
    APPEAL = "appeal", _("Appeal")
    INVESTIGATION = "investigation", _("Investigation")
    CAPABILITY = "capability", _("Capability")
    HARASSMENT_DISCRIMINATION = "harassment_discrimination", _("Harassment or discrimination")
    WHISTLEBLOWING = "whistleblowing", _("Whistleblowing")
    TERMINATION = "termination", _("Termination")
    COLLECTIVE_CONSULTATION = "collective_consultation", _("Collective consultation")


class Procedure(models.Model):
    """An organisation procedure for one kind of case in one jurisdiction: its steps and limits."""

    kind = models.CharField(_("kind"), max_length=32, choices=ProcedureKind.choices)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    name = models.CharField(_("name"), max_length=200)
    policy_version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("policy version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    is_active = models.BooleanField(_("active"), default=True)
    chair_must_not_be_investigator = models.BooleanField(
        _("chair must not be the investigator"), default=True
    )
    appeal_hearer_must_be_uninvolved = models.BooleanField(
        _("appeal hearer must be uninvolved"), default=True
    )
    who_may_chair = models.TextField(_("who may chair"), blank=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["jurisdiction", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "jurisdiction"],
                condition=Q(is_active=True),
                name="procedure_one_active_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StepKey(models.TextChoices):
    HEARING_NOTICE = "hearing_notice", _("Notice before a hearing")
    COMPANION_POSTPONEMENT = "companion_postponement", _("Companion postponement window")
    INVESTIGATION_TARGET = "investigation_target", _("Investigation target")
    DECISION_LETTER_DUE = "decision_letter_due", _("Decision letter due")
    APPEAL_WINDOW = "appeal_window", _("Appeal window")
    APPEAL_HEARING_TARGET = "appeal_hearing_target", _("Appeal hearing target")
    WARNING_LIVE_PERIOD = "warning_live_period", _("Warning live period")
    SUSPENSION_REVIEW = "suspension_review", _("Suspension review")
    CONSULTATION_PERIOD = "consultation_period", _("Consultation period")


class StepAction(models.TextChoices):
    BLOCK = "block", _("Block")
    WARN = "warn", _("Warn")


class RuleBound(models.TextChoices):
    FLOOR = "floor", _("Statutory minimum: the organisation may only give more time")
    CEILING = "ceiling", _("Statutory maximum: the organisation may only allow less time")
    REFERENCE = "reference", _("Guidance: the rule sets no number, so the procedure's own limit applies")


class ProcedureStep(models.Model):
    """A time limit of a procedure, optionally bounded by a statutory rule."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="steps"
    )
    key = models.CharField(_("step"), max_length=32, choices=StepKey.choices)
    number = models.PositiveIntegerField(_("number"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    counting = models.CharField(
        _("counting"), max_length=24, choices=Counting.choices, default=Counting.EXCLUDES_TRIGGER_DAY
    )
    rule = models.ForeignKey(
        Rule,
        verbose_name=_("rule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedure_steps",
    )
    rule_variant = models.CharField(_("rule variant"), max_length=32, blank=True)
    rule_bound = models.CharField(
        _("rule bound"), max_length=16, choices=RuleBound.choices, default=RuleBound.FLOOR
    )
    action = models.CharField(_("action"), max_length=8, choices=StepAction.choices, default=StepAction.BLOCK)

    class Meta:
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        ordering = ["procedure", "key"]
        constraints = [models.UniqueConstraint(fields=["procedure", "key"], name="procedure_step_key_unique")]

    def __str__(self) -> str:
        return f"{self.procedure}: {self.get_key_display()}"

    @property
    def period(self) -> str:
        """The step's limit in words ("1 month", "5 working days")."""
        return rule_texts.period(self.number, self.unit)

    @property
    def rule_variant_label(self) -> str:
        """The bound rule's variant, named in the reader's language ("" without one)."""
        return self.rule.variant_label(self.rule_variant) if self.rule is not None else ""


class ClosureDay(models.Model):
    """A day the organisation is closed; not a working day for deadlines."""

    date = models.DateField(_("date"))
    region = models.CharField(
        _("region"),
        max_length=10,
        blank=True,
        help_text=_("ISO 3166-2 code (GB-ENG, US-NY, NO), a country code (GB, US) or blank for everywhere."),
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["date", "region"], name="closure_day_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"
