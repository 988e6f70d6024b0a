"""Routes of API version 1. Each capability adds its router registrations / paths here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from agreements import api as agreements_api
from evaluations import api as evaluations_api
from evaluations import api_lke, api_lke_admin, api_reports
from rewards import api as rewards_api
from rewards import api_assessments, api_discipline, api_obligations

from . import core

router = DefaultRouter()
# core: the Pemda's reference data, users and roles
router.register("units", core.UnitViewSet, basename="unit")
router.register("unit-heads", core.UnitHeadViewSet, basename="unit-head")
router.register("fiscal-years", core.FiscalYearViewSet, basename="fiscal-year")
router.register("ranking-categories", core.RankingCategoryViewSet, basename="ranking-category")
router.register("users", core.UserViewSet, basename="user")
# agreements: Perjanjian Kinerja (pk, pk-sasaran, pk-indicators, pk-programs)
agreements_api.register(router)
# evaluations: periodic realisation reports (reports, realisations) and capaian
evaluations_api.register(router)
# evaluations: LKE evaluation by the Inspektorat, templates, follow-up, the Pemda's own results
api_lke.register(router)
api_lke_admin.register(router)
# evaluations: monthly reports and meeting packs (archive, generation, downloads)
api_reports.register(router)
# rewards: rankings, snapshots, rules, proposals and decisions
rewards_api.register(router)
# rewards: officials and obligations, discipline records, external assessments (issue 9)
api_obligations.register(router)
api_discipline.register(router)
api_assessments.register(router)

urlpatterns = [
    path("me/", core.MeView.as_view(), name="me"),
    path("pemda/", core.PemdaView.as_view(), name="pemda"),
    *evaluations_api.urlpatterns(),
    *api_lke.urlpatterns(),
    *api_lke_admin.urlpatterns(),
    *api_reports.urlpatterns(),
    *rewards_api.urlpatterns(),
    *api_obligations.urlpatterns(),
    *api_discipline.urlpatterns(),
    *api_assessments.urlpatterns(),
    *router.urls,
]
