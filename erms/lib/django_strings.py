"""Strings Django itself translates whose bundled catalogues lack them in a language ERMS ships.

Django's Vietnamese catalogue still holds the old "%d minute" forms, while the `timesince` filter asks
for "%(num)d minute", so "4 minutes ago" came out half English. Listing the strings here lets
`make messages` keep them in the project catalogue, which Django reads before its own.
"""

from __future__ import annotations

from django.utils.translation import ngettext_lazy

TIMESINCE_UNITS = (
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)
