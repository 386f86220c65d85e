"""Sentences kept as what happened and written out in the reader's language when shown.

A line stored for later readers (a deadline's title, a case timeline entry) is read by people who
use other languages than its writer, and on later days. So it is stored as its English msgid and
its parameters, never as text in the writer's language::

    Sentence.of(
        gettext_noop("Status: %(before)s → %(after)s"),
        before=CaseStatus.TRIAGE.label,  # a lazy label: stored as its msgid, translated when shown
        after=CaseStatus.INVESTIGATION.label,
    )

Parameters are kept by kind and rendered in the active language at display time: a date or a
date-time in the locale's format (``erms/formats``), a lazy label (``gettext_lazy``, a choice's
``.label``) or a ``Word`` translated, a nested ``Sentence`` rendered, text and numbers as they are.
The msgid must be marked for extraction where it is written (``gettext_noop``). ``render``
returns the stored plain text for rows written before sentences were stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext


@dataclass(frozen=True)
class Word:
    """A translatable word inside a sentence, optionally lower-cased ("hearing" in "the hearing on …")."""

    text: str | Promise
    lower: bool = False


def _msgid(text: str | Promise) -> str:
    """The untranslated msgid of a lazy string (its English source), or the text itself."""
    if isinstance(text, Promise):
        with translation.override(None):
            return str(text)
    return text


def _encode(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Sentence):
        return {"sentence": value.to_json()}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, Word):
        return {"word": _msgid(value.text), "lower": value.lower}
    if isinstance(value, Promise):
        return {"word": _msgid(value), "lower": False}
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _decode(value: object) -> object:
    if not isinstance(value, Mapping):
        return value
    if "date" in value:
        return formats.date_format(datetime.date.fromisoformat(value["date"]), "DATE_FORMAT")
    if "datetime" in value:
        moment = datetime.datetime.fromisoformat(value["datetime"])
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "DATETIME_FORMAT")
    if "word" in value:
        text = gettext(value["word"]) if value["word"] else ""
        return text.lower() if value.get("lower") else text
    if "sentence" in value:
        return render(value["sentence"])
    return ""


@dataclass(frozen=True)
class Sentence:
    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)  # encoded (JSON)

    @classmethod
    def of(cls, msgid: str, /, **params: object) -> Sentence:
        return cls(msgid, {name: _encode(value) for name, value in params.items()})

    @classmethod
    def of_label(cls, label: str | Promise) -> Sentence:
        """A lazy label (``gettext_lazy``) as a sentence of its own."""
        return cls(_msgid(label))

    @classmethod
    def from_json(cls, stored: Mapping[str, Any] | None, fallback: str) -> Sentence | str:
        """The stored sentence, or the stored text for rows written before sentences were stored."""
        if not stored or not stored.get("msgid"):
            return fallback
        return cls(stored["msgid"], dict(stored.get("params") or {}))

    def to_json(self) -> dict[str, Any]:
        return {"msgid": self.msgid, "params": dict(self.params)}

    def __str__(self) -> str:
        return render(self.to_json())


def render(stored: Mapping[str, Any] | None, fallback: str = "") -> str:
    """The stored sentence in the active language; ``fallback`` (the stored text) when there is none."""
    if not stored or not stored.get("msgid"):
        return fallback
    msgid = stored["msgid"]
    params = {name: _decode(value) for name, value in (stored.get("params") or {}).items()}
    for text in (gettext(msgid), msgid):
        try:
            return text % params if params else text
        except (KeyError, ValueError, TypeError):
            continue  # a translation with a wrong placeholder: the English, then the stored text
    return fallback


def lines(*parts: Sentence | str | None) -> Sentence:
    """Sentences (or plain text; empty parts left out) kept one to a line, each written out in the reader's language.
    The joining pattern is no msgid: gettext returns it as it is."""
    kept = [part for part in parts if part]
    names = [f"line{n}" for n in range(len(kept))]
    return Sentence.of("\n".join(f"%({name})s" for name in names), **dict(zip(names, kept, strict=True)))


def as_text(title: str | Sentence, language: str) -> str:
    """A sentence written out in ``language``: the plain text kept beside it for search, the admin
    and the audit trail."""
    if isinstance(title, Sentence):
        with translation.override(language):
            return str(title)
    return title


def as_json(title: str | Sentence) -> dict[str, Any]:
    """What to store beside the plain text: the sentence, or nothing for text that needs no translating."""
    return title.to_json() if isinstance(title, Sentence) else {}
