"""Pages of rankings and reward/punishment decisions, mounted at ``/reward/``."""

from . import urls_assessments, urls_decisions, urls_discipline, urls_obligations, urls_rankings

app_name = "rewards"

urlpatterns: list = [
    # rankings (live and frozen), the leader dashboard, the ranking board PDF, composite weights, rules
    *urls_rankings.urlpatterns,
    # proposals, decisions (SK), the register and its exports, the unit's view, SK and certificate PDFs
    *urls_decisions.urlpatterns,
    # issue 9: officials and obligations, discipline records (personal data), external assessments
    *urls_obligations.urlpatterns,
    *urls_discipline.urlpatterns,
    *urls_assessments.urlpatterns,
]
