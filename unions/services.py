"""Every change to unions, consultations, negotiations and agreements.

Guardrails follow the statutory requirements computed in ``unions.statutory``: a
consultation is not concluded, and a first dismissal is not planned, before the
minimum period of an enforced rule has run; in Norway the invitation may not go out
before NAV is notified. Refusals raise ``ApplicationError`` naming the rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import Department, Employee, Location, User
from audit.services import audit
from erms.lib import clock, workdays
from erms.lib.errors import ApplicationError
from policies import jurisdictions
from unions import deadlines, statutory
from unions.models import (
    AccessVia,
    CollectiveAgreement,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    ConsultationStatus,
    EmployeeBody,
    LogKind,
    MembershipAccessLog,
    Negotiation,
    Representative,
    UnionMembership,
)
from unions.permissions import can_change, can_view_membership


def _audit(
    actor: User | None, action: str, obj: models.Model, changes: dict[str, tuple[object, object]]
) -> None:
    """An object-level audit entry (no case) in the shared audit trail."""
    audit(actor=actor, action=action, obj=obj, changes=changes)


def _names(objects: Iterable[object]) -> list[str]:
    return sorted(str(o) for o in objects)


def _require_change(actor: User) -> None:
    if not can_change(actor):
        raise ApplicationError(_("You may not change consultations."))


def _require_open(consultation: Consultation) -> None:
    if consultation.status in (ConsultationStatus.CONCLUDED, ConsultationStatus.WITHDRAWN):
        raise ApplicationError(
            _("This consultation is %(status)s.") % {"status": consultation.get_status_display().lower()}
        )


def _check_owner(owner: User | None) -> None:
    if owner is not None and not can_change(owner):
        raise ApplicationError(_("The owner must be someone who manages consultations."), field="owner")


def _check_region(jurisdiction: str, region: str) -> None:
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


def _check_bodies(bodies: list[EmployeeBody], jurisdiction: str) -> None:
    """Only bodies of the consultation's own jurisdiction take part in it."""
    wrong = [b for b in bodies if b.jurisdiction != jurisdiction]
    if wrong:
        raise ApplicationError(
            _("%(body)s is not a body in this jurisdiction.") % {"body": wrong[0].name}, field="bodies"
        )


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    kind: str,
    title: str,
    jurisdiction: str,
    number_affected: int,
    bodies: Iterable[EmployeeBody] = (),
    departments: Iterable[Department] = (),
    locations: Iterable[Location] = (),
    description: str = "",
    region: str = "",
    first_dismissal_planned_on: datetime.date | None = None,
    started_on: datetime.date | None = None,
    government_notified_on: datetime.date | None = None,
    owner: User | None = None,
) -> Consultation:
    """A planned consultation, owned by ``owner`` (default ``actor``). A government notice
    already given is recorded; with ``started_on`` it is opened on that day
    (``consultation_open``, with its guardrails). Its statutory dates become deadlines."""
    _require_change(actor)
    owner = owner or actor
    _check_owner(owner)
    region = region.strip().upper()
    _check_region(jurisdiction, region)
    if not title.strip():
        raise ApplicationError(_("Give the consultation a title."), field="title")
    bodies = list(bodies)
    _check_bodies(bodies, jurisdiction)
    consultation = Consultation.objects.create(
        kind=kind,
        title=title.strip(),
        description=description,
        jurisdiction=jurisdiction,
        region=region,
        number_affected=number_affected,
        owner=owner,
    )
    consultation.bodies.set(bodies)
    consultation.departments.set(departments)
    consultation.locations.set(locations)
    _audit(
        actor,
        "consultation_created",
        consultation,
        {
            "kind": (None, kind),
            "title": (None, consultation.title),
            "jurisdiction": (None, jurisdiction),
            "region": (None, region),
            "number_affected": (None, number_affected),
            "owner": (None, str(owner)),
            "bodies": (None, _names(bodies)),
        },
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    if government_notified_on:
        consultation_record_government_notice(
            actor=actor, consultation=consultation, on=government_notified_on
        )
    if started_on:
        try:
            consultation_open(actor=actor, consultation=consultation, on=started_on)
        except ApplicationError as e:
            raise ApplicationError(e.message, field="started_on", rule=e.rule) from e
    if first_dismissal_planned_on:
        consultation_plan_first_dismissal(
            actor=actor, consultation=consultation, on=first_dismissal_planned_on
        )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    actor: User,
    consultation: Consultation,
    title: str,
    description: str,
    owner: User | None,
    bodies: Iterable[EmployeeBody],
    departments: Iterable[Department],
    locations: Iterable[Location],
) -> Consultation:
    """Change what does not drive the statutory dates: title, description, owner, bodies and the
    affected departments and locations. A new owner takes over the deadlines."""
    _require_change(actor)
    _require_open(consultation)
    _check_owner(owner)
    if not title.strip():
        raise ApplicationError(_("Give the consultation a title."), field="title")
    bodies, departments, locations = list(bodies), list(departments), list(locations)
    _check_bodies(bodies, consultation.jurisdiction)
    before = {
        "title": consultation.title,
        "description": consultation.description,
        "owner": str(consultation.owner) if consultation.owner_id else None,
        "bodies": _names(consultation.bodies.all()),
        "departments": _names(consultation.departments.all()),
        "locations": _names(consultation.locations.all()),
    }
    consultation.title, consultation.description, consultation.owner = title.strip(), description, owner
    consultation.save(update_fields=["title", "description", "owner", "updated_at"])
    consultation.bodies.set(bodies)
    consultation.departments.set(departments)
    consultation.locations.set(locations)
    after = {
        "title": consultation.title,
        "description": description,
        "owner": str(owner) if owner else None,
        "bodies": _names(bodies),
        "departments": _names(departments),
        "locations": _names(locations),
    }
    changes = {k: (before[k], after[k]) for k in after if before[k] != after[k]}
    if changes:
        _audit(actor, "consultation_updated", consultation, changes)
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_record_government_notice(
    *, actor: User, consultation: Consultation, on: datetime.date
) -> Consultation:
    """Record the day HR1 (GB), the notice to NAV (NO), the WARN notices (US) or the
    People's Committee notice (VN) went out."""
    _require_change(actor)
    _require_open(consultation)
    before = consultation.government_notified_on
    consultation.government_notified_on = on
    consultation.save(update_fields=["government_notified_on", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        text=_("Government notification recorded for %(date)s.") % {"date": on.isoformat()},
    )
    _audit(actor, "consultation_government_notified", consultation, {"government_notified_on": (before, on)})
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_open(*, actor: User, consultation: Consultation, on: datetime.date) -> Consultation:
    """Invite the representatives: ``on`` becomes day 0 of the consultation.

    Norway (NO-RED-003): refused before NAV has been notified.
    """
    _require_change(actor)
    if consultation.status != ConsultationStatus.PLANNED:
        raise ApplicationError(_("Only a planned consultation can be opened."))
    for req in statutory.requirements(consultation, started_on=on):
        if req.rule_id == "NO-RED-003" and req.enforced and not req.met:
            raise ApplicationError(
                _("The consultation invitation may not go out before NAV has been notified (%(rule)s).")
                % {"rule": req.rule_id},
                field="on",
                rule=req.rule_id,
            )
    consultation.started_on = on
    consultation.status = ConsultationStatus.OPEN
    consultation.save(update_fields=["started_on", "status", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        text=_("Consultation opened; representatives invited on %(date)s.") % {"date": on.isoformat()},
    )
    _audit(
        actor,
        "consultation_opened",
        consultation,
        {"status": (ConsultationStatus.PLANNED, ConsultationStatus.OPEN), "started_on": (None, on)},
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


def _refusal(message: str, req: statutory.Requirement, field: str) -> ApplicationError:
    return ApplicationError(
        message
        % {
            "rule": req.rule_id,
            "citation": req.citation,
            "earliest": req.date.isoformat() if req.date else "",
        },
        field=field,
        rule=req.rule_id,
    )


@transaction.atomic
def consultation_plan_first_dismissal(
    *, actor: User, consultation: Consultation, on: datetime.date
) -> Consultation:
    """Set the planned date the first dismissal takes effect; refused before the
    earliest date an enforced minimum period allows (GB-RED-001/003, US-RED-002, NO-RED-004)."""
    _require_change(actor)
    _require_open(consultation)
    limit = statutory.first_dismissal_limit(
        statutory.requirements(consultation, first_dismissal_planned_on=on)
    )
    if limit is not None and limit.date is not None and on < limit.date:
        raise _refusal(
            _("The first dismissal may not take effect before %(earliest)s (%(rule)s, %(citation)s)."),
            limit,
            "on",
        )
    # A period whose trigger (start, HR1, WARN or NAV notice) is not recorded yet runs
    # at the earliest from today.
    today = clock.today()
    for req in statutory.requirements(consultation, first_dismissal_planned_on=on):
        if req.enforced and req.blocks_dismissal and req.trigger_date is None and req.days is not None:
            earliest = statutory.days_after(today, req.days)
            if on < earliest:
                raise ApplicationError(
                    _(
                        "The first dismissal may not take effect before %(earliest)s: %(trigger)s is not recorded "
                        "and the period is %(days)s days (%(rule)s, %(citation)s)."
                    )
                    % {
                        "earliest": earliest.isoformat(),
                        "trigger": req.trigger_label,
                        "days": req.days,
                        "rule": req.rule_id,
                        "citation": req.citation,
                    },
                    field="on",
                    rule=req.rule_id,
                )
    before = consultation.first_dismissal_planned_on
    consultation.first_dismissal_planned_on = on
    consultation.save(update_fields=["first_dismissal_planned_on", "updated_at"])
    _audit(
        actor,
        "consultation_first_dismissal_planned",
        consultation,
        {"first_dismissal_planned_on": (before, on)},
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_set_short_notice(
    *, actor: User, consultation: Consultation, reason: str, explanation: str
) -> Consultation:
    """US-RED-003: record the reason that shortens the WARN notice period (code and explanation)."""
    _require_change(actor)
    _require_open(consultation)
    rule = jurisdictions.for_code(consultation.jurisdiction).short_notice_rule
    if not rule:
        raise ApplicationError(_("A short-notice reason applies only to US consultations."))
    if bool(reason) != bool(explanation.strip()):
        raise ApplicationError(_("Give both the reason and its explanation."), field="explanation", rule=rule)
    before = (consultation.short_notice_reason, consultation.short_notice_explanation)
    consultation.short_notice_reason = reason
    consultation.short_notice_explanation = explanation.strip()
    consultation.save(update_fields=["short_notice_reason", "short_notice_explanation", "updated_at"])
    _audit(
        actor,
        "consultation_short_notice",
        consultation,
        {
            "short_notice_reason": (before[0], reason),
            "short_notice_explanation": (before[1], explanation.strip()),
        },
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_conclude(
    *, actor: User, consultation: Consultation, on: datetime.date, outcome: str = ""
) -> Consultation:
    """Mark the consultation concluded on ``on``; refused before the minimum consultation
    period of an enforced rule has run (GB-RED-001)."""
    _require_change(actor)
    if consultation.status != ConsultationStatus.OPEN:
        raise ApplicationError(_("Only an open consultation can be concluded."))
    if consultation.started_on and on < consultation.started_on:
        raise ApplicationError(_("A consultation cannot end before it started."), field="on")
    limit = statutory.conclusion_limit(statutory.requirements(consultation))
    if limit is not None and limit.date is not None and on < limit.date:
        raise _refusal(
            _(
                "The consultation may not be concluded before %(earliest)s: the minimum period has not "
                "run (%(rule)s, %(citation)s)."
            ),
            limit,
            "on",
        )
    consultation.status = ConsultationStatus.CONCLUDED
    consultation.concluded_on = on
    consultation.outcome = outcome
    consultation.save(update_fields=["status", "concluded_on", "outcome", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        text=_("Consultation concluded on %(date)s.") % {"date": on.isoformat()}
        + (f"\n{outcome}" if outcome else ""),
    )
    _audit(
        actor,
        "consultation_concluded",
        consultation,
        {
            "status": (ConsultationStatus.OPEN, ConsultationStatus.CONCLUDED),
            "concluded_on": (None, on),
            "outcome": ("", outcome),
        },
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_withdraw(*, actor: User, consultation: Consultation, reason: str) -> Consultation:
    """The proposal is dropped: the consultation is withdrawn and its open deadlines cancelled."""
    _require_change(actor)
    _require_open(consultation)
    if not reason.strip():
        raise ApplicationError(_("Say why the proposal is withdrawn."), field="reason")
    before = consultation.status
    consultation.status = ConsultationStatus.WITHDRAWN
    consultation.save(update_fields=["status", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        text=_("Proposal withdrawn: %(reason)s") % {"reason": reason.strip()},
    )
    _audit(
        actor,
        "consultation_withdrawn",
        consultation,
        {"status": (before, ConsultationStatus.WITHDRAWN), "reason": ("", reason.strip())},
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_log_add(
    *,
    actor: User,
    consultation: Consultation,
    kind: str,
    text: str,
    body: EmployeeBody | None = None,
    at: datetime.datetime | None = None,
) -> ConsultationLogEntry:
    _require_change(actor)
    _require_open(consultation)
    if body is not None and not consultation.bodies.filter(pk=body.pk).exists():
        raise ApplicationError(_("That body is not consulted on this proposal."), field="body")
    entry = ConsultationLogEntry.objects.create(
        consultation=consultation, kind=kind, text=text, body=body, author=actor, at=at or clock.now()
    )
    _audit(
        actor,
        "consultation_log_added",
        entry,
        {
            "consultation": (None, consultation.pk),
            "kind": (None, kind),
            "body": (None, str(body) if body else None),
        },
    )
    return entry


@transaction.atomic
def consultation_meeting_record(
    *,
    actor: User,
    consultation: Consultation,
    held_at: datetime.datetime,
    agenda: str = "",
    attendees: Iterable[Representative] = (),
    other_attendees: str = "",
    actions: str = "",
    minutes: UploadedFile | None = None,
) -> ConsultationMeeting:
    _require_change(actor)
    _require_open(consultation)
    attendees = list(attendees)
    body_ids = set(consultation.bodies.values_list("pk", flat=True))
    if any(rep.body_id not in body_ids for rep in attendees):
        raise ApplicationError(
            _("Attendees must represent a body consulted on this proposal."), field="attendees"
        )
    meeting = ConsultationMeeting(
        consultation=consultation,
        held_at=held_at,
        agenda=agenda,
        other_attendees=other_attendees,
        actions=actions,
        recorded_by=actor,
    )
    if minutes is not None:
        meeting.minutes.save(minutes.name, minutes, save=False)
    meeting.save()
    meeting.attendees.set(attendees)
    _audit(
        actor,
        "consultation_meeting_recorded",
        meeting,
        {
            "consultation": (None, consultation.pk),
            "held_at": (None, held_at),
            "attendees": (None, _names(attendees)),
            "minutes": (None, bool(minutes)),
        },
    )
    return meeting


# --------------------------------------------------------------------------- agreements


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
    _check_owner(owner)


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
    _require_change(actor)
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
    _audit(
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
    _require_change(actor)
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
        _audit(
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


@transaction.atomic
def membership_read(
    *,
    actor: User,
    via: str = AccessVia.PAGE,
    body: EmployeeBody | None = None,
    employee: Employee | None = None,
) -> list[UnionMembership]:
    """Union memberships of a body or an employee (special-category data).

    Refused without ``unions.view_membership``; every read writes a ``MembershipAccessLog`` row.
    """
    if not can_view_membership(actor):
        raise ApplicationError(_("You may not see union membership."))
    if body is None and employee is None:
        raise ApplicationError(_("Say whose membership to show."))
    qs = UnionMembership.objects.select_related("employee", "body")
    if body is not None:
        qs = qs.filter(body=body)
    if employee is not None:
        qs = qs.filter(employee=employee)
    rows = list(qs.order_by("employee__last_name", "employee__first_name", "id"))
    MembershipAccessLog.objects.create(user=actor, via=via, body=body, employee=employee, rows=len(rows))
    return rows


# --- Admin edits -------------------------------------------------------------------------------
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
        _audit(
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
    _audit(
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
        _audit(
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
    _audit(actor, "agreement_deleted_in_admin", agreement, {"title": (agreement.title, None)})
    agreement.delete()
