from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionsConfig(AppConfig):
    name = "unions"
    verbose_name = _("Unions and representatives")

    def ready(self) -> None:
        from django.urls import reverse

        from cases import companions
        from deadlines import owners
        from unions.deadlines import AGREEMENT_OWNER, CONSULTATION_OWNER
        from unions.selectors import companion_representatives

        # The case meeting form suggests the serving representatives as companions; cases sits
        # below unions, so it asks through its registry (cases/companions.py).
        companions.register(
            companions.CompanionSource(
                label="unions.representative",
                url=lambda: reverse("unions:companion_suggestions"),
                employee_ids=lambda: [c.employee_id for c in companion_representatives()],
            )
        )

        # Consultation and agreement deadlines: how they link, who sees them, which lapse.
        owners.register(CONSULTATION_OWNER)
        owners.register(AGREEMENT_OWNER)
