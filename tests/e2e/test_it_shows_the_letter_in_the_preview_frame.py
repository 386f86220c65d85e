"""The letter preview in a browser: the frame shows the letter, at the size of a page, under the
Content-Security-Policy (the page fixture fails on any violation)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from cases.models import LetterKind
from tests.cases.test_letters import make_organisation, open_case, schedule
from tests.e2e.conftest import log_in

# serialized_rollback: the live server needs committed rows, and the role groups made by the data
# migrations must be back for the tests that run after this one.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


def test_it_shows_the_letter_in_a_page_sized_frame(page: Page, screenshot, hana, erin, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    schedule(hana, case, erin)
    log_in(page, hana.email)
    page.goto(f"/cases/{case.pk}/letters/preview/?kind={LetterKind.DISCIPLINARY_INVITATION}&language=en")
    letter = page.frame_locator("iframe.letter-frame")
    expect(letter.locator(".sheet")).to_contain_text("Sam Subject")
    expect(letter.locator(".sheet")).to_contain_text("Room 4, Canal Street")
    box = page.locator("iframe.letter-frame").bounding_box()
    assert box is not None and box["height"] > 1000 and box["width"] > 800
    screenshot("letter-preview")
