from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluasi AKIP")

    def ready(self) -> None:
        from . import home_tasks, lke_home_tasks, report_home_tasks  # noqa: F401  (register the home-page task providers)
