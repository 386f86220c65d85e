"""Reading the audit trail and the access log of one case (the caller has checked access)."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from audit.models import AccessEntry, AuditEntry, AuditVerification


def audit_counts(case_id: int) -> dict[str, int]:
    """How many changes and views the case's logs hold, in one query."""
    changes_table, views_table = (
        connection.ops.quote_name(m._meta.db_table) for m in (AuditEntry, AccessEntry)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {changes_table} WHERE case_id = %s),"
            f" (SELECT COUNT(*) FROM {views_table} WHERE case_id = %s)",
            [case_id, case_id],
        )
        changes, views = cursor.fetchone()
    return {"changes": changes or 0, "views": views or 0}


def change_log(case_id: int) -> QuerySet[AuditEntry]:
    """Every recorded change to the case and its records, newest first (paginated by the page)."""
    return AuditEntry.objects.filter(case_id=case_id).select_related("actor").order_by("-at", "-id")


def access_log(case_id: int) -> QuerySet[AccessEntry]:
    """Every recorded view of the case, newest first (paginated by the page)."""
    return AccessEntry.objects.filter(case_id=case_id).select_related("user").order_by("-at", "-id")


def last_verification() -> AuditVerification | None:
    """The most recent run of ``audit_verify``, if any."""
    return AuditVerification.objects.order_by("-started_at", "-id").first()


def last_verification_failed() -> AuditVerification | None:
    """The most recent verification when it failed (the logs may have been tampered with);
    None when it passed or none ran yet."""
    latest = last_verification()
    return latest if latest is not None and not latest.ok else None
