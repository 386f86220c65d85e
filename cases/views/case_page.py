"""The case page, its on-demand action forms and one POST view per action; the case's audit page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from audit import selectors as audit_selectors
from cases import forms, guardrails, selectors, services
from cases.forms import FIELD_ALIASES
from cases.models import (
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    Meeting,
)
from cases.next_step import case_next_step
from cases.permissions import (
    APPOINT_INVESTIGATOR,
    INVESTIGATION_MEETING_KINDS,
    MANAGE_CASE,
    REOPEN_CASE,
    can_see_case,
    case_perm_map,
    get_case_for_user,
    get_case_part_for_user,
    get_filed_under_case,
    has_case_perm,
    meeting_perm,
    works_on_cases,
)
from cases.workflow import path_for, sections_for
from erms.lib.errors import ApplicationError

#: Action → the permission it needs; every action also needs the case to be open. Steering the
#: case is for those who manage it (``MANAGE_CASE``); the investigation's own work (the plan,
#: interviews, findings, notes, documents) also for its investigators.
_ACTION_PERMS = {
    "edit": MANAGE_CASE,
    "transition": MANAGE_CASE,
    "assign": "cases.assign_case",
    "investigator": APPOINT_INVESTIGATOR,
    "access": "cases.assign_case",
    "party": MANAGE_CASE,
    "allegation": MANAGE_CASE,
    "links": MANAGE_CASE,
    "finding": "cases.change_case",
    "meeting": "cases.change_case",  # an investigation interview; other kinds need MANAGE_CASE
    "plan": "cases.change_case",
    "outcome": "cases.close_case",
    "appeal": "cases.add_case",
    "note": "cases.change_case",
    "document": "cases.add_document",
}


def _steps(case: Case) -> list[dict[str, str]]:
    path = path_for(case.kind)
    if case.status == CaseStatus.WITHDRAWN:
        return [{"label": CaseStatus(s).label, "state": ""} for s in path] + [
            {"label": CaseStatus.WITHDRAWN.label, "state": "current"}
        ]
    current = path.index(case.status) if case.status in path else 0
    return [
        {"label": CaseStatus(s).label, "state": "done" if i < current else "current" if i == current else ""}
        for i, s in enumerate(path)
    ]


#: Actions whose forms the case page loads only when they are opened (htmx; without it, a
#: link to a page with the form): the heavier ones, with staff lists, pickers or documents.
#: Each: the URL it posts to, its summary and its button.
_ON_DEMAND_ACTIONS: dict[str, tuple[str, Any, Any]] = {
    "assign": ("cases:case_assign_manager", gettext_lazy("Assign the case manager"), gettext_lazy("Assign")),
    "investigator": (
        "cases:case_add_investigator",
        gettext_lazy("Add an investigator"),
        gettext_lazy("Add investigator"),
    ),
    "party": ("cases:party_add", gettext_lazy("Add a party"), gettext_lazy("Add party")),
    "plan": (
        "cases:investigation_plan_set",
        gettext_lazy("Set the investigation plan"),
        gettext_lazy("Save plan"),
    ),
    "meeting": ("cases:meeting_schedule", gettext_lazy("Schedule a meeting"), gettext_lazy("Schedule")),
    "outcome": ("cases:outcome_record", gettext_lazy("Record the outcome"), gettext_lazy("Record outcome")),
    "appeal": ("cases:appeal_open", gettext_lazy("Lodge an appeal"), gettext_lazy("Open the appeal case")),
    "document": ("cases:document_upload", gettext_lazy("Upload a document"), gettext_lazy("Upload")),
}


#: What each action is called on the page: its summary, shown again above the page when it is refused.
_ACTION_LABELS: dict[str, Any] = {
    "transition": gettext_lazy("Change the status"),
    "edit": gettext_lazy("Edit title and summary"),
    **{name: summary for name, (_url, summary, _button) in _ON_DEMAND_ACTIONS.items()},
    "access": gettext_lazy("Access to this case"),
    "revoke": gettext_lazy("Access to this case"),
    "allegation": gettext_lazy("Add an allegation"),
    "finding": gettext_lazy("Record the finding"),
    "links": gettext_lazy("Edit the policy and evidence links"),
    "held": gettext_lazy("Record as held"),
    "cancel": gettext_lazy("Cancel the meeting"),
    "note": gettext_lazy("Add a note"),
}

#: The header's actions menu, in the order of the sections the actions sit in.
_MENU = (
    "transition",
    "edit",
    "party",
    "assign",
    "investigator",
    "access",
    "allegation",
    "plan",
    "meeting",
    "outcome",
    "appeal",
    "document",
    "note",
)


def _action_anchor(name: str, page: dict[str, Any]) -> str:
    """The id of the ``<details>`` holding an action's form (per allegation or meeting where it has one)."""
    if name == "finding":
        return f"action-finding-{page['finding_for']}"
    if name == "links":
        return f"action-links-{page['links_for']}"
    if name in ("held", "cancel"):
        return f"action-{name}-{page['meeting_for']}"
    return "action-access" if name == "revoke" else f"action-{name}"


def _form_ids(name: str, page: dict[str, Any]) -> str:
    """The id pattern of an action's form on the page (per allegation or meeting where it has one)."""
    of = {
        "finding": page.get("finding_for"),
        "links": page.get("links_for"),
        "held": page.get("meeting_for"),
        "cancel": page.get("meeting_for"),
    }
    return f"id_{name}{of[name]}_%s" if name in of else f"id_{name}_%s"


def _refusal(name: str, form: django_forms.Form, page: dict[str, Any]) -> dict[str, Any]:
    """What the summary above the page says of a refused action: each message, linked to its field
    (or to the action's form when the refusal is about the whole action)."""
    anchor = _action_anchor(name, page)
    items = [{"target": anchor, "label": "", "message": m} for m in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            hidden = field.is_hidden
            items.append(
                {
                    "target": anchor if hidden else field.id_for_label,
                    "label": "" if hidden else field.label,
                    "message": message,
                }
            )
    return {"label": _ACTION_LABELS.get(name, ""), "anchor": anchor, "items": items}


def _case_abilities(user: Any, case: Case) -> tuple[dict[str, bool], dict[str, bool]]:
    """Which actions the user may take on the case now, and the permissions behind them."""
    perms = case_perm_map(
        user, case, [*_ACTION_PERMS.values(), "cases.close_case", "cases.view_case_audit", REOPEN_CASE]
    )
    can = {name: case.is_open and perms[perm] for name, perm in _ACTION_PERMS.items()}
    can["reopen"] = not case.is_open and perms[REOPEN_CASE]
    outcome = getattr(case, "outcome", None)
    can["outcome"] = can["outcome"] and outcome is None
    can["appeal"] = (
        can["appeal"] and outcome is not None and outcome.appeal_allowed and case.kind != CaseKind.APPEAL
    )
    # Actions of sections the kind does not have (an EAP referral has no allegations or outcome).
    sections = sections_for(case.kind)
    for name, section in (
        ("allegation", "allegations"),
        ("links", "allegations"),
        ("finding", "allegations"),
        ("plan", "investigation"),
        ("outcome", "outcome"),
    ):
        can[name] = can[name] and sections[section]
    can["appeal"] = can["appeal"] and sections["outcome"]
    return can, perms


def _allegation_link_choices(case: Case) -> Callable[[], forms.AllegationLinkChoices]:
    """The allegation forms' choices, read on first use and then shared by every such form."""
    read: list[forms.AllegationLinkChoices] = []

    def links() -> forms.AllegationLinkChoices:
        if not read:
            read.append(forms.AllegationLinkChoices.for_case(case))
        return read[0]

    return links


def _meeting_kinds(perms: dict[str, bool]) -> frozenset[str] | None:
    """The meeting kinds the user may schedule: all for those who manage the case, else only
    the investigation's (its investigators)."""
    return None if perms[MANAGE_CASE] else INVESTIGATION_MEETING_KINDS


def _blank_action_forms(user: Any, case: Case, perms: dict[str, bool]) -> dict[str, Callable[[str], Any]]:
    """A blank form for each action, made on demand with the given id prefix."""
    can_override = user.has_perm("cases.override_guardrail")
    version = {"expected_version": case.version}
    links = _allegation_link_choices(case)
    return {
        "edit": lambda a: forms.CaseEditForm(
            initial={"title": case.title, "summary": case.summary} | version, auto_id=a
        ),
        "transition": lambda a: forms.CaseTransitionForm(
            initial=version, case=case, can_close=perms["cases.close_case"], auto_id=a
        ),
        "assign": lambda a: forms.CaseAssignManagerForm(
            initial={"case_manager": case.case_manager_id} | version, auto_id=a
        ),
        "investigator": lambda a: forms.InvestigatorForm(auto_id=a),
        "access": lambda a: forms.GrantAccessForm(auto_id=a),
        "party": lambda a: forms.PartyForm(near=case.location_id, auto_id=a),
        "allegation": lambda a: forms.AllegationForm(case=case, links=links(), auto_id=a),
        "note": lambda a: forms.NoteForm(auto_id=a),
        "meeting": lambda a: forms.MeetingScheduleForm(
            can_override=can_override, kinds=_meeting_kinds(perms), near=case.location_id, auto_id=a
        ),
        "plan": lambda a: forms.InvestigationPlanForm(
            initial=_plan_initial(getattr(case, "investigation", None)), near=case.location_id, auto_id=a
        ),
        "outcome": lambda a: forms.OutcomeForm(
            initial=version | {"appeal_allowed": True}, case=case, can_override=can_override, auto_id=a
        ),
        "appeal": lambda a: forms.AppealForm(auto_id=a),
        "reopen": lambda a: forms.CaseReopenForm(initial=version, auto_id=a),
        "document": lambda a: forms.DocumentForm(case=case, auto_id=a),
    }


def _allegation_links_form(
    case: Case, allegation: Allegation, links: forms.AllegationLinkChoices
) -> forms.AllegationLinksForm:
    """The "edit links" form of an allegation: its own links, or else the version in force on its
    incident date, offered for confirmation."""
    version = allegation.policy_version or selectors.allegation_policy_version_in_force(
        links.versions, category=allegation.category, incident_date=allegation.incident_date
    )
    return forms.AllegationLinksForm(
        case=case,
        links=links,
        initial={
            "policy_version": version.pk if version else None,
            "evidence": [d.pk for d in allegation.evidence.all()],
        },
        auto_id=f"id_links{allegation.pk}_%s",
    )


def _case_page(
    request: HttpRequest, case: Case, refused: str = "", **bound: django_forms.Form
) -> HttpResponse:
    """The case page, top to bottom; ``bound`` replaces an action's blank form with the one
    that failed, so its errors show, and the ``refused`` action's messages are summed up at
    the top. (Fetching the case recorded the view in the access log.)"""
    user = request.user
    can, perms = _case_abilities(user, case)
    sections = sections_for(case.kind)
    # Someone without an HR role sees the case through a grant, without HR's internal file.
    whole = works_on_cases(user)
    parts = selectors.case_detail_parts(case, whole=whole)
    blank = _blank_action_forms(user, case, perms)
    # Each blank form gets its own id prefix: the page holds many forms with similar fields.
    # The on-demand ones are left out (their <details> fetch them), unless one failed.
    action_forms = {
        f"{name}_form": bound[f"{name}_form"] if f"{name}_form" in bound else make(f"id_{name}_%s")
        for name, make in blank.items()
        if can[name] and (name not in _ON_DEMAND_ACTIONS or f"{name}_form" in bound)
    }
    links = _allegation_link_choices(case)
    for allegation in parts["allegations"]:
        if can["finding"]:
            allegation.finding_form = (
                bound["finding_form"]
                if bound.get("finding_for") == allegation.pk
                else forms.FindingForm(auto_id=f"id_finding{allegation.pk}_%s")
            )
        if can["links"]:
            allegation.links_form = (
                bound["links_form"]
                if bound.get("links_for") == allegation.pk
                else _allegation_links_form(case, allegation, links())
            )
    guardrails.planned_meeting_warnings(case, parts["meetings"])
    for meeting in parts["meetings"]:
        # Recording or cancelling a hearing is for those who manage the case, an interview also
        # for its investigators.
        meeting.can_act = can["meeting"] and perms[meeting_perm(meeting.kind)]
        if meeting.can_act:
            mine = bound.get("meeting_for") == meeting.pk
            meeting.held_form = (
                bound["held_form"]
                if mine and "held_form" in bound
                else forms.MeetingHeldForm(auto_id=f"id_held{meeting.pk}_%s")
            )
            meeting.cancel_form = (
                bound["cancel_form"]
                if mine and "cancel_form" in bound
                else forms.MeetingCancelForm(auto_id=f"id_cancel{meeting.pk}_%s")
            )
    context: dict[str, Any] = {
        "case": case,
        "can": can,
        "steps": _steps(case),
        **parts,
        **action_forms,
        # The next step is addressed to HR; the menu lists actions, and a view-only grant has none.
        "next_step": case_next_step(case) if whole else None,
        "action_menu": [(f"action-{name}", _ACTION_LABELS[name]) for name in _MENU if can[name]]
        if whole
        else [],
        "refusal": _refusal(refused, bound[f"{refused}_form"], bound) if refused else None,
        "investigators": list(case.investigators.all()),
        "concerns": list(case.concerns.only("id", "reference", "status", "case_id")),
        "grants": selectors.case_grants(case) if can["access"] else [],
        "show_audit": perms["cases.view_case_audit"],
        # Earlier cases' sanctions are for those who decide this one (the ladder), not for investigators
        # or people the case is shared with: it would prejudge, and it is other cases' data.
        "show_live_warnings": perms["cases.close_case"] and sections["outcome"],
        "sections": sections,
    }
    if not context["show_live_warnings"]:
        context["live_warnings"] = []
    if context["show_audit"]:
        context["audit_counts"] = audit_selectors.audit_counts(case.pk)
    return render(request, "cases/case_detail.html", context)


@login_required
@require_GET
def case_action_form(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action's blank form, fetched by the case page when the action is opened (htmx);
    without htmx, a page holding just that form. Same checks as the action itself; fetched by
    the page, it does not log the view the page logged."""
    htmx = bool(request.headers.get("HX-Request"))
    if htmx:
        case = get_case_part_for_user(request.user, pk, path=request.path)
    else:
        case = get_case_for_user(request.user, pk, via="page", path=request.path)
    if action not in _ON_DEMAND_ACTIONS:
        raise Http404("No such action.")
    _use_case_time_zone(case)
    can, perms = _case_abilities(request.user, case)
    if not can[action]:
        raise PermissionDenied
    form = _blank_action_forms(request.user, case, perms)[action](f"id_{action}_%s")
    url_name, summary, button = _ON_DEMAND_ACTIONS[action]
    template = "cases/_action_form.html" if htmx else "cases/case_action.html"
    return render(
        request,
        template,
        {
            "case": case,
            "form": form,
            "summary": summary,
            "button": button,
            "action": reverse(url_name, args=[case.pk]),
        },
    )


def _plan_initial(plan: Any) -> dict[str, Any]:
    if plan is None:
        return {}
    return {
        "terms_of_reference": plan.terms_of_reference,
        "questions": plan.questions,
        "target_date": plan.target_date,
        "interviewees": [e.pk for e in plan.interviewees.all()],
    }


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, via="page", path=request.path)
    _use_case_time_zone(case)
    return _case_page(request, case)


def _open_case_for(request: HttpRequest, pk: int, perm: str) -> Case:
    """The case for an action: visible (else 404), ``perm`` allowed and still open (else 403)."""
    case = get_case_for_user(request.user, pk, perm=perm, via="page", path=request.path)
    if not case.is_open:
        raise PermissionDenied
    _use_case_time_zone(case)
    return case


@login_required
@require_GET
def case_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's change log or access log (``?log=views``), newest first, 50 rows a page.
    For those who may see a case's audit (ER leads, HR admins); looking is itself logged."""
    case = get_case_for_user(request.user, pk, perm="cases.view_case_audit", via="audit", path=request.path)
    _use_case_time_zone(case)
    log = "views" if request.GET.get("log") == "views" else "changes"
    rows = audit_selectors.access_log(case.pk) if log == "views" else audit_selectors.change_log(case.pk)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/case_audit.html",
        {
            "case": case,
            "log": log,
            "page": page,
            "changes": selectors.case_audit_rows(page) if log == "changes" else [],
            "counts": audit_selectors.audit_counts(case.pk),
        },
    )


def _use_case_time_zone(case: Case) -> None:
    """Show and read meeting times in the case location's time zone (reset per request by
    ``erms.lib.middleware.TimeZoneResetMiddleware``)."""
    timezone.activate(case.location.time_zone or "UTC")


def _act(
    request: HttpRequest,
    case: Case,
    name: str,
    form: django_forms.Form,
    service: Callable[..., Any],
    target: dict[str, Any],
    success: str,
    **page: Any,
) -> HttpResponse:
    """Call one service with the form's data on ``target``; redirect on success, or show the
    case page again with the refusal on the form."""
    # The form takes the ids its blank form has on the page (before its errors, which name them), so the
    # refusal's summary links land on its fields.
    form.auto_id = _form_ids(name, page)
    if form.is_valid():
        try:
            result = service(actor=request.user, **target, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form, aliases=FIELD_ALIASES)
        else:
            messages.success(request, success)
            for warning in getattr(result, "warnings", ()):
                # A rule's id after the message; a warning no rule names (a non-working day) stands alone.
                messages.warning(
                    request, warning.message if warning.badge else f"{warning.message} ({warning.rule})"
                )
            return redirect(
                result if isinstance(result, Case) and can_see_case(request.user, result) else case
            )
    return _case_page(request, case, refused=name, **{f"{name}_form": form}, **page)


@login_required
@require_POST
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["edit"])
    form = forms.CaseEditForm(request.POST)
    return _act(request, case, "edit", form, services.case_update, {"case": case}, _("Case updated."))


@login_required
@require_POST
def case_transition(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["transition"])
    form = forms.CaseTransitionForm(
        request.POST, case=case, can_close=has_case_perm(request.user, case, "cases.close_case")
    )
    return _act(
        request, case, "transition", form, services.case_transition, {"case": case}, _("Status changed.")
    )


@login_required
@require_POST
def case_assign_manager(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.assign_case")
    form = forms.CaseAssignManagerForm(request.POST)
    return _act(
        request,
        case,
        "assign",
        form,
        services.case_assign_manager,
        {"case": case},
        _("Case manager changed."),
    )


@login_required
@require_POST
def case_add_investigator(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, APPOINT_INVESTIGATOR)
    form = forms.InvestigatorForm(request.POST)
    return _act(
        request,
        case,
        "investigator",
        form,
        services.case_add_investigator,
        {"case": case},
        _("Investigator assigned."),
    )


@login_required
@require_POST
def case_grant_access(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.assign_case")
    form = forms.GrantAccessForm(request.POST)
    return _act(
        request, case, "access", form, services.case_grant_access, {"case": case}, _("Access granted.")
    )


@login_required
@require_POST
def case_revoke_access(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.assign_case")
    form = forms.RevokeAccessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whose access to revoke."))
        return redirect(case)
    return _act(
        request, case, "revoke", form, services.case_revoke_access, {"case": case}, _("Access revoked.")
    )


@login_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["party"])
    form = forms.PartyForm(request.POST)
    return _act(request, case, "party", form, services.party_add, {"case": case}, _("Party added."))


@login_required
@require_POST
def allegation_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["allegation"])
    form = forms.AllegationForm(request.POST, case=case)
    return _act(
        request, case, "allegation", form, services.allegation_add, {"case": case}, _("Allegation added.")
    )


@login_required
@require_GET
def allegation_policy_choice(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the add form's policy field, with the version in force on the incident date chosen."""
    case = _open_case_for(request, pk, _ACTION_PERMS["allegation"])
    query = forms.AllegationPolicyQueryForm(request.GET)
    values = query.cleaned_data if query.is_valid() else {}
    links = forms.AllegationLinkChoices.for_case(case)
    version = selectors.allegation_policy_version_in_force(
        links.versions, category=values.get("category") or "", incident_date=values.get("incident_date")
    )
    form = forms.AllegationForm(
        case=case, links=links, initial={"policy_version": version.pk if version else ""}
    )
    return HttpResponse(str(form["policy_version"]))


@login_required
@require_POST
def allegation_links(request: HttpRequest, pk: int, allegation_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["links"])
    allegation = get_filed_under_case(
        request.user, case, Allegation.objects.all(), allegation_pk, via="page", path=request.path
    )
    form = forms.AllegationLinksForm(request.POST, case=case)
    return _act(
        request,
        case,
        "links",
        form,
        services.allegation_link,
        {"allegation": allegation},
        _("Policy and evidence of allegation %(n)s saved.") % {"n": allegation.number},
        links_for=allegation.pk,
    )


@login_required
@require_POST
def allegation_finding(request: HttpRequest, pk: int, allegation_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["finding"])
    allegation = get_filed_under_case(
        request.user, case, Allegation.objects.all(), allegation_pk, via="page", path=request.path
    )
    form = forms.FindingForm(request.POST)
    return _act(
        request,
        case,
        "finding",
        form,
        services.allegation_record_finding,
        {"allegation": allegation},
        _("Finding recorded."),
        finding_for=allegation.pk,
    )


@login_required
@require_POST
def meeting_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["meeting"])
    if not has_case_perm(request.user, case, meeting_perm(request.POST.get("kind", ""))):
        raise PermissionDenied  # a hearing: for those who manage the case, not its investigators
    form = forms.MeetingScheduleForm(
        request.POST,
        can_override=request.user.has_perm("cases.override_guardrail"),
        kinds=None if has_case_perm(request.user, case, MANAGE_CASE) else INVESTIGATION_MEETING_KINDS,
    )
    return _act(
        request, case, "meeting", form, services.meeting_schedule, {"case": case}, _("Meeting scheduled.")
    )


@login_required
@require_POST
def meeting_held(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["meeting"])
    meeting = get_filed_under_case(
        request.user, case, Meeting.objects.all(), meeting_pk, via="page", path=request.path
    )
    if not has_case_perm(request.user, case, meeting_perm(meeting.kind)):
        raise PermissionDenied
    form = forms.MeetingHeldForm(request.POST, request.FILES)
    return _act(
        request,
        case,
        "held",
        form,
        services.meeting_record_held,
        {"meeting": meeting},
        _("Meeting recorded as held."),
        meeting_for=meeting.pk,
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["meeting"])
    meeting = get_filed_under_case(
        request.user, case, Meeting.objects.all(), meeting_pk, via="page", path=request.path
    )
    if not has_case_perm(request.user, case, meeting_perm(meeting.kind)):
        raise PermissionDenied
    form = forms.MeetingCancelForm(request.POST)
    return _act(
        request,
        case,
        "cancel",
        form,
        services.meeting_cancel,
        {"meeting": meeting},
        _("Meeting cancelled."),
        meeting_for=meeting.pk,
    )


@login_required
@require_POST
def investigation_plan_set(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["plan"])
    form = forms.InvestigationPlanForm(request.POST)
    return _act(
        request,
        case,
        "plan",
        form,
        services.investigation_plan_set,
        {"case": case},
        _("Investigation plan saved."),
    )


@login_required
@require_POST
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.close_case")
    form = forms.OutcomeForm(
        request.POST, case=case, can_override=request.user.has_perm("cases.override_guardrail")
    )
    return _act(
        request, case, "outcome", form, services.outcome_record, {"case": case}, _("Outcome recorded.")
    )


@login_required
@require_POST
def appeal_open(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.add_case")
    form = forms.AppealForm(request.POST)
    return _act(request, case, "appeal", form, services.appeal_open, {"original": case}, _("Appeal lodged."))


@login_required
@require_POST
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed or withdrawn case, with a reason (an ER lead in scope or an HR admin)."""
    case = get_case_for_user(request.user, pk, perm=REOPEN_CASE, via="page", path=request.path)
    if case.is_open:
        raise PermissionDenied
    _use_case_time_zone(case)
    form = forms.CaseReopenForm(request.POST)
    return _act(request, case, "reopen", form, services.case_reopen, {"case": case}, _("Case reopened."))


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, _ACTION_PERMS["note"])
    form = forms.NoteForm(request.POST)
    return _act(request, case, "note", form, services.note_add, {"case": case}, _("Note added."))


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _open_case_for(request, pk, "cases.add_document")
    form = forms.DocumentForm(request.POST, request.FILES, case=case)
    return _act(
        request,
        case,
        "document",
        form,
        transaction.atomic(services.document_store),
        {"case": case},
        _("Document uploaded."),
    )
