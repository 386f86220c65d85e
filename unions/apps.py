from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionsConfig(AppConfig):
    name = "unions"
    verbose_name = _("Unions and representatives")

    def ready(self) -> None:
        from deadlines import owners
        from unions.deadlines import AGREEMENT_OWNER, CONSULTATION_OWNER

        owners.register(CONSULTATION_OWNER)
        owners.register(AGREEMENT_OWNER)
