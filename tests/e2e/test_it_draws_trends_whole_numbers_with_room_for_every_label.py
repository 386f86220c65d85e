"""The trends charts count cases, so they draw whole numbers at once (no grow-in animation that a
screenshot or a slow reader catches at 2.4 cases, no curve between months, whole-number ticks),
and a bar chart of many kinds or departments grows tall enough that no two labels overprint,
on a desktop and on a phone."""

from __future__ import annotations

import pytest

from cases import services
from cases.models import CaseKind
from tests.e2e.conftest import log_in
from tests.factories import DepartmentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEPARTMENTS = ("IT Support", "Legal and Compliance", "Logistics", "People", "Finance", "Warehouse operations")

# For each chart: whether its bars and points sit on their values, its count ticks are whole,
# its lines are straight, and (bars across) the boxes of its category labels, top to bottom.
MEASURE = """() => [...document.querySelectorAll("canvas[data-chart]")].map((canvas) => {
  const chart = Chart.getChart(canvas);
  const horizontal = chart.options.indexAxis === "y";
  const counts = horizontal ? chart.scales.x : chart.scales.y;
  const categories = horizontal ? chart.scales.y : chart.scales.x;
  const font = Chart.helpers.toFont(categories.options.ticks.font);
  // Each bar or point is drawn at its count already (stacked bars end at their running total).
  const stacked = Boolean(counts.options.stacked);
  const settled = chart.options.animation === false && chart.data.datasets.every((set, d) =>
    chart.getDatasetMeta(d).data.every((el, i) => {
      const value = stacked ? chart.data.datasets.slice(0, d + 1).reduce((sum, s) => sum + s.data[i], 0)
                            : set.data[i];
      return Math.abs((horizontal ? el.x : el.y) - counts.getPixelForValue(value)) < 0.5;
    }));
  return {
    id: canvas.dataset.chart,
    settled: settled,
    whole: counts.ticks.every((t) => Number.isInteger(t.value)),
    straight: chart.data.datasets.every((set, d) => !chart.getDatasetMeta(d).dataset
      || chart.getDatasetMeta(d).dataset.options.tension === 0),
    labels: horizontal ? categories.ticks.map((t, i) => {
      const half = [].concat(chart.data.labels[i]).length * font.lineHeight / 2;
      const middle = categories.getPixelForTick(i);
      return [middle - half, middle + half];
    }) : [],
  };
})"""


def test_it_draws_whole_numbers_at_once_and_labels_that_never_overprint(page, hana, london):
    departments = [DepartmentFactory(name=name) for name in DEPARTMENTS]
    kinds = [kind for kind in CaseKind if kind != CaseKind.APPEAL]
    for i, kind in enumerate(kinds):
        for n in range(i % 3 + 1):
            services.case_open(
                actor=hana,
                kind=kind,
                title="Case",
                case_manager=hana,
                location=london,
                department=departments[(i + n) % len(departments)],
            )
    log_in(page, "hana@example.com")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/cases/trends/")
        page.wait_for_load_state("load")
        charts = {chart["id"]: chart for chart in page.evaluate(MEASURE)}
        assert set(charts) == {"chart-by-month", "chart-by-kind", "chart-by-department", "chart-sanctions"}
        for chart in charts.values():
            assert chart["settled"] and chart["whole"] and chart["straight"], (width, chart)
        for name in ("chart-by-kind", "chart-by-department"):
            boxes = sorted(charts[name]["labels"])
            assert len(boxes) == (len(kinds) if name == "chart-by-kind" else len(DEPARTMENTS))
            overlaps = [(a, b) for a, b in zip(boxes, boxes[1:], strict=False) if b[0] < a[1] - 0.5]
            assert not overlaps, (width, name, overlaps)
