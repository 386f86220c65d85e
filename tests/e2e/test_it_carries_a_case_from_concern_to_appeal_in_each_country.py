"""One real case, start to finish, in a browser, in each country: a line manager raises a concern;
HR opens a case, links the allegation to the policy version in force, plans the investigation,
invites the employee with the notice the country requires, holds the hearing, records the finding
and the outcome, issues the outcome letter (rendered to PDF by a real Celery worker) and follows
the country's route after the decision: an internal appeal heard by someone not involved (GB, US),
the employee's negotiation and lawsuit deadlines (NO), the labour-dispute route (VN). Every date
asserted is one ../shared/DOMAIN.md gives (AC-01, AC-13, E4, E5, VN-DISC-004, GB-ACC-002)."""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import Page, expect

from accounts.models import Location
from cases.models import Case, Concern, Letter, LetterStatus
from tests.cases.test_it_links_allegations_to_a_policy_version_and_evidence import _policy
from tests.cases.test_letters import make_organisation, pdf_text
from tests.e2e.conftest import log_in
from tests.e2e.test_case_page import _open_action
from tests.factories import EmployeeFactory

# serialized_rollback: the live server needs committed rows, and the role groups made by the data
# migrations must be back for the tests that run after this one.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@dataclass(frozen=True)
class Journey:
    location: str  # the fixture
    first_name: str
    last_name: str
    policy: str
    started: datetime.datetime  # the concern is raised and the case worked up to the invitation
    incident: datetime.date
    invited: datetime.date
    too_soon: datetime.date | None  # a hearing the notice rule refuses (None: it only warns)
    earliest: datetime.date  # the first day the notice allows
    hearing: datetime.date
    decided: datetime.datetime  # the hearing is held and the outcome recorded
    sanction: str
    letter: str
    language: str
    letter_says: tuple[str, ...]  # the country's required contents, as the PDF reads
    deadlines: dict[str, str] = field(default_factory=dict)  # rule id → due date as an English page shows it
    after_decision_rule: str = ""
    letter_details: dict[str, str] = field(default_factory=dict)
    appeal_on: datetime.datetime | None = None


def _at(day: datetime.date, hour: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(zone))


GB = Journey(
    location="london",
    first_name="Sam",
    last_name="Stone",
    policy="Code of conduct",
    started=_at(datetime.date(2026, 3, 2), 9, "Europe/London"),  # Mon 2 Mar 2026
    incident=datetime.date(2026, 2, 27),
    invited=datetime.date(2026, 3, 2),
    too_soon=datetime.date(2026, 3, 5),  # AC-01: Thu 5 Mar refused, naming the procedure
    earliest=datetime.date(2026, 3, 9),  # … earliest Mon 9 Mar
    hearing=datetime.date(2026, 3, 9),
    decided=_at(datetime.date(2026, 3, 9), 16, "Europe/London"),
    sanction="first_written_warning",
    letter="disciplinary_outcome",
    language="en",
    # The appeal window (GB-APP-001 via the procedure: 5 working days) and the warning's live
    # period (12 months counting the day of issue, as AC-05).
    letter_says=("first written warning", "16 March 2026", "8 March 2027", "right of appeal"),
    deadlines={"GB-ACC-002": "16 Mar 2026", "GB-APP-001": "16 Mar 2026"},
    after_decision_rule="GB-APP-001",
    appeal_on=_at(datetime.date(2026, 3, 11), 10, "Europe/London"),
)

US = Journey(
    location="new_york",
    first_name="Joe",
    last_name="Park",
    policy="Code of business conduct",
    started=_at(datetime.date(2026, 1, 12), 10, "America/New_York"),  # Mon 12 Jan 2026
    incident=datetime.date(2026, 1, 9),
    invited=datetime.date(2026, 1, 12),
    too_soon=None,  # US-DISC-001: the procedure's 2 working days only warn
    earliest=datetime.date(2026, 1, 14),
    hearing=datetime.date(2026, 1, 13),
    decided=_at(datetime.date(2026, 1, 15), 15, "America/New_York"),  # E4: the act, Thu 15 Jan 2026
    sanction="dismissal_with_notice",
    letter="disciplinary_outcome",
    language="en",
    letter_says=("dismissal with notice", "25 January 2026", "right of appeal"),
    # E4: the EEOC risk date, 180 days on; the organisation's appeal window, 10 calendar days.
    deadlines={"US-LIM-001": "14 Jul 2026", "US-DISC-001": "25 Jan 2026"},
    after_decision_rule="US-DISC-001",
    appeal_on=_at(datetime.date(2026, 1, 20), 10, "America/New_York"),
)

NO = Journey(
    location="oslo",
    first_name="Kari",
    last_name="Nordmann",
    policy="Etiske retningslinjer",
    started=_at(datetime.date(2026, 1, 12), 9, "Europe/Oslo"),  # Mon 12 Jan 2026
    incident=datetime.date(2026, 1, 8),
    invited=datetime.date(2026, 1, 12),
    too_soon=datetime.date(2026, 1, 14),  # NO procedure: 3 working days before the drøftingsmøte
    earliest=datetime.date(2026, 1, 15),
    hearing=datetime.date(2026, 1, 15),
    decided=_at(datetime.date(2026, 1, 20), 15, "Europe/Oslo"),  # E5: notice received Tue 20 Jan 2026
    sanction="dismissal_with_notice",
    letter="dismissal_notice",
    language="nb",
    letter_details={"employment_ends_on": "2026-03-31", "delivery": "by_hand"},
    # NO-TERM-002: the notice says it is given under § 15-4, with the rights to negotiate and sue.
    letter_says=("§ 15-4", "to uker", "åtte uker", "31. mars 2026"),
    # E5: a demand for negotiations by Tue 3 Feb 2026 (NO-DISP-001).
    deadlines={"NO-DISP-001": "3 Feb 2026"},
    after_decision_rule="NO-DISP-001",
)

VN = Journey(
    location="hanoi",
    first_name="Minh",
    last_name="Tran Van",
    policy="Nội quy lao động",
    started=_at(datetime.date(2026, 3, 2), 9, "Asia/Ho_Chi_Minh"),  # Mon 2 Mar 2026
    incident=datetime.date(2026, 2, 10),  # E3: the violation, Tue 10 Feb 2026
    invited=datetime.date(2026, 3, 2),
    too_soon=datetime.date(2026, 3, 5),  # VN-DISC-004: five working days' notice
    earliest=datetime.date(2026, 3, 9),
    hearing=datetime.date(2026, 3, 9),
    decided=_at(datetime.date(2026, 3, 16), 15, "Asia/Ho_Chi_Minh"),  # AC-13: a reprimand of Mon 16 Mar
    sanction="reprimand",
    letter="disciplinary_outcome",
    language="vi",
    # VN-SANC-003: live through Tue 16 Jun 2026; VN-DISP-001: the labour-dispute route.
    letter_says=("16 tháng 06 năm 2026", "Điều 126", "Điều 188"),
    deadlines={"VN-DISC-003": "10 Aug 2026"},  # E3: the limitation from the violation (met by the decision)
    after_decision_rule="VN-DISP-001",
)

EARLIEST = re.compile(r"(\d{4}-\d{2}-\d{2}|\d{1,2}[ ./]\s?\w+\.?[ ./]\s?\d{4})")


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def _travel(moment: datetime.datetime):
    """The clock at ``moment`` for the browser, the live server and the worker alike."""
    return time_machine.travel(moment, tick=True)


def _sign_in(page: Page, email: str) -> None:
    """Sign in afresh: a session lasts a working day, and the journey spans weeks."""
    page.context.clear_cookies()
    log_in(page, email)


def _deadline_row(page: Page, rule: str):
    return page.locator("#deadlines table.deadlines tbody tr", has=page.locator(".rule-id", has_text=rule))


def _wait_for_render(letter: Letter) -> Letter:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        letter.refresh_from_db()
        if letter.status != LetterStatus.QUEUED:
            break
        time.sleep(0.3)
    assert letter.status == LetterStatus.RENDERED, letter.error
    return letter


def _walk(page: Page, request, journey: Journey, broker, liam, hana, erin, ada) -> Case:
    location: Location = request.getfixturevalue(journey.location)
    make_organisation()
    _policy(erin, journey.policy, "conduct", [location.jurisdiction], datetime.date(2025, 1, 1))
    employee = EmployeeFactory(
        first_name=journey.first_name,
        last_name=journey.last_name,
        location=location,
        department=liam.employee_record.department,
    )
    full_name = employee.full_name

    with _travel(journey.started):
        # The line manager raises the concern, finding the employee with the picker.
        log_in(page, liam.email)
        page.goto("/cases/concerns/new/")
        page.wait_for_load_state("load")
        page.fill("#id_about", journey.last_name)
        result = page.locator(".picker-results label", has_text=full_name)
        expect(result).to_contain_text(location.name)  # the picker shows where each person works
        result.locator("input").check()
        page.select_option("#id_category", "conduct")
        page.fill("#id_description", f"{full_name} took goods from the stockroom without paying.")
        if page.locator("#id_occurred_on").count():
            page.fill("#id_occurred_on", journey.incident.isoformat())
        page.get_by_role("button", name="Send to HR").click()
        expect(page).to_have_url(re.compile(r"/cases/concerns/mine/"))
        concern = Concern.objects.get(about=employee)

        # HR triages it into a disciplinary case.
        _sign_in(page, hana.email)
        page.goto(f"/cases/triage/{concern.pk}/")
        accept = _open_action(page, "Accept into a new case")
        accept.locator("select[name=kind]").select_option("disciplinary")
        accept.locator("select[name=case_manager]").select_option(label="Hana Case")
        accept.locator("textarea[name=reason]").fill("Theft from the stockroom needs a formal process.")
        accept.get_by_role("button", name="Open the case").click()
        expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
        case = Case.objects.get(concerns=concern)
        assert case.jurisdiction == location.jurisdiction

        # The allegation, linked to the policy version in force on the incident date.
        allegation = _open_action(page, "Add an allegation")
        allegation.locator("select[name=category]").select_option("conduct")
        allegation.locator("textarea[name=description]").fill("Took goods from the stockroom without paying.")
        date_input = allegation.locator("input[name=incident_date]")
        date_input.fill(journey.incident.isoformat())
        date_input.dispatch_event("change")
        expect(allegation.locator("select[name=policy_version] option:checked")).to_contain_text(
            f"{journey.policy} v1"
        )
        allegation.get_by_role("button", name="Add allegation").click()
        expect(page.locator("#allegations article.allegation")).to_contain_text(f"{journey.policy} v1")

        # The investigation.
        plan = _open_action(page, "Set the investigation plan")
        plan.locator("textarea[name=terms_of_reference]").fill("Establish what was taken, when and by whom.")
        plan.get_by_role("button", name="Save plan").click()
        expect(page.locator("#investigation")).to_contain_text("Establish what was taken")

        # The hearing, with the notice the country requires.
        def schedule(day: datetime.date):
            meeting = _open_action(page, "Schedule a meeting")
            meeting.locator("select[name=kind]").select_option("disciplinary_hearing")
            meeting.locator("input[name=scheduled_for]").fill(f"{day.isoformat()}T10:00")
            meeting.locator("select[name=chair]").select_option(label="Erin Lead")
            meeting.locator("input[name=notice_sent_on]").fill(journey.invited.isoformat())
            meeting.locator("input[name=place]").fill("Meeting room 1")
            meeting.get_by_role("button", name="Schedule").click()

        if journey.too_soon is not None:
            schedule(journey.too_soon)
            summary = page.locator("#error-summary")
            expect(summary).to_be_visible()
            text = summary.inner_text()
            assert any(
                earliest in text
                for earliest in (
                    journey.earliest.isoformat(),
                    journey.earliest.strftime("%-d %b %Y"),
                    journey.earliest.strftime("%-d/%-m/%Y"),
                )
            ), text
            assert not case.meetings.exists()
        schedule(journey.hearing)
        expect(page.locator("#meetings article.meeting")).to_contain_text("Disciplinary hearing")
        if journey.too_soon is None:  # the notice only warns, and says the earliest day
            expect(page.locator("body")).to_contain_text(journey.earliest.strftime("%-d %b %Y"))
        if "GB-ACC-002" in journey.deadlines:
            expect(
                _deadline_row(page, "GB-ACC-002").filter(has_text=journey.deadlines["GB-ACC-002"])
            ).to_be_visible()

    with _travel(journey.decided):
        _sign_in(page, hana.email)
        page.goto(case.get_absolute_url())
        held = _open_action(page, "Record as held")
        held.locator("textarea[name=outcome_summary]").fill("The employee attended and gave an account.")
        held.get_by_role("button", name="Record as held").click()
        expect(page.locator("#meetings article.meeting")).to_contain_text("Held")

        finding = _open_action(page, "Record the finding")
        finding.locator("select[name=finding]").select_option("upheld")
        finding.locator("textarea[name=reasons]").fill("The stock records and two witnesses agree.")
        finding.get_by_role("button", name="Record finding").click()
        expect(page.locator("#allegations article.allegation")).to_contain_text("Upheld")

        outcome = _open_action(page, "Record the outcome")
        outcome.locator("textarea[name=decision]").fill("The allegation is upheld.")
        outcome.locator("textarea[name=reasons]").fill(
            "Theft is gross misconduct; the employee's record is taken into account."
        )
        outcome.locator("select[name=sanction]").select_option(journey.sanction)
        outcome.locator("select[name=decided_by]").select_option(label="Erin Lead")
        outcome.locator("input[name=decided_on]").fill(journey.decided.date().isoformat())
        outcome.get_by_role("button", name="Record outcome").click()
        expect(page.locator("#outcome")).to_contain_text("The allegation is upheld.")
        for rule, due in journey.deadlines.items():
            if rule != "GB-ACC-002":
                expect(_deadline_row(page, rule).filter(has_text=due).first).to_be_visible()
        api = page.request.get(f"/api/v1/cases/{case.pk}/")
        assert api.ok and api.json()["after_decision_rule"] == journey.after_decision_rule
        assert api.json()["next_step"]

        # The outcome letter, issued from the composer and rendered by a real worker.
        with start_worker(broker, perform_ping_check=False, pool="solo", concurrency=1, shutdown_timeout=10):
            query = f"kind={journey.letter}&language={journey.language}" + "".join(
                f"&{name}={value}" for name, value in journey.letter_details.items()
            )
            page.goto(f"/cases/{case.pk}/letters/preview/?{query}")
            expect(page.frame_locator("iframe.letter-frame").locator(".sheet")).to_contain_text(
                journey.last_name
            )
            page.get_by_role("button", name="Issue this letter").click()
            letter = _wait_for_render(Letter.objects.get(case=case, kind=journey.letter))
        text = " ".join(pdf_text(letter))
        assert full_name in text or journey.last_name in text, text
        for words in journey.letter_says:
            assert words in text, (words, text)
        page.goto(case.get_absolute_url())
        expect(page.locator("#letters")).to_contain_text("Download PDF")

    if journey.appeal_on is None:
        # The route runs outside the organisation: no appeal window is borrowed from another country.
        expect(page.locator("#deadlines .rule-id", has_text="GB-APP-001")).to_have_count(0)
        return case

    with _travel(journey.appeal_on):
        _sign_in(page, hana.email)
        page.goto(case.get_absolute_url())
        appeal = _open_action(page, "Lodge an appeal")
        appeal.locator("textarea[name=grounds]").fill("The sanction is too harsh for a first offence.")
        appeal.locator("select[name=case_manager]").select_option(label="Hana Case")
        appeal.get_by_role("button", name="Open the appeal case").click()
        appeal_case = Case.objects.get(appeal_of=case)
        expect(page).to_have_url(re.compile(rf"/cases/{appeal_case.pk}/$"))

        # The appeal is heard by nobody involved: the manager who decided is refused (XJ-001).
        def schedule_appeal(chair: str):
            meeting = _open_action(page, "Schedule a meeting")
            meeting.locator("select[name=kind]").select_option("appeal_hearing")
            meeting.locator("input[name=scheduled_for]").fill(
                f"{(journey.appeal_on.date() + datetime.timedelta(days=14)).isoformat()}T10:00"
            )
            meeting.locator("select[name=chair]").select_option(label=chair)
            meeting.locator("input[name=notice_sent_on]").fill(journey.appeal_on.date().isoformat())
            meeting.get_by_role("button", name="Schedule").click()

        schedule_appeal("Erin Lead")
        expect(page.locator("#error-summary")).to_contain_text("Erin Lead")
        assert not appeal_case.meetings.exists()
        schedule_appeal("Ada Admin")
        expect(page.locator("#meetings article.meeting")).to_contain_text("Appeal hearing")
        case.refresh_from_db()
        assert case.status == "appeal_window"
    return case


def test_it_carries_a_british_case_from_concern_to_an_impartial_appeal(
    page, request, broker, liam, hana, erin, ada
):
    _walk(page, request, GB, broker, liam, hana, erin, ada)


def test_it_carries_an_american_case_from_concern_to_an_impartial_appeal(
    page, request, broker, liam, hana, erin, ada
):
    _walk(page, request, US, broker, liam, hana, erin, ada)


def test_it_carries_a_norwegian_dismissal_to_the_negotiation_and_lawsuit_deadlines(
    page, request, broker, liam, hana, erin, ada
):
    _walk(page, request, NO, broker, liam, hana, erin, ada)


def test_it_carries_a_vietnamese_reprimand_to_the_labour_dispute_route(
    page, request, broker, liam, hana, erin, ada
):
    _walk(page, request, VN, broker, liam, hana, erin, ada)
