"""Letter wording that differs by country is a template per country:
``templates/letters/<language>/<country>/<passage>.html``, put in by ``{% country_wording %}``.
Every country folder of a language holds the same passages, and every passage a letter asks
for is there for every country."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accounts.models import Jurisdiction
from cases import letters
from cases.models import LetterKind
from policies import jurisdictions

LETTERS = Path(__file__).resolve().parents[2] / "templates" / "letters"
ASKED = re.compile(r'{% country_wording "(\w+)" %}')
FOLDERS = [jurisdictions.for_code(code).letter_folder for code in Jurisdiction.values]


def _passages(folder: Path) -> set[str]:
    return {path.stem for path in folder.glob("*.html")}


@pytest.mark.parametrize("language", letters.LANGUAGES)
def test_every_country_folder_of_a_language_holds_every_passage_its_letters_ask_for(language):
    asked = {name for path in (LETTERS / language).glob("*.html") for name in ASKED.findall(path.read_text())}
    assert asked, language
    for folder in FOLDERS:
        assert _passages(LETTERS / language / folder) == asked, (language, folder)
    assert {p.name for p in (LETTERS / language).iterdir() if p.is_dir()} == set(FOLDERS)


def _snapshot(language: str, jurisdiction: str) -> dict:
    return {
        "kind": LetterKind.DISCIPLINARY_INVITATION,
        "language": language,
        "jurisdiction": jurisdiction,
        "letter_date": "2026-03-02",
        "place_of_issue": "London",
        "reference": "C-1/L1",
        "organisation": {"name": "Northwind", "address_lines": []},
        "addressee": {"name": "Sam Subject"},
        "case": {"manager": "Hana"},
        "meeting": {"date": "2026-03-10", "time": "10:00", "place": "Room 4"},
        "allegations": [],
        "evidence": [],
        "details": {},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("jurisdiction", "words"),
    [
        ("GB", "section 10 of the Employment Relations Act 1999"),
        ("US", "collective bargaining agreement"),
        ("NO", "Working Environment Act section 15-1"),
        ("VN", "Article 122 of the Labour Code 2019"),
    ],
)
def test_a_letter_gives_the_companion_right_in_its_countrys_words(jurisdiction, words):
    html = letters.letter_html(_snapshot("en", jurisdiction))
    assert words in html
    others = [
        w
        for j, w in [("GB", "section 10 of"), ("NO", "section 15-1"), ("VN", "Article 122")]
        if j != jurisdiction
    ]
    assert not any(w in html for w in others)


@pytest.mark.django_db
def test_the_same_country_is_worded_in_the_letters_language():
    assert "arbeidsmiljøloven § 15-1" in letters.letter_html(_snapshot("nb", "NO"))
    assert "Điều 122 Bộ luật Lao động năm 2019" in letters.letter_html(_snapshot("vi", "VN"))
