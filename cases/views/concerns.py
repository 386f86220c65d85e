"""Concern intake: raising a concern, the people search, and the submitter's own concerns."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import forms, selectors, services
from cases.forms import FIELD_ALIASES
from cases.models import (
    Concern,
    ConcernStatus,
)
from cases.permissions import (
    can_raise_concern,
    get_own_concern,
)
from erms.lib.errors import ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def concern_create(request: HttpRequest) -> HttpResponse:
    if not can_raise_concern(request.user):
        raise PermissionDenied
    form = forms.ConcernForm(
        request.POST or None, request.FILES or None, near=selectors.location_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(actor=request.user, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(
                request,
                _("Concern %(ref)s received. HR will review it; you can follow it here.")
                % {"ref": concern.reference},
            )
            return redirect("cases:my_concerns")
    return render(request, "cases/concern_create.html", {"form": form})


@login_required
@require_GET
def employee_search(request: HttpRequest) -> HttpResponse:
    """htmx: up to 20 employees for a picker (name, number, department, job title and office
    only), those of location ``near`` first."""
    if not (can_raise_concern(request.user) or request.user.has_perm("cases.change_case")):
        raise PermissionDenied
    field = request.GET.get("field", "about")
    if not re.fullmatch(r"[a-z_]{1,40}", field):
        field = "about"
    near_param = request.GET.get("near", "")
    near = int(near_param) if re.fullmatch(r"[0-9]{1,9}", near_param) else None
    return render(
        request,
        "cases/_employee_results.html",
        {
            "employees": selectors.employee_picker(q=request.GET.get("q", ""), near=near),
            "near": near,
            "field": field,
            "multiple": request.GET.get("multiple") == "1",
        },
    )


#: The steps a submitter sees; the last one is whichever decision was made.
CONCERN_DECISIONS = (
    ConcernStatus.CASE_OPENED,
    ConcernStatus.RESOLVED_INFORMALLY,
    ConcernStatus.NO_FURTHER_ACTION,
)


def _concern_steps(concern: Concern) -> list[dict[str, Any]]:
    order = [ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW]
    decided = concern.status in CONCERN_DECISIONS
    current = order.index(concern.status) if not decided else len(order)
    steps = [
        {"label": s.label, "state": "done" if i < current else "current" if i == current else ""}
        for i, s in enumerate(order)
    ]
    last = ConcernStatus(concern.status).label if decided else _("Decision")
    steps.append({"label": last, "state": "current" if decided else ""})
    return steps


@login_required
@require_GET
def my_concerns(request: HttpRequest) -> HttpResponse:
    """Each concern: whom it is about, when raised, where it stands since when, and the case it
    became when HR has shared that case with the submitter."""
    concerns = list(selectors.my_concerns(user=request.user, waiting=bool(request.GET.get("waiting"))))
    days = selectors.concern_status_days(concerns)
    cases = selectors.concern_cases_shared(user=request.user, concerns=concerns)
    rows = [
        {
            "concern": c,
            "steps": _concern_steps(c),
            "status_on": days.get(c.pk),
            "case": cases.get(c.case_id) if c.case_id else None,
        }
        for c in concerns
    ]
    return render(request, "cases/concern_mine.html", {"rows": rows})


@login_required
@require_GET
def my_concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_own_concern(request.user, pk)
    return render(
        request,
        "cases/concern_detail.html",
        {
            "concern": concern,
            "steps": _concern_steps(concern),
            "about": concern.about.select_related("department"),
            "shared_messages": concern.messages.all(),
            "attachments": concern.attachments.all(),
            "case": selectors.concern_cases_shared(user=request.user, concerns=[concern]).get(
                concern.case_id or 0
            ),
        },
    )
