"""The main pages say nothing in English to a Norwegian or Vietnamese reader: every sentence goes
through gettext, every date through the locale's format, every holiday name through a catalogue.

The check runs with a pseudo-catalogue that alters every string gettext returns in nb and vi
("Deadline met" → "Déádlíñé mét"), so it finds English that never reaches a catalogue whatever
the state of the translations: a sentence built in English and stored, a label shown raw, a
hard-coded date format. Whether each msgid has its translation is tests/erms/test_translations.py's
job.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from accounts.models import Jurisdiction
from cases import services as case_services
from cases.models import CaseKind, CaseStatus
from deadlines import services as deadline_services
from deadlines.models import Deadline, Reminder, ReminderStage
from erms.lib import clock
from policies import services as policy_services
from unions import services as union_services
from unions.models import BodyKind, Consultation, ConsultationStatus, EmployeeBody, ProposalKind

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")

# English seen on nb and vi pages: sentences, labels, statuses, holiday names, dates.
ENGLISH = [
    r"Deadline met",
    r"Deadline:",
    r"Deadline moved",
    r"Status: ",
    r"Next step",
    r"Send the invitation",
    r"notice sent today",
    r"Complete the investigation",
    r"Overdue",
    r"Due today",
    r"Consultation opened",
    r"representatives invited",
    r"Appeal window",
    r"\b(?:Triage|Investigation)\b",
    r"\b(?:[Vv]erified|[Uu]nverified)\b",
    r"\b(?:Block|Warn)\b",
    r"deadline done",
    r"Christmas Day",
    r"Boxing Day",
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b",
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\. \d",
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b",
    r"\b20\d\d-\d\d-\d\d\b",
    # The jurisdiction rules' names, variants, periods and notes (policies/rule_texts.py).
    r"Companion unavailable",
    r"Discipline limitation period",
    r"Time to (?:appeal|hear the appeal)",
    r"Reprimand: 3 months",
    r"100 or more: 45 days",
    r"\b\d+ (?:months?|weeks?|working days?|calendar days?)\b",
    r"LC Arts? \d",
    r"UNVERIFIED|Ship inactive",
]

# What the pseudo-catalogue leaves alone: placeholders, tags, entities.
_KEEP = re.compile(r"%\(\w+\)[sdrif]|%[sd]|<[^>]*>|&#?\w+;|\{[^}]*\}")
_ALTER = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")


def _pseudo(text: str) -> str:
    kept = [m.span() for m in _KEEP.finditer(text)]
    out, at = [], 0
    for start, end in kept:
        out.append(text[at:start].translate(_ALTER))
        out.append(text[start:end])
        at = end
    out.append(text[at:].translate(_ALTER))
    return "".join(out)


@pytest.fixture
def pseudo_catalogue(monkeypatch):
    """nb and vi answer every gettext with the altered text; English stays as it is."""
    plain_gettext = trans_real.DjangoTranslation.gettext
    plain_ngettext = trans_real.DjangoTranslation.ngettext

    def gettext(self, message):
        text = plain_gettext(self, message)
        return _pseudo(text) if self.language() in ("nb", "vi") and "\x04" not in text else text

    def ngettext(self, singular, plural, number):
        text = plain_ngettext(self, singular, plural, number)
        return _pseudo(text) if self.language() in ("nb", "vi") else text

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Hidden choices are not shown (the calculator offers only the chosen rule's variants).
    html = re.sub(r"<option\b[^>]*\bhidden\b[^>]*>.*?</option>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", html))


@pytest.fixture
def world(hana, erin, sam, london, operations):
    case = case_services.case_open(
        actor=hana,
        kind=CaseKind.DISCIPLINARY,
        title="Conduct",
        case_manager=hana,
        location=london,
        department=operations,
        parties=[(sam.employee_record, "subject")],
    )
    case_services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
    )
    case.refresh_from_db()
    case_services.investigation_plan_set(
        actor=hana, case=case, target_date=datetime.date(2026, 12, 30), terms_of_reference="Scope"
    )
    for day, sent in (
        (datetime.date(2026, 12, 14), datetime.date(2026, 12, 4)),
        (datetime.date(2026, 12, 21), datetime.date(2026, 12, 9)),
    ):
        case_services.meeting_schedule(
            actor=hana,
            case=case,
            kind="disciplinary_hearing",
            scheduled_for=datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON),
            chair=erin,
            notice_sent_on=sent,
        )
    policy_services.policy_create(
        actor=hana,
        title="Code",
        category="conduct",
        jurisdictions=["GB"],
        review_due=datetime.date(2026, 12, 28),
        owner=hana,
    )
    # The sweep, in English, escalates the overdue investigation to the ER lead.
    investigation = Deadline.objects.get(owner_id=case.pk, title__startswith="Complete the investigation")
    Deadline.objects.filter(pk=investigation.pk).update(due_at=clock.now() - datetime.timedelta(days=2))
    Reminder.objects.filter(deadline=investigation, stage=ReminderStage.ESCALATION).update(
        send_at=clock.now() - datetime.timedelta(minutes=5)
    )
    with translation.override("en"):
        deadline_services.reminders_send_due(now=clock.now())
    # A consultation opened by someone reading ERMS in English: its log says so.
    consultation = Consultation.objects.create(
        kind=ProposalKind.COLLECTIVE_REDUNDANCY,
        title="Warehouse",
        jurisdiction=Jurisdiction.GB,
        number_affected=120,
        status=ConsultationStatus.PLANNED,
        government_notified_on=datetime.date(2026, 11, 20),
    )
    consultation.bodies.add(
        EmployeeBody.objects.create(name="Unite", kind=BodyKind.TRADE_UNION, jurisdiction=Jurisdiction.GB)
    )
    with translation.override("en"):
        union_services.consultation_open(
            actor=erin, consultation=consultation, on=datetime.date(2026, 11, 28)
        )
    return case


def _pages(case) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        "home": (reverse("home"), {}),
        "case list": (reverse("cases:case_list"), {}),
        "case page": (reverse("cases:case_detail", args=[case.pk]), {}),
        "my work": (reverse("cases:my_work"), {}),
        "calculator": (
            reverse("policies:deadline_calculator"),
            {"rule": "GB-ACC-002", "start": "2026-12-21", "region": "GB-ENG"},
        ),
        "calendar": (reverse("deadlines:deadline_calendar"), {"month": "2026-12", "scope": "all"}),
        "trends": (reverse("cases:dashboard"), {}),
        "policy list": (reverse("policies:policy_list"), {}),
        "rules": (reverse("policies:rule_list"), {}),
        "procedures": (reverse("policies:procedure_list"), {}),
        "calculator opened": (reverse("policies:deadline_calculator"), {}),
        "notifications": (reverse("deadlines:notification_list"), {}),
        "consultation": (
            reverse("unions:consultation_detail", args=[Consultation.objects.get(title="Warehouse").pk]),
            {},
        ),
    }


@pytest.mark.parametrize("language", ["nb", "vi"])
def test_it_shows_no_english_on_norwegian_and_vietnamese_pages(
    pseudo_catalogue, client, erin, world, language
):
    client.force_login(erin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    found = {}
    for name, (url, query) in _pages(world).items():
        response = client.get(url, query)
        assert response.status_code == 200, name
        text = _visible_text(response.content.decode())
        english = sorted({m.group(0) for pattern in ENGLISH for m in re.finditer(pattern, text)})
        if english:
            found[name] = english

    assert not found, f"English on {language} pages (not through gettext or the locale's formats): {found}"


def test_it_finds_english_that_bypasses_gettext(pseudo_catalogue, client, erin, world):
    """The check itself: the same pages in English are full of what it looks for."""
    client.force_login(erin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url, _ = _pages(world)["case page"]

    text = _visible_text(client.get(url).content.decode())

    for english in ("Deadline:", "Status: ", "Investigation", "Dec 2026"):
        assert english in text
