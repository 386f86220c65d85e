"""What every letter shares: languages, which letters start which windows, the words for sanctions and findings, long dates, gaps."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from accounts.models import Employee, Organisation
from cases.models import (
    LetterKind,
    LetterTemplateOverride,
    Meeting,
    MeetingKind,
    PartyRole,
    Sanction,
)

LANGUAGES = ("en", "nb", "vi")

#: The meeting an invitation is about.
INVITATION_MEETING = {
    LetterKind.INVESTIGATION_INVITATION: MeetingKind.INVESTIGATION_INTERVIEW,
    LetterKind.DISCIPLINARY_INVITATION: MeetingKind.DISCIPLINARY_HEARING,
    LetterKind.GRIEVANCE_INVITATION: MeetingKind.GRIEVANCE_MEETING,
    LetterKind.APPEAL_INVITATION: MeetingKind.APPEAL_HEARING,
}

#: Letters that report the case's outcome and so start its appeal window (from the letter date).
OUTCOME_LETTERS = frozenset(
    {
        LetterKind.GRIEVANCE_OUTCOME,
        LetterKind.DISCIPLINARY_OUTCOME,
        LetterKind.DISMISSAL_NOTICE,
        LetterKind.APPEAL_OUTCOME,
    }
)
STARTS_APPEAL_WINDOW = frozenset(
    {LetterKind.GRIEVANCE_OUTCOME, LetterKind.DISCIPLINARY_OUTCOME, LetterKind.DISMISSAL_NOTICE}
)

#: Who a letter goes to when no addressee is chosen, in order of preference.
DEFAULT_ADDRESSEE_ROLES = {
    LetterKind.GRIEVANCE_INVITATION: (PartyRole.COMPLAINANT,),
    LetterKind.GRIEVANCE_OUTCOME: (PartyRole.COMPLAINANT,),
    LetterKind.APPEAL_INVITATION: (PartyRole.SUBJECT, PartyRole.COMPLAINANT, PartyRole.RESPONDENT),
    LetterKind.APPEAL_OUTCOME: (PartyRole.SUBJECT, PartyRole.COMPLAINANT, PartyRole.RESPONDENT),
}
SUBJECT_FIRST = (PartyRole.SUBJECT, PartyRole.RESPONDENT)

#: Who a letter of each kind may be addressed to: the roles it goes to by default, and for an
#: investigation meeting anyone who may be interviewed. An outcome, a dismissal or a suspension
#: never goes to a witness, a companion or a representative.
ADDRESSEE_ROLES: dict[str, tuple[str, ...]] = {
    **{kind: SUBJECT_FIRST for kind in LetterKind.values},
    **DEFAULT_ADDRESSEE_ROLES,
    LetterKind.INVESTIGATION_INVITATION: (
        PartyRole.SUBJECT,
        PartyRole.RESPONDENT,
        PartyRole.COMPLAINANT,
        PartyRole.WITNESS,
    ),
}

DISMISSAL_SANCTIONS = frozenset(
    {Sanction.DISMISSAL_WITH_NOTICE, Sanction.SUMMARY_DISMISSAL, Sanction.DISMISSAL}
)

#: Extra facts some letters need that no case record holds, entered when issuing.
DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    LetterKind.SUSPENSION_CONFIRMATION: ("suspended_from", "review_on", "suspended_until"),
    LetterKind.DISMISSAL_NOTICE: ("employment_ends_on", "notice_pay", "delivery", "appeal_to"),
    LetterKind.DISCIPLINARY_OUTCOME: ("appeal_to",),
    LetterKind.GRIEVANCE_OUTCOME: ("appeal_to",),
}
DATE_DETAILS = frozenset({"suspended_from", "review_on", "suspended_until", "employment_ends_on"})

#: Words of each language for codes the letter mentions (kept here, not in the UI catalogue,
#: so a letter's wording never depends on interface translations).
SANCTION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        Sanction.NO_ACTION: "no disciplinary action",
        Sanction.INFORMAL_ACTION: "informal action (not a sanction)",
        Sanction.VERBAL_WARNING: "a verbal warning",
        Sanction.FIRST_WRITTEN_WARNING: "a first written warning",
        Sanction.FINAL_WRITTEN_WARNING: "a final written warning",
        Sanction.DISMISSAL_WITH_NOTICE: "dismissal with notice",
        Sanction.SUMMARY_DISMISSAL: "summary dismissal",
        Sanction.REPRIMAND: "a reprimand",
        Sanction.PAY_RISE_DEFERRAL: "an extension of the pay-rise period",
        Sanction.DEMOTION: "demotion",
        Sanction.DISMISSAL: "dismissal",
    },
    "nb": {
        Sanction.NO_ACTION: "ingen disiplinærreaksjon",
        Sanction.INFORMAL_ACTION: "en uformell samtale (ikke en reaksjon)",
        Sanction.VERBAL_WARNING: "en muntlig advarsel",
        Sanction.FIRST_WRITTEN_WARNING: "en skriftlig advarsel",
        Sanction.FINAL_WRITTEN_WARNING: "en siste skriftlig advarsel",
        Sanction.DISMISSAL_WITH_NOTICE: "oppsigelse",
        Sanction.SUMMARY_DISMISSAL: "avskjed",
        Sanction.REPRIMAND: "irettesettelse",
        Sanction.PAY_RISE_DEFERRAL: "utsatt lønnsøkning",
        Sanction.DEMOTION: "degradering",
        Sanction.DISMISSAL: "oppsigelse",
    },
    "vi": {
        Sanction.NO_ACTION: "không xử lý kỷ luật",
        Sanction.INFORMAL_ACTION: "nhắc nhở không chính thức (không phải hình thức kỷ luật)",
        Sanction.VERBAL_WARNING: "cảnh cáo bằng lời nói",
        Sanction.FIRST_WRITTEN_WARNING: "cảnh cáo bằng văn bản lần đầu",
        Sanction.FINAL_WRITTEN_WARNING: "cảnh cáo bằng văn bản lần cuối",
        Sanction.DISMISSAL_WITH_NOTICE: "sa thải có báo trước",
        Sanction.SUMMARY_DISMISSAL: "sa thải ngay",
        Sanction.REPRIMAND: "khiển trách",
        Sanction.PAY_RISE_DEFERRAL: "kéo dài thời hạn nâng lương không quá 06 tháng",
        Sanction.DEMOTION: "cách chức",
        Sanction.DISMISSAL: "sa thải",
    },
}

FINDING_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "upheld": "upheld",
        "partly_upheld": "partly upheld",
        "not_upheld": "not upheld",
        "not_determined": "not determined",
        "": "no finding recorded",
    },
    "nb": {
        "upheld": "bekreftet",
        "partly_upheld": "delvis bekreftet",
        "not_upheld": "ikke bekreftet",
        "not_determined": "ikke avgjort",
        "": "ingen konklusjon registrert",
    },
    "vi": {
        "upheld": "có cơ sở",
        "partly_upheld": "có cơ sở một phần",
        "not_upheld": "không có cơ sở",
        "not_determined": "chưa xác định",
        "": "chưa có kết luận",
    },
}

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "nb": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
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


def organisation_of_letters() -> Organisation | None:
    return Organisation.objects.first()
