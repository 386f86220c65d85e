"""My concerns: each card says its category, whom it is about, when it was raised and its status
in words with the date; a case HR opened and shared with the submitter is one link away, and
one not shared with them is not named at all."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from audit.models import AuditEntry
from cases import services
from cases.models import CaseKind, Concern

pytestmark = pytest.mark.django_db


def _raise(liam, employee, description: str) -> Concern:
    return services.concern_raise(
        actor=liam, about=[employee.employee_record], category="conduct", description=description
    )


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment))


def _card(page: str, concern: Concern) -> str:
    """The card of ``concern`` on the page (from its reference to the next card), its markup
    kept and followed by its words alone."""
    start = page.index(f">{concern.reference}<")
    end = page.find('class="card concern', start)
    html = page[start : end if end != -1 else len(page)]
    return html + " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_it_shows_each_concern_with_whom_it_is_about_and_its_status_and_date(
    client, liam, sam, olga, hana, erin
):
    shared = _raise(liam, sam, "Shouted at a customer")
    shared_case = services.concern_accept(
        actor=hana, concern=shared, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal process"
    )
    services.case_grant_access(actor=erin, case=shared_case, user=liam)
    kept = _raise(liam, olga, "Left the till open")
    kept_case = services.concern_accept(
        actor=hana, concern=kept, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal process"
    )
    waiting = _raise(liam, olga, "Late again")
    reviewed = services.concern_review_start(actor=hana, concern=_raise(liam, sam, "Swore at a driver"))
    review_started = AuditEntry.objects.get(action="concern_review_started", object_id=str(reviewed.pk)).at
    shared.refresh_from_db()
    kept.refresh_from_db()

    client.force_login(liam)
    page = client.get(reverse("cases:my_concerns")).content.decode()

    card = _card(page, shared)
    assert "Conduct" in card and sam.employee_record.full_name in card
    assert f"Raised {_day(shared.created_at)}" in card
    assert f"Case opened · {_day(shared.triaged_at)}" in card
    assert f'href="{shared_case.get_absolute_url()}"' in card and shared_case.reference in card

    card = _card(page, kept)
    assert olga.employee_record.full_name in card and f"Case opened · {_day(kept.triaged_at)}" in card
    # Not shared with him: the case is neither linked nor named.
    assert kept_case.reference not in page and kept_case.get_absolute_url() not in page

    card = _card(page, waiting)
    assert olga.employee_record.full_name in card and f"Received · {_day(waiting.created_at)}" in card

    card = _card(page, reviewed)
    assert f"Under review · {_day(review_started)}" in card

    # The concern's own page names the case only where the card does.
    detail = client.get(reverse("cases:my_concern_detail", args=[shared.pk])).content.decode()
    assert f'href="{shared_case.get_absolute_url()}"' in detail
    detail = client.get(reverse("cases:my_concern_detail", args=[kept.pk])).content.decode()
    assert kept_case.reference not in detail
