"""A letter's HTML: the template for its kind, language and country (or an HR admin's override), ready for the PDF adapter."""

from __future__ import annotations

import base64
from typing import Any

from django.template import engines
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from accounts.models import Organisation
from cases.letters.words import organisation_of_letters
from cases.models import (
    Case,
    Letter,
    LetterTemplateOverride,
)
from policies import jurisdictions


def _logo_data_uri(org: Organisation | None) -> str:
    """The logo inlined as a data: URL, so PDF and browser preview show it without any fetch."""
    if org is None or not org.logo:
        return ""
    try:
        with org.logo.open("rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    mime = (
        "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data.startswith(b"\xff\xd8") else ""
    )
    if not mime and data.lstrip().startswith(b"<svg"):
        mime = "image/svg+xml"
    if not mime:
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def template_name(kind: str, language: str) -> str:
    return f"letters/{language}/{kind}.html"


def country_template(language: str, jurisdiction: str, passage: str) -> str:
    """The template of a passage whose wording differs by country (``{% country_wording %}``)."""
    return f"letters/{language}/{jurisdictions.for_code(jurisdiction).letter_folder}/{passage}.html"


def letter_html(
    snapshot: dict[str, Any], *, override: LetterTemplateOverride | None = None, for_browser: bool = False
) -> str:
    """The letter as HTML in its own language. ``for_browser`` links the stylesheet by its
    static URL (preview page) instead of relative to the static folder (PDF)."""
    language = snapshot["language"]
    context = dict(snapshot)
    context |= {
        "stylesheet": static("css/letter.css") if for_browser else "css/letter.css",
        "logo": _logo_data_uri(organisation_of_letters()),
        "is_preview": for_browser,
    }
    with translation.override(language):
        if override is None:
            return render_to_string(template_name(kind=snapshot["kind"], language=language), context)
        body = override.body
        if "{% extends" not in body:
            body = (
                f'{{% extends "letters/{language}/base.html" %}}{{% load letter_tags %}}'
                f"{{% block body %}}{body}{{% endblock %}}"
            )
        return engines["django"].from_string(body).render(context)


def letters_of_case(case: Case) -> list[Letter]:
    return list(
        Letter.objects.filter(case=case)
        .select_related("document", "addressee", "issued_by", "replaces")
        .order_by("-issued_at", "-id")
    )
