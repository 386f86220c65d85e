"""The top menu fits one line on a 1366 px screen in every language, for every role: rarely used
pages wait under "More" once there are many links or their labels, in the reader's language, run long
(the union rep's six links wrapped in Norwegian)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The HR admin has the most links (the admin too); the rep and the line manager have long labels.
ROLES = ("ada", "erin", "hana", "ivan", "liam", "rita")


@pytest.mark.parametrize("person", ROLES)
def test_it_keeps_the_menu_on_one_line_in_each_language(page, person, request, screenshot):
    user = request.getfixturevalue(person)
    if person == "ada":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, user.email)
    for language in ("en", "nb", "vi"):
        page.select_option("#language-select", language)
        page.locator(".language-switch button[type=submit]").click()
        page.wait_for_load_state("domcontentloaded")
        expect(page.locator("html")).to_have_attribute("lang", language)
        header = page.locator(".site-header").bounding_box()
        links = page.locator("nav.main-nav > a, nav.main-nav > details > summary")
        tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
        assert len(tops) == 1, f"{person}, {language}: the menu wraps onto {len(tops)} lines"
        # The header itself is one row too: the tools sit beside the menu, not under it.
        assert header["height"] < 70, f"{person}, {language}: the header is {header['height']} px high"
        screenshot(f"menu_{person}_{language}")
    if person == "ada":
        page.locator("nav.main-nav details.nav-more summary").click()
        expect(page.locator("nav.main-nav .nav-more-menu a").first).to_be_visible()
