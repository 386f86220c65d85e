"""Collective consultations: create, edit, notify the authorities, open, plan the first dismissal, conclude, withdraw, log, meetings."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Department, Location, User
from erms.lib import clock, sentences
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence
from policies import jurisdictions
from unions import deadlines, statutory
from unions.models import (
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    ConsultationStatus,
    EmployeeBody,
    LogKind,
    Representative,
)
from unions.services.common import (
    check_bodies,
    check_owner,
    check_region,
    names,
    object_audit,
    require_change,
    require_open,
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
    require_change(actor)
    owner = owner or actor
    check_owner(owner)
    region = region.strip().upper()
    check_region(jurisdiction, region)
    if not title.strip():
        raise ApplicationError(_("Give the consultation a title."), field="title")
    bodies = list(bodies)
    check_bodies(bodies, jurisdiction)
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
    object_audit(
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
            "bodies": (None, names(bodies)),
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
    require_change(actor)
    require_open(consultation)
    check_owner(owner)
    if not title.strip():
        raise ApplicationError(_("Give the consultation a title."), field="title")
    bodies, departments, locations = list(bodies), list(departments), list(locations)
    check_bodies(bodies, consultation.jurisdiction)
    before = {
        "title": consultation.title,
        "description": consultation.description,
        "owner": str(consultation.owner) if consultation.owner_id else None,
        "bodies": names(consultation.bodies.all()),
        "departments": names(consultation.departments.all()),
        "locations": names(consultation.locations.all()),
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
        "bodies": names(bodies),
        "departments": names(departments),
        "locations": names(locations),
    }
    changes = {k: (before[k], after[k]) for k in after if before[k] != after[k]}
    if changes:
        object_audit(actor, "consultation_updated", consultation, changes)
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_record_government_notice(
    *, actor: User, consultation: Consultation, on: datetime.date
) -> Consultation:
    """Record the day HR1 (GB), the notice to NAV (NO), the WARN notices (US) or the
    People's Committee notice (VN) went out."""
    require_change(actor)
    require_open(consultation)
    before = consultation.government_notified_on
    consultation.government_notified_on = on
    consultation.save(update_fields=["government_notified_on", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        **ConsultationLogEntry.text_fields(
            Sentence.of(gettext_noop("Government notification recorded for %(date)s."), date=on)
        ),
    )
    object_audit(
        actor, "consultation_government_notified", consultation, {"government_notified_on": (before, on)}
    )
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_open(*, actor: User, consultation: Consultation, on: datetime.date) -> Consultation:
    """Invite the representatives: ``on`` becomes day 0 of the consultation.

    Norway (NO-RED-003): refused before NAV has been notified.
    """
    require_change(actor)
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
        **ConsultationLogEntry.text_fields(
            Sentence.of(gettext_noop("Consultation opened; representatives invited on %(date)s."), date=on)
        ),
        shared_with_representatives=True,
    )
    object_audit(
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
            "earliest": formats.date_format(req.date, "DATE_FORMAT") if req.date else "",
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
    require_change(actor)
    require_open(consultation)
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
                        "earliest": formats.date_format(earliest, "DATE_FORMAT"),
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
    object_audit(
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
    require_change(actor)
    require_open(consultation)
    rule = jurisdictions.for_code(consultation.jurisdiction).short_notice_rule
    if not rule:
        raise ApplicationError(_("A short-notice reason applies only to US consultations."))
    if bool(reason) != bool(explanation.strip()):
        raise ApplicationError(_("Give both the reason and its explanation."), field="explanation", rule=rule)
    before = (consultation.short_notice_reason, consultation.short_notice_explanation)
    consultation.short_notice_reason = reason
    consultation.short_notice_explanation = explanation.strip()
    consultation.save(update_fields=["short_notice_reason", "short_notice_explanation", "updated_at"])
    object_audit(
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


def _early_conclusion_warning(consultation: Consultation, on: datetime.date) -> Sentence | None:
    limit = statutory.conclusion_limit(statutory.requirements(consultation))
    if limit is None or limit.date is None or on >= limit.date:
        return None
    return Sentence.of(
        gettext_noop(
            "Concluded before %(earliest)s, when the minimum consultation period ends (%(rule)s, %(citation)s): "
            "allowed only where consultation has genuinely ended. No dismissal may take effect before then."
        ),
        earliest=limit.date,
        rule=limit.rule_id,
        citation=limit.citation,
    )


def consultation_early_conclusion_warning(consultation: Consultation, on: datetime.date) -> str:
    """The warning for concluding on ``on`` before a minimum consultation period has run
    (GB-RED-001: WARN, not BLOCK; the statute allows it where consultation genuinely ended), or ""."""
    warning = _early_conclusion_warning(consultation, on)
    return str(warning) if warning is not None else ""


@transaction.atomic
def consultation_conclude(
    *, actor: User, consultation: Consultation, on: datetime.date, outcome: str = ""
) -> Consultation:
    """Mark the consultation concluded on ``on``. Before the minimum consultation period has run
    (GB-RED-001) it is allowed with a warning, kept in the log and the audit trail."""
    require_change(actor)
    if consultation.status != ConsultationStatus.OPEN:
        raise ApplicationError(_("Only an open consultation can be concluded."))
    if consultation.started_on and on < consultation.started_on:
        raise ApplicationError(_("A consultation cannot end before it started."), field="on")
    warning = _early_conclusion_warning(consultation, on)
    consultation.status = ConsultationStatus.CONCLUDED
    consultation.concluded_on = on
    consultation.outcome = outcome
    consultation.save(update_fields=["status", "concluded_on", "outcome", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        **ConsultationLogEntry.text_fields(
            sentences.lines(
                Sentence.of(gettext_noop("Consultation concluded on %(date)s."), date=on), warning, outcome
            )
        ),
    )
    changes: dict[str, tuple[object, object]] = {
        "status": (ConsultationStatus.OPEN, ConsultationStatus.CONCLUDED),
        "concluded_on": (None, on),
        "outcome": ("", outcome),
    }
    if warning:
        changes["warning"] = ("", sentences.as_text(warning, settings.LANGUAGE_CODE))
    object_audit(actor, "consultation_concluded", consultation, changes)
    deadlines.consultation_deadlines_sync(consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_withdraw(*, actor: User, consultation: Consultation, reason: str) -> Consultation:
    """The proposal is dropped: the consultation is withdrawn and its open deadlines cancelled."""
    require_change(actor)
    require_open(consultation)
    if not reason.strip():
        raise ApplicationError(_("Say why the proposal is withdrawn."), field="reason")
    before = consultation.status
    consultation.status = ConsultationStatus.WITHDRAWN
    consultation.save(update_fields=["status", "updated_at"])
    ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=LogKind.NOTE,
        author=actor,
        **ConsultationLogEntry.text_fields(
            Sentence.of(gettext_noop("Proposal withdrawn: %(reason)s"), reason=reason.strip())
        ),
    )
    object_audit(
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
    shared_with_representatives: bool = False,
) -> ConsultationLogEntry:
    """An entry in the consultation log: HR's own record unless ``shared_with_representatives``
    (then the representatives of the consulted bodies see it; with ``body``, only that body's)."""
    require_change(actor)
    require_open(consultation)
    if body is not None and not consultation.bodies.filter(pk=body.pk).exists():
        raise ApplicationError(_("That body is not consulted on this proposal."), field="body")
    entry = ConsultationLogEntry.objects.create(
        consultation=consultation,
        kind=kind,
        text=text,
        body=body,
        author=actor,
        at=at or clock.now(),
        shared_with_representatives=shared_with_representatives,
    )
    object_audit(
        actor,
        "consultation_log_added",
        entry,
        {
            "consultation": (None, consultation.pk),
            "kind": (None, kind),
            "body": (None, str(body) if body else None),
            "shared_with_representatives": (None, shared_with_representatives),
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
    require_change(actor)
    require_open(consultation)
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
    object_audit(
        actor,
        "consultation_meeting_recorded",
        meeting,
        {
            "consultation": (None, consultation.pk),
            "held_at": (None, held_at),
            "attendees": (None, names(attendees)),
            "minutes": (None, bool(minutes)),
        },
    )
    return meeting
