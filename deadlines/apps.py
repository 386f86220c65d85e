from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from audit import alarms
        from deadlines.alarms import audit_alarm

        # A failed verification of the audit chains is told to ER leads and HR admins.
        alarms.register(audit_alarm)
