"""Every main page, as the person who uses it, passes axe-core's WCAG 2.2 A/AA rules with no violation of
any impact, on a desktop and on a phone; on the phone (390×844) nothing scrolls sideways and the header
leaves the screen to the page. A few checks axe leaves to people are made here by hand: ids are unique,
every aria-describedby/labelledby names an element that exists, one <h1>, a skip link first.

axe-core comes from npm (package.json; ``npm ci`` installs it, ``make test`` runs that when needed).
It is run through ``page.evaluate``, which the Content-Security-Policy does not govern, so the page's
policy stays on and the conftest still fails the test on any violation the page itself causes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import log_in
from tests.e2e.pages_world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " at " +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""

HAND_CHECKS = """() => {
  const problems = [];
  const seen = new Map();
  document.querySelectorAll("[id]").forEach(el => seen.set(el.id, (seen.get(el.id) || 0) + 1));
  seen.forEach((n, id) => { if (n > 1) problems.push("id used " + n + " times: " + id); });
  document.querySelectorAll("[aria-describedby], [aria-labelledby]").forEach(el => {
    for (const attr of ["aria-describedby", "aria-labelledby"]) {
      for (const id of (el.getAttribute(attr) || "").split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(attr + " names a missing id: " + id);
      }
    }
  });
  const h1s = document.querySelectorAll("h1").length;
  if (h1s !== 1) problems.push(h1s + " <h1> elements");
  const first = document.querySelector("body a[href]");
  if (!first || first.getAttribute("href") !== "#content" || !document.getElementById("content")) {
    problems.push("no skip link to #content first");
  }
  return problems;
}"""


def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(
            f"{AXE} is missing: run `npm ci --no-audit --no-fund` (or `make setup`) to install axe-core.",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


def test_it_passes_axe_and_fits_a_phone_on_every_main_page(
    page, ada, hana, erin, liam, sam, rita, london, operations
):
    screens = build_world(
        ada=ada, hana=hana, erin=erin, liam=liam, sam=sam, rita=rita, london=london, operations=operations
    )
    axe = _axe_source()
    problems: list[str] = []
    signed_in = None
    for screen in screens:
        if screen.email != signed_in:
            page.context.clear_cookies()
            page.set_viewport_size(DESKTOP)
            log_in(page, screen.email)
            signed_in = screen.email
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            response = page.goto(screen.path)
            assert response is not None and response.status == 200, f"{screen.path}: {response}"
            page.wait_for_load_state("load")
            page.wait_for_timeout(150)  # sections htmx fetches after load
            where = f"{screen.name} as {screen.email} ({size})"
            page.evaluate(axe)
            problems += [f"{where}: {v}" for v in page.evaluate(RUN_AXE, WCAG_TAGS)]
            if size == "desktop":
                problems += [f"{where}: {p}" for p in page.evaluate(HAND_CHECKS)]
                continue
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{where}: the page scrolls sideways ({width} px wide)")
            header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
            if header > PHONE["height"] * 0.15:
                problems.append(f"{where}: the header takes {header:.0f} px of {PHONE['height']}")
    assert not problems, "\n".join(problems)
