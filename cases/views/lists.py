"""Case list, CSV export, My work and the trends dashboard."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases import forms, selectors
from cases.models import (
    CaseKind,
    Sanction,
)
from cases.pagination import CappedCountPaginator, requested_page
from cases.permissions import works_on_cases
from deadlines import selectors as deadline_selectors
from erms.lib import clock, spreadsheet


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Any signed-in user: the selector shows only the cases they may see (roles or grants).
    Someone without an HR role gets a plain list of the cases shared with them, with a search
    but none of HR's filters, deadlines or export."""
    staff = works_on_cases(request.user)
    form = (
        forms.CaseFilterForm(request.GET or None)
        if staff
        else forms.SharedCaseSearchForm(request.GET or None)
    )
    qs = selectors.case_list(user=request.user, filters=form.filters())
    number = requested_page(request.GET.get("page"))
    page = CappedCountPaginator(qs, 25, number=number).get_page(number)
    template = "cases/case_list.html" if staff else "cases/case_list_shared.html"
    return render(request, template, {"form": form, "page": page, "today": clock.today()})


@login_required
@require_GET
def case_export(request: HttpRequest) -> StreamingHttpResponse:
    """The case list as CSV, with the list's filters; only the cases the user may see, and
    only the columns the list shows (no parties, allegations or notes). For HR roles only: a
    bulk export is not for someone who follows the few cases shared with them (403)."""
    if not works_on_cases(request.user):
        raise PermissionDenied
    form = forms.CaseFilterForm(request.GET or None)
    qs = selectors.case_list(user=request.user, filters=form.filters())
    buffer = _Echo()
    writer = spreadsheet.writer(buffer)
    header = [
        _("Reference"),
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Department"),
        _("Jurisdiction"),
        _("Case manager"),
        _("Next deadline"),
        _("Opened"),
    ]

    def rows() -> Iterator[str]:
        yield writer.writerow([str(h) for h in header])
        for case in qs.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    case.reference,
                    case.title,
                    case.get_kind_display(),
                    case.get_status_display(),
                    case.department.name,
                    case.jurisdiction,
                    str(case.case_manager),
                    case.next_deadline_on.isoformat() if case.next_deadline_on else "",
                    timezone.localtime(case.opened_at).date().isoformat(),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="erms-cases.csv"'
    return response


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
@permission_required("cases.view_case", raise_exception=True)
def my_work(request: HttpRequest) -> HttpResponse:
    work = selectors.my_work(user=request.user, page=request.GET.get("page"))
    deadlines = deadline_selectors.my_deadlines(user=request.user)
    return render(
        request,
        "cases/my_work.html",
        {
            "counts": {**work.counts, **deadlines.counts},
            "my_deadlines": deadlines.rows,
            "cases": work.cases,
            "page": work.page,
            "triage_count": selectors.triage_count(user=request.user),
            "today": clock.today(),
        },
    )


@login_required
@require_GET
@permission_required("cases.view_case", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Trends over the cases the user may see, filtered by the query string's range and places."""
    form = forms.TrendFilterForm(request.GET or None)
    filters = form.filters()
    trends = selectors.case_trends(user=request.user, filters=filters)
    return render(
        request,
        "cases/dashboard.html",
        {"form": form, "filters": filters, "charts": trend_charts(trends), "trends": trends},
    )


def trend_charts(trends: dict[str, Any]) -> list[dict[str, Any]]:
    """Each chart's title, data and the table behind it, in the reader's language; the page
    draws the chart and the table from the same numbers."""
    departments = sorted({row["case__department__name"] for row in trends["sanctions"]})
    sanctions = sorted({row["sanction"] for row in trends["sanctions"]})
    counts = {(row["case__department__name"], row["sanction"]): row["n"] for row in trends["sanctions"]}
    months = trends["by_month"]
    return [
        _chart(
            "by-month",
            _("Cases opened and closed by month"),
            _("Month"),
            [formats.date_format(row["month"], "YEAR_MONTH_FORMAT") for row in months],
            {_("Opened"): [row["opened"] for row in months], _("Closed"): [row["closed"] for row in months]},
            wide=True,
            line=True,
        ),
        _chart(
            "by-kind",
            _("Open cases by kind"),
            _("Kind"),
            [str(CaseKind(r["kind"]).label) for r in trends["by_kind"]],
            {_("Open cases"): [r["n"] for r in trends["by_kind"]]},
            horizontal=True,
        ),
        _chart(
            "by-department",
            _("Open cases by department"),
            _("Department"),
            [r["department__name"] for r in trends["by_department"]],
            {_("Open cases"): [r["n"] for r in trends["by_department"]]},
            horizontal=True,
        ),
        _chart(
            "sanctions",
            _("Sanctions by department"),
            _("Department"),
            departments,
            {
                (str(Sanction(s).label) if s else _("No sanction")): [
                    counts.get((d, s), 0) for d in departments
                ]
                for s in sanctions
            },
            wide=True,
            stacked=True,
            note=_("For consistency: similar conduct should lead to similar outcomes across departments."),
        ),
    ]


def _chart(
    name: str,
    title: str,
    heading: str,
    labels: list[str],
    series: dict[str, list[int]],
    *,
    wide: bool = False,
    horizontal: bool = False,
    stacked: bool = False,
    line: bool = False,
    note: str = "",
) -> dict[str, Any]:
    return {
        "id": f"chart-{name}",
        "title": title,
        "note": note,
        "wide": wide,
        "horizontal": horizontal,
        "data": {
            "labels": labels,
            "datasets": [{"label": label, "data": values} for label, values in series.items()],
            "stacked": stacked,
            "type": "line" if line else "bar",
        },
        "columns": [heading, *series],
        "rows": [[label, *(values[i] for values in series.values())] for i, label in enumerate(labels)],
    }
