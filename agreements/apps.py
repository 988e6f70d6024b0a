from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Perjanjian Kinerja")

    def ready(self) -> None:
        from . import home_tasks  # noqa: F401  (registers the home-page task providers)
