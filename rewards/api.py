"""API v1: rankings, snapshots, weights, rules, rule runs, proposals and decisions.

Routes (under ``/api/v1/``)::

    reward-rankings/                    GET live ranking (?year=&month=|quarter=&category=&kind=)
    reward-weights/<year>/              GET · PUT {weights} (admin)
    reward-snapshots/                   GET list (?year=) · POST freeze {year, month|quarter, title, note}
    reward-snapshots/<uid>/             GET with the frozen data
    reward-snapshots/<uid>/run-rules/   POST: queue a rule run over the snapshot
    reward-rules/                       GET · POST (admin)
    reward-rules/install-defaults/      POST (admin)
    reward-rules/<uid>/                 GET · PUT · DELETE (admin)
    reward-rules/<uid>/toggle/          POST {is_active}
    reward-rule-runs/                   GET (?snapshot=) · POST {snapshot}
    reward-rule-runs/<uid>/             GET status
    reward-proposals/                   GET (?status=&year=&snapshot=)
    reward-proposals/<uid>/             GET
    reward-proposals/<uid>/accept|change|reject/   POST (pimpinan)
    reward-decisions/                   GET register (?kind=&unit=&year=&status=&q=) · POST issue (pimpinan)
    reward-decisions/<uid>/             GET
    reward-decisions/<uid>/respond/     POST {text} (the unit, within the window)
    reward-decisions/<uid>/revoke/      POST {reason} (pimpinan)

Visibility is the selectors' (``rewards.selectors``); every write goes through the services, which
check the role (403) and refuse bad input (400, messages in Bahasa Indonesia).
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from rewards import api_serializers as s
from rewards import ranking, selectors, services
from rewards.models import RankingSnapshot, RewardRule, RuleRun
from sakip.api.params import uid_param, uid_parameter
from sakip.core import permissions
from sakip.core.models import FiscalYear, Period
from sakip.core.permissions import P

KINDS = (ranking.KIND_COMPOSITE, "akip", "capaian", "ketepatan_waktu", ranking.KIND_MOST_IMPROVED)


class RewardsPermission(BasePermission):
    """A signed-in user of a Pemda holding one of the view's ``read_perms`` (safe methods) or
    ``write_perms`` (else 403). Visibility is the queryset's; the services check each write."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        method = request.method.lower()
        if method not in getattr(view, "http_method_names", ()) or not hasattr(view, method):
            return True  # 405
        wanted = view.read_perms if request.method in SAFE_METHODS else view.write_perms
        return any(permissions.has_perm(user, p) for p in wanted)


def _validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _int_param(request, name: str, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ValidationError({name: [_("Nilai harus bilangan bulat antara %(a)s dan %(b)s.") % {"a": low, "b": high}]})
    return value


def _period(pemda_id: int, year: int, month: int | None, quarter: int | None) -> Period | None:
    if month and quarter:
        raise ValidationError({"month": [_("Pilih bulan atau triwulan, tidak keduanya.")]})
    if not (month or quarter):
        return None
    kind, number = (Period.Kind.MONTH, month) if month else (Period.Kind.QUARTER, quarter)
    found = (
        Period.objects.select_related("fiscal_year")
        .filter(fiscal_year__pemda_id=pemda_id, fiscal_year__year=year, kind=kind, number=number)
        .first()
    )
    if found is None:
        raise ValidationError({"year": [_("Tahun %(y)s belum dibuat oleh Admin SAKIP.") % {"y": year}]})
    return found


def _current_year(request) -> int:
    fiscal_year = FiscalYear.objects.filter(pemda_id=request.user.pemda_id, is_current=True).first()
    return fiscal_year.year if fiscal_year else timezone.localdate().year


# --- live rankings and weights -------------------------------------------------------------------


class RankingView(APIView):
    permission_classes = [RewardsPermission]
    read_perms = write_perms = (P.RANKING_VIEW,)

    @extend_schema(
        summary=_("Peringkat langsung (belum dibekukan)"),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun (bawaan: tahun berjalan)")),
            OpenApiParameter("month", OpenApiTypes.INT, description=_("sampai bulan 1–12")),
            OpenApiParameter("quarter", OpenApiTypes.INT, description=_("sampai triwulan 1–4")),
            OpenApiParameter("category", OpenApiTypes.STR, description=_("kode kategori peringkat")),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(KINDS), description=_("jenis peringkat")),
        ],
        responses=s.RankingDataSerializer,
    )
    def get(self, request):
        year = _int_param(request, "year", 2015, 2100) or _current_year(request)
        period = _period(
            request.user.pemda_id, year, _int_param(request, "month", 1, 12), _int_param(request, "quarter", 1, 4)
        )
        data = selectors.live_rankings(request.user.pemda, year, period=period)
        kind = request.query_params.get("kind")
        category = request.query_params.get("category") or None
        if kind or category:
            if (kind or ranking.KIND_COMPOSITE) not in KINDS:
                raise ValidationError({"kind": [_("Jenis peringkat tidak dikenal.")]})
            if category and category not in data["rankings"]["by_category"]:
                raise ValidationError({"category": [_("Kategori peringkat tidak dikenal.")]})
            data["rankings"] = {"selected": selectors.ranking_of(data, kind or ranking.KIND_COMPOSITE, category)}
        return Response(s.RankingDataSerializer(data).data)


class WeightsView(APIView):
    permission_classes = [RewardsPermission]
    read_perms = (P.RANKING_VIEW, P.RULE_MANAGE)
    write_perms = (P.RULE_MANAGE,)
    http_method_names = ["get", "put", "head", "options"]

    def _out(self, request, year: int) -> Response:
        weights = selectors.weights_for(request.user.pemda, year)
        return Response(s.WeightsSerializer({"year": year, "weights": weights}).data)

    @extend_schema(summary=_("Bobot indeks komposit tahun ini"), responses=s.WeightsSerializer)
    def get(self, request, year: int):
        return self._out(request, year)

    @extend_schema(summary=_("Simpan bobot indeks komposit (Admin SAKIP)"), request=s.WeightsSerializer,
                   responses=s.WeightsSerializer)  # fmt: skip
    def put(self, request, year: int):
        weights = request.data.get("weights") if isinstance(request.data, dict) else None
        if not isinstance(weights, dict):
            raise ValidationError({"weights": [_("Bobot harus berupa objek {metrik: bobot}.")]})
        services.weights_save(user=request.user, pemda=request.user.pemda, year=year, weights=weights)
        return self._out(request, year)


# --- snapshots and runs --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("Peringkat yang dibekukan"),
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun"))],
    ),
    retrieve=extend_schema(summary=_("Satu snapshot dengan datanya"), responses=s.SnapshotDetailSerializer),
    create=extend_schema(
        summary=_("Bekukan peringkat (pimpinan / Admin SAKIP)"),
        request=s.SnapshotFreezeSerializer,
        responses={201: s.SnapshotDetailSerializer},
    ),
)
class SnapshotViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RewardsPermission]
    read_perms = (P.RANKING_VIEW,)
    write_perms = (P.DECISION_ISSUE, P.RULE_MANAGE)
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = RankingSnapshot.objects.none()
    serializer_class = s.SnapshotSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        qs = selectors.snapshots_for(self.request.user, year=_int_param(self.request, "year", 2015, 2100))
        return qs.defer("data") if self.action == "list" else qs

    def get_object(self):
        return selectors.snapshot_for(self.request.user, self.kwargs["uid"])

    def retrieve(self, request, uid=None):
        return Response(s.SnapshotDetailSerializer(self.get_object()).data)

    def create(self, request):
        data = _validated(s.SnapshotFreezeSerializer, request)
        period = _period(request.user.pemda_id, data["year"], data.get("month"), data.get("quarter"))
        snapshot = services.snapshot_freeze(
            user=request.user, pemda=request.user.pemda, year=data["year"], period=period,
            title=data["title"], note=data["note"],
        )  # fmt: skip
        return Response(s.SnapshotDetailSerializer(snapshot).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Jalankan aturan atas snapshot ini"), request=None, responses={202: s.RuleRunSerializer})
    @action(detail=True, methods=["post"], url_path="run-rules")
    def run_rules(self, request, uid=None):
        run = services.rule_run_request(user=request.user, snapshot=self.get_object(), trigger="api")
        return Response(s.RuleRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(summary=_("Evaluasi aturan"), parameters=[uid_parameter("snapshot", _("uid snapshot"))]),
    retrieve=extend_schema(summary=_("Status satu evaluasi aturan")),
    create=extend_schema(
        summary=_("Jalankan aturan atas snapshot"),
        request=s.RuleRunCreateSerializer,
        responses={202: s.RuleRunSerializer},
    ),  # fmt: skip
)
class RuleRunViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RewardsPermission]
    read_perms = (P.RANKING_VIEW,)
    write_perms = (P.DECISION_ISSUE, P.RULE_MANAGE)
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = RuleRun.objects.none()
    serializer_class = s.RuleRunSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        snapshot_uid = uid_param(self.request, "snapshot")
        qs = selectors.runs_for(self.request.user)
        return qs.filter(snapshot__uid=snapshot_uid) if snapshot_uid else qs

    def get_object(self):
        return selectors.run_for(self.request.user, self.kwargs["uid"])

    def create(self, request):
        data = _validated(s.RuleRunCreateSerializer, request)
        snapshot = selectors.snapshot_for(request.user, data["snapshot"])
        run = services.rule_run_request(user=request.user, snapshot=snapshot, trigger="api")
        return Response(s.RuleRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


# --- rules ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Aturan reward/punishment")),
    retrieve=extend_schema(summary=_("Satu aturan")),
    create=extend_schema(summary=_("Buat aturan (Admin SAKIP)"), request=s.RuleWriteSerializer,
                         responses={201: s.RuleSerializer}),
    update=extend_schema(summary=_("Ubah aturan (Admin SAKIP)"), request=s.RuleWriteSerializer),
    destroy=extend_schema(summary=_("Hapus aturan (Admin SAKIP)")),
)  # fmt: skip
class RuleViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RewardsPermission]
    read_perms = (P.RULE_MANAGE, P.RANKING_VIEW)
    write_perms = (P.RULE_MANAGE,)
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = RewardRule.objects.none()
    serializer_class = s.RuleSerializer
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.rules_for(self.request.user)

    def get_object(self):
        return selectors.rule_for(self.request.user, self.kwargs["uid"])

    def _save(self, request, rule=None):
        data = _validated(s.RuleWriteSerializer, request)
        return services.rule_save(user=request.user, pemda=request.user.pemda, rule=rule, **data)

    def create(self, request):
        return Response(s.RuleSerializer(self._save(request)).data, status=status.HTTP_201_CREATED)

    def update(self, request, uid=None):
        return Response(s.RuleSerializer(self._save(request, self.get_object())).data)

    def destroy(self, request, uid=None):
        services.rule_delete(user=request.user, rule=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Aktifkan / nonaktifkan aturan"), request=s.RuleToggleSerializer, responses=s.RuleSerializer
    )
    @action(detail=True, methods=["post"])
    def toggle(self, request, uid=None):
        data = _validated(s.RuleToggleSerializer, request)
        rule = services.rule_toggle(user=request.user, rule=self.get_object(), is_active=data.get("is_active"))
        return Response(s.RuleSerializer(rule).data)

    @extend_schema(summary=_("Pasang aturan bawaan"), request=None, responses=s.RuleSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="install-defaults")
    def install_defaults(self, request):
        created = services.rules_install_defaults(pemda=request.user.pemda, user=request.user)
        return Response(s.RuleSerializer(created, many=True).data)


__all__ = ["RankingView", "RewardsPermission", "RuleRunViewSet", "RuleViewSet", "SnapshotViewSet", "WeightsView"]

# Proposals and decisions live in rewards/api_decisions.py (registered below).
from rewards.api_decisions import DecisionViewSet, ProposalViewSet  # noqa: E402


def register(router) -> None:
    """Register the viewsets on the v1 router (called from ``sakip/api/v1.py``)."""
    router.register("reward-snapshots", SnapshotViewSet, basename="reward-snapshot")
    router.register("reward-rules", RuleViewSet, basename="reward-rule")
    router.register("reward-rule-runs", RuleRunViewSet, basename="reward-rule-run")
    router.register("reward-proposals", ProposalViewSet, basename="reward-proposal")
    router.register("reward-decisions", DecisionViewSet, basename="reward-decision")


def urlpatterns() -> list:
    """Extra paths (added to ``sakip/api/v1.py``)."""
    return [
        path("reward-rankings/", RankingView.as_view(), name="reward-rankings"),
        path("reward-weights/<int:year>/", WeightsView.as_view(), name="reward-weights"),
    ]
