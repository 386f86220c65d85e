"""``manage.py audit_verify``: walk the audit trail's and the access log's hash chains.

Exits 0 with a one-line summary when both hold; otherwise prints the first bad entry (which
log, its id, and whether it was changed, removed or inserted) and exits 1. Each run is
recorded (``AuditVerification``, shown in the admin); a failure alerts ER leads and HR admins.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from audit import services


class Command(BaseCommand):
    help = "Verify the hash chains of the audit trail and the access log; exit 1 at the first bad entry."

    def handle(self, *args: Any, **options: Any) -> None:
        verification = services.verification_run()
        if verification.ok:
            self.stdout.write(verification.message)
            return
        self.stderr.write(verification.message)
        raise SystemExit(1)
