"""A notification is written by the sweep, in the background, for people who read ERMS in other
languages than the worker's: it is stored as a sentence and written out when it is shown, in the
reader's language with the reader's dates; its e-mail goes in the recipient's saved language. It
names what it is about (the case reference), so eleven overdue investigations read as eleven cases.
A reminder for a day that has passed is not sent once the deadline is overdue: its escalation says so,
to the ER lead and to the person responsible."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_noop

from deadlines import services as reminders
from deadlines.models import Deadline, Notification, OutgoingEmail, Reminder, ReminderStage
from erms.lib.sentences import Sentence

pytestmark = pytest.mark.django_db


def _overdue_investigation(case, hana) -> Deadline:
    due_on = timezone.localdate() - datetime.timedelta(days=7)
    return Deadline.objects.create(
        key="investigation",
        title="Complete the investigation",
        title_sentence=Sentence.of(gettext_noop("Complete the investigation")).to_json(),
        due_on=due_on,
        due_at=timezone.now() - datetime.timedelta(days=6),
        responsible=hana,
        owner_type="cases.case",
        owner_id=case.pk,
    )


def _due(deadline: Deadline, stage: str, minutes_ago: int) -> Reminder:
    return Reminder.objects.create(
        deadline=deadline,
        stage=stage,
        send_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        recipient=None if stage == ReminderStage.ESCALATION else deadline.responsible,
    )


def test_it_writes_notifications_in_the_readers_language(client, hana, erin, case):
    deadline = _overdue_investigation(case, hana)
    _due(deadline, ReminderStage.ESCALATION, 5)
    with translation.override("en"):  # the worker's language
        reminders.reminders_send_due(now=timezone.now())
    client.force_login(erin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    page = client.get(reverse("deadlines:notification_list")).content.decode()

    with translation.override("nb"):
        due = formats.date_format(deadline.due_on, "DATE_FORMAT")
    assert f"Over fristen: Fullfør granskingen (fristen var {due})" in page
    assert "Overdue" not in page and "Complete the investigation" not in page
    assert case.reference in page
    assert f'href="{reverse("cases:case_detail", args=[case.pk])}' in page


def test_it_names_the_case_in_the_notification_and_its_e_mail_in_the_recipients_language(hana, erin, case):
    erin.language = "vi"
    erin.save(update_fields=["language"])
    deadline = _overdue_investigation(case, hana)
    _due(deadline, ReminderStage.ESCALATION, 5)

    reminders.reminders_send_due(now=timezone.now())

    notification = Notification.objects.get(user=erin)
    with translation.override("en"):
        assert notification.display_title.startswith(case.reference)
        assert "Overdue: Complete the investigation" in notification.display_title
    email = OutgoingEmail.objects.get(to=erin.email)
    assert case.reference in email.subject and "Quá hạn: Hoàn tất cuộc điều tra" in email.subject


def test_it_sends_no_due_today_reminder_for_an_overdue_deadline(hana, erin, case):
    deadline = _overdue_investigation(case, hana)
    for stage, minutes in (
        (ReminderStage.BEFORE, 30),
        (ReminderStage.DUE, 20),
        (ReminderStage.ESCALATION, 5),
    ):
        _due(deadline, stage, minutes)

    assert reminders.reminders_send_due(now=timezone.now()) == 3

    with translation.override("en"):
        told = [(n.user, n.display_title) for n in Notification.objects.order_by("user__email")]
    # The ER lead and hana, who is responsible, each hear once that it is overdue; hana is not
    # also told "Due today" of a day that has passed.
    assert [user for user, _ in told] == [erin, hana], told
    assert all("Overdue" in title for _, title in told), told
    assert not Reminder.objects.filter(deadline=deadline, sent_at__isnull=True).exists()


def test_it_sends_only_the_latest_of_the_reminders_a_late_sweep_finds(hana, case):
    due_on = timezone.localdate() + datetime.timedelta(days=1)
    deadline = Deadline.objects.create(
        key="letter",
        title="Send the letter",
        due_on=due_on,
        due_at=timezone.now() + datetime.timedelta(days=1),
        responsible=hana,
        owner_type="cases.case",
        owner_id=case.pk,
    )
    for days, minutes in ((3, 30), (1, 20)):
        Reminder.objects.create(
            deadline=deadline,
            stage=ReminderStage.BEFORE,
            days_before=days,
            send_at=timezone.now() - datetime.timedelta(minutes=minutes),
            recipient=hana,
        )

    reminders.reminders_send_due(now=timezone.now())

    with translation.override("en"):
        [title] = [n.display_title for n in Notification.objects.all()]
        assert (
            title
            == f"{case.reference} — Due on {formats.date_format(due_on, 'DATE_FORMAT')}: Send the letter"
        )
