"""Pages of rankings and reward/punishment decisions, mounted at ``/reward/``."""

from . import urls_decisions, urls_rankings

app_name = "rewards"

urlpatterns: list = [
    # rankings (live and frozen), the leader dashboard, the ranking board PDF, composite weights, rules
    *urls_rankings.urlpatterns,
    # proposals, decisions (SK), the register and its exports, the unit's view, SK and certificate PDFs
    *urls_decisions.urlpatterns,
]
