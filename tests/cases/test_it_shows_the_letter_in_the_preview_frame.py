"""The letter preview page shows the letter: its HTML is escaped into the frame's srcdoc, and the frame is
sized to show a page (by a stylesheet class, not an inline style)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import LetterKind
from tests.cases.test_letters import make_organisation, open_case, schedule

pytestmark = pytest.mark.django_db


class _Frames(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.frames: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.frames.append(dict(attrs))


def _frames(body: str) -> list[dict[str, str | None]]:
    parser = _Frames()
    parser.feed(body)
    return parser.frames


def _preview(client, user, case, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("cases:letter_preview", args=[case.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_puts_the_whole_letter_into_the_frames_srcdoc(client, hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    schedule(hana, case, erin)
    body = _preview(client, hana, case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en")
    [frame] = _frames(body)
    letter = frame["srcdoc"] or ""
    assert letter.lstrip().startswith("<!DOCTYPE html>") and letter.rstrip().endswith("</html>")
    assert "Sam Subject" in letter and "Room 4, Canal Street" in letter
    assert "Shouted at a colleague on the warehouse floor" in letter


def test_it_sizes_the_frame_to_a_page_with_a_stylesheet_class(client, hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    schedule(hana, case, erin)
    [frame] = _frames(_preview(client, hana, case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en"))
    assert "style" not in frame
    assert "letter-frame" in (frame.get("class") or "").split()
    css = (Path(settings.BASE_DIR) / "static" / "css" / "erms.css").read_text()
    rule = css.split(".letter-frame", 1)[1].split("}", 1)[0]
    assert "height" in rule and "width" in rule
