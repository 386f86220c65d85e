"""Deadline titles and timeline lines are kept as what happened and written out in the reader's
language, dates in the reader's format, whoever wrote them and in whichever language."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases import deadlines, services
from cases.models import CaseKind, CaseStatus, TimelineKind
from deadlines.models import Deadline

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _case_with_a_hearing(hana, erin, sam, london, operations):
    with translation.override("nb"):  # the writer works in Norwegian
        case = services.case_open(
            actor=hana,
            kind=CaseKind.DISCIPLINARY,
            title="Conduct",
            case_manager=hana,
            location=london,
            department=operations,
            parties=[(sam.employee_record, "subject")],
        )
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.INVESTIGATION, expected_version=case.version
        )
        services.meeting_schedule(
            actor=hana,
            case=case,
            kind="disciplinary_hearing",
            scheduled_for=datetime.datetime(2026, 4, 1, 10, tzinfo=LONDON),
            chair=erin,
            notice_sent_on=datetime.date(2026, 3, 20),
        )
    return case


def test_it_writes_deadline_titles_in_the_readers_language(hana, erin, sam, london, operations):
    case = _case_with_a_hearing(hana, erin, sam, london, operations)
    notice = Deadline.objects.get(owner_type="cases.case", owner_id=case.pk, key=deadlines.HEARING_NOTICE)

    # Kept in the site's language for search and the admin, with no date that goes stale.
    assert notice.title == "Send the invitation to the disciplinary hearing on 1 Apr 2026"
    with translation.override("nb"):
        assert "1. apr. 2026" in notice.display_title and "2026-04-01" not in notice.display_title
    with translation.override("vi"):
        assert "1/4/2026" in notice.display_title


def test_it_writes_timeline_lines_in_the_readers_language(hana, erin, sam, london, operations):
    case = _case_with_a_hearing(hana, erin, sam, london, operations)
    met = case.timeline.get(kind=TimelineKind.DEADLINE, summary__startswith="Deadline met")
    status = case.timeline.get(kind=TimelineKind.STATUS, summary="Status: Triage → Investigation")

    assert status.summary == "Status: Triage → Investigation"
    with translation.override("nb"):
        assert met.display_summary.startswith(translation.gettext("Deadline met: %(title)s") % {"title": ""})
        assert met.display_summary != met.summary and "1. apr. 2026" in met.display_summary
        triage, investigation = (
            translation.gettext(s.label) for s in (CaseStatus.TRIAGE, CaseStatus.INVESTIGATION)
        )
        assert investigation != "Investigation"
        assert status.display_summary == f"Status: {triage} → {investigation}"


def test_it_shows_the_case_timeline_and_deadlines_in_the_readers_language(
    client, hana, erin, sam, london, operations
):
    case = _case_with_a_hearing(hana, erin, sam, london, operations)
    client.force_login(hana)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    api = client.get(f"/api/v1/cases/{case.pk}/timeline/")

    with translation.override("nb"):
        met = translation.gettext("Deadline met: %(title)s") % {"title": ""}
    assert met in page and "Deadline met" not in page
    assert "2026-04-01" not in page and "1. apr. 2026" in page
    summaries = [e["summary"] for e in api.json()["results"]]
    assert any(s.startswith(met) for s in summaries)
    assert not any(s.startswith("Deadline met") for s in summaries)
