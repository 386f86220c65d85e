"""Plumbing shared by the unions services: the audit entry, and the checks every change makes."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit
from erms.lib import workdays
from erms.lib.errors import ApplicationError
from unions.models import (
    Consultation,
    ConsultationStatus,
    EmployeeBody,
)
from unions.permissions import can_change


def object_audit(
    actor: User | None, action: str, obj: models.Model, changes: dict[str, tuple[object, object]]
) -> None:
    """An object-level audit entry (no case) in the shared audit trail."""
    audit(actor=actor, action=action, obj=obj, changes=changes)


def names(objects: Iterable[object]) -> list[str]:
    return sorted(str(o) for o in objects)


def require_change(actor: User) -> None:
    if not can_change(actor):
        raise ApplicationError(_("You may not change consultations."))


def require_open(consultation: Consultation) -> None:
    if consultation.status in (ConsultationStatus.CONCLUDED, ConsultationStatus.WITHDRAWN):
        raise ApplicationError(
            _("This consultation is %(status)s.") % {"status": consultation.get_status_display().lower()}
        )


def check_owner(owner: User | None) -> None:
    if owner is not None and not can_change(owner):
        raise ApplicationError(_("The owner must be someone who manages consultations."), field="owner")


def check_region(jurisdiction: str, region: str) -> None:
    if not region:
        return

    try:
        country = workdays.region_country(region)
    except workdays.UnknownRegion:
        raise ApplicationError(
            _("Unknown region %(region)s: use an ISO 3166-2 code such as GB-ENG or US-NY.")
            % {"region": region},
            field="region",
        ) from None
    if country != jurisdiction:
        raise ApplicationError(
            _("The region %(region)s is not in the jurisdiction %(jurisdiction)s.")
            % {"region": region, "jurisdiction": jurisdiction},
            field="region",
        )


def check_bodies(bodies: list[EmployeeBody], jurisdiction: str) -> None:
    """Only bodies of the consultation's own jurisdiction take part in it."""
    wrong = [b for b in bodies if b.jurisdiction != jurisdiction]
    if wrong:
        raise ApplicationError(
            _("%(body)s is not a body in this jurisdiction.") % {"body": wrong[0].name}, field="bodies"
        )
