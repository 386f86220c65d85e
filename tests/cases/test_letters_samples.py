"""Every letter kind renders in every language, complete (no gaps), with the right closing.

Set ``ERMS_LETTER_SAMPLES_DIR`` to also keep each PDF there (``pdftoppm -png -r 60`` turns
them into the samples under ``docs/letters/``).
"""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from cases import letters, services
from cases.models import CaseKind, LetterKind, MeetingKind, PartyRole, Sanction
from erms.lib.pdf import render_pdf
from tests.cases.test_letters import decide, make_employee, make_organisation, open_case, schedule

pytestmark = pytest.mark.django_db

CLOSING = {"en": "Yours sincerely", "nb": "Med vennlig hilsen", "vi": "Trân trọng"}
DETAILS = {
    LetterKind.SUSPENSION_CONFIRMATION: {
        "suspended_from": "2026-03-02",
        "review_on": "2026-03-09",
        "suspended_until": "2026-03-16",
    },
    LetterKind.DISMISSAL_NOTICE: {
        "employment_ends_on": "2026-05-31",
        "notice_pay": "pay_in_lieu",
        "delivery": "by_hand",
    },
}


def _cases(hana, erin, ada, employee, jurisdiction: str) -> dict[str, object]:
    """One case per letter family, for an employee in ``jurisdiction``, with everything filled in."""
    allegation = {
        "GB": "Left the loading bay gate open during the night shift of 12 January",
        "NO": "Lot porten til lasterampen stå åpen under nattskiftet 12. januar",
        "VN": "Để cửa khu bốc xếp hàng mở trong ca đêm ngày 12 tháng 1",
    }[jurisdiction]
    warning = {
        "GB": Sanction.FIRST_WRITTEN_WARNING,
        "NO": Sanction.FIRST_WRITTEN_WARNING,
        "VN": Sanction.REPRIMAND,
    }[jurisdiction]
    dismissal = Sanction.DISMISSAL if jurisdiction == "VN" else Sanction.DISMISSAL_WITH_NOTICE

    def link_rules(case):
        if jurisdiction == "VN":
            from policies.models import Policy, PolicyVersion

            policy = Policy.objects.create(
                title="Nội quy lao động, Điều 12",
                category="conduct",
                owner=hana,
                review_due=datetime.date(2027, 1, 1),
            )
            case.allegations.update(
                policy_version=PolicyVersion.objects.create(
                    policy=policy, number=3, body_markdown="Điều 12", status="effective"
                )
            )

    disciplinary = open_case(hana, employee, allegations=(allegation,))
    link_rules(disciplinary)
    schedule(hana, disciplinary, erin, MeetingKind.INVESTIGATION_INTERVIEW, days_ahead=14)
    schedule(hana, disciplinary, erin, MeetingKind.DISCIPLINARY_HEARING, days_ahead=21)
    disciplinary = decide(hana, disciplinary, erin, warning)

    dismissal_case = open_case(hana, employee, allegations=(allegation,))
    link_rules(dismissal_case)
    dismissal_case = decide(hana, dismissal_case, erin, dismissal)

    grievance = open_case(
        hana, employee, CaseKind.GRIEVANCE, allegations=("Overtime was not paid in February",)
    )
    schedule(hana, grievance, erin, MeetingKind.GRIEVANCE_MEETING)
    grievance = decide(hana, grievance, erin, "", meeting_kind=MeetingKind.GRIEVANCE_MEETING)

    appeal = services.appeal_open(
        actor=hana, original=disciplinary, grounds="The warning is too severe.", case_manager=hana
    )
    schedule(hana, appeal, ada, MeetingKind.APPEAL_HEARING)
    appeal = decide(hana, appeal, ada, warning, meeting_kind=MeetingKind.APPEAL_HEARING)
    return {
        LetterKind.INVESTIGATION_INVITATION: disciplinary,
        LetterKind.DISCIPLINARY_INVITATION: disciplinary,
        LetterKind.SUSPENSION_CONFIRMATION: disciplinary,
        LetterKind.DISCIPLINARY_OUTCOME: disciplinary,
        LetterKind.DISMISSAL_NOTICE: dismissal_case,
        LetterKind.GRIEVANCE_INVITATION: grievance,
        LetterKind.GRIEVANCE_OUTCOME: grievance,
        LetterKind.APPEAL_INVITATION: appeal,
        LetterKind.APPEAL_OUTCOME: appeal,
    }


@pytest.mark.parametrize("language,jurisdiction", [("en", "GB"), ("nb", "NO"), ("vi", "VN")])
def test_every_letter_kind_renders_complete_in_each_language(
    hana, erin, ada, sam, oslo, hanoi, operations, language, jurisdiction
):
    make_organisation()
    employee = {
        "GB": sam.employee_record,
        "NO": make_employee(oslo, operations, "Kari", "Nordmann"),
        "VN": make_employee(hanoi, operations, "An", "Nguyễn Văn"),
    }[jurisdiction]
    by_kind = _cases(hana, erin, ada, employee, jurisdiction)
    out = os.environ.get("ERMS_LETTER_SAMPLES_DIR")
    for kind in LetterKind.values:
        draft = letters.letter_draft(
            case=by_kind[kind], kind=kind, language=language, details=DETAILS.get(kind)
        )
        assert draft.errors == [], (kind, draft.errors)
        draft.context["reference"] = f"{by_kind[kind].reference}/L{100 + LetterKind.values.index(kind)}"
        pdf = render_pdf(letters.letter_html(draft.context))
        text = " ".join(
            " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.data)).pages
        )
        assert CLOSING[language] in text, kind
        assert draft.context["addressee"]["name"] in text and "Grace Hopper" in text, kind
        assert pdf.refused_urls == () and pdf.page_count >= 1
        if out:
            Path(out).mkdir(parents=True, exist_ok=True)
            (Path(out) / f"{kind}-{language}.pdf").write_bytes(pdf.data)
    assert by_kind[LetterKind.APPEAL_OUTCOME].parties.filter(role=PartyRole.SUBJECT).exists()
