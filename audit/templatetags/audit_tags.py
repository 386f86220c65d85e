"""``{% audit_verification_warning %}``: a warning where the logs are shown when the last
verification of their hash chains failed (they may have been changed behind ERMS's back)."""

from __future__ import annotations

from typing import Any

from django import template

from audit import selectors

register = template.Library()


@register.inclusion_tag("audit/verification_warning.html")
def audit_verification_warning() -> dict[str, Any]:
    return {"failed": selectors.last_verification_failed()}
