"""Users, roles and the HR directory (departments, locations, employees)."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from erms.lib import clock


class Jurisdiction(models.TextChoices):
    GB = "GB", _("United Kingdom (Great Britain)")
    US = "US", _("United States")
    NO = "NO", _("Norway")
    VN = "VN", _("Vietnam")


class Role(models.TextChoices):
    """The roles ERMS knows. Each is a Django group made by a data migration."""

    HR_ADMIN = "hr_admin", _("HR admin")
    ER_LEAD = "er_lead", _("ER lead")
    HR_CASE_MANAGER = "hr_case_manager", _("HR case manager")
    INVESTIGATOR = "investigator", _("Investigator")
    LINE_MANAGER = "line_manager", _("Line manager")
    UNION_REP = "union_rep", _("Union representative")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. E-mail is the login."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can log in to the Django admin site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=clock.now)
    # Raised by "sign out everywhere": every session signed with an older value stops working.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def role_names(self) -> list[str]:
        """Role codes of this user, cached on the instance for the request."""
        cached = getattr(self, "_role_names", None)
        if cached is None:
            valid = set(Role.values)
            cached = sorted(g.name for g in self.groups.all() if g.name in valid)
            self._role_names = cached
        return cached

    @property
    def role_labels(self) -> list[str]:
        """Translated names of this user's roles, for display."""
        return [str(Role(name).label) for name in self.role_names]

    def has_role(self, *roles: str) -> bool:
        return bool(set(roles) & set(self.role_names))

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's session check, which also ends every session when ``session_generation`` rises.

        Generation 0 signs exactly as Django does, so sessions made before this field existed stay valid.
        """
        value = self.password if not self.session_generation else f"{self.password}:{self.session_generation}"
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class Department(models.Model):
    """A node in the organisation tree."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """An office or site; its jurisdiction decides which employment rules apply."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    region = models.CharField(
        _("region"), max_length=10, blank=True, help_text=_("ISO 3166-2 code, e.g. GB-ENG, GB-SCT, US-NY.")
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    address = models.TextField(_("address"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.jurisdiction})"


class EmploymentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_LEAVE = "on_leave", _("On leave")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


class Employee(models.Model):
    """A person in the HR directory, with or without a log-in."""

    employee_number = models.CharField(_("employee number"), max_length=32, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    #: Written family name first ("Phạm Thị Thảo": last name "Phạm", first names "Thị Thảo"), as
    #: Vietnamese names are; otherwise first names first.
    family_name_first = models.BooleanField(
        _("family name first"),
        default=False,
        db_default=False,
        help_text=_("Write the name family name first, as Vietnamese names are (Phạm Thị Thảo)."),
    )
    work_email = models.EmailField(_("work e-mail"), blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="employees"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="employees"
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    #: In a bargaining unit a union represents (US-ACC-001: Weingarten rights at investigatory interviews).
    union_represented = models.BooleanField(_("represented by a union"), default=False, db_default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    employment_status = models.CharField(
        _("employment status"),
        max_length=16,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.ACTIVE,
    )
    user = models.OneToOneField(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["department", "employment_status"]),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.employee_number})"

    @property
    def full_name(self) -> str:
        return person_name(self.first_name, self.last_name, family_name_first=self.family_name_first)


def person_name(first_name: str, last_name: str, *, family_name_first: bool = False) -> str:
    """A person's name in the order they write it: family name first (Vietnamese order) or last."""
    return f"{last_name} {first_name}" if family_name_first else f"{first_name} {last_name}"


class ProtectedStatus(models.TextChoices):
    """Leave or a status during which discipline may be barred (VN-DISC-002) or needs care (XJ-002)."""

    SICK_LEAVE = "sick_leave", _("Sick leave")
    CONVALESCENCE = "convalescence", _("Convalescence leave")
    APPROVED_LEAVE = "approved_leave", _("Approved leave")
    CUSTODY = "custody", _("In custody or detention")
    AWAITING_AUTHORITY = "awaiting_authority", _("Awaiting an authority's finding")
    PREGNANCY = "pregnancy", _("Pregnancy")
    MATERNITY_LEAVE = "maternity_leave", _("Maternity leave")
    CHILD_UNDER_12_MONTHS = "child_under_12_months", _("Raising a child under 12 months")


class ProtectedPeriod(models.Model):
    """A span of leave or protected status of an employee; ``ends_on`` empty while it lasts.
    Recorded through ``cases.services.protected_period_record`` (audited)."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="protected_periods"
    )
    status = models.CharField(_("leave or status"), max_length=32, choices=ProtectedStatus.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (last day)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        verbose_name = _("leave or protected status")
        verbose_name_plural = _("leave and protected status")
        ordering = ["employee", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="protected_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.starts_on}–{self.ends_on or '…'}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Organisation(models.Model):
    """The employer: letterhead and signatory for letters. One row, edited in admin."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisation/", blank=True)
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)
    email = models.EmailField(_("HR e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """An API token, one per token sign-in (a script or device), kept only as a digest.

    The key itself is shown once, when issued. A token stops working after
    ``ERMS_TOKEN_IDLE_MINUTES`` without use, on logout, and on "sign out everywhere".
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    last_used_at = models.DateTimeField(_("last used at"), default=clock.now)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"


class SignInWindow(models.Model):
    """Sign-in attempts counted for one account or one client address, in a fixed window.

    Written only by ``accounts.services.signin_attempt_reserve`` and ``…_release``, each one
    atomic statement; past the limit, further attempts are refused until ``ends_at``.
    """

    key = models.CharField(_("key"), max_length=300, unique=True)  # "account:<e-mail>" or "address:<ip>"
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("sign-in window")
        verbose_name_plural = _("sign-in windows")

    def __str__(self) -> str:
        return f"{self.key}: {self.attempts}"
