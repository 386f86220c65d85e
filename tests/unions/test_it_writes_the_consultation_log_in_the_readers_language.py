"""The lines ERMS writes in a consultation's log (opened, government notified, concluded, withdrawn)
are read by HR and representatives in their own languages: they are stored as sentences and written
out on the page in the reader's language, with the reader's dates."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from tests.unions.conftest import make_consultation
from unions import services
from unions.models import ConsultationStatus

pytestmark = pytest.mark.django_db

D = datetime.date


def _page(client, user, consultation, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("unions:consultation_detail", args=[consultation.pk])).content.decode()


def _date(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


@pytest.mark.parametrize(
    ("language", "opened"),
    [
        ("nb", "Drøftingen er åpnet; de tillitsvalgte ble innkalt %(date)s."),
        ("vi", "Đã mở cuộc tham vấn; những người đại diện được mời ngày %(date)s."),
    ],
)
def test_it_writes_the_opening_line_in_the_readers_language(client, erin, gb_union, language, opened):
    consultation = make_consultation(
        gb_union, status=ConsultationStatus.PLANNED, started_on=None, government_notified_on=None
    )
    with translation.override("en"):  # written by someone reading ERMS in English
        services.consultation_open(actor=erin, consultation=consultation, on=D(2026, 11, 28))

    page = _page(client, erin, consultation, language)

    assert opened % {"date": _date(D(2026, 11, 28), language)} in page
    assert "Consultation opened" not in page and "28 Nov 2026" not in page


def test_it_writes_the_notice_and_withdrawal_lines_in_the_readers_language(client, erin, gb_union):
    consultation = make_consultation(gb_union, government_notified_on=None)
    with translation.override("en"):
        services.consultation_record_government_notice(
            actor=erin, consultation=consultation, on=D(2026, 3, 2)
        )
        services.consultation_withdraw(actor=erin, consultation=consultation, reason="Orders recovered")

    page = _page(client, erin, consultation, "nb")

    assert f"Varsel til myndighetene registrert for {_date(D(2026, 3, 2), 'nb')}." in page
    assert "Forslaget er trukket: Orders recovered" in page
    assert "Government notification recorded" not in page and "Proposal withdrawn" not in page


def test_it_writes_an_early_conclusion_and_its_warning_in_the_readers_language(client, erin, gb_union):
    consultation = make_consultation(gb_union)
    with translation.override("en"):
        services.consultation_conclude(
            actor=erin, consultation=consultation, on=D(2026, 4, 15), outcome="Agreed"
        )

    page = _page(client, erin, consultation, "nb")
    entry = consultation.log_entries.get()

    assert f"Drøftingen ble avsluttet {_date(D(2026, 4, 15), 'nb')}." in page
    assert "Consultation concluded" not in page and "15 Apr 2026" not in page and "16 Apr 2026" not in page
    assert _date(D(2026, 4, 16), "nb") in page and "GB-RED-001" in page and "Agreed" in page
    # The stored text, in the site's language, for the admin and search.
    assert "Consultation concluded on 15 Apr 2026." in entry.text and "GB-RED-001" in entry.text
