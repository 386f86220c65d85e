"""The trends charts wrap long labels onto several lines so the axis never clips them (a kind
such as "Discrimination, harassment or bullying complaint" used to show as "iscrimination, …"),
and the table behind each chart opens from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import CaseKind
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_draws_trends_labels_whole(page, hana, london, operations):
    for kind in (CaseKind.HARASSMENT_DISCRIMINATION, CaseKind.GRIEVANCE):
        services.case_open(
            actor=hana, kind=kind, title="Case", case_manager=hana, location=london, department=operations
        )
    log_in(page, "hana@example.com")
    page.set_viewport_size({"width": 860, "height": 900})
    page.goto("/cases/trends/")
    page.wait_for_load_state("load")
    expect(page.locator("canvas[data-chart]")).to_have_count(4)
    # Every tick label on the kind axis is drawn in full: the lines joined give the whole label,
    # and the axis is wide enough for the longest line.
    fit = page.evaluate(
        """() => {
          const chart = Chart.getChart(document.querySelector('canvas[data-chart="chart-by-kind"]'));
          const axis = chart.scales.y;
          const ctx = chart.ctx;
          ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
          return axis.ticks.map((tick, i) => {
            const lines = [].concat(chart.data.labels[i]);
            const widest = Math.max(...lines.map((line) => ctx.measureText(line).width));
            return {text: lines.join(" "), fits: widest <= axis.width};
          });
        }"""
    )
    assert {t["text"] for t in fit} == {"Discrimination, harassment or bullying complaint", "Grievance"}
    assert all(t["fits"] for t in fit), fit
    page.locator("#chart-by-kind-title ~ details summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#chart-by-kind-title ~ details table caption")).to_be_visible()
