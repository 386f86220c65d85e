"""Collective agreements: create and change, with their expiry deadline."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from erms.lib.errors import ApplicationError
from unions import deadlines
from unions.models import (
    CollectiveAgreement,
    EmployeeBody,
    Negotiation,
)
from unions.services.common import (
    check_owner,
    object_audit,
    require_change,
)


def _check_agreement(
    body: EmployeeBody,
    negotiation: Negotiation | None,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    owner: User | None,
) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ApplicationError(_("An agreement cannot end before it starts."), field="valid_to")
    if negotiation is not None and negotiation.body_id != body.pk:
        raise ApplicationError(_("That negotiation is with another body."), field="negotiation")
    check_owner(owner)


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    body: EmployeeBody,
    title: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    scope: str = "",
    negotiation: Negotiation | None = None,
    owner: User | None = None,
) -> CollectiveAgreement:
    """Record a collective agreement; its end date becomes an expiry deadline with reminders."""
    require_change(actor)
    if not title.strip():
        raise ApplicationError(_("Give the agreement a title."), field="title")
    _check_agreement(body, negotiation, valid_from, valid_to, owner)
    agreement = CollectiveAgreement.objects.create(
        body=body,
        title=title.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        scope=scope,
        negotiation=negotiation,
        owner=owner,
    )
    object_audit(
        actor,
        "agreement_created",
        agreement,
        {
            "body": (None, body.name),
            "title": (None, agreement.title),
            "valid_from": (None, valid_from),
            "valid_to": (None, valid_to),
            "owner": (None, str(owner) if owner else None),
        },
    )
    deadlines.agreement_expiry_sync(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, agreement: CollectiveAgreement, **fields: object) -> CollectiveAgreement:
    """Change an agreement (title, scope, valid_from, valid_to, owner, negotiation); a new end
    date moves or reopens the expiry deadline, a removed one cancels it."""
    require_change(actor)
    allowed = {"title", "scope", "valid_from", "valid_to", "owner", "negotiation"}
    unknown = set(fields) - allowed
    if unknown:
        raise ApplicationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changes = {
        name: (getattr(agreement, name), value)
        for name, value in fields.items()
        if getattr(agreement, name) != value
    }
    for name, value in fields.items():
        setattr(agreement, name, value)
    _check_agreement(
        agreement.body, agreement.negotiation, agreement.valid_from, agreement.valid_to, agreement.owner
    )
    agreement.save()
    if changes:
        object_audit(
            actor,
            "agreement_updated",
            agreement,
            {
                k: (str(b) if hasattr(b, "pk") else b, str(a) if hasattr(a, "pk") else a)
                for k, (b, a) in changes.items()
            },
        )
    deadlines.agreement_expiry_sync(agreement, actor=actor)
    return agreement
