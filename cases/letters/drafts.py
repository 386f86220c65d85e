"""A letter's data, snapshotted when it is issued: the case, the addressee, the meeting, and one small builder per letter kind."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Employee, Organisation, person_name
from cases import guardrails
from cases.letters.html import (
    letter_html,
)
from cases.letters.words import (
    ADDRESSEE_ROLES,
    DATE_DETAILS,
    DEFAULT_ADDRESSEE_ROLES,
    DETAIL_FIELDS,
    DISMISSAL_SANCTIONS,
    FINDING_WORDS,
    INVITATION_MEETING,
    LANGUAGES,
    SANCTION_WORDS,
    SUBJECT_FIRST,
    Gap,
    LetterDraft,
    organisation_of_letters,
)
from cases.models import (
    Case,
    CaseKind,
    Letter,
    LetterKind,
    LetterTemplateOverride,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Outcome,
    Party,
    PartyRole,
    Sanction,
)
from erms.lib import clock
from policies import jurisdictions


def letter_date_for(case: Case, at: datetime.datetime | None = None) -> datetime.date:
    """The local date of the case's location at ``at`` (now)."""
    return timezone.localtime(at or clock.now(), ZoneInfo(case.location.time_zone or "UTC")).date()


def active_override(kind: str, language: str) -> LetterTemplateOverride | None:
    return LetterTemplateOverride.objects.filter(kind=kind, language=language, is_active=True).first()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _organisation_context(org: Organisation | None) -> dict[str, Any]:
    if org is None:
        return {
            "name": settings.ERMS_ORGANISATION_NAME,
            "address_lines": [],
            "signatory_name": "",
            "signatory_title": "",
            "email": "",
            "phone": "",
        }
    return {
        "name": org.name,
        "address_lines": _lines(org.address),
        "signatory_name": org.signatory_name,
        "signatory_title": org.signatory_title,
        "email": org.email,
        "phone": org.phone,
    }


def _default_addressee(case: Case, kind: str) -> Employee | None:
    roles = DEFAULT_ADDRESSEE_ROLES.get(kind, SUBJECT_FIRST)
    parties = {
        p.role: p.employee
        for p in Party.objects.filter(case=case, role__in=roles)
        .select_related("employee__location", "employee__department")
        .order_by("added_at")
    }
    return next((parties[r] for r in roles if r in parties), None)


def _party_role(case: Case, employee: Employee) -> str:
    roles = list(Party.objects.filter(case=case, employee=employee).values_list("role", flat=True))
    for preferred in (PartyRole.SUBJECT, PartyRole.RESPONDENT, PartyRole.COMPLAINANT, PartyRole.WITNESS):
        if preferred in roles:
            return preferred
    return roles[0] if roles else ""


def _default_meeting(case: Case, kind: str) -> Meeting | None:
    meeting_kind = INVITATION_MEETING.get(kind)
    if meeting_kind is None:
        return None
    return (
        Meeting.objects.filter(case=case, kind=meeting_kind, status=MeetingStatus.SCHEDULED)
        .select_related("chair", "companion")
        .order_by("-scheduled_for")
        .first()
    )


def _meeting_context(case: Case, meeting: Meeting) -> dict[str, Any]:
    local = timezone.localtime(meeting.scheduled_for, ZoneInfo(case.location.time_zone or "UTC"))
    return {
        "kind": meeting.kind,
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "chair": meeting.chair.get_full_name(),
        "note_taker": meeting.note_taker.get_full_name() if meeting.note_taker_id else "",
        "companion": meeting.companion.full_name if meeting.companion_id else "",
    }


def _policy_words(allegation: Any) -> str:
    version = allegation.policy_version
    if version is None:
        return ""
    return f"{version.policy.title} (v{version.number})"


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def clean_details(kind: str, details: dict[str, Any] | None, gaps: list[Gap]) -> dict[str, str]:
    """The extra facts this kind of letter takes, as strings; bad dates become gaps."""
    cleaned: dict[str, str] = {}
    for name in DETAIL_FIELDS.get(kind, ()):
        value = (details or {}).get(name)
        if value in (None, ""):
            continue
        if name in DATE_DETAILS:
            day = _as_date(value)
            if day is None:
                gaps.append(Gap(name, _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value}))
                continue
            cleaned[name] = day.isoformat()
        else:
            cleaned[name] = str(value).strip()[:300]
    return cleaned


def _addressee(case: Case, kind: str, addressee: Employee | None, gaps: list[Gap]) -> Employee | None:
    if addressee is None:
        addressee = _default_addressee(case, kind)
        if addressee is None:
            gaps.append(
                Gap(
                    "addressee",
                    _("Nobody on the case can receive this letter: add the employee as a party first."),
                )
            )
        return addressee
    roles = set(Party.objects.filter(case=case, employee=addressee).values_list("role", flat=True))
    if not roles:
        gaps.append(
            Gap("addressee", _("%(name)s is not a party to this case.") % {"name": addressee.full_name})
        )
    elif not roles & set(ADDRESSEE_ROLES[kind]):
        gaps.append(
            Gap(
                "addressee",
                _("%(name)s is a %(roles)s on this case: a %(letter)s goes only to: %(allowed)s.")
                % {
                    "name": addressee.full_name,
                    "roles": ", ".join(str(PartyRole(r).label).lower() for r in sorted(roles)),
                    "letter": LetterKind(kind).label.lower(),
                    "allowed": ", ".join(str(PartyRole(r).label).lower() for r in ADDRESSEE_ROLES[kind]),
                },
            )
        )
    return addressee


def _addressee_context(case: Case, addressee: Employee | None) -> dict[str, Any]:
    if addressee is None:
        return {}
    location = addressee.location
    # Family name first when the person writes it so, or when letters in the country are written so.
    family_name_first = (
        addressee.family_name_first or jurisdictions.for_code(location.jurisdiction).family_name_first
    )
    return {
        "name": person_name(addressee.first_name, addressee.last_name, family_name_first=family_name_first),
        "first_name": addressee.first_name,
        "last_name": addressee.last_name,
        "employee_number": addressee.employee_number,
        "job_title": addressee.job_title,
        "department": addressee.department.name,
        "location": location.name,
        "address_lines": _lines(location.address),
        "role": _party_role(case, addressee),
        "start_date": addressee.start_date.isoformat() if addressee.start_date else "",
    }


def _allegations_and_evidence(case: Case) -> tuple[list[Any], list[dict[str, str]]]:
    """The allegations the letter sets out (an appeal's are its original case's) and the evidence
    linked to them, each document once."""
    source = case.appeal_of if (case.kind == CaseKind.APPEAL and case.appeal_of_id) else case
    allegations = list(
        source.allegations.select_related("policy_version__policy")
        .prefetch_related("evidence")
        .order_by("number")
    )
    evidence: list[dict[str, str]] = []
    seen: set[int] = set()
    for a in allegations:
        for doc in a.evidence.all():
            if doc.pk not in seen:
                seen.add(doc.pk)
                evidence.append({"title": doc.title, "kind": doc.kind})
    return allegations, evidence


def _original_context(case: Case, language: str) -> dict[str, Any] | None:
    """The decision an appeal is against."""
    if case.kind != CaseKind.APPEAL or not case.appeal_of_id:
        return None
    first = case.appeal_of
    first_outcome = getattr(first, "outcome", None)
    return {
        "reference": first.reference,
        "title": first.title,
        "kind": first.kind,
        "decided_on": first_outcome.decided_on.isoformat() if first_outcome else "",
        "sanction": first_outcome.sanction if first_outcome else "",
        "sanction_words": SANCTION_WORDS[language].get(first_outcome.sanction, "") if first_outcome else "",
        "decision": first_outcome.decision if first_outcome else "",
    }


@dataclass
class _Letter:
    """What a letter kind's builder works on: it checks what the letter needs, adds gaps, and
    fills in the parts of the snapshot only its kind has (meeting, outcome, appeal right)."""

    case: Case
    kind: str
    language: str
    country: jurisdictions.Country
    org: Organisation | None
    letter_date: datetime.date
    facts: dict[str, str]
    gaps: list[Gap]
    allegations: list[Any]
    evidence: list[dict[str, str]]
    requested_meeting: Meeting | None
    meeting: Meeting | None = None
    outcome: Outcome | None = None
    outcome_ctx: dict[str, Any] | None = None
    appeal_ctx: dict[str, Any] | None = None

    def add(self, missing: list[jurisdictions.Missing]) -> None:
        """What the case's jurisdiction says this letter still lacks."""
        self.gaps.extend(Gap(*m) for m in missing)


# Steps the builders share, each adding its gaps in the order a reader fixes them.


def _scheduled_meeting(letter: _Letter) -> None:
    """An invitation gives the date, time and place of a scheduled meeting of its kind."""
    meeting_kind = INVITATION_MEETING[letter.kind]
    meeting = letter.requested_meeting or _default_meeting(letter.case, letter.kind)
    if meeting is None:
        letter.gaps.append(
            Gap(
                "meeting",
                _(
                    "No %(meeting)s is scheduled. Schedule it first: the letter must give "
                    "its date, time and place."
                )
                % {"meeting": MeetingKind(meeting_kind).label.lower()},
                rule=letter.country.invitation_rule,
            )
        )
        return
    if meeting.case_id != letter.case.pk:
        letter.gaps.append(Gap("meeting", _("That meeting belongs to another case.")))
    elif meeting.kind != meeting_kind:
        letter.gaps.append(
            Gap(
                "meeting",
                _("This letter invites to a %(expected)s, not a %(actual)s.")
                % {
                    "expected": MeetingKind(meeting_kind).label.lower(),
                    "actual": meeting.get_kind_display().lower(),
                },
            )
        )
    elif meeting.status != MeetingStatus.SCHEDULED:
        letter.gaps.append(
            Gap(
                "meeting",
                _("The meeting is %(status)s; invite to a scheduled meeting.")
                % {"status": meeting.get_status_display().lower()},
            )
        )
    if not (meeting.place or meeting.online_link):
        letter.gaps.append(Gap("meeting", _("The meeting has no place or online link.")))
    letter.meeting = meeting


def _on_appeal_case(letter: _Letter) -> None:
    if letter.case.kind != CaseKind.APPEAL:
        letter.gaps.append(Gap("kind", _("Appeal letters are issued on the appeal case.")))


def _outcome(letter: _Letter) -> None:
    """A letter that reports the outcome: the decision, reasons, sanction and how long it stays live."""
    outcome = letter.outcome = getattr(letter.case, "outcome", None)
    if outcome is None:
        letter.gaps.append(
            Gap("outcome", _("Record the outcome first: the letter reports the decision and reasons."))
        )
        return
    is_warning = outcome.sanction in letter.country.live_months
    letter.outcome_ctx = {
        "decision": outcome.decision,
        "reasons": outcome.reasons,
        "sanction": outcome.sanction,
        "sanction_words": SANCTION_WORDS[letter.language].get(outcome.sanction, ""),
        "live_until": outcome.warning_live_until.isoformat() if outcome.warning_live_until else "",
        "decided_on": outcome.decided_on.isoformat(),
        "decided_by": outcome.decided_by.get_full_name(),
        "appeal_allowed": outcome.appeal_allowed and letter.kind != LetterKind.APPEAL_OUTCOME,
        "is_warning": is_warning,
        "is_dismissal": outcome.sanction in DISMISSAL_SANCTIONS,
    }
    if is_warning and not outcome.warning_live_until:
        letter.gaps.append(
            Gap(
                "outcome",
                _("The warning has no end date: the letter must say how long it stays live."),
                rule="GB-SANC-001",
            )
        )


def _appeal_right(letter: _Letter) -> None:
    """The decision can be appealed: to whom and by when (the window starts on the letter's date)."""
    if letter.outcome_ctx is None or not letter.outcome_ctx["appeal_allowed"]:
        return
    org = letter.org
    default_to = ", ".join(x for x in (org.signatory_name, org.signatory_title) if x) if org else ""
    due = guardrails.appeal_deadline(letter.case, letter.letter_date)
    letter.appeal_ctx = {
        "deadline": due.isoformat() if due else "",
        "to": letter.facts.get("appeal_to") or default_to,
        "email": org.email if org else "",
    }


def _decision_requirements(letter: _Letter) -> None:
    """What the jurisdiction makes a disciplinary decision say (VN-DISC-005)."""
    if letter.outcome is not None:
        letter.add(
            letter.country.decision_requirements(
                sanction=letter.outcome.sanction,
                acts_linked_to_rules=any(a.policy_version_id for a in letter.allegations),
            )
        )


# One builder per letter kind.


def _invitation(letter: _Letter) -> None:
    _scheduled_meeting(letter)


def _disciplinary_invitation(letter: _Letter) -> None:
    _scheduled_meeting(letter)
    if not letter.allegations:
        letter.gaps.append(
            Gap(
                "allegations",
                _("Record the allegations first: the invitation must set them out."),
                rule="GB-DISC-002",
            )
        )
    if not letter.evidence:
        letter.gaps.append(
            Gap(
                "evidence",
                _(
                    "No evidence is linked to the allegations; the invitation should "
                    "enclose the evidence relied on, including witness statements."
                ),
                rule="GB-DISC-002",
                level="warning",
            )
        )


def _appeal_invitation(letter: _Letter) -> None:
    _scheduled_meeting(letter)
    _on_appeal_case(letter)


def _grievance_outcome(letter: _Letter) -> None:
    _outcome(letter)
    _appeal_right(letter)


def _disciplinary_outcome(letter: _Letter) -> None:
    _outcome(letter)
    _appeal_right(letter)
    _decision_requirements(letter)


def _dismissal_notice(letter: _Letter) -> None:
    _outcome(letter)
    outcome = letter.outcome
    if outcome is None:
        return
    if outcome.sanction not in DISMISSAL_SANCTIONS:
        letter.gaps.append(
            Gap("outcome", _("The outcome is not a dismissal; issue a disciplinary outcome letter instead."))
        )
    _appeal_right(letter)
    _decision_requirements(letter)
    if not letter.facts.get("employment_ends_on"):
        letter.gaps.append(
            Gap(
                "employment_ends_on",
                _("Give the date employment ends."),
                rule=letter.country.dismissal_end_rule,
            )
        )
    facts, missing = letter.country.dismissal_notice(
        letter.facts, summary=outcome.sanction == Sanction.SUMMARY_DISMISSAL
    )
    letter.facts.update(facts)
    letter.add(missing)


def _appeal_outcome(letter: _Letter) -> None:
    _on_appeal_case(letter)
    _outcome(letter)


def _suspension_confirmation(letter: _Letter) -> None:
    start, review = _as_date(letter.facts.get("suspended_from")), _as_date(letter.facts.get("review_on"))
    if start is None:
        letter.gaps.append(Gap("suspended_from", _("Give the date the suspension starts.")))
    if review is None:
        letter.gaps.append(
            Gap("review_on", _("Give the date the suspension will be reviewed."), rule="GB-SUSP-001")
        )
    elif start is not None and review < start:
        letter.gaps.append(Gap("review_on", _("The review date is before the suspension starts.")))
    letter.add(
        letter.country.suspension_limits(start=start, end=_as_date(letter.facts.get("suspended_until")))
    )


#: How each kind of letter is checked and what it adds to the snapshot. A new kind needs a
#: builder here and its templates (``templates/letters/<language>/<kind>.html``).
BUILDERS: dict[str, Callable[[_Letter], None]] = {
    LetterKind.INVESTIGATION_INVITATION: _invitation,
    LetterKind.DISCIPLINARY_INVITATION: _disciplinary_invitation,
    LetterKind.GRIEVANCE_INVITATION: _invitation,
    LetterKind.APPEAL_INVITATION: _appeal_invitation,
    LetterKind.SUSPENSION_CONFIRMATION: _suspension_confirmation,
    LetterKind.DISCIPLINARY_OUTCOME: _disciplinary_outcome,
    LetterKind.GRIEVANCE_OUTCOME: _grievance_outcome,
    LetterKind.DISMISSAL_NOTICE: _dismissal_notice,
    LetterKind.APPEAL_OUTCOME: _appeal_outcome,
}


def letter_draft(
    *,
    case: Case,
    kind: str,
    language: str,
    meeting: Meeting | None = None,
    addressee: Employee | None = None,
    details: dict[str, Any] | None = None,
    replaces: Letter | None = None,
    at: datetime.datetime | None = None,
) -> LetterDraft:
    """Everything the letter says, as a JSON-able snapshot, with the gaps that stop it going out."""
    gaps: list[Gap] = []
    if kind not in LetterKind.values:
        raise ValueError(kind)
    if language not in LANGUAGES:
        gaps.append(Gap("language", _("Letters are available in English, Norwegian Bokmål and Vietnamese.")))
        language = "en"
    org = organisation_of_letters()
    letter_date = letter_date_for(case, at)
    facts = clean_details(kind, details, gaps)
    addressee = _addressee(case, kind, addressee, gaps)
    if org is None or not org.signatory_name:
        gaps.append(
            Gap(
                "organisation",
                _("Set the organisation's signatory in admin: a letter needs a signature block."),
            )
        )
    allegations, evidence = _allegations_and_evidence(case)
    letter = _Letter(
        case=case,
        kind=kind,
        language=language,
        country=jurisdictions.for_code(case.jurisdiction),
        org=org,
        letter_date=letter_date,
        facts=facts,
        gaps=gaps,
        allegations=allegations,
        evidence=evidence,
        requested_meeting=meeting,
    )
    BUILDERS[kind](letter)

    concern = case.concerns.order_by("created_at").first()
    override = active_override(kind, language)
    context: dict[str, Any] = {
        "kind": kind,
        "language": language,
        "jurisdiction": case.jurisdiction,
        "letter_date": letter_date.isoformat(),
        "place_of_issue": case.location.name,
        "reference": f"{case.reference}/L—",
        "organisation": _organisation_context(org),
        "addressee": _addressee_context(case, addressee),
        "case": {
            "id": case.pk,
            "reference": case.reference,
            "title": case.title,
            "kind": case.kind,
            "summary": case.summary,
            "opened_on": letter_date_for(case, case.opened_at).isoformat(),
            "raised_on": letter_date_for(case, concern.created_at).isoformat() if concern else "",
            "manager": case.case_manager.get_full_name(),
        },
        "meeting": _meeting_context(case, letter.meeting) if letter.meeting is not None else None,
        "allegations": [
            {
                "number": a.number,
                "description": a.description,
                "incident_date": a.incident_date.isoformat() if a.incident_date else "",
                "finding": a.finding,
                "finding_words": FINDING_WORDS[language].get(a.finding, ""),
                "finding_reasons": a.finding_reasons,
                "policy": _policy_words(a),
            }
            for a in allegations
        ],
        "evidence": evidence,
        "outcome": letter.outcome_ctx,
        "appeal": letter.appeal_ctx,
        "original": _original_context(case, language),
        "details": letter.facts,
        "replaces": (
            {
                "id": replaces.pk,
                "reference": replaces.context.get("reference", ""),
                "date": replaces.context.get("letter_date", ""),
            }
            if replaces is not None
            else None
        ),
        "override_version": override.version if override is not None else None,
    }
    draft = LetterDraft(
        context=context, gaps=gaps, addressee=addressee, meeting=letter.meeting, override=override
    )
    try:
        letter_html(context, override=override)
    except TemplateSyntaxError as exc:
        gaps.append(
            Gap(
                "override",
                _("The wording override v%(v)s has an error: %(error)s")
                % {"v": override.version if override else "?", "error": exc},
            )
        )
    return draft
