"""Every UI string ships in Norwegian Bokmål and Vietnamese, and the compiled catalogues match.

A string added to the code without `make messages`, a msgid left untranslated or fuzzy, or a
.po edited without recompiling its .mo fails here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LANGUAGES = ["nb", "vi"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdrif]|\{(\w*)\}")


def _po(lang: str) -> polib.POFile:
    path = Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages`"
    return polib.pofile(str(path))


def _key(entry: polib.POEntry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    po = _po(lang)
    live = [e for e in po if not e.obsolete]
    assert live, f"locale/{lang} has no messages"
    untranslated = [e.msgid for e in live if not all(s.strip() for s in _translations(e))]
    fuzzy = [e.msgid for e in live if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in locale/{lang}: {untranslated}"
    assert not fuzzy, f"fuzzy in locale/{lang}: {fuzzy}"
    assert not po.metadata_is_fuzzy, f"locale/{lang} header is fuzzy"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_original(lang):
    wrong = []
    for entry in _po(lang):
        if entry.obsolete:
            continue
        expected = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in _translations(entry):
            found = set(PLACEHOLDER.findall(text))
            if found - expected or (expected and not found):
                wrong.append((entry.msgid, text))
    assert not wrong, f"placeholders differ in locale/{lang}: {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(lang):
    po = _po(lang)
    mo_path = Path(po.fpath).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    compiled = {_key(e): _translations(e) for e in polib.mofile(str(mo_path))}
    stale = [e.msgid for e in po if not e.obsolete and compiled.get(_key(e)) != _translations(e)]
    assert not stale, f"{mo_path} is out of date with its .po (run `make messages`): {stale}"


def test_django_serves_the_translations_of_the_page_chrome():
    with translation.override("nb"):
        assert translation.gettext("Log out") == "Logg ut"
    with translation.override("vi"):
        assert translation.gettext("Log out") == "Đăng xuất"


def test_po_files_hold_every_string_in_the_code(tmp_path, settings, monkeypatch):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed; apt-get install gettext")
    # makemessages writes into the locale folder next to the sources it reads, so it reads the
    # sources through links in a scratch tree whose only locale folder is a copy.
    base = Path(settings.BASE_DIR)
    scratch = tmp_path / "src"
    scratch.mkdir()
    for item in base.iterdir():
        if item.name not in {"locale", "tests", "var", ".venv", ".git"} and not item.name.startswith("."):
            (scratch / item.name).symlink_to(item)
    shutil.copytree(base / "locale", scratch / "locale")
    settings.LOCALE_PATHS = [scratch / "locale"]
    monkeypatch.chdir(scratch)
    call_command(
        "makemessages", locale=["nb"], symlinks=True, ignore_patterns=["var", ".venv", "tests"], verbosity=0
    )
    fresh = polib.pofile(str(scratch / "locale/nb/LC_MESSAGES/django.po"))
    extracted = {_key(e) for e in fresh if not e.obsolete}
    assert len(extracted) > 50, "makemessages found almost no strings; the scratch tree is wrong"
    for lang in LANGUAGES:
        shipped = {_key(e) for e in _po(lang) if not e.obsolete}
        missing = sorted(m for _, m, _ in extracted - shipped)
        assert not missing, f"strings in the code but not in locale/{lang} (run `make messages`): {missing}"
