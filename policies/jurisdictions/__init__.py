"""Each country's employment rules that are code: one module per jurisdiction.

Every number lives in the rules table (``policies.models.Rule``) and the organisation's
procedures. What no table can hold lives here, once per country: what a hearing needs, which
sanctions exist and how long each stays live, which appeal or challenge route applies, what a
letter must say. Guardrails, deadlines, letters and services ask ``for_code(case.jurisdiction)``
and never compare a jurisdiction with a country code themselves; letter wording that differs by
country is in ``templates/letters/<language>/<country>/``.

This package imports only ``accounts`` and ``erms.lib``: callers pass in what it needs (a
sanction code, a letter's facts), never a case or a consultation.
"""

from __future__ import annotations

from policies.jurisdictions import gb, no, us, vn
from policies.jurisdictions.country import Country, Missing, Period, RiskDate, Route

__all__ = ["Country", "Missing", "Period", "RiskDate", "Route", "countries", "for_code"]

_BY_CODE: dict[str, Country] = {c.code: c for c in (gb.COUNTRY, us.COUNTRY, no.COUNTRY, vn.COUNTRY)}


def for_code(code: str) -> Country:
    """The rules of the jurisdiction ``code`` ("GB"); ``KeyError`` for one ERMS has no module for."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(
            f"No rules for jurisdiction {code!r}: add policies/jurisdictions/{code.lower()}.py "
            "and register it here."
        ) from None


def countries() -> tuple[Country, ...]:
    return tuple(_BY_CODE.values())
