"""Pages of the cases app: concern intake, triage, case list, my work, the case page and
its actions, documents and the trends dashboard.

Each action is its own POST URL calling one service; on refusal the page is rendered
again with the error on the form, on success the browser is redirected with a message.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Employee
from audit import selectors as audit_selectors
from cases import forms, letters, selectors, services
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Concern,
    ConcernStatus,
    Letter,
    LetterKind,
    LetterStatus,
    Meeting,
    Sanction,
)
from cases.pagination import CappedCountPaginator, requested_page
from cases.permissions import (
    can_raise_concern,
    can_see_case,
    case_perm_map,
    get_case_for_user,
    get_concern_for_triage,
    get_document_for_user,
    get_letter_for_user,
    get_own_concern,
    has_case_perm,
)
from cases.workflow import next_statuses, path_for
from erms.lib import clock
from erms.lib.errors import ApplicationError

# Fields a service names that a form calls differently.
_FIELD_ALIASES = {"attachments": ("file", "minutes"), "status": ("to_status",)}


def _show_error(form: django_forms.Form, error: ApplicationError) -> None:
    """Put a service refusal on the form field it concerns, or on the form as a whole."""
    field = error.field
    if field not in form.fields or isinstance(form.fields[field].widget, django_forms.HiddenInput):
        field = next((a for a in _FIELD_ALIASES.get(field or "", ()) if a in form.fields), None)
    form.add_error(field, error.message)


# --------------------------------------------------------------------------- concerns


@login_required
@require_http_methods(["GET", "POST"])
def concern_create(request: HttpRequest) -> HttpResponse:
    if not can_raise_concern(request.user):
        raise PermissionDenied
    form = forms.ConcernForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(actor=request.user, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, _("Concern %(ref)s received. HR will review it; you can follow it here.")
                             % {"ref": concern.reference})
            return redirect("cases:my_concerns")
    return render(request, "cases/concern_create.html", {"form": form})


@login_required
@require_GET
def employee_search(request: HttpRequest) -> HttpResponse:
    """htmx: up to 20 employees for a picker (name, number, department, job title only)."""
    if not (can_raise_concern(request.user) or request.user.has_perm("cases.change_case")):
        raise PermissionDenied
    field = request.GET.get("field", "about")
    if not re.fullmatch(r"[a-z_]{1,40}", field):
        field = "about"
    return render(request, "cases/_employee_results.html", {
        "employees": selectors.employee_picker(q=request.GET.get("q", "")),
        "field": field, "multiple": request.GET.get("multiple") == "1",
    })


#: The steps a submitter sees; the last one is whichever decision was made.
_CONCERN_DECISIONS = (ConcernStatus.CASE_OPENED, ConcernStatus.RESOLVED_INFORMALLY, ConcernStatus.NO_FURTHER_ACTION)


def _concern_steps(concern: Concern) -> list[dict[str, Any]]:
    order = [ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW]
    decided = concern.status in _CONCERN_DECISIONS
    current = order.index(concern.status) if not decided else len(order)
    steps = [{"label": s.label, "state": "done" if i < current else "current" if i == current else ""}
             for i, s in enumerate(order)]
    last = ConcernStatus(concern.status).label if decided else _("Decision")
    steps.append({"label": last, "state": "current" if decided else ""})
    return steps


@login_required
@require_GET
def my_concerns(request: HttpRequest) -> HttpResponse:
    concerns = list(selectors.my_concerns(user=request.user))
    rows = [{"concern": c, "steps": _concern_steps(c)} for c in concerns]
    return render(request, "cases/concern_mine.html", {"rows": rows})


@login_required
@require_GET
def my_concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_own_concern(request.user, pk)
    return render(request, "cases/concern_detail.html", {
        "concern": concern, "steps": _concern_steps(concern),
        "about": concern.about.select_related("department"),
        "shared_messages": concern.messages.all(), "attachments": concern.attachments.all(),
    })


# --------------------------------------------------------------------------- triage


@login_required
@require_GET
@permission_required("cases.triage_concern", raise_exception=True)
def triage_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.triage_queue(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "cases/triage_queue.html", {"page": page})


def _triage_page(request: HttpRequest, concern: Concern, **bound: django_forms.Form) -> HttpResponse:
    decided = concern.status in _CONCERN_DECISIONS
    context: dict[str, Any] = {
        "concern": concern, "decided": decided,
        "about": concern.about.select_related("department", "location"),
        "attachments": concern.attachments.all(), "shared_messages": concern.messages.select_related("author"),
        "case_visible": bool(concern.case_id and can_see_case(request.user, concern.case)),
    }
    if not decided:
        context |= {
            "accept_form": forms.ConcernAcceptForm(), "merge_form": forms.ConcernMergeForm(user=request.user),
            "resolve_form": forms.ConcernResolveForm(), "close_form": forms.ConcernCloseForm(),
        }
    context["message_form"] = forms.ConcernMessageForm()
    context |= bound
    return render(request, "cases/triage_detail.html", context)


@login_required
@require_GET
@permission_required("cases.triage_concern", raise_exception=True)
def triage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk)
    if concern.status == ConcernStatus.RECEIVED:
        services.concern_review_start(actor=request.user, concern=concern)
    return _triage_page(request, concern)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_accept(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk)
    form = forms.ConcernAcceptForm(request.POST)
    if form.is_valid():
        try:
            case = services.concern_accept(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, _("Case %(ref)s opened from %(concern)s.")
                             % {"ref": case.reference, "concern": concern.reference})
            return redirect(case if can_see_case(request.user, case) else "cases:triage_queue")
    return _triage_page(request, concern, accept_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_merge(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk)
    form = forms.ConcernMergeForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            case = services.concern_merge(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, _("%(concern)s merged into %(ref)s.")
                             % {"ref": case.reference, "concern": concern.reference})
            return redirect(case)
    return _triage_page(request, concern, merge_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk)
    form = forms.ConcernResolveForm(request.POST)
    if form.is_valid():
        try:
            services.concern_resolve_informally(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, _("%(concern)s resolved informally.") % {"concern": concern.reference})
            return redirect("cases:triage_queue")
    return _triage_page(request, concern, resolve_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_close(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk)
    form = forms.ConcernCloseForm(request.POST)
    if form.is_valid():
        try:
            services.concern_close(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, _("%(concern)s closed with no further action.")
                             % {"concern": concern.reference})
            return redirect("cases:triage_queue")
    return _triage_page(request, concern, close_form=form)


@login_required
@require_POST
@permission_required("cases.triage_concern", raise_exception=True)
def triage_message(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_triage(request.user, pk)
    form = forms.ConcernMessageForm(request.POST)
    if form.is_valid():
        try:
            services.concern_message_send(actor=request.user, concern=concern, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, _("Message sent."))
            return redirect("cases:triage_detail", pk=concern.pk)
    return _triage_page(request, concern, message_form=form)


# --------------------------------------------------------------------------- lists


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Any signed-in user: the selector shows only the cases they may see (roles or grants)."""
    form = forms.CaseFilterForm(request.GET or None)
    qs = selectors.case_list(user=request.user, filters=form.filters())
    number = requested_page(request.GET.get("page"))
    page = CappedCountPaginator(qs, 25, number=number).get_page(number)
    return render(request, "cases/case_list.html", {"form": form, "page": page, "today": clock.today()})


@login_required
@require_GET
def case_export(request: HttpRequest) -> StreamingHttpResponse:
    """The case list as CSV, with the list's filters; only the cases the user may see, and
    only the columns the list shows (no parties, allegations or notes)."""
    form = forms.CaseFilterForm(request.GET or None)
    qs = selectors.case_list(user=request.user, filters=form.filters())
    buffer = _Echo()
    writer = csv.writer(buffer)
    header = [_("Reference"), _("Title"), _("Kind"), _("Status"), _("Department"), _("Jurisdiction"),
              _("Case manager"), _("Next deadline"), _("Opened")]

    def rows() -> Iterator[str]:
        yield writer.writerow([str(h) for h in header])
        for case in qs.iterator(chunk_size=2000):
            yield writer.writerow([
                case.reference, case.title, case.get_kind_display(), case.get_status_display(),
                case.department.name, case.jurisdiction, str(case.case_manager),
                case.next_deadline_on.isoformat() if case.next_deadline_on else "",
                timezone.localtime(case.opened_at).date().isoformat(),
            ])

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
    return render(request, "cases/my_work.html", {
        "counts": work.counts,
        "cases": work.cases,
        "page": work.page,
        "triage_count": selectors.triage_count(user=request.user),
        "today": clock.today(),
    })


@login_required
@require_GET
@permission_required("cases.view_case", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    trends = selectors.case_trends(user=request.user)
    departments = sorted({row["case__department__name"] for row in trends["sanctions"]})
    sanctions = sorted({row["sanction"] for row in trends["sanctions"]})
    counts = {(row["case__department__name"], row["sanction"]): row["n"] for row in trends["sanctions"]}
    charts = {
        "by_kind": {"labels": [str(CaseKind(r["kind"]).label) for r in trends["by_kind"]],
                    "values": [r["n"] for r in trends["by_kind"]], "label": _("Open cases")},
        "by_department": {"labels": [r["department__name"] for r in trends["by_department"]],
                          "values": [r["n"] for r in trends["by_department"]], "label": _("Open cases")},
        "sanctions": {"labels": departments, "datasets": [
            {"label": str(Sanction(s).label) if s else _("No sanction"),
             "data": [counts.get((d, s), 0) for d in departments]} for s in sanctions]},
    }
    return render(request, "cases/dashboard.html", {"charts": charts, "trends": trends})


# --------------------------------------------------------------------------- the case page

#: What to do next at each status, shown under the step indicator.
_NEXT_STEP_HINTS = {
    CaseStatus.TRIAGE: _("Check the facts, add parties and allegations, and choose the route."),
    CaseStatus.INVESTIGATION: _("Set the investigation plan, interview people, gather evidence and record "
                                "findings."),
    CaseStatus.HEARING: _("Invite the employee with proper notice, hold the hearing and record it."),
    CaseStatus.MEDIATION: _("Hold the mediation sessions and record what was agreed."),
    CaseStatus.SUPPORT: _("Arrange the support and check in until it is no longer needed."),
    CaseStatus.PROCEEDINGS: _("Track the claim's dates and record the decision."),
    CaseStatus.DECISION: _("Record the outcome with reasons and send the outcome letter."),
    CaseStatus.APPEAL_WINDOW: _("Wait for the appeal deadline, or lodge an appeal if one arrives."),
}

#: Action → the permission it needs; every action also needs the case to be open.
_ACTION_PERMS = {
    "edit": "cases.change_case", "transition": "cases.change_case", "assign": "cases.assign_case",
    "investigator": "cases.change_case", "access": "cases.assign_case", "party": "cases.change_case",
    "allegation": "cases.change_case", "meeting": "cases.change_case", "plan": "cases.change_case",
    "outcome": "cases.close_case", "appeal": "cases.add_case", "note": "cases.change_case",
    "document": "cases.add_document",
}


def _steps(case: Case) -> list[dict[str, str]]:
    path = path_for(case.kind)
    if case.status == CaseStatus.WITHDRAWN:
        return [{"label": CaseStatus(s).label, "state": ""} for s in path] + [
            {"label": CaseStatus.WITHDRAWN.label, "state": "current"}]
    current = path.index(case.status) if case.status in path else 0
    return [{"label": CaseStatus(s).label, "state": "done" if i < current else "current" if i == current else ""}
            for i, s in enumerate(path)]


#: Actions whose forms the case page loads only when they are opened (htmx; without it, a
#: link to a page with the form): the heavier ones, with staff lists, pickers or documents.
#: Each: the URL it posts to, its summary and its button.
_ON_DEMAND_ACTIONS: dict[str, tuple[str, Any, Any]] = {
    "assign": ("cases:case_assign_manager", _l("Assign the case manager"), _l("Assign")),
    "investigator": ("cases:case_add_investigator", _l("Add an investigator"), _l("Add investigator")),
    "party": ("cases:party_add", _l("Add a party"), _l("Add party")),
    "plan": ("cases:investigation_plan_set", _l("Set the investigation plan"), _l("Save plan")),
    "meeting": ("cases:meeting_schedule", _l("Schedule a meeting"), _l("Schedule")),
    "outcome": ("cases:outcome_record", _l("Record the outcome"), _l("Record outcome")),
    "appeal": ("cases:appeal_open", _l("Lodge an appeal"), _l("Open the appeal case")),
    "document": ("cases:document_upload", _l("Upload a document"), _l("Upload")),
}


def _case_abilities(user: Any, case: Case) -> tuple[dict[str, bool], dict[str, bool]]:
    """Which actions the user may take on the case now, and the permissions behind them."""
    perms = case_perm_map(user, case, [*_ACTION_PERMS.values(), "cases.close_case", "cases.view_case_audit"])
    can = {name: case.is_open and perms[perm] for name, perm in _ACTION_PERMS.items()}
    outcome = getattr(case, "outcome", None)
    can["outcome"] = can["outcome"] and outcome is None
    can["appeal"] = can["appeal"] and outcome is not None and outcome.appeal_allowed and case.kind != CaseKind.APPEAL
    return can, perms


def _blank_action_forms(user: Any, case: Case, perms: dict[str, bool]) -> dict[str, Callable[[str], Any]]:
    """A blank form for each action, made on demand with the given id prefix."""
    can_override = user.has_perm("cases.override_guardrail")
    version = {"expected_version": case.version}
    return {
        "edit": lambda a: forms.CaseEditForm(initial={"title": case.title, "summary": case.summary} | version,
                                             auto_id=a),
        "transition": lambda a: forms.CaseTransitionForm(initial=version, case=case,
                                                         can_close=perms["cases.close_case"], auto_id=a),
        "assign": lambda a: forms.CaseAssignManagerForm(initial={"case_manager": case.case_manager_id} | version,
                                                        auto_id=a),
        "investigator": lambda a: forms.InvestigatorForm(auto_id=a),
        "access": lambda a: forms.GrantAccessForm(auto_id=a),
        "party": lambda a: forms.PartyForm(auto_id=a),
        "allegation": lambda a: forms.AllegationForm(auto_id=a),
        "note": lambda a: forms.NoteForm(auto_id=a),
        "meeting": lambda a: forms.MeetingScheduleForm(can_override=can_override, auto_id=a),
        "plan": lambda a: forms.InvestigationPlanForm(initial=_plan_initial(getattr(case, "investigation", None)),
                                                      auto_id=a),
        "outcome": lambda a: forms.OutcomeForm(initial=version | {"appeal_allowed": True}, case=case,
                                               can_override=can_override, auto_id=a),
        "appeal": lambda a: forms.AppealForm(auto_id=a),
        "document": lambda a: forms.DocumentForm(case=case, auto_id=a),
    }


def _case_page(request: HttpRequest, case: Case, **bound: django_forms.Form) -> HttpResponse:
    """The case page, top to bottom; ``bound`` replaces an action's blank form with the one
    that failed, so its errors show. Records the view in the access log."""
    user = request.user
    services.case_record_view(user=user, case=case, via="page", path=request.path)
    can, perms = _case_abilities(user, case)
    parts = selectors.case_detail_parts(case)
    blank = _blank_action_forms(user, case, perms)
    # Each blank form gets its own id prefix: the page holds many forms with similar fields.
    # The on-demand ones are left out (their <details> fetch them), unless one failed.
    action_forms = {f"{name}_form": bound[f"{name}_form"] if f"{name}_form" in bound else make(f"id_{name}_%s")
                    for name, make in blank.items()
                    if can[name] and (name not in _ON_DEMAND_ACTIONS or f"{name}_form" in bound)}
    if can["allegation"]:
        for allegation in parts["allegations"]:
            allegation.finding_form = (bound["finding_form"] if bound.get("finding_for") == allegation.pk
                                       else forms.FindingForm(auto_id=f"id_finding{allegation.pk}_%s"))
    if can["meeting"]:
        for meeting in parts["meetings"]:
            mine = bound.get("meeting_for") == meeting.pk
            meeting.held_form = (bound["held_form"] if mine and "held_form" in bound
                                 else forms.MeetingHeldForm(auto_id=f"id_held{meeting.pk}_%s"))
            meeting.cancel_form = (bound["cancel_form"] if mine and "cancel_form" in bound
                                   else forms.MeetingCancelForm(auto_id=f"id_cancel{meeting.pk}_%s"))
    context: dict[str, Any] = {
        "case": case, "can": can, "steps": _steps(case), **parts, **action_forms,
        "next_statuses": [CaseStatus(s).label for s in next_statuses(case.kind, case.status)
                          if s != CaseStatus.WITHDRAWN],
        "hint": _NEXT_STEP_HINTS.get(case.status, ""),
        "investigators": list(case.investigators.all()),
        "concerns": list(case.concerns.only("id", "reference", "status", "case_id")),
        "grants": selectors.case_grants(case) if can["access"] else [],
        "show_audit": perms["cases.view_case_audit"],
    }
    if context["show_audit"]:
        context["audit_counts"] = audit_selectors.audit_counts(case.pk)
    return render(request, "cases/case_detail.html", context)


@login_required
@require_GET
def case_action_form(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action's blank form, fetched by the case page when the action is opened (htmx);
    without htmx, a page holding just that form. Same checks as the action itself."""
    case = get_case_for_user(request.user, pk)
    if action not in _ON_DEMAND_ACTIONS:
        raise Http404("No such action.")
    _use_case_time_zone(case)
    can, perms = _case_abilities(request.user, case)
    if not can[action]:
        raise PermissionDenied
    form = _blank_action_forms(request.user, case, perms)[action](f"id_{action}_%s")
    url_name, summary, button = _ON_DEMAND_ACTIONS[action]
    template = "cases/_action_form.html" if request.headers.get("HX-Request") else "cases/case_action.html"
    return render(request, template, {"case": case, "form": form, "summary": summary, "button": button,
                                      "action": reverse(url_name, args=[case.pk])})


def _plan_initial(plan: Any) -> dict[str, Any]:
    if plan is None:
        return {}
    return {"terms_of_reference": plan.terms_of_reference, "questions": plan.questions,
            "target_date": plan.target_date, "interviewees": [e.pk for e in plan.interviewees.all()]}


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    _use_case_time_zone(case)
    return _case_page(request, case)


def _open_case_for(request: HttpRequest, pk: int, perm: str) -> Case:
    """The case for an action: visible (else 404), ``perm`` allowed and still open (else 403)."""
    case = get_case_for_user(request.user, pk, perm=perm)
    if not case.is_open:
        raise PermissionDenied
    _use_case_time_zone(case)
    return case


@login_required
@require_GET
def case_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's change log or access log (``?log=views``), newest first, 50 rows a page.
    For those who may see a case's audit (ER leads, HR admins); looking is itself logged."""
    case = get_case_for_user(request.user, pk, perm="cases.view_case_audit")
    _use_case_time_zone(case)
    services.case_record_view(user=request.user, case=case, via="audit", path=request.path)
    log = "views" if request.GET.get("log") == "views" else "changes"
    rows = audit_selectors.access_log(case.pk) if log == "views" else audit_selectors.change_log(case.pk)
    return render(request, "cases/case_audit.html", {
        "case": case, "log": log, "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "counts": audit_selectors.audit_counts(case.pk),
    })


def _use_case_time_zone(case: Case) -> None:
    """Show and read meeting times in the case location's time zone (reset per request by
    ``erms.lib.middleware.TimeZoneResetMiddleware``)."""
    timezone.activate(case.location.time_zone or "UTC")


def _act(request: HttpRequest, case: Case, name: str, form: django_forms.Form, service: Callable[..., Any],
         target: dict[str, Any], success: str, **page: Any) -> HttpResponse:
    """Call one service with the form's data on ``target``; redirect on success, or show the
    case page again with the refusal on the form."""
    if form.is_valid():
        try:
            result = service(actor=request.user, **target, **form.cleaned_data)
        except ApplicationError as e:
            _show_error(form, e)
        else:
            messages.success(request, success)
            return redirect(result if isinstance(result, Case) and can_see_case(request.user, result) else case)
    return _case_page(request, case, **{f"{name}_form": form}, **page)


@login_required
@require_POST
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.CaseEditForm(request.POST)
    return _act(request, case, "edit", form, services.case_update, {"case": case}, _("Case updated."))


@login_required
@require_POST
def case_transition(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.CaseTransitionForm(request.POST, case=case,
                                    can_close=has_case_perm(request.user, case, "cases.close_case"))
    return _act(request, case, "transition", form, services.case_transition, {"case": case}, _("Status changed."))


@login_required
@require_POST
def case_assign_manager(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.assign_case")
    form = forms.CaseAssignManagerForm(request.POST)
    return _act(request, case, "assign", form, services.case_assign_manager, {"case": case},
                _("Case manager changed."))


@login_required
@require_POST
def case_add_investigator(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.InvestigatorForm(request.POST)
    return _act(request, case, "investigator", form, services.case_add_investigator, {"case": case},
                _("Investigator assigned."))


@login_required
@require_POST
def case_grant_access(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.assign_case")
    form = forms.GrantAccessForm(request.POST)
    return _act(request, case, "access", form, services.case_grant_access, {"case": case}, _("Access granted."))


@login_required
@require_POST
def case_revoke_access(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.assign_case")
    form = forms.RevokeAccessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whose access to revoke."))
        return redirect(case)
    return _act(request, case, "revoke", form, services.case_revoke_access, {"case": case}, _("Access revoked."))


@login_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.PartyForm(request.POST)
    return _act(request, case, "party", form, services.party_add, {"case": case}, _("Party added."))


@login_required
@require_POST
def allegation_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.AllegationForm(request.POST)
    return _act(request, case, "allegation", form, services.allegation_add, {"case": case},
                _("Allegation added."))


@login_required
@require_POST
def allegation_finding(request: HttpRequest, pk: int, allegation_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    allegation = get_object_or_404(case.allegations, pk=allegation_pk)
    form = forms.FindingForm(request.POST)
    return _act(request, case, "finding", form, services.allegation_record_finding, {"allegation": allegation},
                _("Finding recorded."), finding_for=allegation.pk)


@login_required
@require_POST
def meeting_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.MeetingScheduleForm(request.POST, can_override=request.user.has_perm("cases.override_guardrail"))
    return _act(request, case, "meeting", form, services.meeting_schedule, {"case": case},
                _("Meeting scheduled."))


@login_required
@require_POST
def meeting_held(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    meeting = get_object_or_404(case.meetings, pk=meeting_pk)
    form = forms.MeetingHeldForm(request.POST, request.FILES)
    return _act(request, case, "held", form, services.meeting_record_held, {"meeting": meeting},
                _("Meeting recorded as held."), meeting_for=meeting.pk)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    meeting = get_object_or_404(case.meetings, pk=meeting_pk)
    form = forms.MeetingCancelForm(request.POST)
    return _act(request, case, "cancel", form, services.meeting_cancel, {"meeting": meeting},
                _("Meeting cancelled."), meeting_for=meeting.pk)


@login_required
@require_POST
def investigation_plan_set(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.InvestigationPlanForm(request.POST)
    return _act(request, case, "plan", form, services.investigation_plan_set, {"case": case},
                _("Investigation plan saved."))


@login_required
@require_POST
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.close_case")
    form = forms.OutcomeForm(request.POST, case=case, can_override=request.user.has_perm("cases.override_guardrail"))
    return _act(request, case, "outcome", form, services.outcome_record, {"case": case}, _("Outcome recorded."))


@login_required
@require_POST
def appeal_open(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.add_case")
    form = forms.AppealForm(request.POST)
    return _act(request, case, "appeal", form, services.appeal_open, {"original": case}, _("Appeal lodged."))


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.change_case")
    form = forms.NoteForm(request.POST)
    return _act(request, case, "note", form, services.note_add, {"case": case}, _("Note added."))


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.add_document")
    form = forms.DocumentForm(request.POST, request.FILES, case=case)
    return _act(request, case, "document", form, transaction.atomic(services.document_store), {"case": case},
                _("Document uploaded."))


# --------------------------------------------------------------------------- documents


def _document_response(request: HttpRequest, pk: int, *, inline: bool) -> FileResponse:
    doc = get_document_for_user(request.user, pk)
    if doc.case_id is not None:
        services.case_record_view(user=request.user, case=doc.case, via="document", path=request.path)
    inline = inline and doc.previewable
    response = FileResponse(doc.file.open("rb"), content_type=doc.content_type, as_attachment=not inline,
                            filename=doc.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if inline and doc.content_type != "application/pdf":
        # Images and text need no script; the PDF viewer does, so it is not sandboxed.
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    return _document_response(request, pk, inline=False)


@login_required
@require_GET
def document_preview(request: HttpRequest, pk: int) -> FileResponse:
    return _document_response(request, pk, inline=True)



# --------------------------------------------------------------------------- letters


class LetterRequestForm(django_forms.Form):
    """What to put in a letter: kind, language, meeting, addressee, a letter it corrects, extra facts."""

    kind = django_forms.ChoiceField(label=_l("Letter"), choices=LetterKind.choices)
    language = django_forms.ChoiceField(label=_l("Language"), choices=settings.LANGUAGES, initial="en")
    meeting = django_forms.ModelChoiceField(label=_l("Meeting"), queryset=Meeting.objects.none(), required=False)
    addressee = django_forms.ModelChoiceField(label=_l("Addressee"), queryset=Employee.objects.none(),
                                              required=False)
    replaces = django_forms.ModelChoiceField(label=_l("Corrects letter"), queryset=Letter.objects.none(),
                                             required=False)
    suspended_from = django_forms.DateField(label=_l("Suspended from"), required=False)
    suspended_until = django_forms.DateField(label=_l("Suspended until"), required=False)
    review_on = django_forms.DateField(label=_l("Suspension review on"), required=False)
    employment_ends_on = django_forms.DateField(label=_l("Employment ends on"), required=False)
    notice_pay = django_forms.ChoiceField(label=_l("Notice"), required=False, choices=[
        ("", "—"), ("worked", _l("Worked")), ("pay_in_lieu", _l("Pay in lieu of notice"))])
    delivery = django_forms.ChoiceField(label=_l("Delivery"), required=False, choices=[
        ("", "—"), ("by_hand", _l("By hand")), ("registered_post", _l("Registered post"))])
    appeal_to = django_forms.CharField(label=_l("Appeals go to"), required=False, max_length=200)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(case=case)
        self.fields["addressee"].queryset = Employee.objects.filter(case_parties__case=case).distinct()
        self.fields["replaces"].queryset = Letter.objects.filter(case=case, replaced_by__isnull=True)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        detail_names = ("suspended_from", "suspended_until", "review_on", "employment_ends_on", "notice_pay",
                        "delivery", "appeal_to")
        details = {n: data[n].isoformat() if hasattr(data[n], "isoformat") else data[n] for n in detail_names
                   if data.get(n)}
        return {"kind": data["kind"], "language": data["language"], "meeting": data["meeting"],
                "addressee": data["addressee"], "replaces": data["replaces"], "details": details}


@login_required
@require_GET
def letter_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page's letters section (loaded by htmx; polls while a letter is queued)."""
    case = get_case_for_user(request.user, pk)
    rows = letters.letters_of_case(case)
    now = clock.now()
    for row in rows:  # a letter waiting longer than a worker needs says so, and may be retried
        row.stuck_minutes = int(row.queued_for(now).total_seconds() // 60) if row.is_stuck(now) else None
    return render(request, "letters/_case_letters.html", {
        "case": case, "letters": rows, "any_queued": any(r.status == LetterStatus.QUEUED for r in rows),
        "can_issue": has_case_perm(request.user, case, "cases.change_case"),
        "form": LetterRequestForm(case=case),
    })


@login_required
@require_GET
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter in the browser with the case's data filled in; gaps listed above it."""
    case = get_case_for_user(request.user, pk, perm="cases.change_case")
    form = LetterRequestForm(request.GET, case=case)
    html, gaps = "", []
    if form.is_valid():
        html, gaps = services.letter_preview(actor=request.user, case=case, **form.service_kwargs())
    return render(request, "letters/letter_preview.html", {
        "case": case, "form": form, "letter_html": html, "gaps": gaps,
        "errors": [g for g in gaps if g.is_error], "query": request.GET.urlencode(),
    })


@login_required
@require_POST
def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, perm="cases.change_case")
    form = LetterRequestForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.letter_issue(actor=request.user, case=case, **form.service_kwargs())
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Letter issued; the PDF is being produced."))
            return redirect(f"{case.get_absolute_url()}#letters")
    return redirect(f"{reverse('cases:letter_preview', args=[case.pk])}?{request.POST.urlencode()}")


@login_required
@require_POST
def letter_retry(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, letter_pk, perm="cases.change_case")
    if letter.case_id != int(pk):
        raise Http404("No such letter.")
    try:
        services.letter_retry(actor=request.user, letter=letter)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The letter is queued again."))
    return redirect(f"{letter.case.get_absolute_url()}#letters")
