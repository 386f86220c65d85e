"""Unions and other employee bodies, their representatives, consultations, negotiations and agreements."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Jurisdiction
from erms.lib import clock, sentences, workdays


class BodyKind(models.TextChoices):
    TRADE_UNION = "trade_union", _("Trade union")
    WORKS_COUNCIL = "works_council", _("Works council")
    EMPLOYEE_FORUM = "employee_forum", _("Employee forum")
    GRASSROOTS_REP_ORG = "grassroots_rep_org", _("Grassroots employee representative organisation")


class EmployeeBody(models.Model):
    """A trade union or another body that represents employees."""

    kind = models.CharField(_("kind"), max_length=24, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("employee body")
        verbose_name_plural = _("employee bodies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "jurisdiction"], name="unions_body_unique_name")
        ]
        permissions = [
            ("view_union", _("Can view unions, consultations, negotiations and agreements")),
            ("change_union", _("Can manage unions, consultations, negotiations and agreements")),
            ("view_all_bodies", _("Can see the consultations, negotiations and agreements of every body")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("unions:body_detail", args=[self.pk])


class Recognition(models.Model):
    """Where a body is recognised: departments, locations and the bargaining unit."""

    body = models.ForeignKey(
        EmployeeBody, verbose_name=_("body"), on_delete=models.CASCADE, related_name="recognitions"
    )
    departments = models.ManyToManyField("accounts.Department", verbose_name=_("departments"), blank=True)
    locations = models.ManyToManyField("accounts.Location", verbose_name=_("locations"), blank=True)
    bargaining_unit = models.CharField(_("bargaining unit"), max_length=200, blank=True)
    recognised_from = models.DateField(_("recognised from"))
    recognised_to = models.DateField(_("recognised to"), null=True, blank=True)

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-recognised_from"]

    def __str__(self) -> str:
        return f"{self.body} · {self.bargaining_unit or self.recognised_from}"


class BodyContact(models.Model):
    body = models.ForeignKey(
        EmployeeBody, verbose_name=_("body"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)

    class Meta:
        verbose_name = _("body contact")
        verbose_name_plural = _("body contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RepresentativeQuerySet(models.QuerySet["Representative"]):
    def serving_on(self, day: datetime.date) -> RepresentativeQuerySet:
        return self.filter(Q(serves_from__lte=day), Q(serves_to__isnull=True) | Q(serves_to__gte=day))


class Representative(models.Model):
    """An employee or an external official who represents a body for a period.

    ``user`` links a log-in (role ``union_rep``) to the body: while the period runs,
    that user sees the body's consultations, negotiations and agreements.
    """

    body = models.ForeignKey(
        EmployeeBody, verbose_name=_("body"), on_delete=models.CASCADE, related_name="representatives"
    )
    employee = models.ForeignKey(
        "accounts.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representative_roles",
    )
    external_name = models.CharField(_("external name"), max_length=200, blank=True)
    external_email = models.EmailField(_("external e-mail"), blank=True)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("e.g. shop steward, full-time official, tillitsvalgt")
    )
    serves_from = models.DateField(_("serves from"))
    serves_to = models.DateField(_("serves to"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("log-in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representations",
    )

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["body", "serves_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=False) | ~Q(external_name=""),
                name="unions_rep_employee_or_external",
            ),
            models.CheckConstraint(
                condition=Q(serves_to__isnull=True) | Q(serves_to__gte=models.F("serves_from")),
                name="unions_rep_period_order",
            ),
        ]
        indexes = [models.Index(fields=["user", "serves_from"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.body})"

    @property
    def display_name(self) -> str:
        return self.employee.full_name if self.employee_id else self.external_name

    @property
    def email(self) -> str:
        return self.employee.work_email if self.employee_id else self.external_email


class UnionMembership(models.Model):
    """An employee's membership of a body: special-category personal data.

    Recorded only where needed (to know which body to consult); read only with
    ``unions.view_membership``, and every read is written to ``MembershipAccessLog``.
    """

    employee = models.ForeignKey(
        "accounts.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="union_memberships",
    )
    body = models.ForeignKey(
        EmployeeBody, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    purpose = models.CharField(_("why recorded"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("union membership")
        verbose_name_plural = _("union memberships")
        ordering = ["body", "employee"]
        constraints = [models.UniqueConstraint(fields=["employee", "body"], name="unions_membership_unique")]
        permissions = [("view_membership", _("Can see union membership (special-category data)"))]

    def __str__(self) -> str:
        return f"{self.employee} · {self.body}"


class AccessVia(models.TextChoices):
    PAGE = "page", _("Page")
    API = "api", _("API")
    ADMIN = "admin", _("Admin")


class MembershipAccessLog(models.Model):
    """Who looked at membership data, when, and through what. Never edited or deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=clock.now, db_index=True)
    employee = models.ForeignKey(
        "accounts.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.ForeignKey(
        EmployeeBody,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.CharField(_("via"), max_length=8, choices=AccessVia.choices)
    rows = models.PositiveIntegerField(_("rows shown"), default=0)

    class Meta:
        verbose_name = _("membership access entry")
        verbose_name_plural = _("membership access log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.at:%Y-%m-%d %H:%M}"


class ProposalKind(models.TextChoices):
    RESTRUCTURE = "restructure", _("Restructure")
    COLLECTIVE_REDUNDANCY = "collective_redundancy", _("Collective redundancy")
    TRANSFER = "transfer", _("Transfer of undertaking")
    CHANGE_TO_TERMS = "change_to_terms", _("Change to terms")
    POLICY_CHANGE = "policy_change", _("New or changed policy")
    HEALTH_AND_SAFETY = "health_and_safety", _("Health and safety")
    OTHER = "other", _("Other")


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CONCLUDED = "concluded", _("Concluded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ShortNoticeReason(models.TextChoices):
    """US-RED-003: the reasons that lift the 60-day WARN notice."""

    FALTERING_COMPANY = "faltering_company", _("Faltering company (plant closing)")
    UNFORESEEABLE = "unforeseeable_business_circumstances", _("Unforeseeable business circumstances")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")


class Consultation(models.Model):
    """Consultation with representatives on a proposal."""

    kind = models.CharField(_("proposal"), max_length=24, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    departments = models.ManyToManyField(
        "accounts.Department", verbose_name=_("affected departments"), blank=True, related_name="+"
    )
    locations = models.ManyToManyField(
        "accounts.Location", verbose_name=_("affected locations"), blank=True, related_name="+"
    )
    number_affected = models.PositiveIntegerField(_("employees proposed to be affected"), default=0)
    bodies = models.ManyToManyField(
        EmployeeBody, verbose_name=_("bodies consulted"), blank=True, related_name="consultations"
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    region = models.CharField(_("region"), max_length=10, blank=True)

    started_on = models.DateField(
        _("started on"),
        null=True,
        blank=True,
        help_text=_("Day the representatives were invited; day 0 of the period."),
    )
    government_notified_on = models.DateField(
        _("government notified on"),
        null=True,
        blank=True,
        help_text=_("HR1 (GB), notice to NAV (NO), WARN notices (US), People's Committee (VN)."),
    )
    first_dismissal_planned_on = models.DateField(_("first dismissal planned on"), null=True, blank=True)
    short_notice_reason = models.CharField(
        _("short-notice reason"), max_length=40, blank=True, choices=ShortNoticeReason.choices
    )
    short_notice_explanation = models.TextField(_("short-notice explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ConsultationStatus.choices, default=ConsultationStatus.PLANNED
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="owned_consultations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["status", "jurisdiction"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("unions:consultation_detail", args=[self.pk])

    @property
    def region_name(self) -> str:
        return workdays.region_name(self.region) if self.region else ""


class ConsultationMeeting(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_at = models.DateTimeField(_("held at"))
    agenda = models.TextField(_("agenda"), blank=True)
    attendees = models.ManyToManyField(
        Representative,
        verbose_name=_("representatives attending"),
        blank=True,
        related_name="consultation_meetings",
    )
    other_attendees = models.TextField(_("other attendees"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to="unions/minutes/%Y/%m/", blank=True)
    actions = models.TextField(_("actions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consultation meeting")
        verbose_name_plural = _("consultation meetings")
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return f"{self.consultation} · {self.held_at:%Y-%m-%d}"


class LogKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    COUNTER_PROPOSAL = "counter_proposal", _("Counter-proposal")
    RESPONSE = "response", _("Response")
    NOTE = "note", _("Note")


class ConsultationLogEntry(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="log_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LogKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.ForeignKey(
        EmployeeBody,
        verbose_name=_("from body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=clock.now)
    # ``text`` is what was written, or for the lines ERMS writes itself (opened, concluded …) their text
    # in the site's language (search, admin); pages show ``display_text``, written from
    # ``text_sentence`` in the reader's language.
    text = models.TextField(_("text"))
    text_sentence = models.JSONField(_("text as a sentence"), default=dict, blank=True)
    # The representatives of the consulted bodies see only the entries shared with them
    # (for one from a body, only that body's representatives); the rest is HR's own record.
    shared_with_representatives = models.BooleanField(_("shared with the representatives"), default=False)

    class Meta:
        verbose_name = _("consultation log entry")
        verbose_name_plural = _("consultation log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d}"

    @property
    def display_text(self) -> str:
        """The text in the active language, its dates in the locale's format (``erms.lib.sentences``)."""
        return sentences.render(self.text_sentence, self.text)

    @staticmethod
    def text_fields(text: str | sentences.Sentence) -> dict[str, Any]:
        """``text`` and ``text_sentence`` for a new entry."""
        return {
            "text": sentences.as_text(text, settings.LANGUAGE_CODE),
            "text_sentence": sentences.as_json(text),
        }


class NegotiationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AGREED = "agreed", _("Agreed")
    FAILED = "failed", _("Failed to agree")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Negotiation(models.Model):
    body = models.ForeignKey(
        EmployeeBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="negotiations"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=NegotiationStatus.choices, default=NegotiationStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"), default=clock.today)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("negotiation")
        verbose_name_plural = _("negotiations")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("unions:negotiation_detail", args=[self.pk])


class BargainingRound(models.Model):
    negotiation = models.ForeignKey(
        Negotiation, verbose_name=_("negotiation"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("bargaining round")
        verbose_name_plural = _("bargaining rounds")
        ordering = ["negotiation", "number"]
        constraints = [models.UniqueConstraint(fields=["negotiation", "number"], name="unions_round_unique")]

    def __str__(self) -> str:
        return f"{self.negotiation} · {self.number}"


class BargainingItemKind(models.TextChoices):
    CLAIM = "claim", _("Claim")
    OFFER = "offer", _("Offer")
    COUNTER_OFFER = "counter_offer", _("Counter-offer")


class BargainingItemStatus(models.TextChoices):
    TABLED = "tabled", _("Tabled")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded")


class BargainingItem(models.Model):
    """A claim (from the body), an offer (from the employer) or a counter-offer in a round."""

    round = models.ForeignKey(
        BargainingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=BargainingItemKind.choices)
    made_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=12, choices=BargainingItemStatus.choices, default=BargainingItemStatus.TABLED
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("claim or offer")
        verbose_name_plural = _("claims and offers")
        ordering = ["round", "made_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.made_on}"


class CollectiveAgreement(models.Model):
    body = models.ForeignKey(
        EmployeeBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="agreements"
    )
    negotiation = models.ForeignKey(
        Negotiation,
        verbose_name=_("negotiation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Reminded before the agreement expires; an ER lead if left empty."),
    )

    class Meta:
        verbose_name = _("collective agreement")
        verbose_name_plural = _("collective agreements")
        ordering = ["valid_to", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unions_agreement_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(
        CollectiveAgreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="unions/agreements/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class DisputeKind(models.TextChoices):
    FAILURE_TO_AGREE = "failure_to_agree", _("Failure to agree")
    BALLOT = "ballot", _("Ballot")
    INDUSTRIAL_ACTION_NOTICE = "industrial_action_notice", _("Industrial action notice")


class Dispute(models.Model):
    negotiation = models.ForeignKey(
        Negotiation, verbose_name=_("negotiation"), on_delete=models.CASCADE, related_name="disputes"
    )
    kind = models.CharField(_("kind"), max_length=28, choices=DisputeKind.choices)
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.date}"
