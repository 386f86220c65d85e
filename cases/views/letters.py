"""Letters on a case: the letters section, preview, issue and retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import forms, letters, services
from cases.models import (
    LetterStatus,
)
from cases.permissions import (
    MANAGE_CASE,
    get_case_for_user,
    get_case_part_for_user,
    get_letter_for_user,
    has_case_perm,
)
from erms.lib import clock
from erms.lib.errors import ApplicationError


def _letter_language(request: HttpRequest) -> str:
    """The language a letter is offered in first: the user's own, else the page's."""
    return getattr(request.user, "language", "") or getattr(request, "LANGUAGE_CODE", "")


@login_required
@require_GET
def letter_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page's letters section (loaded by htmx; polls while a letter is queued). The
    page logged the view, so the section does not log it again; opened on its own, it sends
    the reader to its place on the case page."""
    htmx = bool(request.headers.get("HX-Request"))
    case = get_case_part_for_user(request.user, pk, path=request.path, reads=htmx)
    if not htmx:
        return redirect(case.get_absolute_url() + "#letters")
    rows = letters.letters_of_case(case)
    now = clock.now()
    for row in rows:  # a letter waiting longer than a worker needs says so, and may be retried
        row.stuck_minutes = int(row.queued_for(now).total_seconds() // 60) if row.is_stuck(now) else None
    return render(
        request,
        "letters/_case_letters.html",
        {
            "case": case,
            "letters": rows,
            "any_queued": any(r.status == LetterStatus.QUEUED for r in rows),
            "can_issue": has_case_perm(request.user, case, MANAGE_CASE),
            "form": forms.LetterRequestForm(case=case, language=_letter_language(request)),
        },
    )


@login_required
@require_GET
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter in the browser with the case's data filled in; gaps listed above it."""
    case = get_case_for_user(request.user, pk, perm=MANAGE_CASE, via="page", path=request.path)
    form = forms.LetterRequestForm(request.GET, case=case, language=_letter_language(request))
    html, gaps = "", []
    if form.is_valid():
        html, gaps = services.letter_preview(actor=request.user, case=case, **form.service_kwargs())
    return render(
        request,
        "letters/letter_preview.html",
        {
            "case": case,
            "form": form,
            "letter_html": html,
            "gaps": gaps,
            "errors": [g for g in gaps if g.is_error],
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, perm=MANAGE_CASE, via="page", path=request.path)
    form = forms.LetterRequestForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.letter_issue(
                actor=request.user,
                case=case,
                **form.service_kwargs(),
                correction_reason=form.cleaned_data.get("correction_reason", ""),
            )
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Letter issued; the PDF is being produced."))
            return redirect(f"{case.get_absolute_url()}#letters")
    return redirect(f"{reverse('cases:letter_preview', args=[case.pk])}?{request.POST.urlencode()}")


@login_required
@require_POST
def letter_retry(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, letter_pk, perm=MANAGE_CASE, via="page", path=request.path)
    if letter.case_id != int(pk):
        raise Http404("No such letter.")
    try:
        services.letter_retry(actor=request.user, letter=letter)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The letter is queued again."))
    return redirect(f"{letter.case.get_absolute_url()}#letters")
