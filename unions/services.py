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
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, Employee, Location, User
from erms.lib.errors import ApplicationError
from unions import statutory
from unions.models import (
    AccessVia,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    ConsultationStatus,
    EmployeeBody,
    LogKind,
    MembershipAccessLog,
    Representative,
    UnionMembership,
)
from unions.permissions import can_change, can_view_membership


def _require_change(actor: User) -> None:
    if not can_change(actor):
        raise ApplicationError(_("You may not change consultations."))


def _require_open(consultation: Consultation) -> None:
    if consultation.status in (ConsultationStatus.CONCLUDED, ConsultationStatus.WITHDRAWN):
        raise ApplicationError(_("This consultation is %(status)s.") % {
            "status": consultation.get_status_display().lower()})


@transaction.atomic
def consultation_create(
    *, actor: User, kind: str, title: str, jurisdiction: str, number_affected: int,
    bodies: Iterable[EmployeeBody] = (), departments: Iterable[Department] = (),
    locations: Iterable[Location] = (), description: str = "", region: str = "",
    first_dismissal_planned_on: datetime.date | None = None,
) -> Consultation:
    """A planned consultation owned by ``actor``; it opens with ``consultation_open``."""
    _require_change(actor)
    consultation = Consultation.objects.create(
        kind=kind, title=title, description=description, jurisdiction=jurisdiction, region=region,
        number_affected=number_affected, owner=actor,
    )
    consultation.bodies.set(bodies)
    consultation.departments.set(departments)
    consultation.locations.set(locations)
    if first_dismissal_planned_on:
        consultation_plan_first_dismissal(actor=actor, consultation=consultation, on=first_dismissal_planned_on)
    return consultation


@transaction.atomic
def consultation_record_government_notice(*, actor: User, consultation: Consultation,
                                          on: datetime.date) -> Consultation:
    """Record the day HR1 (GB), the notice to NAV (NO), the WARN notices (US) or the
    People's Committee notice (VN) went out."""
    _require_change(actor)
    _require_open(consultation)
    consultation.government_notified_on = on
    consultation.save(update_fields=["government_notified_on", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation, kind=LogKind.NOTE, author=actor,
        text=_("Government notification recorded for %(date)s.") % {"date": on.isoformat()})
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
                % {"rule": req.rule_id}, field="on", rule=req.rule_id)
    consultation.started_on = on
    consultation.status = ConsultationStatus.OPEN
    consultation.save(update_fields=["started_on", "status", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation, kind=LogKind.NOTE, author=actor,
        text=_("Consultation opened; representatives invited on %(date)s.") % {"date": on.isoformat()})
    return consultation


def _refusal(message: str, req: statutory.Requirement, field: str) -> ApplicationError:
    return ApplicationError(
        message % {"rule": req.rule_id, "citation": req.citation, "earliest": req.date.isoformat()
                   if req.date else ""}, field=field, rule=req.rule_id)


@transaction.atomic
def consultation_plan_first_dismissal(*, actor: User, consultation: Consultation,
                                      on: datetime.date) -> Consultation:
    """Set the planned date the first dismissal takes effect; refused before the
    earliest date an enforced minimum period allows (GB-RED-001/003, US-RED-002, NO-RED-004)."""
    _require_change(actor)
    _require_open(consultation)
    limit = statutory.first_dismissal_limit(statutory.requirements(consultation, first_dismissal_planned_on=on))
    if limit is not None and limit.date is not None and on < limit.date:
        raise _refusal(_("The first dismissal may not take effect before %(earliest)s (%(rule)s, %(citation)s)."),
                       limit, "on")
    # A period whose trigger (start, HR1, WARN or NAV notice) is not recorded yet runs
    # at the earliest from today.
    today = timezone.localdate()
    for req in statutory.requirements(consultation, first_dismissal_planned_on=on):
        if req.enforced and req.blocks_dismissal and req.trigger_date is None and req.days is not None:
            earliest = statutory.days_after(today, req.days)
            if on < earliest:
                raise ApplicationError(
                    _("The first dismissal may not take effect before %(earliest)s: %(trigger)s is not recorded "
                      "and the period is %(days)s days (%(rule)s, %(citation)s).") % {
                        "earliest": earliest.isoformat(), "trigger": req.trigger_label, "days": req.days,
                        "rule": req.rule_id, "citation": req.citation}, field="on", rule=req.rule_id)
    consultation.first_dismissal_planned_on = on
    consultation.save(update_fields=["first_dismissal_planned_on", "updated_at"])
    return consultation


@transaction.atomic
def consultation_set_short_notice(*, actor: User, consultation: Consultation, reason: str,
                                  explanation: str) -> Consultation:
    """US-RED-003: record the reason that shortens the WARN notice period (code and explanation)."""
    _require_change(actor)
    _require_open(consultation)
    if consultation.jurisdiction != "US":
        raise ApplicationError(_("A short-notice reason applies only to US consultations."))
    if bool(reason) != bool(explanation.strip()):
        raise ApplicationError(_("Give both the reason and its explanation."), field="explanation",
                               rule="US-RED-003")
    consultation.short_notice_reason = reason
    consultation.short_notice_explanation = explanation.strip()
    consultation.save(update_fields=["short_notice_reason", "short_notice_explanation", "updated_at"])
    return consultation


@transaction.atomic
def consultation_conclude(*, actor: User, consultation: Consultation, on: datetime.date,
                          outcome: str = "") -> Consultation:
    """Mark the consultation concluded on ``on``; refused before the minimum consultation
    period of an enforced rule has run (GB-RED-001)."""
    _require_change(actor)
    if consultation.status != ConsultationStatus.OPEN:
        raise ApplicationError(_("Only an open consultation can be concluded."))
    if consultation.started_on and on < consultation.started_on:
        raise ApplicationError(_("A consultation cannot end before it started."), field="on")
    limit = statutory.conclusion_limit(statutory.requirements(consultation))
    if limit is not None and limit.date is not None and on < limit.date:
        raise _refusal(_("The consultation may not be concluded before %(earliest)s: the minimum period has not "
                         "run (%(rule)s, %(citation)s)."), limit, "on")
    consultation.status = ConsultationStatus.CONCLUDED
    consultation.concluded_on = on
    consultation.outcome = outcome
    consultation.save(update_fields=["status", "concluded_on", "outcome", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation, kind=LogKind.NOTE, author=actor,
        text=_("Consultation concluded on %(date)s.") % {"date": on.isoformat()}
        + (f"\n{outcome}" if outcome else ""))
    return consultation


@transaction.atomic
def consultation_log_add(*, actor: User, consultation: Consultation, kind: str, text: str,
                         body: EmployeeBody | None = None, at: datetime.datetime | None = None,
                         ) -> ConsultationLogEntry:
    _require_change(actor)
    _require_open(consultation)
    if body is not None and not consultation.bodies.filter(pk=body.pk).exists():
        raise ApplicationError(_("That body is not consulted on this proposal."), field="body")
    return ConsultationLogEntry.objects.create(
        consultation=consultation, kind=kind, text=text, body=body, author=actor, at=at or timezone.now())


@transaction.atomic
def consultation_meeting_record(
    *, actor: User, consultation: Consultation, held_at: datetime.datetime, agenda: str = "",
    attendees: Iterable[Representative] = (), other_attendees: str = "", actions: str = "",
    minutes: UploadedFile | None = None,
) -> ConsultationMeeting:
    _require_change(actor)
    _require_open(consultation)
    attendees = list(attendees)
    body_ids = set(consultation.bodies.values_list("pk", flat=True))
    if any(rep.body_id not in body_ids for rep in attendees):
        raise ApplicationError(_("Attendees must represent a body consulted on this proposal."),
                               field="attendees")
    meeting = ConsultationMeeting(consultation=consultation, held_at=held_at, agenda=agenda,
                                  other_attendees=other_attendees, actions=actions, recorded_by=actor)
    if minutes is not None:
        meeting.minutes.save(minutes.name, minutes, save=False)
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def membership_read(*, actor: User, via: str = AccessVia.PAGE, body: EmployeeBody | None = None,
                    employee: Employee | None = None) -> list[UnionMembership]:
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
