from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Jurisdiction
from erms.lib import clock
from erms.lib.errors import ApplicationError
from policies import rule_texts, selectors, services
from policies.forms import DeadlineForm, MakeEffectiveForm, PolicyCreateForm, ReviewForm, VersionForm
from policies.models import Counting, PolicyCategory, RuleAction, RuleStatus, VersionStatus
from policies.permissions import (
    can_see_drafts,
    get_policy_for_user,
    get_policy_version_for_user,
    rules_visible_to,
)
from policies.text import render_markdown, side_by_side_diff


@login_required
@require_GET
@permission_required("policies.view_policy", raise_exception=True)
def policy_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.policy_list(
        user=request.user,
        q=request.GET.get("q", "").strip(),
        category=request.GET.get("category", ""),
        jurisdiction=request.GET.get("jurisdiction", ""),
        overdue=request.GET.get("overdue") == "1",
    )
    return render(
        request,
        "policies/policy_list.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "categories": PolicyCategory.choices,
            "jurisdictions": Jurisdiction.choices,
            "can_add": request.user.has_perm("policies.add_policy"),
            "overdue_mine": selectors.policies_review_overdue_for(request.user),
        },
    )


@login_required
@require_GET
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk)
    versions = selectors.policy_versions_for(request.user, policy)
    current = selectors.policy_version_effective_on(policy, clock.today())
    return render(
        request,
        "policies/policy_detail.html",
        {
            "policy": policy,
            "versions": versions,
            "current": current,
            "current_html": render_markdown(current.body_markdown) if current else "",
            "editor": can_see_drafts(request.user),
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("policies.add_policy", raise_exception=True)
def policy_create(request: HttpRequest) -> HttpResponse:
    form = PolicyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(policy)
    return render(request, "policies/policy_create.html", {"form": form})


@login_required
@require_POST
def policy_review(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk, perm="policies.change_policy")
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.policy_review_record(actor=request.user, policy=policy, **form.cleaned_data)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Review recorded."))
    else:
        messages.error(request, _("Enter a valid next review date."))
    return redirect(policy)


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk)
    version = get_policy_version_for_user(request.user, policy, number)
    return render(
        request,
        "policies/version_detail.html",
        {
            "policy": policy,
            "version": version,
            "html": render_markdown(version.body_markdown),
            "can_edit": version.status == VersionStatus.DRAFT
            and request.user.has_perm("policies.change_policy"),
            "can_approve": request.user.has_perm("policies.approve_policyversion"),
            "effective_form": MakeEffectiveForm(initial={"effective_from": clock.today()}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk, perm="policies.change_policy")
    current = selectors.policy_version_effective_on(policy, clock.today())
    form = VersionForm(
        request.POST or None, initial={"body_markdown": current.body_markdown if current else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.policy_version_draft(actor=request.user, policy=policy, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(version)
    return render(request, "policies/version_form.html", {"policy": policy, "form": form, "version": None})


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk, perm="policies.change_policy")
    version = get_policy_version_for_user(request.user, policy, number)
    initial = {"body_markdown": version.body_markdown, "change_note": version.change_note}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.policy_version_update(actor=request.user, version=version, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to(form)
        else:
            return redirect(version)
    return render(request, "policies/version_form.html", {"policy": policy, "form": form, "version": version})


@login_required
@require_POST
def version_approve(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk, perm="policies.approve_policyversion")
    version = get_policy_version_for_user(request.user, policy, number)
    try:
        services.policy_version_approve(actor=request.user, version=version)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Version approved."))
    return redirect(version)


@login_required
@require_POST
def version_make_effective(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk, perm="policies.approve_policyversion")
    version = get_policy_version_for_user(request.user, policy, number)
    form = MakeEffectiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid effective date."))
        return redirect(version)
    try:
        services.policy_version_make_effective(actor=request.user, version=version, **form.cleaned_data)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Version is now effective."))
    return redirect(version)


@login_required
@require_GET
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_for_user(request.user, pk)
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        raise Http404 from None
    old = get_policy_version_for_user(request.user, policy, a)
    new = get_policy_version_for_user(request.user, policy, b)
    return render(
        request,
        "policies/version_diff.html",
        {
            "policy": policy,
            "old": old,
            "new": new,
            "rows": side_by_side_diff(old.body_markdown, new.body_markdown),
            "versions": selectors.policy_versions_for(request.user, policy),
        },
    )


@login_required
@require_GET
@permission_required("policies.view_procedure", raise_exception=True)
def procedure_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "policies/procedure_list.html",
        {
            "procedures": selectors.procedure_list(
                user=request.user, jurisdiction=request.GET.get("jurisdiction", "")
            ),
            "jurisdictions": Jurisdiction.choices,
        },
    )


@login_required
@require_GET
@permission_required("policies.view_procedure", raise_exception=True)
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = rules_visible_to(request.user)
    if request.GET.get("jurisdiction"):
        rules = rules.filter(jurisdiction=request.GET["jurisdiction"])
    return render(request, "policies/rule_list.html", {"rules": rules.order_by("jurisdiction", "rule_id")})


@login_required
@require_GET
@permission_required("policies.view_procedure", raise_exception=True)
def deadline_calculator(request: HttpRequest) -> HttpResponse:
    rules = selectors.rules_with_time_limits()
    regions = selectors.region_choices()
    form = DeadlineForm(
        request.GET or None,
        rules=rules,
        regions=regions,
        initial=selectors.calculator_start(request.user, rules, regions),
    )
    result, rule = None, None
    if form.is_bound and form.is_valid():
        rule = selectors.rule_get(form.cleaned_data["rule"])
        try:
            result = services.rule_deadline(
                rule,
                form.cleaned_data["start"],
                form.cleaned_data["region"],
                form.cleaned_data["variant"] or None,
            )
        except ApplicationError as e:
            e.add_to(form)
    labels: dict[str, object] = {}
    if result is not None and rule is not None:
        labels = {
            # The rule's words in the reader's language (``policies.rule_texts``).
            "title": rule.display_title,
            "citation": rule.display_citation,
            "variant_label": rule.variant_label(result.variant or ""),
            "other_variants": [(rule.variant_label(v.key), v.due) for v in result.other_variants],
            "period": rule_texts.period(result.number, result.unit),
            "counting_label": Counting(result.counting).label,
            "status_label": RuleStatus(result.status).label,
            "action_label": RuleAction(result.action).label,
        }
    return render(
        request,
        "policies/deadline_calculator.html",
        {"form": form, "result": result, "rule": rule, "rules": rules, **labels},
    )
