from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import selectors
from accounts.models import Department, Jurisdiction, User


@login_required
def home(request: HttpRequest) -> HttpResponse:
    employee = selectors.employee_for_user(cast(User, request.user))  # login_required
    return render(request, "accounts/home.html", {"employee": employee})


@login_required
@permission_required("accounts.view_employee", raise_exception=True)
def employee_list(request: HttpRequest) -> HttpResponse:
    department = request.GET.get("department") or None
    qs = selectors.employee_list(
        user=cast(User, request.user),  # login_required
        q=request.GET.get("q", "").strip(),
        department=int(department) if department and department.isdigit() else None,
        jurisdiction=request.GET.get("jurisdiction", ""),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/employee_list.html",
        {
            "page": page,
            "departments": Department.objects.order_by("name"),
            "jurisdictions": Jurisdiction.choices,
        },
    )
