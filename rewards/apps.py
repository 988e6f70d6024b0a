from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "rewards"
    verbose_name = _("Reward dan Punishment")

    def ready(self) -> None:
        from . import home_tasks  # noqa: F401  (registers the home-page task providers)
