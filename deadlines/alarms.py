"""Telling people that a verification of the audit chains failed (``audit.alarms``): every
active ER lead and HR admin gets an in-app notification and an e-mail through the outbox.
Registered in ``DeadlinesConfig.ready()``."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from deadlines.models import Notification, OutgoingEmail
from erms.lib.sentences import Sentence

if TYPE_CHECKING:
    from audit.models import AuditVerification

#: The notification's title, written out in each reader's language when shown.
FAILED = Sentence.of(gettext_noop("The audit trail failed its verification"))


def audit_alarm(verification: AuditVerification) -> None:
    """One notification and one e-mail per ER lead and HR admin; the e-mails are sent once the
    transaction commits."""
    from deadlines.tasks import email_send  # tasks import services

    # The verification's page is in the admin: linked for those who may open it.
    admin_url = reverse("admin:audit_auditverification_change", args=[verification.pk])
    recipients = User.objects.filter(
        is_active=True, groups__name__in=[Role.ER_LEAD, Role.HR_ADMIN]
    ).distinct()
    with transaction.atomic():
        for user in recipients.order_by("pk"):
            url = admin_url if user.is_staff else ""
            with translation.override(user.language or settings.LANGUAGE_CODE):
                title = str(FAILED)
                body = "\n\n".join(
                    [
                        _(
                            "ERMS checks every night that no entry of the audit trail or the access log was "
                            "changed, removed or inserted behind its back. The check of %(when)s failed:"
                        )
                        % {"when": verification.started_at.isoformat(timespec="minutes")},
                        verification.message,
                        _("Ask your database administrator to investigate before the logs are relied on."),
                    ]
                    + ([f"{settings.ERMS_BASE_URL.rstrip('/')}{url}"] if url else [])
                )
            Notification.objects.create(user=user, body=body, url=url, **Notification.title_fields(FAILED))
            email = OutgoingEmail.objects.create(to=user.email, subject=f"[ERMS] {title}"[:300], body=body)
            transaction.on_commit(partial(email_send.delay, email.pk))
