from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies and procedures")

    def ready(self) -> None:
        from deadlines import owners
        from policies.deadlines import POLICY_OWNER
        from policies.selectors import closure_days_for

        owners.register(POLICY_OWNER)
        owners.register_closures(closure_days_for)
