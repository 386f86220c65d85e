"""Letters: the data a letter needs, what is missing, and which wording to use.

A letter is built in two steps. ``letter_draft`` gathers everything the letter says from
the case into a JSON snapshot (names, dates already computed, sanction, appeal deadline)
and lists the gaps: a common part, then the kind's small builder (``BUILDERS``), which asks
the case's jurisdiction (``policies.jurisdictions``) what else the letter must say.
``letter_html`` turns a snapshot into HTML with the letter's wording: the HR admin's active
override for the kind and language if there is one, else
``templates/letters/<language>/<kind>.html``, whose passages that differ by country come from
``templates/letters/<language>/<country>/`` (``{% country_wording %}``). The snapshot is
stored on the ``Letter``, so a letter rendered (or re-rendered after a failure) later says
exactly what was previewed.

Dates in a letter are local dates of the case's location (DOMAIN "How deadlines are
computed" 1). Rendering to PDF goes through ``erms/lib/pdf.py``; nothing here writes.

One module per concern: ``words`` (shared vocabulary), ``drafts`` (the snapshot and a builder per
letter kind), ``html`` (templates to HTML).
"""

from cases.letters.drafts import (
    BUILDERS,
    active_override,
    clean_details,
    letter_date_for,
    letter_draft,
)
from cases.letters.html import (
    country_template,
    letter_html,
    letters_of_case,
    template_name,
)
from cases.letters.words import (
    ADDRESSEE_ROLES,
    DATE_DETAILS,
    DEFAULT_ADDRESSEE_ROLES,
    DETAIL_FIELDS,
    DISMISSAL_SANCTIONS,
    FINDING_WORDS,
    INVITATION_MEETING,
    LANGUAGES,
    OUTCOME_LETTERS,
    SANCTION_WORDS,
    STARTS_APPEAL_WINDOW,
    SUBJECT_FIRST,
    Gap,
    LetterDraft,
    long_date,
    organisation_of_letters,
)

__all__ = [
    "FINDING_WORDS",
    "SANCTION_WORDS",
    "DETAIL_FIELDS",
    "BUILDERS",
    "DATE_DETAILS",
    "ADDRESSEE_ROLES",
    "DEFAULT_ADDRESSEE_ROLES",
    "DISMISSAL_SANCTIONS",
    "Gap",
    "INVITATION_MEETING",
    "LANGUAGES",
    "LetterDraft",
    "OUTCOME_LETTERS",
    "STARTS_APPEAL_WINDOW",
    "SUBJECT_FIRST",
    "active_override",
    "clean_details",
    "country_template",
    "letter_date_for",
    "letter_draft",
    "letter_html",
    "letters_of_case",
    "long_date",
    "organisation_of_letters",
    "template_name",
]
