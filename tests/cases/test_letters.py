"""Letters: gaps, issue, rendering to PDF (text checked with pypdf), deadlines, corrections, overrides.

The builders at the top (``letter_world``) are shared by the other ``test_letters_*`` files.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Employee, Organisation, User
from audit.models import AuditEntry
from cases import deadlines, guardrails, letters, services
from cases.models import (
    Case,
    CaseKind,
    DocumentKind,
    Letter,
    LetterKind,
    LetterStatus,
    Meeting,
    MeetingKind,
    PartyRole,
    Sanction,
    TimelineEntry,
    TimelineKind,
)
from cases.services import letters as letter_services  # where rendering calls render_pdf
from cases.tasks import LETTER_MAX_RETRIES, letter_render_task
from deadlines.models import Deadline, DeadlineStatus
from erms.lib.errors import ApplicationError
from tests.days import DATE_SENSITIVE
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.days(*DATE_SENSITIVE)

# --------------------------------------------------------------------------- builders


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """``hour`` o'clock on ``day`` in London, where these letters' cases are (summer time or not)."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo("Europe/London"))


def make_organisation() -> Organisation:
    return Organisation.objects.create(
        name="Northwind Group Ltd",
        address="1 Canal Street\nLondon EC1A 1AA",
        signatory_name="Grace Hopper",
        signatory_title="HR Director",
        email="hr@northwind.example",
        phone="+44 20 7946 0000",
    )


def make_employee(location, department, first: str, last: str) -> Employee:
    return EmployeeFactory(
        first_name=first,
        last_name=last,
        location=location,
        department=department,
        job_title="Warehouse operative",
    )


def open_case(
    hana: User,
    employee: Employee,
    kind: str = CaseKind.DISCIPLINARY,
    *,
    allegations: tuple[str, ...] = ("Shouted at a colleague on the warehouse floor",),
    incident_date: datetime.date | None = None,
) -> Case:
    # A month before today by default: within every limitation period (VN-DISC-003).
    incident_date = incident_date or timezone.localdate() - datetime.timedelta(days=30)
    case = services.case_open(
        actor=hana,
        kind=kind,
        title="Conduct on the floor",
        summary="Raised by a colleague",
        case_manager=hana,
        location=employee.location,
        department=employee.department,
        parties=[(employee, PartyRole.COMPLAINANT if kind == CaseKind.GRIEVANCE else PartyRole.SUBJECT)],
    )
    for text in allegations:
        services.allegation_add(
            actor=hana,
            case=case,
            category="conduct",
            description=text,
            incident_date=incident_date,
        )
    return case


def schedule(
    hana: User, case: Case, chair: User, kind: str = MeetingKind.DISCIPLINARY_HEARING, days_ahead: int = 21
) -> Meeting:
    today = timezone.localdate()
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind=kind,
        chair=chair,
        place="Room 4, Canal Street",
        scheduled_for=_at(today + datetime.timedelta(days=days_ahead)),
        notice_sent_on=today,
    )


def decide(
    hana: User,
    case: Case,
    chair: User,
    sanction: str,
    *,
    meeting_kind: str = MeetingKind.DISCIPLINARY_HEARING,
) -> Case:
    day = timezone.localdate() - datetime.timedelta(days=2)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind=meeting_kind,
        scheduled_for=_at(day),
        chair=chair,
        place="Room 4",
        notice_sent_on=day - datetime.timedelta(days=30),
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    for allegation in case.allegations.all():
        services.allegation_record_finding(
            actor=hana, allegation=allegation, finding="upheld", reasons="Two witnesses confirmed it."
        )
    case.refresh_from_db()
    services.outcome_record(
        actor=hana,
        case=case,
        decision="The allegation is upheld.",
        reasons="You accepted raising your voice and the CCTV confirms it.",
        sanction=sanction,
        decided_by=chair,
        expected_version=case.version,
    )
    case.refresh_from_db()
    return case


def pdf_text(letter: Letter) -> list[str]:
    letter.document.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(letter.document.file.read()))
    finally:
        letter.document.file.close()
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def issue_and_render(hana: User, case: Case, kind: str, language: str = "en", **kwargs) -> Letter:
    letter = services.letter_issue(actor=hana, case=case, kind=kind, language=language, **kwargs)
    services.letter_render(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERED, letter.error
    return letter


@dataclass
class World:
    org: Organisation
    case: Case
    subject: Employee


@pytest.fixture
def letter_world(hana, erin, sam) -> World:
    org = make_organisation()
    return World(org=org, case=open_case(hana, sam.employee_record), subject=sam.employee_record)


# --------------------------------------------------------------------------- gaps


def test_a_missing_hearing_is_an_error_and_refuses_the_issue(hana, letter_world):
    html, gaps = services.letter_preview(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )
    errors = [g for g in gaps if g.is_error]
    assert [g.field for g in errors] == ["meeting"]
    assert 'class="gap"' in html and "Sam Subject" in html
    with pytest.raises(ApplicationError) as refused:
        services.letter_issue(
            actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
        )
    assert refused.value.field == "meeting"
    assert not Letter.objects.exists()


def test_a_letter_without_a_signatory_or_outcome_is_refused(hana, erin, sam):
    case = open_case(hana, sam.employee_record)
    _, gaps = services.letter_preview(
        actor=hana, case=case, kind=LetterKind.DISCIPLINARY_OUTCOME, language="en"
    )
    assert {g.field for g in gaps if g.is_error} == {"organisation", "outcome"}


def test_a_dismissal_notice_needs_the_end_date_and_in_norway_the_delivery(hana, erin, oslo, operations):
    make_organisation()
    kari = make_employee(oslo, operations, "Kari", "Nordmann")
    case = decide(hana, open_case(hana, kari), erin, Sanction.DISMISSAL_WITH_NOTICE)
    _, gaps = services.letter_preview(actor=hana, case=case, kind=LetterKind.DISMISSAL_NOTICE, language="nb")
    assert {g.field for g in gaps if g.is_error} == {"employment_ends_on", "delivery"}
    assert {g.rule for g in gaps} >= {"NO-TERM-002"}


def test_user_text_is_escaped_in_the_letter(hana, erin, letter_world):
    services.allegation_add(
        actor=hana,
        case=letter_world.case,
        category="conduct",
        description="<script>alert('x')</script> & <b>bold</b>",
    )
    schedule(hana, letter_world.case, erin)
    html, gaps = services.letter_preview(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_the_letter_date_is_the_local_date_of_the_case_location(hana, erin, sam, hanoi, operations):
    make_organisation()
    late_evening_utc = datetime.datetime(2026, 10, 28, 23, 30, tzinfo=datetime.UTC)
    an = make_employee(hanoi, operations, "An", "Nguyễn Văn")
    london_case = open_case(hana, sam.employee_record)
    hanoi_case = open_case(hana, an)
    london = letters.letter_draft(
        case=london_case, kind=LetterKind.SUSPENSION_CONFIRMATION, language="en", at=late_evening_utc
    )
    hanoi_draft = letters.letter_draft(
        case=hanoi_case, kind=LetterKind.SUSPENSION_CONFIRMATION, language="vi", at=late_evening_utc
    )
    assert london.context["letter_date"] == "2026-10-28"
    assert hanoi_draft.context["letter_date"] == "2026-10-29"


# --------------------------------------------------------------------------- rendering


def test_a_disciplinary_invitation_names_the_allegations_hearing_evidence_and_companion_right(
    hana, erin, letter_world
):
    case = letter_world.case
    statement = services.document_store_bytes(
        actor=hana,
        data=b"Witness statement of Pat",
        name="pat.txt",
        title="Witness statement: Pat Lee",
        kind=DocumentKind.STATEMENT,
        case=case,
    )
    case.allegations.get().evidence.add(statement)
    meeting = schedule(hana, case, erin)
    letter = issue_and_render(hana, case, LetterKind.DISCIPLINARY_INVITATION)

    text = "\n".join(pdf_text(letter))
    hearing_day = timezone.localtime(meeting.scheduled_for, ZoneInfo("Europe/London")).date()
    assert "Sam Subject" in text and "Private and confidential".upper() in text.upper()
    assert letters.long_date(hearing_day, "en") in text and "10:00" in text and "Room 4, Canal Street" in text
    assert "Shouted at a colleague on the warehouse floor" in text
    assert "Witness statement: Pat Lee" in text
    assert "section 10 of the Employment Relations Act 1999" in text and "trade union representative" in text
    assert "dismissal" in text and "Grace Hopper" in text and "HR Director" in text
    assert f"{case.reference}/L{letter.pk}" in text
    document = letter.document
    assert (
        document.kind == DocumentKind.LETTER
        and document.case == case
        and document.content_type == "application/pdf"
    )
    assert len(document.sha256) == 64 and document.size > 1000 and document.page_count >= 1
    assert letter.meeting == meeting and letter.context["meeting"]["time"] == "10:00"
    assert TimelineEntry.objects.filter(
        case=case, kind=TimelineKind.LETTER, summary__startswith="Letter ready"
    ).exists()


def test_a_disciplinary_outcome_states_sanction_live_period_and_appeal_deadline_and_starts_the_window(
    hana, erin, letter_world
):
    case = decide(hana, letter_world.case, erin, Sanction.FIRST_WRITTEN_WARNING)
    letter = issue_and_render(
        hana, case, LetterKind.DISCIPLINARY_OUTCOME, details={"appeal_to": "Ola Senior, COO"}
    )

    text = "\n".join(pdf_text(letter))
    letter_date = datetime.date.fromisoformat(letter.context["letter_date"])
    appeal_by = guardrails.appeal_deadline(case, letter_date)
    assert "a first written warning" in text
    assert letters.long_date(case.outcome.warning_live_until, "en") in text
    assert letters.long_date(appeal_by, "en") in text and "Ola Senior, COO" in text
    assert "You accepted raising your voice and the CCTV confirms it." in text
    window = Deadline.objects.get(
        owner_type="cases.case", owner_id=case.pk, key=deadlines.APPEAL_WINDOW, status=DeadlineStatus.OPEN
    )
    assert window.due_on == appeal_by
    case.outcome.refresh_from_db()
    assert case.outcome.appeal_deadline == appeal_by


def test_a_norwegian_dismissal_notice_has_the_section_15_4_contents(hana, erin, oslo, operations):
    make_organisation()
    kari = make_employee(oslo, operations, "Kari", "Nordmann")
    case = decide(hana, open_case(hana, kari), erin, Sanction.DISMISSAL_WITH_NOTICE)
    letter = issue_and_render(
        hana,
        case,
        LetterKind.DISMISSAL_NOTICE,
        language="nb",
        details={"employment_ends_on": "2026-08-31", "delivery": "registered_post"},
    )

    pages = pdf_text(letter)
    text = "\n".join(pages)
    assert "Oppsigelse" in text and "Kari Nordmann" in text and "31. august 2026" in text
    assert "rekommandert" in text and "§ 15-4" in text
    assert "to uker" in text and "§ 17-3" in text
    assert "åtte uker" in text and "seks måneder" in text and "§ 17-4" in text
    assert "§ 15-11" in text and "Northwind Group Ltd" in text and "saksøkt" in text
    assert "Med vennlig hilsen" in text
    if len(pages) > 1:
        assert f"Side 2 av {len(pages)}" in pages[1] and "Side 1 av" not in pages[0]


def test_a_vietnamese_outcome_letter_is_written_in_vietnamese(hana, erin, hanoi, operations):
    make_organisation()
    an = make_employee(hanoi, operations, "An", "Nguyễn Văn")
    case = open_case(hana, an)
    case = decide(hana, case, erin, Sanction.REPRIMAND)
    _, gaps = services.letter_preview(
        actor=hana, case=case, kind=LetterKind.DISCIPLINARY_OUTCOME, language="vi"
    )
    assert [g.rule for g in gaps if g.is_error] == ["VN-DISC-005"]
    from policies.models import Policy, PolicyVersion

    policy = Policy.objects.create(
        title="Nội quy lao động", category="conduct", owner=hana, review_due=datetime.date(2027, 1, 1)
    )
    version = PolicyVersion.objects.create(
        policy=policy, number=2, body_markdown="Điều 5", status="effective"
    )
    case.allegations.update(policy_version=version)

    letter = issue_and_render(hana, case, LetterKind.DISCIPLINARY_OUTCOME, language="vi")
    text = "\n".join(pdf_text(letter))
    assert "Nguyễn Văn An" in text and "khiển trách" in text and "Nội quy lao động" in text
    assert "Trân trọng" in text and "Kính gửi" in text
    assert letters.long_date(case.outcome.warning_live_until, "vi") in text


def test_page_numbers_appear_from_page_two_only(hana, erin, sam):
    make_organisation()
    long_text = " ".join(["The employee left the loading bay gate open during the night shift."] * 12)
    case = open_case(hana, sam.employee_record, allegations=tuple(f"{n}: {long_text}" for n in range(1, 6)))
    schedule(hana, case, erin)
    letter = issue_and_render(hana, case, LetterKind.DISCIPLINARY_INVITATION)
    pages = pdf_text(letter)
    assert len(pages) >= 2 and letter.document.page_count == len(pages)
    assert "Page 1 of" not in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1]


def test_rendering_twice_files_one_document(hana, erin, letter_world):
    schedule(hana, letter_world.case, erin)
    letter = issue_and_render(hana, letter_world.case, LetterKind.DISCIPLINARY_INVITATION)
    again = services.letter_render(letter_id=letter.pk)
    assert again.document_id == letter.document_id
    assert letter_world.case.documents.filter(kind=DocumentKind.LETTER).count() == 1


def test_an_override_with_a_remote_image_renders_offline_and_records_the_refused_url(
    hana, ada, erin, letter_world
):
    schedule(hana, letter_world.case, erin)
    override = services.letter_override_save(
        actor=ada,
        kind=LetterKind.DISCIPLINARY_INVITATION,
        language="en",
        body='<p>Our own wording for {{ addressee.name }}.</p><img src="http://tracker.example/pixel.png">',
    )
    letter = issue_and_render(hana, letter_world.case, LetterKind.DISCIPLINARY_INVITATION)
    assert letter.override == override and letter.context["override_version"] == override.version
    assert "Our own wording for Sam Subject." in "\n".join(pdf_text(letter))
    rendered = AuditEntry.objects.get(action="letter_rendered", object_id=str(letter.pk))
    assert rendered.changes["refused_urls"] == [None, ["http://tracker.example/pixel.png"]]


def test_a_broken_override_is_a_gap_not_a_crash(hana, ada, erin, letter_world):
    schedule(hana, letter_world.case, erin)
    services.letter_override_save(
        actor=ada, kind=LetterKind.DISCIPLINARY_INVITATION, language="en", body="{% if %}broken"
    )
    _, gaps = services.letter_preview(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )
    assert [g.field for g in gaps if g.is_error] == ["override"]


# --------------------------------------------------------------------------- failure, retry, corrections


def test_a_render_failure_marks_the_letter_failed_and_a_retry_renders_it(
    hana, erin, letter_world, monkeypatch
):
    schedule(hana, letter_world.case, erin)
    letter = services.letter_issue(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )

    def crash(html: str, **kwargs):
        raise RuntimeError("WeasyPrint ran out of memory")

    monkeypatch.setattr(letter_services, "render_pdf", crash)
    failed = services.letter_render(letter_id=letter.pk)
    assert failed.status == LetterStatus.FAILED and "WeasyPrint ran out of memory" in failed.error
    assert failed.document is None
    monkeypatch.undo()

    queued = services.letter_retry(actor=hana, letter=failed)
    assert queued.status == LetterStatus.QUEUED and queued.error == ""
    rendered = services.letter_render(letter_id=letter.pk)
    assert rendered.status == LetterStatus.RENDERED and rendered.document is not None
    with pytest.raises(ApplicationError):
        services.letter_retry(actor=hana, letter=rendered)


def test_transient_errors_are_retried_with_back_off_then_the_letter_fails(
    hana, erin, letter_world, monkeypatch
):
    schedule(hana, letter_world.case, erin)
    letter = services.letter_issue(
        actor=hana, case=letter_world.case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"
    )
    calls: list[int] = []

    def disk_full(html: str, **kwargs):
        calls.append(1)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(letter_services, "render_pdf", disk_full)
    # Eager retries run inline (no waiting) when eager errors are not propagated.
    conf = letter_render_task.app.conf
    propagates = conf.task_eager_propagates
    conf.task_eager_propagates = False
    try:
        letter_render_task.apply(args=[letter.pk])
    finally:
        conf.task_eager_propagates = propagates
    letter.refresh_from_db()
    assert len(calls) == LETTER_MAX_RETRIES + 1
    assert letter.status == LetterStatus.FAILED and "No space left on device" in letter.error
    assert letter.attempts == LETTER_MAX_RETRIES + 1


def test_a_correction_names_the_letter_it_replaces_and_each_letter_is_replaced_once(hana, erin, letter_world):
    schedule(hana, letter_world.case, erin)
    first = issue_and_render(hana, letter_world.case, LetterKind.DISCIPLINARY_INVITATION)
    correction = issue_and_render(hana, letter_world.case, LetterKind.DISCIPLINARY_INVITATION, replaces=first)
    assert correction.replaces == first
    assert f"replaces our letter {first.context['reference']}" in " ".join(pdf_text(correction))
    with pytest.raises(ApplicationError) as refused:
        services.letter_issue(
            actor=hana,
            case=letter_world.case,
            kind=LetterKind.DISCIPLINARY_INVITATION,
            language="en",
            replaces=first,
        )
    assert refused.value.field == "replaces"
    assert Letter.objects.count() == 2
