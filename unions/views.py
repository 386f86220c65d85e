from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Jurisdiction
from erms.lib.errors import ApplicationError
from unions import selectors, services
from unions.forms import (
    AgreementForm,
    ConsultationConcludeForm,
    ConsultationCreateForm,
    ConsultationDateForm,
    ConsultationEditForm,
    LogEntryForm,
    MeetingForm,
    ShortNoticeForm,
    WithdrawForm,
)
from unions.models import (
    BodyKind,
    Consultation,
    ConsultationStatus,
    NegotiationStatus,
    ProposalKind,
)
from unions.permissions import (
    CHANGE,
    VIEW,
    can_change,
    can_see_companion_suggestions,
    can_view_membership,
    consultation_meetings_visible_to,
    get_body_for_user,
    get_consultation_for_user,
    get_negotiation_for_user,
)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.consultation_list(
        user=request.user,
        status=request.GET.get("status", ""),
        jurisdiction=request.GET.get("jurisdiction", ""),
        kind=request.GET.get("kind", ""),
    )
    return render(
        request,
        "unions/consultation_list.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "statuses": ConsultationStatus.choices,
            "jurisdictions": Jurisdiction.choices,
            "kinds": ProposalKind.choices,
        },
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    """New consultation (HR): the proposal, who is affected, the bodies, the jurisdiction, and
    optionally the start date; its statutory dates become deadlines."""
    form = ConsultationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "unions/form_page.html",
        {
            "form": form,
            "heading": _("New consultation"),
            "button": _("Create"),
            "cancel_url": reverse("unions:consultation_list"),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit what does not change the statutory dates (title, description, owner, bodies, scope)."""
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = ConsultationEditForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "unions/form_page.html",
        {
            "form": form,
            "heading": _("Edit: %(title)s") % {"title": consultation.title},
            "button": _("Save"),
            "cancel_url": consultation.get_absolute_url(),
        },
        status=status,
    )


def _render_detail(
    request: HttpRequest, consultation: Consultation, status: int = 200, **forms: Any
) -> HttpResponse:
    context: dict[str, Any] = {
        "page": selectors.consultation_page(consultation=consultation, user=request.user),
        "can_change": can_change(request.user),
    }
    if context["can_change"]:
        context.update(
            {
                "open_form": ConsultationDateForm(prefix="open"),
                "notify_form": ConsultationDateForm(prefix="notify"),
                "dismissal_form": ConsultationDateForm(prefix="dismissal"),
                "short_notice_form": ShortNoticeForm(prefix="short"),
                "conclude_form": ConsultationConcludeForm(prefix="conclude"),
                "log_form": LogEntryForm(prefix="log", consultation=consultation),
                "meeting_form": MeetingForm(prefix="meeting", consultation=consultation),
                "withdraw_form": WithdrawForm(prefix="withdraw"),
            }
        )
    context.update(forms)
    return render(request, "unions/consultation_detail.html", context, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, get_consultation_for_user(request.user, pk))


def _date_action(
    request: HttpRequest, pk: int, prefix: str, context_name: str, service: Callable[..., Consultation]
) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = ConsultationDateForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(actor=request.user, consultation=consultation, on=form.cleaned_data["on"])
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, **{context_name: form})


@login_required
@require_POST
def consultation_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _date_action(request, pk, "open", "open_form", services.consultation_open)


@login_required
@require_POST
def consultation_notify(request: HttpRequest, pk: int) -> HttpResponse:
    return _date_action(request, pk, "notify", "notify_form", services.consultation_record_government_notice)


@login_required
@require_POST
def consultation_first_dismissal(request: HttpRequest, pk: int) -> HttpResponse:
    return _date_action(
        request, pk, "dismissal", "dismissal_form", services.consultation_plan_first_dismissal
    )


@login_required
@require_POST
def consultation_short_notice(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = ShortNoticeForm(request.POST, prefix="short")
    if form.is_valid():
        try:
            services.consultation_set_short_notice(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, short_notice_form=form)


@login_required
@require_POST
def consultation_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = ConsultationConcludeForm(request.POST, prefix="conclude")
    if form.is_valid():
        warning = services.consultation_early_conclusion_warning(consultation, form.cleaned_data["on"])
        try:
            services.consultation_conclude(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            if warning:
                messages.warning(request, warning)
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, conclude_form=form)


@login_required
@require_POST
def consultation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = WithdrawForm(request.POST, prefix="withdraw")
    if form.is_valid():
        try:
            services.consultation_withdraw(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, withdraw_form=form)


@login_required
@require_POST
def consultation_log_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = LogEntryForm(request.POST, prefix="log", consultation=consultation)
    if form.is_valid():
        try:
            services.consultation_log_add(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, log_form=form)


@login_required
@require_POST
def consultation_meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk, perm=CHANGE)
    form = MeetingForm(request.POST, request.FILES, prefix="meeting", consultation=consultation)
    if form.is_valid():
        try:
            services.consultation_meeting_record(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, meeting_form=form)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def consultation_meeting_minutes(request: HttpRequest, pk: int, meeting_pk: int) -> FileResponse:
    consultation = get_consultation_for_user(request.user, pk)
    meeting = get_object_or_404(consultation_meetings_visible_to(request.user, consultation), pk=meeting_pk)
    if not meeting.minutes:
        raise Http404
    return FileResponse(
        meeting.minutes.open("rb"), as_attachment=True, filename=meeting.minutes.name.rsplit("/", 1)[-1]
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.body_list(
        user=request.user, kind=request.GET.get("kind", ""), jurisdiction=request.GET.get("jurisdiction", "")
    )
    return render(
        request,
        "unions/body_list.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "kinds": BodyKind.choices,
            "jurisdictions": Jurisdiction.choices,
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, pk)
    context = selectors.body_detail(body=body)
    # Membership is special-category data: only perm holders see it, and each view is logged.
    if can_view_membership(request.user):
        context["memberships"] = services.membership_read(actor=request.user, body=body)
    return render(request, "unions/body_detail.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def negotiation_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = selectors.negotiation_list(user=request.user, status=status)
    return render(
        request,
        "unions/negotiation_list.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "statuses": NegotiationStatus.choices,
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def negotiation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    negotiation = get_negotiation_for_user(request.user, pk)
    return render(
        request, "unions/negotiation_detail.html", selectors.negotiation_detail(negotiation=negotiation)
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.agreement_list(user=request.user)
    return render(
        request,
        "unions/agreement_list.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "can_change": can_change(request.user),
        },
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    """New collective agreement; its end date becomes an expiry deadline with reminders."""
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(f"{reverse('unions:agreement_list')}#agreement-{agreement.pk}")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "unions/form_page.html",
        {
            "form": form,
            "heading": _("New collective agreement"),
            "button": _("Create"),
            "cancel_url": reverse("unions:agreement_list"),
        },
        status=status,
    )


@login_required
@require_GET
def companion_meeting_list(request: HttpRequest) -> HttpResponse:
    """Case meetings where the user is named companion: date, place and the accompanied
    employee's name only; no other detail of those cases. ``?when=upcoming``: only those to come."""
    upcoming = request.GET.get("when") == "upcoming"
    return render(
        request,
        "unions/companion_meeting_list.html",
        {
            "meetings": selectors.companion_meetings(user=request.user, upcoming=upcoming),
            "upcoming": upcoming,
        },
    )


@login_required
@require_GET
def companion_suggestions(request: HttpRequest) -> HttpResponse:
    """htmx, for the case meeting form's companion picker (``cases.companions``): the serving
    representatives who are employees, with their body, as radio buttons named ``field``;
    ``selected`` is checked."""
    if not can_see_companion_suggestions(request.user):
        raise PermissionDenied
    field = request.GET.get("field", "companion")
    if not re.fullmatch(r"[a-z_]{1,40}", field):
        field = "companion"
    selected = request.GET.get("selected", "")
    return render(
        request,
        "unions/_companion_suggestions.html",
        {
            "representatives": selectors.companion_representatives(),
            "field": field,
            "selected_id": int(selected) if selected.isdigit() else None,
        },
    )
