from django.apps import AppConfig


class ErmsConfig(AppConfig):
    """The wiring, installed as an app with no models only so that it can host the management
    commands that span every app (``manage.py seed_demo``): Django finds commands in installed
    apps only, and a command placed in one of the apps could not import the apps above it."""

    name = "erms"
    verbose_name = "ERMS"
