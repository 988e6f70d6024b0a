from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sakip.core"
    label = "core"
    verbose_name = _("Inti portal")

    def ready(self) -> None:
        from . import home_tasks  # noqa: F401  (registers the home-page task providers)
