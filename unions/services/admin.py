"""Consultations and agreements corrected in Django admin: audited, deadlines kept in line."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from unions import deadlines
from unions.models import (
    CollectiveAgreement,
    Consultation,
    ConsultationStatus,
)
from unions.services.common import (
    object_audit,
)

# HR admins may correct consultations and agreements in Django admin. The admin saves the form's
# fields; these services record what changed in the audit trail and bring deadlines in line, so an
# edit there is as visible as one made on the pages.


def _admin_changes(changed: dict[str, tuple[object, object]]) -> dict[str, tuple[object, object]]:
    return {
        name: (
            str(before) if hasattr(before, "pk") else before,
            str(after) if hasattr(after, "pk") else after,
        )
        for name, (before, after) in changed.items()
    }


@transaction.atomic
def consultation_admin_saved(
    *, actor: User, consultation: Consultation, created: bool, changed: dict[str, tuple[object, object]]
) -> Consultation:
    """After admin saved a consultation (and its related rows): audit the change, sync its deadlines."""
    if created or changed:
        object_audit(
            actor,
            "consultation_created_in_admin" if created else "consultation_updated_in_admin",
            consultation,
            _admin_changes(changed),
        )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_admin_delete(*, actor: User, consultation: Consultation) -> None:
    """Delete a consultation from admin: its deadlines are cancelled and the deletion is audited."""
    object_audit(
        actor,
        "consultation_deleted_in_admin",
        consultation,
        {"title": (consultation.title, None), "status": (consultation.status, None)},
    )
    consultation.status = ConsultationStatus.WITHDRAWN
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    consultation.delete()


@transaction.atomic
def agreement_admin_saved(
    *, actor: User, agreement: CollectiveAgreement, created: bool, changed: dict[str, tuple[object, object]]
) -> CollectiveAgreement:
    """After admin saved an agreement: audit the change, move or cancel its expiry deadline."""
    if created or changed:
        object_audit(
            actor,
            "agreement_created_in_admin" if created else "agreement_updated_in_admin",
            agreement,
            _admin_changes(changed),
        )
    deadlines.agreement_expiry_sync(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_admin_delete(*, actor: User, agreement: CollectiveAgreement) -> None:
    """Delete an agreement from admin: its expiry deadline is cancelled and the deletion is audited."""
    deadlines.agreement_expiry_cancel(agreement.pk, actor=actor)
    object_audit(actor, "agreement_deleted_in_admin", agreement, {"title": (agreement.title, None)})
    agreement.delete()
