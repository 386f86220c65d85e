"""A letter issued through the service is rendered by a real Celery worker on the real broker."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker

from cases import services
from cases.models import Letter, LetterKind, LetterStatus
from tests.cases.test_letters import make_organisation, open_case, pdf_text, schedule


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_issued_letter_is_rendered_by_a_real_worker(broker, hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    schedule(hana, case, erin)
    with start_worker(broker, perform_ping_check=False, pool="solo", concurrency=1, shutdown_timeout=10):
        letter = services.letter_issue(
            actor=hana, case=case, kind=LetterKind.DISCIPLINARY_INVITATION, language="nb"
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            letter.refresh_from_db()
            if letter.status != LetterStatus.QUEUED:
                break
            time.sleep(0.2)
    assert letter.status == LetterStatus.RENDERED, letter.error
    text = " ".join(pdf_text(Letter.objects.get(pk=letter.pk)))
    assert "Innkalling til drøftingsmøte" in text and "Sam Subject" in text
