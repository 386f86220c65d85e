"""English holiday names the ``holidays`` package gives in English only (Great Britain, the US),
marked here so ERMS's own catalogue translates them for Norwegian and Vietnamese readers. A name
not listed (a US state's own holiday) is shown in English."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

NAMES = (
    # Great Britain (England, Wales, Scotland)
    gettext_noop("New Year's Day"),
    gettext_noop("New Year Holiday"),
    gettext_noop("Good Friday"),
    gettext_noop("Easter Monday"),
    gettext_noop("May Day"),
    gettext_noop("Spring Bank Holiday"),
    gettext_noop("Summer Bank Holiday"),
    gettext_noop("Late Summer Bank Holiday"),
    gettext_noop("Saint Andrew's Day"),
    gettext_noop("Christmas Day"),
    gettext_noop("Boxing Day"),
    # The United States (federal)
    gettext_noop("Martin Luther King Jr. Day"),
    gettext_noop("Washington's Birthday"),
    gettext_noop("Memorial Day"),
    gettext_noop("Juneteenth National Independence Day"),
    gettext_noop("Independence Day"),
    gettext_noop("Labor Day"),
    gettext_noop("Columbus Day"),
    gettext_noop("Veterans Day"),
    gettext_noop("Thanksgiving Day"),
)
_OBSERVED = " (observed)"


def translate(name: str) -> str:
    """``name`` in the active language: each of the package's "A; B" parts, "(observed)" kept."""
    parts = []
    for part in name.split("; "):
        if part.endswith(_OBSERVED):
            parts.append(
                gettext("%(holiday)s (observed)") % {"holiday": gettext(part.removesuffix(_OBSERVED))}
            )
        else:
            parts.append(gettext(part))
    return "; ".join(parts)
