"""The triage queue and the decisions on a concern: accept, merge, resolve, close, message."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import forms, selectors, services
from cases.forms import FIELD_ALIASES
from cases.models import (
    Concern,
    ConcernStatus,
)
from cases.permissions import (
    MANAGE_CASE,
    can_see_case,
    get_concern_for_triage,
    has_case_perm,
)
from cases.views.concerns import CONCERN_DECISIONS
from erms.lib.errors import ApplicationError


@login_required
@require_GET
@permission_required("cases.triage_concern", raise_exception=True)
def triage_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.triage_queue(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "cases/triage_queue.html", {"page": page})


def _triage_page(request: HttpRequest, concern: Concern, **bound: django_forms.Form) -> HttpResponse:
    decided = concern.status in CONCERN_DECISIONS
    context: dict[str, Any] = {
        "concern": concern,
        "decided": decided,
        "about": concern.about.select_related("department", "location"),
        "attachments": concern.attachments.all(),
        "shared_messages": concern.messages.select_related("author"),
        # A triager reaches a concern that became a case only while they may see that case.
        "case_visible": concern.case_id is not None,
    }
    if not decided:
        context |= {
            "accept_form": forms.ConcernAcceptForm(initial={"urgency": concern.urgency}),
            "merge_form": forms.ConcernMergeForm(user=request.user),
            "resolve_form": forms.ConcernResolveForm(),
            "close_form": forms.ConcernCloseForm(),
        }
    context["message_form"] = forms.ConcernMessageForm()
    context |= bound
    return render(request, "cases/triage_detail.html", context)


@login_required
@require_GET
@permission_required("cases.triage_concern", raise_exception=True)
def triage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk, via="page", path=request.path)
    if concern.status == ConcernStatus.RECEIVED:
        services.concern_review_start(actor=request.user, concern=concern)
    return _triage_page(request, concern)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_accept(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk, via="page", path=request.path)
    form = forms.ConcernAcceptForm(request.POST)
    if form.is_valid():
        try:
            case = services.concern_accept(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(
                request,
                _("Case %(ref)s opened from %(concern)s.")
                % {"ref": case.reference, "concern": concern.reference},
            )
            return redirect(case if can_see_case(request.user, case) else "cases:triage_queue")
    return _triage_page(request, concern, accept_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_merge(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk, via="page", path=request.path)
    form = forms.ConcernMergeForm(request.POST, user=request.user)
    if form.is_valid():
        if not has_case_perm(request.user, form.cleaned_data["case"], MANAGE_CASE):
            raise PermissionDenied  # merging changes the case: seeing it is not enough
        try:
            case = services.concern_merge(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(
                request,
                _("%(concern)s merged into %(ref)s.") % {"ref": case.reference, "concern": concern.reference},
            )
            return redirect(case)
    return _triage_page(request, concern, merge_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk, via="page", path=request.path)
    form = forms.ConcernResolveForm(request.POST)
    if form.is_valid():
        try:
            services.concern_resolve_informally(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(request, _("%(concern)s resolved informally.") % {"concern": concern.reference})
            return redirect("cases:triage_queue")
    return _triage_page(request, concern, resolve_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_close(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk, via="page", path=request.path)
    form = forms.ConcernCloseForm(request.POST)
    if form.is_valid():
        try:
            services.concern_close(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(
                request, _("%(concern)s closed with no further action.") % {"concern": concern.reference}
            )
            return redirect("cases:triage_queue")
    return _triage_page(request, concern, close_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_message(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk, via="page", path=request.path)
    form = forms.ConcernMessageForm(request.POST)
    if form.is_valid():
        try:
            services.concern_message_send(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(request, _("Message sent."))
            return redirect("cases:triage_detail", pk=concern.pk)
    return _triage_page(request, concern, message_form=form)
