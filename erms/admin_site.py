"""ERMS's admin site: branded, in the reader's language, and showing HR the business models only.

The technical tables third-party apps register (object-permission rows, beat schedules, sign-in
attempts, two-factor devices) are for whoever runs ERMS: a superuser finds them in one section
after the business models; anyone else neither sees nor opens them, whatever permissions they hold.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

TECHNICAL_APPS = frozenset({"guardian", "django_celery_beat", "axes", "otp_totp", "otp_static", "otp_email"})
# Guardian's direct foreign-key permission rows live in the cases app, but are the same plumbing.
TECHNICAL_MODELS = frozenset({"cases.casegroupobjectpermission", "cases.caseuserobjectpermission"})


def is_technical(model: type[Model]) -> bool:
    opts = model._meta
    return opts.app_label in TECHNICAL_APPS or opts.label_lower in TECHNICAL_MODELS


class ErmsAdminSite(admin.AdminSite):
    site_header = _("ERMS administration")
    site_title = _("ERMS administration")
    index_title = _("Records and settings")

    def _build_app_dict(self, request: HttpRequest, label: str | None = None) -> dict[str, Any]:
        app_dict = super()._build_app_dict(request, label)
        if request.user.is_superuser:
            return app_dict
        if label is not None:  # one app's page: the app itself, or {} (404) when nothing is left
            return _business_only(app_dict) if app_dict else app_dict
        return {key: kept for key, app in app_dict.items() if (kept := _business_only(app))}

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        business, technical = [], []
        for app in apps:
            (technical if app["app_label"] in TECHNICAL_APPS else business).append(app)
            moved = [m for m in app["models"] if m["model"]._meta.label_lower in TECHNICAL_MODELS]
            if moved:
                app["models"] = [m for m in app["models"] if m not in moved]
                technical.append({**app, "models": moved})
        if technical:
            business.append(
                {
                    "name": _("Technical (for whoever runs ERMS)"),
                    "app_label": "technical",
                    "app_url": "",
                    "has_module_perms": True,
                    "models": [m for app in technical for m in app["models"]],
                }
            )
        return [app for app in business if app["models"]]

    def admin_view(
        self, view: Callable[..., HttpResponse], cacheable: bool = False
    ) -> Callable[..., HttpResponse]:
        inner = super().admin_view(view, cacheable)
        model_admin = getattr(view, "__self__", None)
        if not isinstance(model_admin, admin.ModelAdmin) or not is_technical(model_admin.model):
            return inner

        @wraps(inner)
        def technical_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not request.user.is_superuser:
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return technical_view


def _business_only(app: dict[str, Any]) -> dict[str, Any] | None:
    if app["app_label"] in TECHNICAL_APPS:
        return None
    models = [m for m in app["models"] if m["model"]._meta.label_lower not in TECHNICAL_MODELS]
    return {**app, "models": models} if models else None
