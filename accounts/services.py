"""State changes for people and log-ins."""

from __future__ import annotations

import csv
import datetime
import hashlib
import math
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import IO, Any, cast

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django_otp import match_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from tqdm import tqdm

from accounts.models import ApiToken, Department, Employee, EmploymentStatus, Location, SignInWindow, User
from accounts.permissions import mfa_required
from erms.lib import clock
from erms.lib.errors import ApplicationError

_validate_email = EmailValidator()


class TooManyAttempts(ApplicationError):
    """Raised when sign-ins for an account or from an address are refused for a while."""

    def __init__(self, lock: SignInLock):
        super().__init__(lock.message, field="non_field_errors")
        self.lock = lock


@dataclass(frozen=True)
class SignInLock:
    """Sign-ins refused until ``until``: too many attempts for the account or from the address."""

    until: datetime.datetime

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.until - clock.now()).total_seconds()))

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))

    @property
    def message(self) -> str:
        return ngettext(
            "Too many failed sign-ins; try again in %(minutes)d minute.",
            "Too many failed sign-ins; try again in %(minutes)d minutes.",
            self.minutes,
        ) % {"minutes": self.minutes}


def _signin_keys(account: str, address: str | None) -> dict[str, int]:
    keys = {f"account:{account.strip().lower()}"[:300]: settings.ERMS_SIGNIN_ACCOUNT_LIMIT}
    if address:
        keys[f"address:{address}"] = settings.ERMS_SIGNIN_ADDRESS_LIMIT
    return keys


def signin_attempt_reserve(*, account: str, address: str | None) -> SignInLock | None:
    """Count one sign-in attempt for the account and the client address, before its password is checked.

    Each count is one atomic statement (``INSERT … ON CONFLICT DO UPDATE … RETURNING``), so parallel
    attempts each get their own number and at most the limit's number of them reach a password check.
    Returns the lock when either count is past its limit (the caller then refuses without checking the
    password); a successful sign-in gives its count back with ``signin_attempt_release``. Call it outside
    ``transaction.atomic`` so the count is committed (and seen by other requests) at once.
    """
    now = clock.now()
    ends_field = SignInWindow._meta.get_field("ends_at")
    ends = ends_field.get_db_prep_value(
        now + timedelta(minutes=settings.ERMS_SIGNIN_WINDOW_MINUTES), connection
    )
    expired = ends_field.get_db_prep_value(now, connection)
    qn = connection.ops.quote_name
    table, key = qn(SignInWindow._meta.db_table), qn("key")
    sql = (
        f"INSERT INTO {table} ({key}, attempts, ends_at) VALUES (%s, 1, %s) "
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"attempts = CASE WHEN {table}.ends_at <= %s THEN 1 ELSE {table}.attempts + 1 END, "
        f"ends_at = CASE WHEN {table}.ends_at <= %s THEN excluded.ends_at ELSE {table}.ends_at END "
        "RETURNING attempts"
    )
    over: list[str] = []
    with connection.cursor() as cursor:
        for name, limit in _signin_keys(account, address).items():
            cursor.execute(sql, [name, ends, expired, expired])
            (attempts,) = cursor.fetchone()
            if attempts > limit:
                over.append(name)
    if not over:
        return None
    until = max(SignInWindow.objects.filter(key__in=over).values_list("ends_at", flat=True))
    return SignInLock(until=until)


def signin_attempt_release(*, account: str, address: str | None) -> None:
    """Give back the count of an attempt whose password was right: only failures use up the limits."""
    SignInWindow.objects.filter(key__in=list(_signin_keys(account, address)), attempts__gt=0).update(
        attempts=F("attempts") - 1
    )


def signin_limits_clear(*, account: str | None = None, address: str | None = None) -> int:
    """Lift the limits on an account and/or an address (``manage.py axes_reset_username`` and friends)."""
    keys = [f"account:{account.strip().lower()}"] if account else []
    if address:
        keys.append(f"address:{address}")
    deleted, _ = SignInWindow.objects.filter(key__in=keys).delete()
    return deleted


def signin_windows_clear_ended() -> int:
    """Delete the counts whose window has ended; they no longer limit anything."""
    deleted, _ = SignInWindow.objects.filter(ends_at__lte=clock.now()).delete()
    return deleted


def signin_limits_clear_all() -> int:
    deleted, _ = SignInWindow.objects.all().delete()
    return deleted


def _token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User) -> str:
    """Issue a new API token for ``user`` and return its key; only its digest is stored."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=_token_digest(key))
    return key


# A token's last use is written at most this often, not on every request.
TOKEN_TOUCH_EVERY = timedelta(minutes=1)


def api_token_use(*, key: str) -> ApiToken | None:
    """The live token for this key, with its user, its use recorded (at most once a minute).

    None when the key is unknown or revoked, its user inactive, or it has gone unused for
    ``ERMS_TOKEN_IDLE_MINUTES`` (such a token is deleted).
    """
    token = ApiToken.objects.select_related("user").filter(digest=_token_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    if now - token.last_used_at >= timedelta(minutes=settings.ERMS_TOKEN_IDLE_MINUTES):
        token.delete()
        return None
    if now - token.last_used_at >= TOKEN_TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).delete()


def token_issue(*, request: HttpRequest, email: str, password: str, otp: str = "") -> str:
    """Return a new API token key for these credentials.

    The password goes through the same sign-in limits as the login form (``SignInBackend``): past
    either limit, ``TooManyAttempts`` is raised without checking it. When the user must use two-factor
    sign-in, ``otp`` (a code from their authenticator app, or a recovery code) is required, and a wrong
    one counts as a failed sign-in.
    """
    user = authenticate(request, username=email, password=password)
    lock: SignInLock | None = getattr(request, "signin_lock", None)
    if lock is not None:
        raise TooManyAttempts(lock)
    if user is None or not user.is_active:
        raise ApplicationError(gettext("Unable to log in with these credentials."), field="non_field_errors")
    user = cast(User, user)
    if mfa_required(user):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ApplicationError(
                gettext("Your role needs two-factor sign-in: set it up in ERMS in your browser first."),
                field="otp",
            )
        if not otp:
            raise ApplicationError(
                gettext("Enter the code from your authenticator app, or a recovery code."), field="otp"
            )
        if match_token(user, otp) is None:
            signin_attempt_reserve(account=email, address=get_client_ip_address(request))
            raise ApplicationError(gettext("That code is not valid."), field="otp")
    return api_token_create(user=user)


def user_tokens_revoke(*, user: User) -> int:
    """Revoke every API token of ``user`` (logging out of the site does this)."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> None:
    """End every session of ``user`` in every browser and revoke all their API tokens."""
    user_tokens_revoke(user=user)
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


RECOVERY_CODE_COUNT = 10


def mfa_totp_key() -> str:
    """A new secret for an authenticator app (hex, as django-otp stores it)."""
    return random_hex(20)


def mfa_totp_device(*, user: User, key: str) -> TOTPDevice:
    """An unsaved authenticator-app device for ``key``: what the set-up page shows (QR code, secret)."""
    return TOTPDevice(user=user, key=key, name=gettext("Authenticator app"), confirmed=True)


@transaction.atomic
def mfa_totp_confirm(*, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Add the authenticator app whose secret is ``key`` once ``code`` shows the person set it up.

    Replaces any earlier app and recovery codes. Returns the device and ten new single-use recovery
    codes, which are shown once and never again.
    """
    device = mfa_totp_device(user=user, key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now().timestamp()
    if not code.isdigit() or not totp.verify(int(code), tolerance=device.tolerance):
        raise ApplicationError(
            gettext("That code does not match. Check the time on your phone and try the newest code."),
            field="code",
        )
    device.last_t = totp.t()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.save()
    recovery = StaticDevice.objects.create(user=user, name=gettext("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return device, codes


def mfa_code_check(*, user: User, code: str, recovery: bool = False) -> Device | None:
    """The device that accepts ``code``: the authenticator app, or with ``recovery`` a recovery code
    (used up by this). django-otp slows down repeated wrong codes on each device."""
    model: type[TOTPDevice] | type[StaticDevice] = StaticDevice if recovery else TOTPDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def user_set_language(*, user: User, language: str) -> User:
    """Remember a user's language: pages after their next sign-in, e-mails and letters follow it.
    Refuses a language ERMS does not ship."""
    valid = {code for code, _ in settings.LANGUAGES}
    if language not in valid:
        raise ApplicationError(
            gettext("Choose one of: %(languages)s.") % {"languages": ", ".join(sorted(valid))},
            field="language",
        )
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


# --- Directory import -------------------------------------------------------------------------

IMPORT_COLUMNS = (
    "employee_number",
    "first_name",
    "last_name",
    "work_email",
    "department_code",
    "location_code",
    "manager_number",
    "job_title",
    "start_date",
    "employment_status",
)
IMPORT_REQUIRED_COLUMNS = ("employee_number", "first_name", "last_name", "department_code", "location_code")
# Columns that, when absent from the file, leave existing employees' values untouched.
_OPTIONAL_FIELDS = {
    "work_email": "work_email",
    "job_title": "job_title",
    "start_date": "start_date",
    "employment_status": "employment_status",
    "manager_number": "manager_id",
}
_EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "work_email",
    "department_id",
    "location_id",
    "job_title",
    "start_date",
    "employment_status",
)


@dataclass(frozen=True)
class ImportRowError:
    """One refused line of an import file."""

    line: int
    employee_number: str
    reason: str

    def __str__(self) -> str:
        number = f" ({self.employee_number})" if self.employee_number else ""
        return f"line {self.line}{number}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did. ``errors`` lists refused lines in file order."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportRowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _ImportRow:
    line: int
    number: str
    values: dict[str, Any]
    manager_number: str | None  # None: column absent; "": no manager
    reasons: list[str] = field(default_factory=list)


def _parse_import_row(
    line: int,
    raw: Mapping[str, str | None],
    present: set[str],
    departments: dict[str, int],
    locations: dict[str, int],
) -> _ImportRow:
    get = {key: (raw.get(key) or "").strip() for key in IMPORT_COLUMNS}
    reasons: list[str] = []
    values: dict[str, Any] = {}
    number = get["employee_number"]
    if not number:
        reasons.append(gettext("employee number is missing"))
    elif len(number) > 32:
        reasons.append(gettext("employee number is longer than 32 characters"))
    for name in ("first_name", "last_name"):
        if not get[name]:
            reasons.append(gettext("%(column)s is missing") % {"column": name})
        elif len(get[name]) > 100:
            reasons.append(gettext("%(column)s is longer than 100 characters") % {"column": name})
        values[name] = get[name]
    department_id = departments.get(get["department_code"])
    if department_id is None:
        reasons.append(gettext("unknown department %(code)r") % {"code": get["department_code"]})
    values["department_id"] = department_id
    location_id = locations.get(get["location_code"])
    if location_id is None:
        reasons.append(gettext("unknown location %(code)r") % {"code": get["location_code"]})
    values["location_id"] = location_id
    if "work_email" in present:
        email = get["work_email"]
        if email:
            try:
                if len(email) > 254:
                    raise DjangoValidationError("too long")
                _validate_email(email)
            except DjangoValidationError:
                reasons.append(gettext("invalid work e-mail %(email)r") % {"email": email})
            email = email.lower()
        values["work_email"] = email
    if "job_title" in present:
        if len(get["job_title"]) > 200:
            reasons.append(gettext("job_title is longer than 200 characters"))
        values["job_title"] = get["job_title"]
    if "start_date" in present:
        start: datetime.date | None = None
        if get["start_date"]:
            try:
                if len(get["start_date"]) != 10:
                    raise ValueError
                start = datetime.date.fromisoformat(get["start_date"])
            except ValueError:
                reasons.append(
                    gettext("bad start date %(value)r (expected YYYY-MM-DD)") % {"value": get["start_date"]}
                )
        values["start_date"] = start
    if "employment_status" in present:
        status = (
            get["employment_status"].lower().replace(" ", "_").replace("-", "_") or EmploymentStatus.ACTIVE
        )
        if status not in EmploymentStatus.values:
            reasons.append(
                gettext("bad employment status %(value)r (expected one of %(choices)s)")
                % {"value": get["employment_status"], "choices": ", ".join(EmploymentStatus.values)}
            )
        values["employment_status"] = status
    manager_number = get["manager_number"] if "manager_number" in present else None
    if manager_number and manager_number == number:
        reasons.append(gettext("manager cycle: %(chain)s") % {"chain": f"{number} → {number}"})
    return _ImportRow(line=line, number=number, values=values, manager_number=manager_number, reasons=reasons)


def _find_manager_cycles(good: dict[str, _ImportRow], db_manager_of: dict[str, str | None]) -> dict[str, str]:
    """Good file rows that sit on a manager cycle, with the cycle spelled out.

    The manager graph is the database's, overlaid with the good rows of the file. Cycles
    made only of existing rows (not touched by this file) are left alone.
    """

    def manager_of(number: str) -> str | None:
        row = good.get(number)
        if row is not None and row.manager_number is not None:
            return row.manager_number or None
        return db_manager_of.get(number)

    on_cycle: dict[str, str] = {}
    settled: set[str] = set()
    for start in good:
        if start in settled:
            continue
        path: list[str] = []
        position: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in settled and node not in position:
            position[node] = len(path)
            path.append(node)
            node = manager_of(node)
        if node is not None and node in position:
            cycle = path[position[node] :]
            chain = " → ".join([*cycle, cycle[0]])
            for member in cycle:
                if member in good:
                    on_cycle[member] = chain
        settled.update(path)
    return on_cycle


def _read_import_file(file: IO[str]) -> tuple[list[str], Iterator[tuple[int, dict[str, str | None]]]]:
    reader = csv.DictReader(file)
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header

    def rows() -> Iterator[tuple[int, dict[str, str | None]]]:
        for raw in reader:
            yield reader.line_num, raw

    return header, rows()


def employees_import(
    *,
    actor: User | None = None,
    rows: Iterable[Mapping[str, str | None]] | None = None,
    file: IO[str] | None = None,
    update_existing: bool = True,
    dry_run: bool = False,
    progress: IO[str] | None = None,
    batch_size: int = 1000,
) -> ImportReport:
    """Upsert the HR directory from an HR-system export, keyed on ``employee_number``.

    Give either ``file`` (CSV with a header line; line numbers in the report are the
    file's) or ``rows`` (mappings; numbered as if a header were line 1). Refused rows are
    reported with line number and reason and leave the database as it was; the good rows
    are written in one transaction, so a failure part-way writes nothing. A row whose
    manager is a refused row is itself refused. Optional columns missing from the file
    (``work_email``, ``manager_number``, ``job_title``, ``start_date``,
    ``employment_status``) leave existing employees' values untouched. With
    ``update_existing=False`` employees already in the directory are left as they are.
    Progress goes to ``progress`` (a text stream) when given.
    """
    if (rows is None) == (file is None):
        raise ValueError("Give exactly one of rows or file.")
    if file is not None:
        header, numbered = _read_import_file(file)
    else:
        materialised = list(rows or [])
        header = list(materialised[0].keys()) if materialised else list(IMPORT_REQUIRED_COLUMNS)
        numbered = ((index, dict(raw)) for index, raw in enumerate(materialised, start=2))
    missing = [column for column in IMPORT_REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ApplicationError(
            gettext("The file lacks required columns: %(columns)s.") % {"columns": ", ".join(missing)},
            field="file",
        )
    present = set(header)

    departments = dict(Department.objects.values_list("code", "id"))
    locations = dict(Location.objects.values_list("code", "id"))
    existing: dict[str, tuple[Any, ...]] = {
        row[1]: row
        for row in Employee.objects.values_list(
            "id", "employee_number", "manager__employee_number", *_EMPLOYEE_FIELDS
        )
        .order_by()
        .iterator(chunk_size=5000)
    }
    db_manager_of = {number: row[2] for number, row in existing.items()}

    bar = tqdm(desc=gettext("Checking rows"), unit=" rows", file=progress, disable=progress is None)
    parsed: list[_ImportRow] = []
    for line, raw in numbered:
        parsed.append(_parse_import_row(line, raw, present, departments, locations))
        bar.update(1)
    bar.close()

    report = ImportReport(rows=len(parsed), dry_run=dry_run)
    lines_of: dict[str, list[int]] = {}
    for row in parsed:
        if row.number:
            lines_of.setdefault(row.number, []).append(row.line)
    for row in parsed:
        if len(lines_of.get(row.number, ())) > 1:
            row.reasons.append(
                gettext("employee number appears more than once in the file (lines %(lines)s)")
                % {"lines": ", ".join(str(n) for n in lines_of[row.number])}
            )

    # Settle managers: unknown numbers, refused managers and cycles, until nothing changes.
    rejected: dict[str, _ImportRow] = {row.number: row for row in parsed if row.reasons and row.number}
    good: dict[str, _ImportRow] = {row.number: row for row in parsed if not row.reasons}
    for row in good.values():
        if (
            row.manager_number
            and row.manager_number not in good
            and row.manager_number not in rejected
            and row.manager_number not in existing
        ):
            row.reasons.append(gettext("unknown manager number %(number)r") % {"number": row.manager_number})
    if not update_existing:
        # Existing employees stay as they are, so they take no part in the new manager graph.
        kept = {number: row for number, row in good.items() if number in existing and not row.reasons}
        good = {number: row for number, row in good.items() if number not in kept}
    else:
        kept = {}
    changed = True
    while changed:
        changed = False
        for number, row in list(good.items()):
            if row.reasons:
                rejected[number] = good.pop(number)
                changed = True
                continue
            manager_row = rejected.get(row.manager_number or "")
            if manager_row is not None and manager_row is not row:
                row.reasons.append(
                    gettext("manager %(number)s is refused on line %(line)d")
                    % {"number": row.manager_number, "line": manager_row.line}
                )
                rejected[number] = good.pop(number)
                changed = True
        if not changed:
            for number, chain in _find_manager_cycles(good, db_manager_of).items():
                good[number].reasons.append(gettext("manager cycle: %(chain)s") % {"chain": chain})
                changed = True
    report.errors = sorted(
        (
            ImportRowError(line=row.line, employee_number=row.number, reason="; ".join(row.reasons))
            for row in parsed
            if row.reasons
        ),
        key=lambda error: error.line,
    )
    report.unchanged += len(kept)

    new_rows = [row for number, row in good.items() if number not in existing]
    report.created = len(new_rows)
    if dry_run:
        report.updated, report.unchanged = _count_updates(good, existing, present, report.unchanged)
        return report
    with transaction.atomic():
        _write_import(report, good, new_rows, existing, present, batch_size, progress)
    return report


def _desired_manager_id(row: _ImportRow, ids: dict[str, int], current: int | None) -> int | None:
    if row.manager_number is None:
        return current
    return ids[row.manager_number] if row.manager_number else None


def _count_updates(
    good: dict[str, _ImportRow], existing: dict[str, tuple[Any, ...]], present: set[str], unchanged: int
) -> tuple[int, int]:
    updated = 0
    for number, row in good.items():
        current = existing.get(number)
        if current is None:
            continue
        old = dict(zip(_EMPLOYEE_FIELDS, current[3:], strict=True))
        if any(old[name] != value for name, value in row.values.items()) or (
            row.manager_number is not None and (row.manager_number or None) != current[2]
        ):
            updated += 1
        else:
            unchanged += 1
    return updated, unchanged


def _write_import(
    report: ImportReport,
    good: dict[str, _ImportRow],
    new_rows: list[_ImportRow],
    existing: dict[str, tuple[Any, ...]],
    present: set[str],
    batch_size: int,
    progress: IO[str] | None,
) -> None:
    """Write the good rows: create new employees, then set managers and changes in a second pass.

    Must be called inside ``transaction.atomic``.
    """
    bar = tqdm(
        total=len(good), desc=gettext("Writing"), unit=" rows", file=progress, disable=progress is None
    )
    ids = {number: row[0] for number, row in existing.items()}
    for start in range(0, len(new_rows), batch_size):
        chunk = new_rows[start : start + batch_size]
        created = Employee.objects.bulk_create(
            [Employee(employee_number=row.number, **row.values) for row in chunk], batch_size=batch_size
        )
        if any(employee.pk is None for employee in created):
            ids.update(
                Employee.objects.filter(employee_number__in=[row.number for row in chunk]).values_list(
                    "employee_number", "id"
                )
            )
        else:
            ids.update((employee.employee_number, employee.pk) for employee in created)
        bar.update(len(chunk))

    now = clock.now()
    new_numbers = {row.number for row in new_rows}
    manager_updates: list[Employee] = []
    changes: list[Employee] = []
    changed_fields: set[str] = set()
    for number, row in good.items():
        if number in new_numbers:
            if row.manager_number:
                manager_updates.append(
                    Employee(id=ids[number], manager_id=ids[row.manager_number], updated_at=now)
                )
            continue
        current = existing[number]
        old = dict(zip(_EMPLOYEE_FIELDS, current[3:], strict=True))
        old_manager_id = ids.get(current[2]) if current[2] else None
        diff = {name: value for name, value in row.values.items() if old[name] != value}
        manager_id = _desired_manager_id(row, ids, old_manager_id)
        if manager_id != old_manager_id:
            diff["manager_id"] = manager_id
        if diff:
            changes.append(
                Employee(id=current[0], updated_at=now, **{**old, "manager_id": old_manager_id, **diff})
            )
            changed_fields.update(diff)
        else:
            report.unchanged += 1
        bar.update(1)
    report.updated = len(changes)
    _employees_bulk_update(manager_updates, ["manager", "updated_at"], batch_size)
    _employees_bulk_update(
        changes, [name.removesuffix("_id") for name in sorted(changed_fields)] + ["updated_at"], batch_size
    )
    bar.close()


def _employees_bulk_update(employees: list[Employee], field_names: list[str], batch_size: int) -> None:
    """``bulk_update`` by primary key; on PostgreSQL one ``UPDATE … FROM (VALUES …)`` per batch.

    Django's ``bulk_update`` builds a ``CASE WHEN`` expression per value, which costs
    seconds per ten thousand rows in Python alone; the ``VALUES`` join does the same
    update at the speed of the database.
    """
    if not employees:
        return
    if connection.vendor != "postgresql":
        Employee.objects.bulk_update(employees, field_names, batch_size=batch_size)
        return
    meta = Employee._meta
    pk = meta.pk
    assert pk is not None and pk.column is not None
    fields: list[Any] = [
        meta.get_field(name) for name in field_names
    ]  # concrete columns, checked by bulk_update
    qn = connection.ops.quote_name

    def cast(model_field: Any) -> str:
        # Text, not varchar(n): an explicit cast would truncate; assignment to the column refuses instead.
        if model_field.get_internal_type() in {"CharField", "EmailField", "TextField"}:
            return "text"
        return model_field.db_type(connection)

    row_sql = "(" + ", ".join(f"%s::{cast(f)}" for f in [pk, *fields]) + ")"
    columns = ", ".join(qn(f.column) for f in [pk, *fields])
    assignments = ", ".join(f"{qn(f.column)} = v.{qn(f.column)}" for f in fields)
    with connection.cursor() as cursor:
        for start in range(0, len(employees), batch_size):
            chunk = employees[start : start + batch_size]
            params: list[Any] = []
            for employee in chunk:
                params.append(employee.pk)
                params.extend(f.get_db_prep_save(getattr(employee, f.attname), connection) for f in fields)
            cursor.execute(
                f"UPDATE {qn(meta.db_table)} AS e SET {assignments} "
                f"FROM (VALUES {', '.join([row_sql] * len(chunk))}) AS v({columns}) "
                f"WHERE e.{qn(pk.column)} = v.{qn(pk.column)}",
                params,
            )
