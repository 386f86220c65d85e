from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ErmsConfig(AppConfig):
    """The wiring, installed as an app with no models only so that it can host the management
    commands that span every app (``manage.py seed_demo``): Django finds commands in installed
    apps only, and a command placed in one of the apps could not import the apps above it."""

    name = "erms"
    verbose_name = "ERMS"


class ErmsAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with ERMS's site (branding, business models first: ``erms.admin_site``)."""

    default = False
    default_site = "erms.admin_site.ErmsAdminSite"
