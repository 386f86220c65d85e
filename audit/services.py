"""Writing the audit trail and the access log. Every app writes through these two functions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models

from accounts.models import User
from audit.models import AccessEntry, AuditEntry


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
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        case_id=case.pk if case is not None else None,
        changes={k: [_jsonable(b), _jsonable(a)] for k, (b, a) in (changes or {}).items()},
    )


def access_record(
    *, user: User, case: models.Model | int, via: str, path: str = "", refused: bool = False
) -> AccessEntry:
    """Record one view of a case (pages and API), or with ``refused`` one request for a case the
    user may not see. Runs in the caller's transaction. ``case`` may be given by its id."""
    case_id = case if isinstance(case, int) else case.pk
    return AccessEntry.objects.create(user=user, case_id=case_id, via=via, path=path[:300], refused=refused)
