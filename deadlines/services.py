"""Every change to deadlines, reminders, notifications and the e-mail outbox, and the sweep.

A deadline is a row (what, due when, which rule, who is responsible, met or not) with the
reminder rows the sweep sends. The services that cause a deadline call these functions inside
their own transaction, so a deadline and the change that made it commit together. The owner
(``deadlines.owners``) hears of every change through its ``changed`` hook, where it writes its
audit trail (the case owner: the audit entry and the timeline).

Reminders (DOMAIN.md "How deadlines are computed", rule 5): one before the due date for each N
in ``ERMS_REMINDER_DAYS_BEFORE`` (default 3 and 1 days), one on the day and, when the deadline
is overdue, an escalation to the ER leads. Each is sent at 08:00 local time on a working day:
a reminder that would fall on a weekend, holiday or closure day is sent on the working day
before it (so the last reminder before a deadline lands on a working day); the escalation goes
out on the first working day after the due date. Risk dates and the owner's lapsing dates are
reminded but never escalated: when they pass nobody has missed anything, they simply lapse.
A sweep that comes late (a worker that was down, a new deployment's first run) sends each
deadline only its latest due reminder, and only while it still holds: never "Due in 3 days" on
the day before, nor "Due today" for a day that has passed; the others are skipped for good.

The sweep claims due, unsent reminder rows with ``SELECT … FOR UPDATE SKIP LOCKED``, so
several workers sweeping at once each take different rows; the sent-mark, the in-app
notification and the outgoing e-mail row are written in the same transaction as the
claim. A worker that dies mid-sweep rolls the whole claim back and the next sweep makes
those notifications and outbox rows, once (one outbox row per reminder and recipient is
also a unique constraint on its Message-ID).

The e-mail itself is sent by a task enqueued on commit, AT LEAST ONCE: the row is locked
while sending (two tasks never send it at the same time) and marked sent in the transaction
that sent it. No mail protocol lets the SMTP hand-over and the database commit happen
together, so a worker that dies between the server accepting the message and that commit
leaves the row unsent, and the retry sends it again. Every copy carries the same
Message-ID, derived from the reminder and recipient (``reminder_message_id``) or from the
outbox row (``outbox_message_id``), so a duplicate is recognisable as one; the row shows the
interrupted attempt in ``attempts`` and ``last_error``.
"""

from __future__ import annotations

import datetime
import smtplib
from collections import defaultdict
from email.utils import parseaddr
from functools import partial
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Employee, Role, User
from deadlines import owners
from deadlines.models import (
    Deadline,
    DeadlineStatus,
    EmailStatus,
    Notification,
    OutgoingEmail,
    Reminder,
    ReminderStage,
)
from deadlines.selectors import deadline_url, lapses, lapsing_q
from erms.lib import clock, sentences, workdays
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence

#: Local hour at which reminders are sent.
REMINDER_HOUR = 8

#: Transient delivery errors worth retrying (SMTP refusals, network and socket errors).
TRANSIENT_EMAIL_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)

#: A queued or sending e-mail older than this has lost its task (a worker died between the commit
#: and the enqueue, or in the middle of an attempt); the sweep enqueues it again. Tasks for one row
#: never send at the same time and skip a sent row, so a duplicate task sends nothing twice.
STALE_EMAIL_AFTER = datetime.timedelta(minutes=10)


def reminder_days_before() -> list[int]:
    """``ERMS_REMINDER_DAYS_BEFORE``, largest first, without duplicates or negatives."""
    days = getattr(settings, "ERMS_REMINDER_DAYS_BEFORE", [3, 1])
    return sorted({int(d) for d in days if int(d) > 0}, reverse=True)


# --------------------------------------------------------------------------- reminders


def _local_instant(day: datetime.date, time_zone: str) -> datetime.datetime:
    local = datetime.datetime.combine(day, datetime.time(REMINDER_HOUR), tzinfo=ZoneInfo(time_zone))
    return local.astimezone(datetime.UTC)


def working_on_or_before(
    day: datetime.date, region: str, closures: dict[datetime.date, str]
) -> datetime.date:
    """``day``, else the last working day before it."""
    while not workdays.is_working_day(day, region, closures):
        day -= datetime.timedelta(days=1)
    return day


def _working_after(day: datetime.date, region: str, closures: dict[datetime.date, str]) -> datetime.date:
    return workdays.add_working_days(day, 1, region, closures).due


def _closures(region: str) -> dict[datetime.date, str]:
    return owners.closures_for(region)


def reminder_schedule(
    deadline: Deadline, *, time_zone: str, region: str, now: datetime.datetime | None = None
) -> list[tuple[str, int, datetime.datetime]]:
    """``(stage, days_before, send_at)`` for each reminder a deadline gets.

    Before-reminders whose working day has already passed are left out; two that land on
    the same working day are sent once. The on-the-day reminder is always kept (sent at the
    next sweep if its time has passed), so a deadline set at short notice is still reminded.
    """
    now = now or clock.now()
    today = workdays.local_date(now, time_zone)
    closures = _closures(region)
    owner = owners.get(deadline.owner_type)
    extra = owner.extra_days_before.get(deadline.key, ()) if owner is not None else ()
    schedule: list[tuple[str, int, datetime.datetime]] = []
    taken: set[datetime.date] = set()
    due_day = working_on_or_before(deadline.due_on, region, closures)
    for days in sorted({*reminder_days_before(), *extra}, reverse=True):
        day = working_on_or_before(deadline.due_on - datetime.timedelta(days=days), region, closures)
        if day < today or day in taken or day >= due_day:
            continue
        taken.add(day)
        schedule.append((ReminderStage.BEFORE, days, _local_instant(day, time_zone)))
    schedule.append((ReminderStage.DUE, 0, _local_instant(due_day, time_zone)))
    if not lapses(deadline):
        escalate_on = _working_after(deadline.due_on, region, closures)
        schedule.append(
            (ReminderStage.ESCALATION, 0, max(_local_instant(escalate_on, time_zone), deadline.due_at))
        )
    return schedule


def _reminders_create(deadline: Deadline, *, time_zone: str, region: str) -> None:
    Reminder.objects.bulk_create(
        [
            Reminder(
                deadline=deadline,
                stage=stage,
                days_before=days,
                send_at=send_at,
                recipient=None if stage == ReminderStage.ESCALATION else deadline.responsible,
            )
            for stage, days, send_at in reminder_schedule(deadline, time_zone=time_zone, region=region)
        ]
    )


def escalation_recipients(deadline: Deadline) -> list[User]:
    """Who hears of an overdue deadline: the owner's choice (the case's ER leads in scope),
    else every active ER lead."""
    owner = owners.get(deadline.owner_type)
    if owner is not None and owner.escalate_to is not None:
        return owner.escalate_to(deadline)
    return list(User.objects.filter(is_active=True, groups__name=Role.ER_LEAD).distinct().order_by("pk"))


# --------------------------------------------------------------------------- deadlines


def region_and_zone_for_user(user: User | None) -> tuple[str, str]:
    """Where a person's days are counted: their location's region and time zone (GB-ENG if unknown)."""
    employee = getattr(user, "employee_record", None) if user is not None else None
    if employee is None and user is not None:
        employee = Employee.objects.filter(user=user).select_related("location").first()
    location = getattr(employee, "location", None)
    region = (getattr(location, "region", "") or "").upper()
    try:
        workdays.region_country(region)
    except workdays.UnknownRegion:
        region = "GB-ENG"
    zone = getattr(location, "time_zone", "") or workdays.region_time_zone(region)
    return region, zone


def _changed(
    deadline: Deadline, action: str, *, actor: User | None, changes: dict[str, tuple[Any, Any]]
) -> None:
    owner = owners.get(deadline.owner_type)
    if owner is not None and owner.changed is not None:
        owner.changed(deadline, action, actor, changes)


def deadline_set(
    *,
    owner_type: str,
    owner_id: int,
    key: str,
    title: str | Sentence,
    due_on: datetime.date,
    time_zone: str,
    responsible: User | None,
    rule_id: str = "",
    citation: str = "",
    is_risk_date: bool = False,
    region: str | None = None,
    actor: User | None = None,
) -> Deadline:
    """Create or recompute the one open deadline ``key`` of an owner (``cases.case``/42).

    A recompute keeps the earlier due date in ``history`` and reschedules the unsent
    reminders. ``region`` (ISO 3166-2) places reminders on working days; it defaults to the
    responsible person's location. Must be called inside ``transaction.atomic``; locks the
    open deadline row.
    """
    if not owner_type or owner_id is None:
        raise ApplicationError(_("A deadline belongs to a case or another owner."))
    if region is None:
        region = region_and_zone_for_user(responsible)[0]
    deadline = (
        Deadline.objects.select_for_update()
        .filter(owner_type=owner_type, owner_id=owner_id, key=key, status=DeadlineStatus.OPEN)
        .first()
    )
    due_at = workdays.end_of_day_utc(due_on, time_zone)
    values = {
        "title": sentences.as_text(title, settings.LANGUAGE_CODE)[:200],
        "title_sentence": sentences.as_json(title),
        "due_on": due_on,
        "due_at": due_at,
        "rule_id": rule_id[:32],
        "citation": citation[:300],
        "responsible": responsible,
        "is_risk_date": is_risk_date,
    }
    if deadline is None:
        deadline = Deadline.objects.create(key=key, owner_type=owner_type, owner_id=owner_id, **values)
        _reminders_create(deadline, time_zone=time_zone, region=region)
        _changed(
            deadline,
            "deadline_set",
            actor=actor,
            changes={"key": (None, key), "due_on": (None, due_on), "rule_id": (None, rule_id)},
        )
        return deadline
    before_due, before_responsible = deadline.due_on, deadline.responsible_id
    moved = before_due != due_on or deadline.is_risk_date != is_risk_date
    if before_due != due_on:
        deadline.history = [
            *deadline.history,
            {
                "due_on": before_due.isoformat(),
                "rule_id": deadline.rule_id,
                "replaced_at": clock.now().isoformat(),
                "replaced_by_due_on": due_on.isoformat(),
            },
        ]
    for field, value in values.items():
        setattr(deadline, field, value)
    deadline.save()
    if moved:
        # The earlier reminders no longer fit the new date; sent ones are kept as notifications.
        deadline.reminders.all().delete()
        _reminders_create(deadline, time_zone=time_zone, region=region)
    elif before_responsible != deadline.responsible_id:
        deadline.reminders.filter(sent_at__isnull=True).exclude(stage=ReminderStage.ESCALATION).update(
            recipient=responsible
        )
    if before_due != due_on:
        _changed(deadline, "deadline_recomputed", actor=actor, changes={"due_on": (before_due, due_on)})
    return deadline


def _close(
    deadline: Deadline, *, status: str, actor: User | None, at: datetime.datetime | None = None
) -> Deadline:
    if deadline.status != DeadlineStatus.OPEN:
        return deadline
    deadline.status = status
    if status == DeadlineStatus.MET:
        deadline.met_at, deadline.met_by = at or clock.now(), actor
    deadline.save(update_fields=["status", "met_at", "met_by"])
    return deadline


def deadline_met(
    *, deadline: Deadline, actor: User | None = None, at: datetime.datetime | None = None
) -> Deadline:
    """Mark an open deadline met; its unsent reminders are skipped by the sweep.
    Must be called inside ``transaction.atomic``."""
    was_open = deadline.status == DeadlineStatus.OPEN
    _close(deadline, status=DeadlineStatus.MET, actor=actor, at=at)
    if was_open:
        _changed(
            deadline,
            "deadline_met",
            actor=actor,
            changes={"status": (DeadlineStatus.OPEN, DeadlineStatus.MET)},
        )
    return deadline


def deadline_cancel(*, deadline: Deadline, actor: User | None = None) -> Deadline:
    """Cancel an open deadline that no longer applies; its reminders are never sent.
    Must be called inside ``transaction.atomic``."""
    was_open = deadline.status == DeadlineStatus.OPEN
    _close(deadline, status=DeadlineStatus.CANCELLED, actor=actor)
    if was_open:
        _changed(
            deadline,
            "deadline_cancelled",
            actor=actor,
            changes={"status": (DeadlineStatus.OPEN, DeadlineStatus.CANCELLED)},
        )
    return deadline


def deadlines_reassign(*, owner_type: str, owner_id: int, old: User | None, new: User) -> None:
    """``new`` takes over the owner's open deadlines ``old`` was responsible for, with their unsent reminders."""
    rows = Deadline.objects.filter(
        owner_type=owner_type, owner_id=owner_id, status=DeadlineStatus.OPEN, responsible=old
    )
    Reminder.objects.filter(deadline__in=rows, sent_at__isnull=True).exclude(
        stage=ReminderStage.ESCALATION
    ).update(recipient=new)
    rows.update(responsible=new)


@transaction.atomic
def deadlines_lapse(*, now: datetime.datetime) -> int:
    """Close risk and lapsing dates whose day has passed (met by time, nobody to blame);
    each owner hears which of its deadlines lapsed (the case owner refreshes the next deadline)."""
    rows = list(
        Deadline.objects.select_for_update(skip_locked=True)
        .filter(status=DeadlineStatus.OPEN, due_at__lt=now)
        .filter(lapsing_q())
    )
    by_owner: dict[str, set[int]] = defaultdict(set)
    for deadline in rows:
        _close(deadline, status=DeadlineStatus.MET, actor=None, at=deadline.due_at)
        if deadline.owner_id is not None:
            by_owner[deadline.owner_type].add(deadline.owner_id)
    for label, ids in by_owner.items():
        owner = owners.get(label)
        if owner is not None and owner.lapsed is not None:
            owner.lapsed(ids, now)
    return len(rows)


# --------------------------------------------------------------------------- the sweep and the outbox


def _recipients(reminder: Reminder) -> list[User]:
    """Who a reminder tells: its recipient (else the deadline's responsible person); an escalation,
    the ER leads it goes to and the responsible person too, each once. Inactive users hear nothing."""
    if reminder.stage == ReminderStage.ESCALATION:
        users = [*escalation_recipients(reminder.deadline), reminder.deadline.responsible]
    else:
        users = [reminder.recipient or reminder.deadline.responsible]
    return list(dict.fromkeys(user for user in users if user is not None and user.is_active))


def _about(deadline: Deadline) -> str:
    """What the deadline belongs to, by its owner's short name (a case's reference, a consultation's
    title), when the deadline's own title does not name it already ("Review policy: …")."""
    owner = owners.get(deadline.owner_type)
    if owner is None or owner.names is None or deadline.owner_id is None:
        return ""
    name = owner.names({deadline.owner_id}).get(deadline.owner_id, "")
    return "" if not name or name in deadline.title else name


def _title(reminder: Reminder) -> Sentence:
    """The notification's title, a sentence written out in each reader's language when shown."""
    deadline = reminder.deadline
    what = deadline.title_as_sentence
    if reminder.stage == ReminderStage.ESCALATION:
        notice = Sentence.of(
            gettext_noop("Overdue: %(title)s (was due %(due)s)"), title=what, due=deadline.due_on
        )
    elif reminder.stage == ReminderStage.DUE:
        notice = Sentence.of(gettext_noop("Due today: %(title)s"), title=what)
    else:  # a date, not "in 3 days": the notification is read on later days too
        notice = Sentence.of(gettext_noop("Due on %(due)s: %(title)s"), due=deadline.due_on, title=what)
    about = _about(deadline)
    return (
        Sentence.of(gettext_noop("%(about)s — %(notice)s"), about=about, notice=notice) if about else notice
    )


def _notify(reminder: Reminder, user: User) -> OutgoingEmail:
    deadline = reminder.deadline
    url = deadline_url(deadline)
    owner = owners.get(deadline.owner_type)
    title = _title(reminder)
    # The e-mail goes in the recipient's saved language; the notification is written out for each
    # reading, in the language of the page.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = str(title)[:200]
        about = (
            owner.describe(deadline.owner_id)
            if owner is not None and owner.describe is not None and deadline.owner_id is not None
            else ""
        )
        context = {
            "deadline": deadline,
            "reminder": reminder,
            "user": user,
            "title": text,
            "about": about,
            "url": f"{settings.ERMS_BASE_URL.rstrip('/')}{url}" if url else "",
            # "escalated to you as ER lead": not to the responsible person, told of their own deadline
            "is_escalation": reminder.stage == ReminderStage.ESCALATION and user != deadline.responsible,
            "responsible": deadline.responsible,
        }
        body = render_to_string("emails/reminder.txt", context)
        subject = f"[ERMS] {text}"
    Notification.objects.create(
        user=user, body=body, url=url, deadline=deadline, **Notification.title_fields(title)
    )
    return OutgoingEmail.objects.create(
        to=user.email,
        subject=subject[:300],
        body=body,
        message_id=reminder_message_id(reminder_id=reminder.pk, user_id=user.pk),
    )


#: A reminder before the due date is sent at ``REMINDER_HOUR`` on its day and holds until that
#: local day ends (no clock change falls between 08:00 and midnight).
_REMINDER_DAY_LEFT = datetime.timedelta(hours=24 - REMINDER_HOUR)


def _latest_due(reminders: list[Reminder], now: datetime.datetime) -> dict[int, datetime.datetime]:
    """For each deadline of ``reminders``: when its latest reminder due by ``now`` (sent or not) fell."""
    rows = (
        Reminder.objects.filter(deadline_id__in={r.deadline_id for r in reminders}, send_at__lte=now)
        .values("deadline_id")
        .annotate(latest=models.Max("send_at"))
        .order_by()
    )
    return {row["deadline_id"]: row["latest"] for row in rows}


def _still_applies(
    reminder: Reminder, latest_due: dict[int, datetime.datetime], now: datetime.datetime
) -> bool:
    """Whether a due reminder still says what is so when a sweep reaches it, perhaps late (the
    first sweep of a new deployment, a worker that was down): only the deadline's latest due
    reminder is sent, and only while it holds. "Due in 3 days" holds on its own day, "Due today"
    until the day ends; the escalation holds until the deadline is met. An earlier reminder
    would say what is no longer so, beside the later one."""
    if reminder.send_at < latest_due.get(reminder.deadline_id, reminder.send_at):
        return False
    if reminder.stage == ReminderStage.ESCALATION:
        return True
    if reminder.stage == ReminderStage.DUE:
        return now <= reminder.deadline.due_at
    return now < reminder.send_at + _REMINDER_DAY_LEFT


def reminders_send_due(*, now: datetime.datetime, batch: int = 100) -> int:
    """Send up to ``batch`` reminders due by ``now``; returns how many rows were claimed.

    One transaction: lock due unsent rows (skipping rows another sweep holds), mark them
    sent, create a notification and an e-mail row per recipient; the e-mail tasks are
    enqueued once the transaction commits. Reminders of met or cancelled deadlines, and those
    whose moment has passed (``_still_applies``: one reminder per deadline, the latest that
    holds), are marked sent without sending anything.
    """
    from deadlines.tasks import email_send  # tasks import services

    with transaction.atomic():
        due = Reminder.objects.filter(sent_at__isnull=True, send_at__lte=now).order_by("send_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        claimed_ids = list(due.values_list("pk", flat=True)[:batch])
        if not claimed_ids:
            return 0
        # The conditional update is the claim on databases without row locks (SQLite serialises
        # writers, so a second sweep's claim of the same row updates nothing).
        mine = []
        for pk in claimed_ids:
            if Reminder.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now):
                mine.append(pk)
        reminders = list(
            Reminder.objects.filter(pk__in=mine)
            .select_related("deadline", "deadline__responsible", "recipient")
            .order_by("send_at", "id")
        )
        latest_due = _latest_due(reminders, now)
        emails: list[int] = []
        for reminder in reminders:
            if reminder.deadline.status != DeadlineStatus.OPEN:
                continue  # met or cancelled: never reminded
            if not _still_applies(reminder, latest_due, now):
                continue  # overtaken by a later reminder, or its day has passed
            for user in _recipients(reminder):
                emails.append(_notify(reminder, user).pk)
        for email_id in emails:
            transaction.on_commit(partial(email_send.delay, email_id))
        return len(mine)


def emails_requeue_stale(*, now: datetime.datetime, limit: int = 500) -> int:
    """Enqueue the delivery task again for e-mails still queued, or left ``sending`` by an
    interrupted attempt, ``STALE_EMAIL_AFTER`` after they were made."""
    from deadlines.tasks import email_send  # tasks import services

    ids = list(
        OutgoingEmail.objects.filter(
            status__in=[EmailStatus.QUEUED, EmailStatus.SENDING], created_at__lt=now - STALE_EMAIL_AFTER
        )
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    for email_id in ids:
        email_send.delay(email_id)
    return len(ids)


def reminders_sweep(*, now: datetime.datetime | None = None, batch: int = 100) -> int:
    """The beat job: let owners sync their deadlines (policy reviews), lapse passed dates,
    re-enqueue e-mails whose task was lost, then send every due reminder in batches.
    Returns the number of reminders claimed."""
    now = now or clock.now()
    for owner in owners.registered():
        if owner.sync is not None:
            owner.sync()
    deadlines_lapse(now=now)
    emails_requeue_stale(now=now)
    total = 0
    while True:
        claimed = reminders_send_due(now=now, batch=batch)
        total += claimed
        if claimed < batch:
            return total


def email_domain() -> str:
    """The domain of ERMS's Message-IDs: ``DEFAULT_FROM_EMAIL``'s, the same on every worker
    (Django's own Message-IDs name the sending host, which differs between workers)."""
    address = parseaddr(str(settings.DEFAULT_FROM_EMAIL))[1]
    domain = address.rpartition("@")[2].strip().lower() if "@" in address else ""
    return domain or urlparse(settings.ERMS_BASE_URL).hostname or "erms.invalid"


def reminder_message_id(*, reminder_id: int, user_id: int) -> str:
    """The Message-ID of the e-mail a reminder sends one recipient, the same on every attempt."""
    return f"<erms.reminder.{reminder_id}.{user_id}@{email_domain()}>"


def outbox_message_id(*, email_id: int) -> str:
    """The Message-ID of an outbox e-mail made without one, fixed at its first attempt."""
    return f"<erms.outbox.{email_id}@{email_domain()}>"


#: Written to ``last_error`` when an attempt finds the one before it never recorded an outcome.
INTERRUPTED_ATTEMPT = (
    "Interrupted: an earlier attempt ended before its outcome was recorded; "
    "the recipient may get this e-mail twice, with the same Message-ID."
)


def _email_locked(email_id: int) -> OutgoingEmail | None:
    query = OutgoingEmail.objects.filter(pk=email_id)
    if connection.features.has_select_for_update:
        query = query.select_for_update()
    return query.first()


@transaction.atomic
def _email_attempt_start(*, email_id: int) -> OutgoingEmail | None:
    """Commit the start of an attempt: one more attempt, status ``sending``, the Message-ID fixed.
    ``None`` when there is nothing to send (no such row, already sent, or failed for good)."""
    email = _email_locked(email_id)
    if email is None or email.status in (EmailStatus.SENT, EmailStatus.FAILED):
        return None
    if email.status == EmailStatus.SENDING:
        email.last_error = INTERRUPTED_ATTEMPT
    email.attempts += 1
    email.status = EmailStatus.SENDING
    email.message_id = email.message_id or outbox_message_id(email_id=email.pk)
    email.save(update_fields=["attempts", "status", "message_id", "last_error"])
    return email


def _email_message(email: OutgoingEmail) -> EmailMessage:
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"Message-ID": email.message_id},
    )


def _email_record(email: OutgoingEmail, *, error: BaseException | None, final_attempt: bool) -> None:
    """Write an attempt's outcome, in the transaction that sent the e-mail."""
    if error is None:
        email.status, email.sent_at = EmailStatus.SENT, clock.now()
    else:
        email.status = EmailStatus.FAILED if final_attempt else EmailStatus.RETRYING
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
    email.save(update_fields=["status", "sent_at", "last_error"])


def email_deliver(*, email_id: int, final_attempt: bool) -> bool:
    """Send one outbox e-mail, at least once; ``True`` if this call sent it.

    First the attempt is committed (``attempts`` + 1, status ``sending``, the Message-ID fixed);
    then, with the row locked so two runs of the task never send it at the same time, the
    e-mail is sent and the outcome written in the same transaction. A sent row is left alone.
    A worker that dies after the SMTP server accepted the message and before that commit
    leaves the row ``sending``: the next attempt (the broker's redelivery, or the sweep's
    stale-mail check) notes the interruption in ``last_error`` and sends it again with the
    same Message-ID. A transient failure is recorded (``retrying``, or ``failed`` on the final
    attempt) and re-raised for the task to retry with back-off.
    """
    if _email_attempt_start(email_id=email_id) is None:
        return False
    error: BaseException | None = None
    with transaction.atomic():
        email = _email_locked(email_id)
        if email is None or email.status in (EmailStatus.SENT, EmailStatus.FAILED):
            return False  # another run of the task sent it meanwhile
        try:
            _email_message(email).send(fail_silently=False)
        except TRANSIENT_EMAIL_ERRORS as exc:
            error = exc
        _email_record(email, error=error, final_attempt=final_attempt)
    if error is not None:
        raise error
    return True


def emails_queue_again(*, emails: models.QuerySet[OutgoingEmail]) -> int:
    """Put failed, retrying or stuck-sending e-mails back in the queue (admin); sent ones are
    left alone. The sweep's stale-mail check enqueues their tasks; they keep their Message-ID."""
    return emails.filter(status__in=[EmailStatus.FAILED, EmailStatus.RETRYING, EmailStatus.SENDING]).update(
        status=EmailStatus.QUEUED
    )


# --------------------------------------------------------------------------- notifications


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's unread notifications read (those in ``ids``, or all)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=clock.now())
