"""Each letter kind has one small builder (``cases.letters.BUILDERS``) and a template in every
language; ``letter_draft`` refuses a kind it does not know."""

from __future__ import annotations

from pathlib import Path

import pytest

from cases import letters
from cases.models import LetterKind

LETTERS = Path(__file__).resolve().parents[2] / "templates" / "letters"


def test_every_letter_kind_has_a_builder_and_a_template_in_each_language():
    assert set(letters.BUILDERS) == set(LetterKind.values)
    for language in letters.LANGUAGES:
        for kind in LetterKind.values:
            assert (LETTERS / language / f"{kind}.html").exists(), (language, kind)


def test_a_draft_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        letters.letter_draft(case=None, kind="love_letter", language="en")  # type: ignore[arg-type]
