"""Reading the audit trail and the access log of one case (the caller has checked access)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Field, Model, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

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


def access_logged_since(*, user_id: int, case_id: int, since: datetime.datetime) -> bool:
    """Whether a read of the case by the user (not a refusal) has been logged since ``since``."""
    return AccessEntry.objects.filter(user_id=user_id, case_id=case_id, refused=False, at__gte=since).exists()


def last_verification() -> AuditVerification | None:
    """The most recent run of ``audit_verify``, if any."""
    return AuditVerification.objects.order_by("-started_at", "-id").first()


def last_verification_failed() -> AuditVerification | None:
    """The most recent verification when it failed (the logs may have been tampered with);
    None when it passed or none ran yet."""
    latest = last_verification()
    return latest if latest is not None and not latest.ok else None


# --------------------------------------------------------------------------- shown to people


def object_noun(object_type: str) -> str:
    """The recorded object's name in the reader's language ("deadline" for ``deadlines.deadline``),
    from the model registry: the audit app knows no app by name."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type.rsplit(".", 1)[-1].replace("_", " ")


def readable_changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """``(field, before, after)`` for each field that really changed, with the field's verbose name
    and each value as a page shows it (a choice's label, a date in the reader's locale, a linked
    record by its name, a size in bytes with its unit); a change from nothing to nothing (``None``
    to ``[]``) or to the same value is left out. One query per linked field recorded by id."""
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    rows = []
    for name, pair in (entry.changes or {}).items():
        before, after = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
        if _empty(before) and _empty(after) or before == after:
            continue
        field = _field(model, name)
        label = capfirst(str(field.verbose_name)) if field is not None else capfirst(name.replace("_", " "))
        if field is not None and field.is_relation and field.related_model is not None:
            before, after = _named(field, before, after)
        elif name == "size" or name.endswith("_bytes"):
            before, after = (v if _empty(v) or v is None else filesizeformat(v) for v in (before, after))
        rows.append((label, _shown(field, before), _shown(field, after)))
    return rows


def _named(field: Field, *values: Any) -> list[Any]:
    """The values of a link (a foreign key or many-to-many) with each record recorded by its id
    replaced by its name; a name recorded as such stays, a record since deleted reads "#id"."""

    def ids(value: Any) -> list[int]:
        items = value if isinstance(value, list) else [value]
        return [int(v) for v in items if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]

    wanted = {pk for value in values for pk in ids(value)}
    if not wanted:
        return list(values)
    related: Any = field.related_model
    found = related._default_manager.in_bulk(wanted)

    def name(v: Any) -> Any:
        if isinstance(v, bool) or not (isinstance(v, int) or (isinstance(v, str) and v.isdigit())):
            return v
        obj = found.get(int(v))
        return str(obj) if obj is not None else f"#{v}"

    return [[name(v) for v in value] if isinstance(value, list) else name(value) for value in values]


def _field(model: type[Model] | None, name: str) -> Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _shown(field: Field | None, value: Any) -> str:
    if _empty(value):
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(_shown(field, v) for v in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            if len(value) == 10:
                return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
            moment = timezone.localtime(datetime.datetime.fromisoformat(value))
            return formats.date_format(moment, "DATETIME_FORMAT")
        except ValueError:
            return value
    return str(value)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")
