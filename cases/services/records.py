"""What is filed on a case: parties, allegations and findings, meetings, the investigation plan, outcome, appeal, notes."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Employee, User
from audit.services import audit
from cases import deadlines, guardrails, selectors
from cases.models import (
    HEARING_KINDS,
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    ConcernCategory,
    ConcernMessage,
    Document,
    DocumentKind,
    Finding,
    InvestigationPlan,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Outcome,
    Party,
    PartyRole,
    Sanction,
    TimelineEntry,
    TimelineKind,
)
from cases.services.cases import (
    case_open,
    case_status_follow,
)
from cases.services.common import (
    created_changes,
    guardrail_enforce,
    refresh_search_text,
    require_open,
    require_past_date,
    timeline_add,
    version_bump,
)
from cases.services.documents import (
    document_store,
)
from cases.workflow import path_for
from erms.lib import clock
from erms.lib.errors import ApplicationError
from erms.lib.sentences import Sentence, Word
from policies import jurisdictions
from policies.models import PolicyVersion
from policies.selectors import policy_version_effective_on


@transaction.atomic
def party_add(*, actor: User, case: Case, employee: Employee, role: str, notes: str = "") -> Party:
    require_open(case)
    if Party.objects.filter(case=case, employee=employee, role=role).exists():
        raise ApplicationError(
            _("%(name)s is already a %(role)s on this case.")
            % {"name": employee.full_name, "role": PartyRole(role).label.lower()},
            field="employee",
        )
    party = Party.objects.create(case=case, employee=employee, role=role, notes=notes)
    refresh_search_text(case)
    audit(
        actor=actor,
        action="party_added",
        obj=party,
        case=case,
        changes={"employee": (None, employee), "role": (None, role)},
    )
    timeline_add(
        case,
        TimelineKind.PARTY,
        Sentence.of(
            gettext_noop("%(name)s added as %(role)s"),
            name=employee.full_name,
            role=Word(PartyRole(role).label, lower=True),
        ),
        author=actor,
    )
    return party


def _allegation_links_check(
    case: Case, policy_version: PolicyVersion | None, evidence: Sequence[Document]
) -> None:
    """An allegation names a version of a policy that applies in the case's jurisdiction, and
    relies only on documents filed on its own case."""
    if policy_version is not None and policy_version.pk not in {
        v.pk for v in selectors.allegation_policy_versions(case)
    }:
        raise ApplicationError(
            _("Choose an adopted version of a policy that applies in this case's country."),
            field="policy_version",
        )
    _require_evidence_of(case, [d.pk for d in evidence if d.case_id != case.pk])


def _require_evidence_of(case: Case, foreign: list[int]) -> None:
    if foreign:
        raise ApplicationError(
            _("Only documents of this case can be evidence; these are not: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in sorted(foreign))},
            field="evidence",
        )


def allegation_evidence_of(case: Case, ids: Sequence[int]) -> list[Document]:
    """The documents of ``case`` with these ids, for the API; refuses (naming the ids) any that is
    not a document of this case, whether it is of another case or does not exist."""
    documents = list(Document.objects.filter(case=case, pk__in=set(ids)))
    _require_evidence_of(case, sorted(set(ids) - {d.pk for d in documents}))
    return documents


@transaction.atomic
def allegation_add(
    *,
    actor: User,
    case: Case,
    category: str,
    description: str,
    incident_date: datetime.date | None = None,
    policy: Any = None,
    policy_version: PolicyVersion | None = None,
    evidence: Sequence[Document] = (),
    protected_characteristic: str = "",
) -> Allegation:
    """Add an allegation. It names ``policy_version`` when given; else, with a policy, that policy's
    version in force on the incident date (or today); else, with an incident date, the version then in
    force of the policy its category is about (``selectors.allegation_policy_version_in_force``). So a
    later policy change never rewrites this case. ``evidence`` are documents of this case. An
    allegation of discrimination without a protected characteristic takes the case's."""
    require_open(case)
    require_past_date(incident_date, field="incident_date")

    if policy_version is None and policy is not None:
        policy_version = policy_version_effective_on(policy, incident_date or clock.today())
        if policy_version is None:
            raise ApplicationError(
                _("%(policy)s had no version in force on %(date)s.")
                % {"policy": policy, "date": incident_date or clock.today()},
                field="policy",
            )
    elif policy_version is None:
        policy_version = selectors.allegation_policy_version_in_force(
            selectors.allegation_policy_versions(case), category=category, incident_date=incident_date
        )
    else:
        _allegation_links_check(case, policy_version, ())
    _allegation_links_check(case, None, evidence)
    if category == ConcernCategory.DISCRIMINATION and not protected_characteristic:
        protected_characteristic = case.protected_characteristic
    number = (case.allegations.aggregate(n=models.Max("number"))["n"] or 0) + 1
    allegation = Allegation.objects.create(
        case=case,
        number=number,
        category=category,
        description=description,
        incident_date=incident_date,
        policy_version=policy_version,
        protected_characteristic=protected_characteristic,
    )
    allegation.evidence.set(evidence)
    audit(
        actor=actor,
        action="allegation_added",
        obj=allegation,
        case=case,
        changes=created_changes(
            allegation,
            [
                "number",
                "category",
                "description",
                "incident_date",
                "policy_version",
                "protected_characteristic",
            ],
        )
        | ({"evidence": (None, [str(d) for d in evidence])} if evidence else {}),
    )
    timeline_add(
        case,
        TimelineKind.ALLEGATION,
        Sentence.of(gettext_noop("Allegation %(n)s added"), n=number),
        author=actor,
        body=description,
    )
    if incident_date:
        deadlines.discipline_limitation_set(case, incident_date, actor=actor)
    return allegation


@transaction.atomic
def allegation_link(
    *,
    actor: User,
    allegation: Allegation,
    policy_version: PolicyVersion | None,
    evidence: Sequence[Document],
) -> Allegation:
    """Set the policy version an allegation names and the evidence it relies on (documents of its
    case); audited when anything changed."""
    case = allegation.case
    require_open(case)
    _allegation_links_check(case, policy_version, evidence)
    before_version = allegation.policy_version
    before_evidence = list(allegation.evidence.order_by("pk"))
    after_evidence = sorted(set(evidence), key=lambda d: d.pk)
    changes: dict[str, tuple[Any, Any]] = {}
    if before_version != policy_version:
        changes["policy_version"] = (before_version, policy_version)
        allegation.policy_version = policy_version
        allegation.save(update_fields=["policy_version"])
    if [d.pk for d in before_evidence] != [d.pk for d in after_evidence]:
        changes["evidence"] = ([str(d) for d in before_evidence], [str(d) for d in after_evidence])
        allegation.evidence.set(after_evidence)
    if changes:
        audit(actor=actor, action="allegation_links_changed", obj=allegation, case=case, changes=changes)
    return allegation


@transaction.atomic
def allegation_record_finding(
    *, actor: User, allegation: Allegation, finding: str, reasons: str
) -> Allegation:
    require_open(allegation.case)
    if finding not in Finding.values:
        raise ApplicationError(_("Choose a finding."), field="finding")
    if not reasons.strip():
        raise ApplicationError(_("Give the reasons for the finding."), field="reasons")
    changes = {
        "finding": (allegation.finding, finding),
        "finding_reasons": (allegation.finding_reasons, reasons),
    }
    allegation.finding, allegation.finding_reasons = finding, reasons
    allegation.save(update_fields=["finding", "finding_reasons"])
    audit(actor=actor, action="finding_recorded", obj=allegation, case=allegation.case, changes=changes)
    timeline_add(
        allegation.case,
        TimelineKind.ALLEGATION,
        Sentence.of(
            gettext_noop("Allegation %(n)s: %(finding)s"), n=allegation.number, finding=Finding(finding).label
        ),
        author=actor,
        body=reasons,
    )
    case = allegation.case
    path = path_for(case.kind)
    if CaseStatus.INVESTIGATION in path and not case.allegations.filter(finding="").exists():
        # The investigation is done once every allegation has a finding: on to the next step.
        case_status_follow(
            actor=actor,
            case=case,
            to_status=path[path.index(CaseStatus.INVESTIGATION) + 1],
            event=Sentence.of(gettext_noop("findings recorded")),
        )
    return allegation


#: The status a case reaches once a meeting of each kind is scheduled.
_STATUS_OF_MEETING = {
    MeetingKind.INVESTIGATION_INTERVIEW: CaseStatus.INVESTIGATION,
    MeetingKind.GRIEVANCE_MEETING: CaseStatus.HEARING,
    MeetingKind.DISCIPLINARY_HEARING: CaseStatus.HEARING,
    MeetingKind.APPEAL_HEARING: CaseStatus.HEARING,
    MeetingKind.MEDIATION_SESSION: CaseStatus.MEDIATION,
}


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    case: Case,
    kind: str,
    scheduled_for: datetime.datetime,
    chair: User,
    place: str = "",
    online_link: str = "",
    note_taker: User | None = None,
    companion: Employee | None = None,
    notice_sent_on: datetime.date | None = None,
    attendees: Sequence[Employee] = (),
    override_reason: str = "",
) -> Meeting:
    if not case.is_open:
        raise ApplicationError(_("The case is closed."))
    if kind == MeetingKind.APPEAL_HEARING and case.kind != CaseKind.APPEAL:
        raise ApplicationError(
            _(
                "An appeal hearing is held on the appeal case: lodge the appeal, then schedule its hearing there."
            ),
            field="kind",
        )
    # The notice rules count in the case location's calendar, whatever the server's time zone.
    local_day = scheduled_for.astimezone(ZoneInfo(case.location.time_zone or "UTC")).date()
    guardrails.check_notice_before_meeting(case, kind, local_day, notice_sent_on)
    if kind in HEARING_KINDS:
        guardrails.check_hearing_notice(case, kind, local_day, notice_sent_on)
    if kind in jurisdictions.for_code(case.jurisdiction).hearing_notice_meeting_kinds:
        guardrails.check_discipline_not_barred(case, local_day, field="scheduled_for")
    warnings = guardrails.meeting_warnings(case, kind, local_day, notice_sent_on)
    guardrail_enforce(
        lambda: guardrails.check_chair(case, chair, kind),
        actor=actor,
        override_reason=override_reason,
        case=case,
    )
    meeting = Meeting.objects.create(
        case=case,
        kind=kind,
        scheduled_for=scheduled_for,
        chair=chair,
        place=place,
        online_link=online_link,
        note_taker=note_taker,
        companion=companion,
        notice_sent_on=notice_sent_on,
    )
    meeting.attendees.set(attendees)
    audit(
        actor=actor,
        action="meeting_scheduled",
        obj=meeting,
        case=case,
        changes=created_changes(
            meeting, ["kind", "scheduled_for", "place", "chair", "companion", "notice_sent_on"]
        )
        | ({"warnings": (None, [w.rule for w in warnings])} if warnings else {}),
    )
    timeline_add(
        case,
        TimelineKind.MEETING,
        Sentence.of(
            gettext_noop("%(kind)s scheduled for %(when)s"),
            kind=MeetingKind(meeting.kind).label,
            when=scheduled_for,
        ),
        author=actor,
    )
    deadlines.hearing_deadlines_set(meeting, actor=actor)
    if kind in _STATUS_OF_MEETING:
        case_status_follow(
            actor=actor,
            case=case,
            to_status=_STATUS_OF_MEETING[kind],
            event=Sentence.of(
                gettext_noop("%(kind)s scheduled"), kind=Word(MeetingKind(meeting.kind).label, lower=True)
            ),
        )
    # Shown to whoever scheduled it (page message, API ``warnings``), worded when read.
    meeting.warnings = warnings  # type: ignore[attr-defined]
    return meeting


@transaction.atomic
def meeting_record_held(
    *,
    actor: User,
    meeting: Meeting,
    outcome_summary: str,
    minutes: UploadedFile | None = None,
    notice_sent_on: datetime.date | None = None,
) -> Meeting:
    """Record a meeting as held; ``notice_sent_on`` records a notice date the meeting lacks."""
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ApplicationError(_("Only a scheduled meeting can be recorded as held."))
    if meeting.scheduled_for > clock.now():
        raise ApplicationError(_("The meeting is in the future; record it after it has taken place."))
    guardrails.check_interview_may_go_on(meeting)
    case = meeting.case
    if (
        notice_sent_on is not None
        and meeting.notice_sent_on is not None
        and notice_sent_on != meeting.notice_sent_on
    ):
        raise ApplicationError(
            _("The notice date is already recorded as %(day)s.")
            % {"day": formats.date_format(meeting.notice_sent_on, "DATE_FORMAT")},
            field="notice_sent_on",
        )
    notice = meeting.notice_sent_on or notice_sent_on
    local_day = meeting.scheduled_for.astimezone(ZoneInfo(case.location.time_zone or "UTC")).date()
    guardrails.check_held(case, meeting.kind, local_day, notice)
    if meeting.notice_sent_on is None and notice is not None:
        if meeting.kind in HEARING_KINDS:
            guardrails.check_hearing_notice(case, meeting.kind, local_day, notice)
        meeting.notice_sent_on = notice
    if minutes is not None:
        meeting.minutes = document_store(
            actor=actor,
            file=minutes,
            kind=DocumentKind.MINUTES,
            case=meeting.case,
            title=_("Minutes: %(kind)s") % {"kind": meeting.get_kind_display()},
        )
    meeting.status, meeting.held_at, meeting.outcome_summary = (
        MeetingStatus.HELD,
        clock.now(),
        outcome_summary,
    )
    meeting.save(update_fields=["status", "held_at", "outcome_summary", "minutes", "notice_sent_on"])
    audit(
        actor=actor,
        action="meeting_held",
        obj=meeting,
        case=meeting.case,
        changes={"status": (MeetingStatus.SCHEDULED, MeetingStatus.HELD)}
        | ({"notice_sent_on": (None, notice_sent_on)} if notice_sent_on is not None else {}),
    )
    timeline_add(
        meeting.case,
        TimelineKind.MEETING,
        Sentence.of(gettext_noop("%(kind)s held"), kind=MeetingKind(meeting.kind).label),
        author=actor,
        body=outcome_summary,
    )
    deadlines.hearing_held_deadlines(meeting, actor=actor)
    if meeting.kind in HEARING_KINDS:
        case_status_follow(
            actor=actor,
            case=meeting.case,
            to_status=CaseStatus.DECISION,
            event=Sentence.of(
                gettext_noop("%(kind)s held"), kind=Word(MeetingKind(meeting.kind).label, lower=True)
            ),
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ApplicationError(_("Only a scheduled meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    audit(
        actor=actor,
        action="meeting_cancelled",
        obj=meeting,
        case=meeting.case,
        changes={"status": (MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED), "reason": (None, reason)},
    )
    timeline_add(
        meeting.case,
        TimelineKind.MEETING,
        Sentence.of(gettext_noop("%(kind)s cancelled"), kind=MeetingKind(meeting.kind).label),
        author=actor,
        body=reason,
    )
    deadlines.hearing_deadlines_cancel(meeting, actor=actor)
    return meeting


@transaction.atomic
def investigation_plan_set(
    *,
    actor: User,
    case: Case,
    terms_of_reference: str,
    questions: str = "",
    target_date: datetime.date | None = None,
    interviewees: Sequence[Employee] = (),
) -> InvestigationPlan:
    require_open(case)
    plan, created = InvestigationPlan.objects.get_or_create(
        case=case, defaults={"terms_of_reference": terms_of_reference}
    )
    before = {
        "terms_of_reference": plan.terms_of_reference,
        "questions": plan.questions,
        "target_date": plan.target_date,
    }
    plan.terms_of_reference, plan.questions, plan.target_date = terms_of_reference, questions, target_date
    plan.save()
    plan.interviewees.set(interviewees)
    changes = {
        k: (None if created else before[k], getattr(plan, k))
        for k in before
        if created or before[k] != getattr(plan, k)
    }
    audit(actor=actor, action="investigation_plan_set", obj=plan, case=case, changes=changes)
    timeline_add(
        case, TimelineKind.NOTE, Sentence.of(gettext_noop("Investigation plan updated")), author=actor
    )
    deadlines.investigation_target_set(case, target_date, actor=actor)
    return plan


@transaction.atomic
def outcome_record(
    *,
    actor: User,
    case: Case,
    decision: str,
    reasons: str,
    sanction: str = "",
    decided_by: User | None = None,
    decided_on: datetime.date | None = None,
    appeal_allowed: bool = True,
    expected_version: int,
    override_reason: str = "",
) -> Outcome:
    require_open(case)
    require_past_date(decided_on, field="decided_on")
    decided_by = decided_by or actor
    decided_on = decided_on or clock.today()
    if hasattr(case, "outcome"):
        raise ApplicationError(_("The outcome is already recorded. A change of outcome is made on appeal."))
    guardrails.check_sanction(case, sanction)
    if sanction and sanction != Sanction.NO_ACTION:
        guardrails.check_discipline_not_barred(case, decided_on, field="decided_on")
    limitation = deadlines.case_deadline_open(case, deadlines.DISCIPLINE_LIMITATION)
    guardrails.check_decided_in_time(case, decided_on, limitation.due_on if limitation else None)
    guardrail_enforce(
        lambda: guardrails.check_outcome(case, decided_by, sanction),
        actor=actor,
        override_reason=override_reason,
        case=case,
    )
    live = [w.sanction for w in selectors.case_live_warnings(case, on=decided_on)]
    warnings = guardrails.sanction_warnings(case, sanction, live)
    version_bump(case, expected_version)
    outcome = Outcome.objects.create(
        case=case,
        decision=decision,
        reasons=reasons,
        sanction=sanction,
        decided_by=decided_by,
        decided_on=decided_on,
        appeal_allowed=appeal_allowed and case.kind != CaseKind.APPEAL,
        warning_live_until=guardrails.warning_live_until(case, sanction, decided_on),
    )
    if outcome.appeal_allowed:
        outcome.appeal_deadline = guardrails.appeal_deadline(case, decided_on)
        outcome.save(update_fields=["appeal_deadline"])
    audit(
        actor=actor,
        action="outcome_recorded",
        obj=outcome,
        case=case,
        changes=created_changes(
            outcome,
            [
                "decision",
                "sanction",
                "decided_by",
                "decided_on",
                "warning_live_until",
                "appeal_allowed",
                "appeal_deadline",
            ],
        )
        | ({"warnings": (None, [w.rule for w in warnings])} if warnings else {}),
    )
    deadlines.outcome_deadlines_set(outcome, actor=actor)
    timeline_add(
        case,
        TimelineKind.OUTCOME,
        Sentence.of(
            gettext_noop("Outcome recorded: %(sanction)s"),
            sanction=Sanction(outcome.sanction).label if outcome.sanction else gettext_lazy("no sanction"),
        ),
        author=actor,
        body=decision,
    )
    # With a window to appeal in, the case waits in it; without one (a route outside the
    # organisation, or no right of appeal) it stays at the decision until someone closes it.
    waits = outcome.appeal_deadline is not None and CaseStatus.APPEAL_WINDOW in path_for(case.kind)
    case_status_follow(
        actor=actor,
        case=case,
        to_status=CaseStatus.APPEAL_WINDOW if waits else CaseStatus.DECISION,
        event=Sentence.of(gettext_noop("outcome recorded")),
    )
    # Shown to whoever recorded it (page message, API ``warnings``), worded when read.
    outcome.warnings = warnings  # type: ignore[attr-defined]
    return outcome


@transaction.atomic
def appeal_open(*, actor: User, original: Case, grounds: str, case_manager: User) -> Case:
    outcome = getattr(original, "outcome", None)
    if outcome is None:
        raise ApplicationError(_("There is no outcome to appeal yet."))
    if not outcome.appeal_allowed:
        raise ApplicationError(_("This outcome carries no right of appeal."))
    subjects = [
        (p.employee, p.role)
        for p in original.parties.select_related("employee")
        if p.role in (PartyRole.SUBJECT, PartyRole.COMPLAINANT, PartyRole.RESPONDENT)
    ]
    appeal = case_open(
        actor=actor,
        kind=CaseKind.APPEAL,
        title=_("Appeal: %(title)s") % {"title": original.title},
        summary=grounds,
        case_manager=case_manager,
        location=original.location,
        department=original.department,
        parties=subjects,
        appeal_of=original,
    )
    timeline_add(
        original,
        TimelineKind.NOTE,
        Sentence.of(gettext_noop("Appeal lodged: %(ref)s"), ref=appeal.reference),
        author=actor,
        body=grounds,
    )
    deadlines.case_deadlines_met(original, [deadlines.APPEAL_WINDOW], actor=actor)
    deadlines.appeal_hearing_target_set(appeal, clock.today(appeal.location.time_zone or None), actor=actor)
    return appeal


@transaction.atomic
def note_add(*, actor: User, case: Case, body: str, shared_with_submitter: bool = False) -> TimelineEntry:
    """A note on the case; a shared note also reaches the submitters of the case's concerns."""
    if not body.strip():
        raise ApplicationError(_("Write the note."), field="body")
    entry = timeline_add(
        case,
        TimelineKind.NOTE,
        body.splitlines()[0][:120],
        author=actor,
        body=body,
        shared=shared_with_submitter,
    )
    if shared_with_submitter:
        for concern in case.concerns.all():
            ConcernMessage.objects.create(concern=concern, author=actor, body=body)
    audit(
        actor=actor,
        action="note_added",
        obj=entry,
        case=case,
        changes={"shared_with_submitter": (None, shared_with_submitter)},
    )
    return entry
