"""Who hears that a chain is broken. ``audit`` knows no app above it, so the apps that can
tell people (``deadlines``: in-app notifications and e-mail) register a callback here in their
``AppConfig.ready()``; ``services.verification_run`` calls each one when a verification fails.

    # deadlines/apps.py
    from audit import alarms
    alarms.register(audit_alarm)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.models import AuditVerification

logger = logging.getLogger(__name__)

Alarm = Callable[["AuditVerification"], None]

_alarms: list[Alarm] = []


def register(alarm: Alarm) -> None:
    """Call ``alarm(verification)`` whenever a verification fails (once per callback)."""
    if alarm not in _alarms:
        _alarms.append(alarm)


def raise_alarm(verification: AuditVerification) -> None:
    """Tell every registered callback; one that fails is logged and does not stop the others."""
    for alarm in list(_alarms):
        try:
            alarm(verification)
        except Exception:
            logger.exception("audit alarm %r failed for verification %s", alarm, verification.pk)
