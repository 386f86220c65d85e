"""Admin's outgoing e-mail list shows what did not go smoothly: status, attempts and last error,
and finds an e-mail by its Message-ID; stuck ones can be queued again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from deadlines import services
from deadlines.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root@example.com", "pw"))
    return client


def test_it_lists_each_e_mails_status_attempts_and_last_error(admin_client):
    OutgoingEmail.objects.create(
        to="a@example.com",
        subject="Interrupted",
        body="b",
        status=EmailStatus.SENDING,
        attempts=2,
        last_error=services.INTERRUPTED_ATTEMPT,
        message_id="<erms.reminder.7.3@example.com>",
    )
    OutgoingEmail.objects.create(
        to="b@example.com",
        subject="Refused",
        body="b",
        status=EmailStatus.FAILED,
        attempts=6,
        last_error="SMTPRecipientsRefused: mailbox unavailable",
    )
    url = reverse("admin:deadlines_outgoingemail_changelist")

    page = admin_client.get(url).content.decode()
    assert "Interrupted: an earlier attempt ended before its outcome was recorded" in page
    assert "SMTPRecipientsRefused: mailbox unavailable" in page
    assert "Sending" in page and "Failed" in page

    found = admin_client.get(url, {"q": "<erms.reminder.7.3@example.com>"}).content.decode()
    assert "Interrupted" in found and "Refused" not in found
    stuck = admin_client.get(url, {"status__exact": EmailStatus.SENDING}).content.decode()
    assert "Interrupted" in stuck and "Refused" not in stuck


def test_it_queues_stuck_and_failed_e_mails_again_and_never_a_sent_one():
    rows = {
        status: OutgoingEmail.objects.create(to="a@example.com", subject="s", body="b", status=status)
        for status in EmailStatus.values
    }
    assert services.emails_queue_again(emails=OutgoingEmail.objects.all()) == 3
    assert {status: OutgoingEmail.objects.get(pk=row.pk).status for status, row in rows.items()} == {
        EmailStatus.QUEUED: EmailStatus.QUEUED,
        EmailStatus.SENDING: EmailStatus.QUEUED,
        EmailStatus.SENT: EmailStatus.SENT,
        EmailStatus.RETRYING: EmailStatus.QUEUED,
        EmailStatus.FAILED: EmailStatus.QUEUED,
    }
