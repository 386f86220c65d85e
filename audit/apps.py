from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restrict_app_role(using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    from audit.db_roles import restrict_app_role

    restrict_app_role(connections[using])


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # After every migrate (run by the tables' owner), the application's role may again only
        # read and append to the logs, whichever migration last made or changed their tables.
        post_migrate.connect(_restrict_app_role, sender=self, dispatch_uid="audit-restrict-app-role")
