"""Sending due reminders exactly once, and delivering the e-mails they queue.

The sweep claims due, unsent reminder rows with ``SELECT … FOR UPDATE SKIP LOCKED``, so
several workers sweeping at once each take different rows; the sent-mark, the in-app
notification and the outgoing e-mail row are written in the same transaction as the
claim. A worker that dies mid-sweep rolls the whole claim back and the next sweep sends
those reminders, once. The e-mail itself is sent by a task enqueued on commit, which
delivers a row at most once (the row is locked while sending and a sent row is skipped).
"""

from __future__ import annotations

import datetime
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from cases import deadlines
from cases.models import (
    Deadline,
    DeadlineStatus,
    EmailStatus,
    Notification,
    OutgoingEmail,
    Reminder,
    ReminderStage,
)
from erms.lib import clock

#: Transient delivery errors worth retrying (SMTP refusals, network and socket errors).
TRANSIENT_EMAIL_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)


def deadline_url(deadline: Deadline) -> str:
    """The page a reminder links to: the case, the policy under review, the consultation or agreement."""
    try:
        if deadline.case_id is not None:
            return reverse("cases:case_detail", args=[deadline.case_id])
        if deadline.owner_type == deadlines.POLICY_OWNER_TYPE and deadline.owner_id:
            return reverse("policies:policy_detail", args=[deadline.owner_id])
        if deadline.owner_type in ("unions.consultation", "unions.collectiveagreement") and deadline.owner_id:
            from unions.selectors import deadline_owner_url

            return deadline_owner_url(deadline.owner_type, deadline.owner_id)
    except NoReverseMatch:
        pass
    return ""


def _recipients(reminder: Reminder) -> list[User]:
    if reminder.stage == ReminderStage.ESCALATION:
        return deadlines.escalation_recipients(reminder.deadline)
    user = reminder.recipient or reminder.deadline.responsible
    return [user] if user is not None and user.is_active else []


def _title(reminder: Reminder) -> str:
    deadline = reminder.deadline
    if reminder.stage == ReminderStage.ESCALATION:
        return _("Overdue: %(title)s (was due %(due)s)") % {"title": deadline.title, "due": deadline.due_on}
    if reminder.stage == ReminderStage.DUE:
        return _("Due today: %(title)s") % {"title": deadline.title}
    return _("Due in %(days)s days: %(title)s") % {"days": reminder.days_before, "title": deadline.title}


def _notify(reminder: Reminder, user: User) -> OutgoingEmail:
    deadline = reminder.deadline
    url = deadline_url(deadline)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        title = _title(reminder)[:200]
        context = {"deadline": deadline, "reminder": reminder, "user": user, "title": title,
                   "case": deadline.case, "url": f"{settings.ERMS_BASE_URL.rstrip('/')}{url}" if url else "",
                   "is_escalation": reminder.stage == ReminderStage.ESCALATION,
                   "responsible": deadline.responsible}
        body = render_to_string("emails/reminder.txt", context)
        subject = f"[ERMS] {title}"
    Notification.objects.create(user=user, title=title, body=body, url=url, deadline=deadline)
    return OutgoingEmail.objects.create(to=user.email, subject=subject[:300], body=body)


def reminders_send_due(*, now: datetime.datetime, batch: int = 100) -> int:
    """Send up to ``batch`` reminders due by ``now``; returns how many rows were claimed.

    One transaction: lock due unsent rows (skipping rows another sweep holds), mark them
    sent, create a notification and an e-mail row per recipient; the e-mail tasks are
    enqueued once the transaction commits. Reminders of met or cancelled deadlines are
    marked sent without sending anything.
    """
    from cases.tasks import email_send

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
        reminders = (Reminder.objects.filter(pk__in=mine)
                     .select_related("deadline", "deadline__case", "deadline__responsible", "recipient")
                     .order_by("send_at", "id"))
        emails: list[int] = []
        for reminder in reminders:
            if reminder.deadline.status != DeadlineStatus.OPEN:
                continue  # met or cancelled: never reminded
            for user in _recipients(reminder):
                emails.append(_notify(reminder, user).pk)
        for email_id in emails:
            transaction.on_commit(lambda email_id=email_id: email_send.delay(email_id))
        return len(mine)


#: A queued e-mail older than this has lost its task (a worker died between the commit and
#: the enqueue); the sweep enqueues it again. Delivery is idempotent, so a duplicate task is harmless.
STALE_EMAIL_AFTER = datetime.timedelta(minutes=10)


def emails_requeue_stale(*, now: datetime.datetime, limit: int = 500) -> int:
    """Enqueue the delivery task again for e-mails still queued after ``STALE_EMAIL_AFTER``."""
    from cases.tasks import email_send

    ids = list(OutgoingEmail.objects.filter(status=EmailStatus.QUEUED, created_at__lt=now - STALE_EMAIL_AFTER)
               .order_by("id").values_list("pk", flat=True)[:limit])
    for email_id in ids:
        email_send.delay(email_id)
    return len(ids)


def reminders_sweep(*, now: datetime.datetime | None = None, batch: int = 100) -> int:
    """The beat job: sync policy review deadlines, lapse passed dates, re-enqueue e-mails whose
    task was lost, then send every due reminder in batches. Returns the number of reminders claimed."""
    now = now or clock.now()
    deadlines.policy_review_deadlines_sync()
    deadlines.deadlines_lapse(now=now)
    emails_requeue_stale(now=now)
    total = 0
    while True:
        claimed = reminders_send_due(now=now, batch=batch)
        total += claimed
        if claimed < batch:
            return total


def email_deliver(*, email_id: int, final_attempt: bool) -> bool:
    """Send one queued e-mail; ``True`` if this call sent it.

    Locks the row while sending, so two runs of the task never both send it, and a row
    already sent is left alone. A transient failure is recorded on the row (attempts, last
    error, ``retrying`` or, on the final attempt, ``failed``) and then re-raised for the
    task to retry with back-off.
    """
    error: BaseException | None = None
    with transaction.atomic():
        query = OutgoingEmail.objects.filter(pk=email_id)
        if connection.features.has_select_for_update:
            query = query.select_for_update()
        email = query.first()
        if email is None or email.status in (EmailStatus.SENT, EmailStatus.FAILED):
            return False
        try:
            EmailMessage(subject=email.subject, body=email.body, from_email=settings.DEFAULT_FROM_EMAIL,
                         to=[email.to]).send(fail_silently=False)
        except TRANSIENT_EMAIL_ERRORS as exc:
            error = exc
        email.attempts += 1
        if error is None:
            email.status, email.sent_at, email.last_error = EmailStatus.SENT, clock.now(), ""
        else:
            email.status = EmailStatus.FAILED if final_attempt else EmailStatus.RETRYING
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    if error is not None:
        raise error
    return True


# --------------------------------------------------------------------------- notifications


def notifications_for(user: User):
    """The user's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get_for_user(user: User, pk: int) -> Notification:
    """The user's own notification; anyone else's answers 404."""
    from django.http import Http404

    try:
        return notifications_for(user).get(pk=int(pk))
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404("No such notification.") from None


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's unread notifications read (those in ``ids``, or all)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=clock.now())
