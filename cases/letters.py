"""Letters: the data a letter needs, what is missing, and which wording to use.

A letter is built in two steps. ``letter_draft`` gathers everything the letter says from
the case into a JSON snapshot (names, dates already computed, sanction, appeal deadline)
and lists the gaps; ``letter_html`` turns a snapshot into HTML with the letter's wording:
the HR admin's active override for the kind and language if there is one, else
``templates/letters/<language>/<kind>.html``. The snapshot is stored on the ``Letter``, so
a letter rendered (or re-rendered after a failure) later says exactly what was previewed.

Dates in a letter are local dates of the case's location (DOMAIN "How deadlines are
computed" 1). Rendering to PDF goes through ``erms/lib/pdf.py``; nothing here writes.
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.template import TemplateSyntaxError, engines
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Employee, Jurisdiction, Organisation
from cases import guardrails
from cases.models import (
    Case,
    CaseKind,
    Letter,
    LetterKind,
    LetterTemplateOverride,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Party,
    PartyRole,
    Sanction,
)
from erms.lib import clock

LANGUAGES = ("en", "nb", "vi")

#: The meeting an invitation is about.
INVITATION_MEETING = {
    LetterKind.INVESTIGATION_INVITATION: MeetingKind.INVESTIGATION_INTERVIEW,
    LetterKind.DISCIPLINARY_INVITATION: MeetingKind.DISCIPLINARY_HEARING,
    LetterKind.GRIEVANCE_INVITATION: MeetingKind.GRIEVANCE_MEETING,
    LetterKind.APPEAL_INVITATION: MeetingKind.APPEAL_HEARING,
}

#: Letters that report the case's outcome and so start its appeal window (from the letter date).
OUTCOME_LETTERS = frozenset({LetterKind.GRIEVANCE_OUTCOME, LetterKind.DISCIPLINARY_OUTCOME,
                             LetterKind.DISMISSAL_NOTICE, LetterKind.APPEAL_OUTCOME})
STARTS_APPEAL_WINDOW = frozenset({LetterKind.GRIEVANCE_OUTCOME, LetterKind.DISCIPLINARY_OUTCOME,
                                  LetterKind.DISMISSAL_NOTICE})

#: Who a letter goes to when no addressee is chosen, in order of preference.
DEFAULT_ADDRESSEE_ROLES = {
    LetterKind.GRIEVANCE_INVITATION: (PartyRole.COMPLAINANT,),
    LetterKind.GRIEVANCE_OUTCOME: (PartyRole.COMPLAINANT,),
    LetterKind.APPEAL_INVITATION: (PartyRole.SUBJECT, PartyRole.COMPLAINANT, PartyRole.RESPONDENT),
    LetterKind.APPEAL_OUTCOME: (PartyRole.SUBJECT, PartyRole.COMPLAINANT, PartyRole.RESPONDENT),
}
_SUBJECT_FIRST = (PartyRole.SUBJECT, PartyRole.RESPONDENT)

DISMISSAL_SANCTIONS = frozenset({Sanction.DISMISSAL_WITH_NOTICE, Sanction.SUMMARY_DISMISSAL, Sanction.DISMISSAL})
WARNING_SANCTIONS = frozenset(guardrails.DEFAULT_LIVE_MONTHS)

#: Extra facts some letters need that no case record holds, entered when issuing.
DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    LetterKind.SUSPENSION_CONFIRMATION: ("suspended_from", "review_on", "suspended_until"),
    LetterKind.DISMISSAL_NOTICE: ("employment_ends_on", "notice_pay", "delivery", "appeal_to"),
    LetterKind.DISCIPLINARY_OUTCOME: ("appeal_to",),
    LetterKind.GRIEVANCE_OUTCOME: ("appeal_to",),
}
DATE_DETAILS = frozenset({"suspended_from", "review_on", "suspended_until", "employment_ends_on"})
NOTICE_PAY_CHOICES = ("worked", "pay_in_lieu", "none")
DELIVERY_CHOICES = ("by_hand", "registered_post")

#: Words of each language for codes the letter mentions (kept here, not in the UI catalogue,
#: so a letter's wording never depends on interface translations).
SANCTION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        Sanction.NO_ACTION: "no disciplinary action", Sanction.INFORMAL_ACTION: "informal action (not a sanction)",
        Sanction.VERBAL_WARNING: "a verbal warning", Sanction.FIRST_WRITTEN_WARNING: "a first written warning",
        Sanction.FINAL_WRITTEN_WARNING: "a final written warning",
        Sanction.DISMISSAL_WITH_NOTICE: "dismissal with notice", Sanction.SUMMARY_DISMISSAL: "summary dismissal",
        Sanction.REPRIMAND: "a reprimand", Sanction.PAY_RISE_DEFERRAL: "an extension of the pay-rise period",
        Sanction.DEMOTION: "demotion", Sanction.DISMISSAL: "dismissal",
    },
    "nb": {
        Sanction.NO_ACTION: "ingen disiplinærreaksjon", Sanction.INFORMAL_ACTION: "en uformell samtale (ikke en reaksjon)",
        Sanction.VERBAL_WARNING: "en muntlig advarsel", Sanction.FIRST_WRITTEN_WARNING: "en skriftlig advarsel",
        Sanction.FINAL_WRITTEN_WARNING: "en siste skriftlig advarsel",
        Sanction.DISMISSAL_WITH_NOTICE: "oppsigelse", Sanction.SUMMARY_DISMISSAL: "avskjed",
        Sanction.REPRIMAND: "irettesettelse", Sanction.PAY_RISE_DEFERRAL: "utsatt lønnsøkning",
        Sanction.DEMOTION: "degradering", Sanction.DISMISSAL: "oppsigelse",
    },
    "vi": {
        Sanction.NO_ACTION: "không xử lý kỷ luật", Sanction.INFORMAL_ACTION: "nhắc nhở không chính thức (không phải hình thức kỷ luật)",
        Sanction.VERBAL_WARNING: "cảnh cáo bằng lời nói", Sanction.FIRST_WRITTEN_WARNING: "cảnh cáo bằng văn bản lần đầu",
        Sanction.FINAL_WRITTEN_WARNING: "cảnh cáo bằng văn bản lần cuối",
        Sanction.DISMISSAL_WITH_NOTICE: "sa thải có báo trước", Sanction.SUMMARY_DISMISSAL: "sa thải ngay",
        Sanction.REPRIMAND: "khiển trách", Sanction.PAY_RISE_DEFERRAL: "kéo dài thời hạn nâng lương không quá 06 tháng",
        Sanction.DEMOTION: "cách chức", Sanction.DISMISSAL: "sa thải",
    },
}

FINDING_WORDS: dict[str, dict[str, str]] = {
    "en": {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld",
           "not_determined": "not determined", "": "no finding recorded"},
    "nb": {"upheld": "bekreftet", "partly_upheld": "delvis bekreftet", "not_upheld": "ikke bekreftet",
           "not_determined": "ikke avgjort", "": "ingen konklusjon registrert"},
    "vi": {"upheld": "có cơ sở", "partly_upheld": "có cơ sở một phần", "not_upheld": "không có cơ sở",
           "not_determined": "chưa xác định", "": "chưa có kết luận"},
}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
}


def long_date(value: datetime.date | str | None, language: str) -> str:
    """A date as a letter writes it: 15 March 2026 · 15. mars 2026 · ngày 15 tháng 3 năm 2026."""
    if value in (None, ""):
        return ""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    if language == "vi":
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    if language == "nb":
        return f"{day.day}. {_MONTHS['nb'][day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Gap:
    """Something the letter cannot say. ``error`` gaps refuse the issue; warnings are shown only."""

    field: str
    message: str
    rule: str = ""
    level: str = "error"

    @property
    def is_error(self) -> bool:
        return self.level == "error"


@dataclass
class LetterDraft:
    context: dict[str, Any]
    gaps: list[Gap] = field(default_factory=list)
    addressee: Employee | None = None
    meeting: Meeting | None = None
    override: LetterTemplateOverride | None = None

    @property
    def errors(self) -> list[Gap]:
        return [g for g in self.gaps if g.is_error]


# --------------------------------------------------------------------------- snapshot


def letter_date_for(case: Case, at: datetime.datetime | None = None) -> datetime.date:
    """The local date of the case's location at ``at`` (now)."""
    return timezone.localtime(at or clock.now(), ZoneInfo(case.location.time_zone or "UTC")).date()


def active_override(kind: str, language: str) -> LetterTemplateOverride | None:
    return LetterTemplateOverride.objects.filter(kind=kind, language=language, is_active=True).first()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _organisation() -> Organisation | None:
    return Organisation.objects.first()


def _organisation_context(org: Organisation | None) -> dict[str, Any]:
    from django.conf import settings

    if org is None:
        return {"name": settings.ERMS_ORGANISATION_NAME, "address_lines": [], "signatory_name": "",
                "signatory_title": "", "email": "", "phone": ""}
    return {"name": org.name, "address_lines": _lines(org.address), "signatory_name": org.signatory_name,
            "signatory_title": org.signatory_title, "email": org.email, "phone": org.phone}


def _default_addressee(case: Case, kind: str) -> Employee | None:
    roles = DEFAULT_ADDRESSEE_ROLES.get(kind, _SUBJECT_FIRST)
    parties = {p.role: p.employee for p in Party.objects.filter(case=case, role__in=roles).select_related(
        "employee__location", "employee__department").order_by("added_at")}
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
    return (Meeting.objects.filter(case=case, kind=meeting_kind, status=MeetingStatus.SCHEDULED)
            .select_related("chair", "companion").order_by("-scheduled_for").first())


def _meeting_context(case: Case, meeting: Meeting) -> dict[str, Any]:
    local = timezone.localtime(meeting.scheduled_for, ZoneInfo(case.location.time_zone or "UTC"))
    return {
        "kind": meeting.kind, "date": local.date().isoformat(), "time": local.strftime("%H:%M"),
        "place": meeting.place, "online_link": meeting.online_link, "chair": meeting.chair.get_full_name(),
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


def letter_draft(*, case: Case, kind: str, language: str, meeting: Meeting | None = None,
                 addressee: Employee | None = None, details: dict[str, Any] | None = None,
                 replaces: Letter | None = None, at: datetime.datetime | None = None) -> LetterDraft:
    """Everything the letter says, as a JSON-able snapshot, with the gaps that stop it going out."""
    gaps: list[Gap] = []
    if kind not in LetterKind.values:
        raise ValueError(kind)
    if language not in LANGUAGES:
        gaps.append(Gap("language", _("Letters are available in English, Norwegian Bokmål and Vietnamese.")))
        language = "en"
    org = _organisation()
    letter_date = letter_date_for(case, at)
    facts = clean_details(kind, details, gaps)

    if addressee is None:
        addressee = _default_addressee(case, kind)
        if addressee is None:
            gaps.append(Gap("addressee", _("Nobody on the case can receive this letter: add the employee as a party "
                                           "first.")))
    elif not Party.objects.filter(case=case, employee=addressee).exists():
        gaps.append(Gap("addressee", _("%(name)s is not a party to this case.") % {"name": addressee.full_name}))

    if org is None or not org.signatory_name:
        gaps.append(Gap("organisation", _("Set the organisation's signatory in admin: a letter needs a signature "
                                          "block.")))

    meeting_kind = INVITATION_MEETING.get(kind)
    if meeting_kind is not None:
        if meeting is None:
            meeting = _default_meeting(case, kind)
        if meeting is None:
            gaps.append(Gap("meeting", _("No %(meeting)s is scheduled. Schedule it first: the letter must give its "
                                         "date, time and place.") % {"meeting": MeetingKind(meeting_kind).label.lower()},
                            rule="GB-DISC-002" if case.jurisdiction == Jurisdiction.GB else
                            "VN-DISC-004" if case.jurisdiction == Jurisdiction.VN else ""))
        else:
            if meeting.case_id != case.pk:
                gaps.append(Gap("meeting", _("That meeting belongs to another case.")))
            elif meeting.kind != meeting_kind:
                gaps.append(Gap("meeting", _("This letter invites to a %(expected)s, not a %(actual)s.")
                                % {"expected": MeetingKind(meeting_kind).label.lower(),
                                   "actual": meeting.get_kind_display().lower()}))
            elif meeting.status != MeetingStatus.SCHEDULED:
                gaps.append(Gap("meeting", _("The meeting is %(status)s; invite to a scheduled meeting.")
                                % {"status": meeting.get_status_display().lower()}))
            if not (meeting.place or meeting.online_link):
                gaps.append(Gap("meeting", _("The meeting has no place or online link.")))
    else:
        meeting = None

    is_appeal_letter = kind in (LetterKind.APPEAL_INVITATION, LetterKind.APPEAL_OUTCOME)
    if is_appeal_letter and case.kind != CaseKind.APPEAL:
        gaps.append(Gap("kind", _("Appeal letters are issued on the appeal case.")))

    allegations = list(case.allegations.select_related("policy_version__policy").prefetch_related("evidence")
                       .order_by("number"))
    source = case.appeal_of if (case.kind == CaseKind.APPEAL and case.appeal_of_id) else case
    if source is not case:
        allegations = list(source.allegations.select_related("policy_version__policy")
                           .prefetch_related("evidence").order_by("number"))
    evidence: list[dict[str, str]] = []
    seen: set[int] = set()
    for a in allegations:
        for doc in a.evidence.all():
            if doc.pk not in seen:
                seen.add(doc.pk)
                evidence.append({"title": doc.title, "kind": doc.kind})

    if kind == LetterKind.DISCIPLINARY_INVITATION:
        if not allegations:
            gaps.append(Gap("allegations", _("Record the allegations first: the invitation must set them out."),
                            rule="GB-DISC-002"))
        if not evidence:
            gaps.append(Gap("evidence", _("No evidence is linked to the allegations; the invitation should enclose "
                                          "the evidence relied on, including witness statements."),
                            rule="GB-DISC-002", level="warning"))

    outcome = getattr(case, "outcome", None)
    outcome_ctx: dict[str, Any] | None = None
    appeal_ctx: dict[str, Any] | None = None
    if kind in OUTCOME_LETTERS:
        if outcome is None:
            gaps.append(Gap("outcome", _("Record the outcome first: the letter reports the decision and reasons.")))
        else:
            outcome_ctx = {
                "decision": outcome.decision, "reasons": outcome.reasons, "sanction": outcome.sanction,
                "sanction_words": SANCTION_WORDS[language].get(outcome.sanction, ""),
                "live_until": outcome.warning_live_until.isoformat() if outcome.warning_live_until else "",
                "decided_on": outcome.decided_on.isoformat(), "decided_by": outcome.decided_by.get_full_name(),
                "appeal_allowed": outcome.appeal_allowed and kind != LetterKind.APPEAL_OUTCOME,
                "is_warning": outcome.sanction in WARNING_SANCTIONS,
                "is_dismissal": outcome.sanction in DISMISSAL_SANCTIONS,
            }
            if outcome.sanction in WARNING_SANCTIONS and not outcome.warning_live_until:
                gaps.append(Gap("outcome", _("The warning has no end date: the letter must say how long it stays "
                                             "live."), rule="GB-SANC-001"))
            if kind == LetterKind.DISMISSAL_NOTICE and outcome.sanction not in DISMISSAL_SANCTIONS:
                gaps.append(Gap("outcome", _("The outcome is not a dismissal; issue a disciplinary outcome letter "
                                             "instead.")))
            if outcome_ctx["appeal_allowed"] and kind in STARTS_APPEAL_WINDOW:
                default_to = ", ".join(x for x in (org.signatory_name, org.signatory_title) if x) if org else ""
                appeal_ctx = {
                    "deadline": guardrails.appeal_deadline(case, letter_date).isoformat(),
                    "to": facts.get("appeal_to") or default_to,
                    "email": org.email if org else "",
                }
            if (case.jurisdiction == Jurisdiction.VN and kind in (LetterKind.DISCIPLINARY_OUTCOME,
                                                                   LetterKind.DISMISSAL_NOTICE)
                    and outcome.sanction and outcome.sanction != Sanction.NO_ACTION
                    and not any(a.policy_version_id for a in allegations)):
                gaps.append(Gap("allegations", _("Link the allegations to the internal labour rules: a Vietnamese "
                                                 "decision must name the act as the rules word it."),
                                rule="VN-DISC-005"))

    if kind == LetterKind.DISMISSAL_NOTICE and outcome is not None:
        summary = outcome.sanction == Sanction.SUMMARY_DISMISSAL
        if not facts.get("employment_ends_on"):
            gaps.append(Gap("employment_ends_on", _("Give the date employment ends."),
                            rule={"GB": "GB-TERM-001", "NO": "NO-TERM-005"}.get(case.jurisdiction, "")))
        if case.jurisdiction == Jurisdiction.GB:
            if summary:
                facts["notice_pay"] = "none"
            elif facts.get("notice_pay") not in NOTICE_PAY_CHOICES[:2]:
                gaps.append(Gap("notice_pay", _("Say whether the notice is worked or paid in lieu."),
                                rule="GB-TERM-001"))
        if case.jurisdiction == Jurisdiction.NO and facts.get("delivery") not in DELIVERY_CHOICES:
            gaps.append(Gap("delivery", _("Say how the notice is delivered: by hand or by registered post "
                                          "(aml §15-4)."), rule="NO-TERM-002"))

    if kind == LetterKind.SUSPENSION_CONFIRMATION:
        start, review = _as_date(facts.get("suspended_from")), _as_date(facts.get("review_on"))
        end = _as_date(facts.get("suspended_until"))
        if start is None:
            gaps.append(Gap("suspended_from", _("Give the date the suspension starts.")))
        if review is None:
            gaps.append(Gap("review_on", _("Give the date the suspension will be reviewed."), rule="GB-SUSP-001"))
        elif start is not None and review < start:
            gaps.append(Gap("review_on", _("The review date is before the suspension starts.")))
        if case.jurisdiction == Jurisdiction.VN:
            if end is None:
                gaps.append(Gap("suspended_until", _("Give the last day of the suspension (at most 15 days, "
                                                     "exceptionally 90)."), rule="VN-SUSP-001"))
            elif start is not None and (end - start).days + 1 > 90:
                gaps.append(Gap("suspended_until", _("A suspension may not exceed 90 days."), rule="VN-SUSP-001"))
            elif start is not None and (end - start).days + 1 > 15:
                gaps.append(Gap("suspended_until", _("More than 15 days is allowed only in exceptional cases."),
                                rule="VN-SUSP-001", level="warning"))

    addressee_ctx: dict[str, Any] = {}
    if addressee is not None:
        location = addressee.location
        addressee_ctx = {
            # Vietnamese names are written family name first.
            "name": (f"{addressee.last_name} {addressee.first_name}" if location.jurisdiction == Jurisdiction.VN
                     else addressee.full_name),
            "first_name": addressee.first_name, "last_name": addressee.last_name,
            "employee_number": addressee.employee_number, "job_title": addressee.job_title,
            "department": addressee.department.name, "location": location.name,
            "address_lines": _lines(location.address), "role": _party_role(case, addressee),
            "start_date": addressee.start_date.isoformat() if addressee.start_date else "",
        }

    original: dict[str, Any] | None = None
    if case.kind == CaseKind.APPEAL and case.appeal_of_id:
        first = case.appeal_of
        first_outcome = getattr(first, "outcome", None)
        original = {
            "reference": first.reference, "title": first.title, "kind": first.kind,
            "decided_on": first_outcome.decided_on.isoformat() if first_outcome else "",
            "sanction": first_outcome.sanction if first_outcome else "",
            "sanction_words": SANCTION_WORDS[language].get(first_outcome.sanction, "") if first_outcome else "",
            "decision": first_outcome.decision if first_outcome else "",
        }

    concern = case.concerns.order_by("created_at").first()
    override = active_override(kind, language)
    context: dict[str, Any] = {
        "kind": kind, "language": language, "jurisdiction": case.jurisdiction,
        "letter_date": letter_date.isoformat(), "place_of_issue": case.location.name,
        "reference": f"{case.reference}/L—",
        "organisation": _organisation_context(org),
        "addressee": addressee_ctx,
        "case": {"id": case.pk, "reference": case.reference, "title": case.title, "kind": case.kind,
                 "summary": case.summary, "opened_on": letter_date_for(case, case.opened_at).isoformat(),
                 "raised_on": letter_date_for(case, concern.created_at).isoformat() if concern else "",
                 "manager": case.case_manager.get_full_name()},
        "meeting": _meeting_context(case, meeting) if meeting is not None else None,
        "allegations": [{"number": a.number, "description": a.description,
                         "incident_date": a.incident_date.isoformat() if a.incident_date else "",
                         "finding": a.finding, "finding_words": FINDING_WORDS[language].get(a.finding, ""),
                         "finding_reasons": a.finding_reasons, "policy": _policy_words(a)} for a in allegations],
        "evidence": evidence,
        "outcome": outcome_ctx, "appeal": appeal_ctx, "original": original,
        "details": facts,
        "replaces": ({"id": replaces.pk, "reference": replaces.context.get("reference", ""),
                      "date": replaces.context.get("letter_date", "")} if replaces is not None else None),
        "override_version": override.version if override is not None else None,
    }
    draft = LetterDraft(context=context, gaps=gaps, addressee=addressee, meeting=meeting, override=override)
    try:
        letter_html(context, override=override)
    except TemplateSyntaxError as exc:
        gaps.append(Gap("override", _("The wording override v%(v)s has an error: %(error)s")
                        % {"v": override.version if override else "?", "error": exc}))
    return draft


# --------------------------------------------------------------------------- HTML


def _logo_data_uri(org: Organisation | None) -> str:
    """The logo inlined as a data: URL, so PDF and browser preview show it without any fetch."""
    if org is None or not org.logo:
        return ""
    try:
        with org.logo.open("rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data.startswith(b"\xff\xd8") else ""
    if not mime and data.lstrip().startswith(b"<svg"):
        mime = "image/svg+xml"
    if not mime:
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def template_name(kind: str, language: str) -> str:
    return f"letters/{language}/{kind}.html"


def letter_html(snapshot: dict[str, Any], *, override: LetterTemplateOverride | None = None,
                for_browser: bool = False) -> str:
    """The letter as HTML in its own language. ``for_browser`` links the stylesheet by its
    static URL (preview page) instead of relative to the static folder (PDF)."""
    language = snapshot["language"]
    context = dict(snapshot)
    context |= {
        "stylesheet": static("css/letter.css") if for_browser else "css/letter.css",
        "logo": _logo_data_uri(_organisation()),
        "is_preview": for_browser,
    }
    with translation.override(language):
        if override is None:
            return render_to_string(template_name(kind=snapshot["kind"], language=language), context)
        body = override.body
        if "{% extends" not in body:
            body = (f'{{% extends "letters/{language}/base.html" %}}{{% load letter_tags %}}'
                    f"{{% block body %}}{body}{{% endblock %}}")
        return engines["django"].from_string(body).render(context)


def letters_of_case(case: Case) -> list[Letter]:
    return list(Letter.objects.filter(case=case).select_related("document", "addressee", "issued_by", "replaces")
                .order_by("-issued_at", "-id"))

