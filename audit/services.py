"""Writing the audit trail and the access log (every app writes through ``audit`` and
``access_record``; bulk writers through ``entries_append``), and verifying their chains."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import models

from accounts.models import User
from audit import alarms, chain, verification
from audit.models import AccessEntry, AuditEntry, AuditVerification
from erms.lib import clock

logger = logging.getLogger(__name__)

E = TypeVar("E", AuditEntry, AccessEntry)


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def audit(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    case: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an audit entry: who, what, and field-level ``{field: [before, after]}``.

    ``case`` is the case the change belongs to (shown on its audit page), if any. Runs in the
    caller's transaction, so the entry exists exactly when the change does.
    """
    return chain.append(
        AuditEntry(
            actor=actor,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            case_id=case.pk if case is not None else None,
            changes={k: [_jsonable(b), _jsonable(a)] for k, (b, a) in (changes or {}).items()},
        )
    )


def access_record(
    *, user: User, case: models.Model | int, via: str, path: str = "", refused: bool = False
) -> AccessEntry:
    """Record one view of a case (pages and API), or with ``refused`` one request for a case the
    user may not see. Runs in the caller's transaction. ``case`` may be given by its id."""
    case_id = case if isinstance(case, int) else case.pk
    return chain.append(AccessEntry(user=user, case_id=case_id, via=via, path=path[:300], refused=refused))


def entries_append(*, entries: Sequence[E]) -> list[E]:
    """Append many unsaved entries of one kind at once (seeders, imports), chained in order:
    the one way to write entries in bulk (``bulk_create`` would leave them out of the chain)."""
    return chain.append_many(entries)


def verification_run() -> AuditVerification:
    """Walk both chains (``audit.verification``), record the result and, when a chain is broken,
    raise the alarm (``audit.alarms``: ER leads and HR admins are told). Read-only on the logs."""
    started_at = clock.now()
    previous = AuditVerification.objects.filter(ok=True).order_by("-started_at", "-id").first()
    result = verification.verify(previous)
    record = AuditVerification.objects.create(
        started_at=started_at,
        finished_at=clock.now(),
        ok=result.ok,
        entries_checked=result.checked,
        bad_chain=result.bad_chain,
        bad_entry_id=result.bad_entry_id,
        message=result.message,
        audit_last_id=result.ends["audit"][0],
        audit_last_hash=result.ends["audit"][1],
        access_last_id=result.ends["access"][0],
        access_last_hash=result.ends["access"][1],
    )
    # The chain ends also go to the log, outside the database, as an anchor a tamperer with
    # database access cannot rewrite.
    logger.log(
        logging.INFO if result.ok else logging.ERROR,
        "audit_verify: %s (audit chain ends at #%s %s, access chain at #%s %s)",
        result.message,
        *result.ends["audit"],
        *result.ends["access"],
    )
    if not result.ok:
        alarms.raise_alarm(record)
    return record
