from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from cases.deadlines import CASE_OWNER
        from deadlines import owners
        from erms.lib import lookups  # noqa: F401 - registers ``__any_of`` (case id lists)

        owners.register(CASE_OWNER)
