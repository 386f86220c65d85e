"""Browser tests: Debian's Chromium, driven by Playwright's sync API, against pytest-django's live server.

Playwright never downloads a browser here; it launches ``/usr/bin/chromium`` (``make test`` installs it
when run as root). Without it these tests fail with instructions, unless ``ERMS_SKIP_E2E=1`` says to skip
them on purpose. Screenshots go to ``ERMS_E2E_SCREENSHOTS`` when set, else to the test's tmp_path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if os.environ.get("ERMS_SKIP_E2E") == "1":
        pytest.skip("ERMS_SKIP_E2E=1: browser tests skipped on request")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing, so the browser tests cannot run. Install Debian's Chromium "
            "(`make browser` as root, or `sudo apt-get install chromium chromium-driver`), "
            "or set ERMS_SKIP_E2E=1 to skip them deliberately.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _is_csp_violation(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


@pytest.fixture
def csp_violations() -> list[str]:
    """What the browser reported as blocked by the Content-Security-Policy on the pages a test visited."""
    return []


#: The jurisdiction rules and default procedures the data migrations load, as the test database had them.
_RULES: list[str] = []
_RULE_MODELS = {"policies.rule", "policies.procedure", "policies.procedurestep"}


@pytest.fixture(scope="session", autouse=True)
def _saved_rules(django_db_setup, django_db_blocker) -> None:
    import json

    from django.db import connection

    with django_db_blocker.unblock():
        saved = (
            getattr(connection, "_test_serialized_contents", None)
            or connection.creation.serialize_db_to_string()
        )
    _RULES.append(json.dumps([row for row in json.loads(saved) if row["model"] in _RULE_MODELS]))


def _restore_rules() -> None:
    """The rules and default procedures are back for every browser test. A transactional test
    before it emptied every table, and the browser's event loop can give the next test a connection
    with no serialized copy to reload, so Django's own restore does not run."""
    from django.core import serializers

    from policies.models import Rule

    if _RULES and not Rule.objects.exists():
        for row in serializers.deserialize("json", _RULES[0]):
            row.save()


@pytest.fixture
def page(browser, live_server, csp_violations) -> Iterator[object]:
    """A fresh browser context (no cookies) in English, pointed at the live server.

    A test fails when the browser reports a Content-Security-Policy violation on any page it visited
    (an inline script or handler, an eval, a style or source the policy does not allow).
    """
    _restore_rules()
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()

    def record(message) -> None:
        if _is_csp_violation(message.text):
            csp_violations.append(f"{tab.url}: {message.text}")

    tab.on("console", record)
    yield tab
    context.close()
    if csp_violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(csp_violations), pytrace=False)


@pytest.fixture
def screenshot(page, tmp_path) -> Callable[[str], Path]:
    folder = Path(os.environ.get("ERMS_E2E_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(page, email: str, password: str = "pw") -> None:
    """Log in through the real form, as a person would."""
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("form button[type=submit].primary")
    page.wait_for_load_state("domcontentloaded")
