"""API of periodic realisation reporting and capaian.

Routes (under ``/api/v1/``)::

    reports/                          GET list (filters: unit, year, period, status)
    reports/<uid>/                    GET one report with its entry grid (targets, values, capaian)
    reports/<uid>/submit|verify|accept/   POST workflow actions
    reports/<uid>/return/             POST {note}
    reports/<uid>/unlock/             POST {reason}
    realisations/                     GET list (filters: unit, year, period, report) · POST
                                      {unit, year, period, indicator, value, kendala, upaya, reason}
    realisations/<uid>/               GET (with change history) · PATCH {value, kendala, upaya, reason}
    capaian/indicators/<uid>/         GET capaian of one indicator (?period=)
    capaian/units/<uid>/              GET capaian of a unit per indicator and sasaran (?year=&period=)
    capaian/pemda/                    GET the Pemda's capaian per unit (?year=&period=)

Visibility: realisation data of a unit is read with ``P.REAL_VIEW`` on it — admin, evaluator and
pimpinan see every unit of their Pemda, operator and kepala their own units; anything else is
**404**. A user who may read but not act gets **403**. Writes go through
``evaluations.services`` (``ValidationError`` → 400 with Indonesian messages).
"""

from __future__ import annotations

import uuid

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements.models import Indicator
from agreements.selectors import year_for
from sakip.api.permissions import PortalPermission
from sakip.core import permissions
from sakip.core.models import Period, Unit
from sakip.core.permissions import P

from . import api_serializers as s
from . import capaian, services
from .models import Evidence, PeriodReport, Realisation, RealisationChange

# Permission a write needs somewhere in the Pemda (403 at once without it); the object check follows.
ACTION_PERMS: dict[str, tuple[P, ...]] = {
    "submit": (P.REAL_EDIT,),
    "verify": (P.REAL_VERIFY,),
    "accept": (P.REAL_ACCEPT,),
    "return_": (P.REAL_VERIFY, P.REAL_ACCEPT),
    "unlock": (P.PERIOD_UNLOCK,),
}
OBJECT_CHECKS = {
    "submit": services.can_edit,
    "verify": services.can_verify,
    "accept": services.can_accept,
    "return_": services.can_return,
    "unlock": services.can_unlock,
}


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({name: [_("Harus berupa bilangan bulat.")]}) from None


def visible_reports(user):
    """Reports of the units where ``user`` holds ``P.REAL_VIEW`` (their Pemda only)."""
    qs = PeriodReport.objects.select_related("unit", "period__fiscal_year", "pemda")
    return permissions.scope_to_units(qs, user, P.REAL_VIEW)


def visible_unit(user, uid) -> Unit:
    """A unit of the user's Pemda whose realisation the user may read; 404 otherwise."""
    if not _is_uuid(uid):
        raise Http404
    unit = Unit.objects.filter(pemda_id=user.pemda_id, uid=uid).first()
    if unit is None or not permissions.has_perm(user, P.REAL_VIEW, unit_id=unit.pk):
        raise Http404
    return unit


class RealisationPermission(PortalPermission):
    """Reads need ``P.REAL_VIEW``; writes the action's permission somewhere (else 403), then the
    service check on the report's unit."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        method = request.method.lower()
        if method not in getattr(view, "http_method_names", ()) or not hasattr(view, method):
            return True  # 405
        if request.method in SAFE_METHODS:
            return permissions.has_perm(user, getattr(view, "read_perm", P.REAL_VIEW))
        perms = ACTION_PERMS.get(getattr(view, "action", None), (P.REAL_EDIT,))
        return any(permissions.has_perm(user, p) for p in perms)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        report = obj if isinstance(obj, PeriodReport) else obj.report
        check = OBJECT_CHECKS.get(getattr(view, "action", None), services.can_edit)
        return check(request.user, report)


_report_filters = [
    OpenApiParameter("unit", OpenApiTypes.UUID, description=_("uid unit")),
    OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun anggaran")),
    OpenApiParameter("period", OpenApiTypes.INT, description=_("nomor periode pelaporan (bulan 1–12 / triwulan 1–4)")),
]


def _filter(qs, request, prefix: str = ""):
    unit = request.query_params.get("unit")
    if unit:
        qs = qs.filter(**{f"{prefix}unit__uid": unit}) if _is_uuid(unit) else qs.none()
    year = _int_param(request, "year")
    if year:
        qs = qs.filter(**{f"{prefix}period__fiscal_year__year": year})
    number = _int_param(request, "period")
    if number:
        qs = qs.filter(**{f"{prefix}period__number": number})
    return qs


_action = {200: s.ReportSerializer}


@extend_schema_view(
    list=extend_schema(
        summary=_("Laporan realisasi per unit dan periode"),
        parameters=[
            *_report_filters,
            OpenApiParameter(
                "status", OpenApiTypes.STR, description=_("draft, submitted, verified, accepted atau returned")
            ),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu laporan realisasi dengan baris isian dan capaian")),
)
class ReportViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RealisationPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = PeriodReport.objects.none()

    def get_serializer_class(self):
        return s.ReportDetailSerializer if self.action == "retrieve" else s.ReportSerializer

    def get_queryset(self):
        qs = visible_reports(self.request.user)
        if self.action == "list":
            qs = _filter(qs, self.request)
            if self.request.query_params.get("status"):
                qs = qs.filter(status=self.request.query_params["status"])
            return qs.order_by("-period__fiscal_year__year", "period__number", "unit__code")
        return qs

    def _done(self, report) -> Response:
        return Response(s.ReportSerializer(report, context=self.get_serializer_context()).data)

    def _validated(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(summary=_("Ajukan laporan (operator/kepala unit)"), request=None, responses=_action)
    @action(detail=True, methods=["post"])
    def submit(self, request, uid=None):
        return self._done(services.report_submit(report=self.get_object(), by=request.user))

    @extend_schema(summary=_("Verifikasi laporan (kepala unit)"), request=None, responses=_action)
    @action(detail=True, methods=["post"])
    def verify(self, request, uid=None):
        return self._done(services.report_verify(report=self.get_object(), by=request.user))

    @extend_schema(summary=_("Terima laporan (Admin SAKIP)"), request=None, responses=_action)
    @action(detail=True, methods=["post"])
    def accept(self, request, uid=None):
        return self._done(services.report_accept(report=self.get_object(), by=request.user))

    @extend_schema(summary=_("Kembalikan laporan dengan catatan"), request=s.NoteSerializer, responses=_action)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, uid=None):
        report = self.get_object()
        data = self._validated(s.NoteSerializer)
        return self._done(services.report_return(report=report, by=request.user, note=data["note"]))

    @extend_schema(summary=_("Buka kunci laporan (Admin SAKIP)"), request=s.ReasonSerializer, responses=_action)
    @action(detail=True, methods=["post"])
    def unlock(self, request, uid=None):
        report = self.get_object()
        data = self._validated(s.ReasonSerializer)
        return self._done(services.report_unlock(report=report, by=request.user, reason=data["reason"]))


@extend_schema_view(
    list=extend_schema(
        summary=_("Realisasi indikator"),
        parameters=[*_report_filters, OpenApiParameter("report", OpenApiTypes.UUID, description=_("uid laporan"))],
    ),
    retrieve=extend_schema(summary=_("Satu realisasi dengan riwayat perubahan")),
    create=extend_schema(
        summary=_("Isi realisasi (laporan periode dibuat bila belum ada)"),
        request=s.RealisationCreateSerializer,
        responses={200: s.RealisationDetailSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Ubah realisasi, kendala, upaya"),
        request=s.RealisationWriteSerializer,
        responses=s.RealisationDetailSerializer,
    ),
)
class RealisationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RealisationPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Realisation.objects.none()
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return s.RealisationSerializer if self.action == "list" else s.RealisationDetailSerializer

    def get_queryset(self):
        qs = Realisation.objects.filter(report__in=visible_reports(self.request.user)).select_related(
            "report__unit", "report__period__fiscal_year", "indicator"
        )
        qs = qs.prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id")))
        if self.action == "list":
            qs = _filter(qs, self.request, "report__")
            raw = self.request.query_params.get("report")
            if raw:
                qs = qs.filter(report__uid=raw) if _is_uuid(raw) else qs.none()
            return qs.order_by(
                "-report__period__fiscal_year__year", "report__period__number", "report__unit__code", "id"
            )
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("changes", queryset=RealisationChange.objects.select_related("by").order_by("-created_at"))
            )
        return qs

    def _detail(self, realisation: Realisation) -> Response:
        fresh = (
            Realisation.objects.filter(pk=realisation.pk)
            .select_related("report__unit", "report__period__fiscal_year", "indicator")
            .prefetch_related("evidence", Prefetch("changes", queryset=RealisationChange.objects.select_related("by")))
            .get()
        )
        return Response(s.RealisationDetailSerializer(fresh, context=self.get_serializer_context()).data)

    def create(self, request):
        serializer = s.RealisationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        user = request.user
        unit = visible_unit(user, data["unit"])
        fiscal_year = year_for(user, data["year"])
        if fiscal_year is None:
            raise ValidationError({"year": [_("Tahun %(y)s belum dibuat oleh Admin SAKIP.") % {"y": data["year"]}]})
        period = fiscal_year.reporting_periods().filter(number=data["period"]).first()
        if period is None:
            raise ValidationError({"period": [_("Periode pelaporan tidak ditemukan pada tahun ini.")]})
        indicator = Indicator.objects.filter(pemda_id=user.pemda_id, uid=data["indicator"]).first()
        if indicator is None:
            raise ValidationError({"indicator": [_("Indikator tidak ditemukan.")]})
        if not permissions.has_perm(user, P.REAL_EDIT, unit_id=unit.pk):
            raise services._deny()
        report = services.report_get_or_create(unit=unit, period=period, by=user)
        realisation = services.realisation_save(
            report=report,
            indicator=indicator,
            value=data.get("value"),
            kendala=data.get("kendala"),
            upaya=data.get("upaya"),
            reason=data.get("reason", ""),
            by=user,
        )
        return self._detail(realisation)

    def partial_update(self, request, uid=None):
        realisation = self.get_object()
        serializer = s.RealisationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        saved = services.realisation_save(
            report=realisation.report,
            indicator=realisation.indicator,
            value=data.get("value", realisation.value),
            kendala=data.get("kendala"),
            upaya=data.get("upaya"),
            reason=data.get("reason", ""),
            by=request.user,
        )
        return self._detail(saved)


# --- capaian ----------------------------------------------------------------------------------


def _period_of(fiscal_year, request) -> Period | None:
    number = _int_param(request, "period")
    if number is None:
        return None
    period = fiscal_year.reporting_periods().filter(number=number).first()
    if period is None:
        raise ValidationError({"period": [_("Periode pelaporan tidak ditemukan pada tahun ini.")]})
    return period


def _category(band) -> dict | None:
    return None if band is None else {"code": band.code, "label": band.label, "colour": band.colour}


def _unit_payload(result: capaian.UnitCapaian) -> dict:
    return {
        "unit": result.unit,
        "period": result.period,
        "aggregate": result.aggregate,
        "display": result.display,
        "category": _category(result.category),
        "sasaran": result.sasaran,
        "indicators": result.indicators,
    }


class _CapaianView(APIView):
    permission_classes = [RealisationPermission]
    read_perm = P.REAL_VIEW

    def fiscal_year(self, request):
        fiscal_year = year_for(request.user, _int_param(request, "year"))
        if fiscal_year is None:
            raise Http404
        return fiscal_year


_year_period = [
    OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun; kosong: tahun berjalan")),
    OpenApiParameter("period", OpenApiTypes.INT, description=_("periode s.d.; kosong: periode terakhir yang selesai")),
]


class IndicatorCapaianView(_CapaianView):
    @extend_schema(
        summary=_("Capaian satu indikator s.d. periode"),
        parameters=[_year_period[1]],
        responses=s.IndicatorCapaianSerializer,
    )
    def get(self, request, uid):
        user = request.user
        indicator = Indicator.objects.filter(pemda_id=user.pemda_id, uid=uid).select_related(
            "sasaran__agreement__unit", "sasaran__agreement__fiscal_year"
        )
        indicator = indicator.first()
        agreement = indicator.sasaran.agreement if indicator else None
        if agreement is None or agreement.unit is None:
            raise Http404
        unit = visible_unit(user, agreement.unit.uid)
        fiscal_year = agreement.fiscal_year
        found = capaian.indicator_capaian(indicator, unit, fiscal_year, _period_of(fiscal_year, request))
        if found is None:
            raise Http404
        return Response(s.IndicatorCapaianSerializer(found).data)


class UnitCapaianView(_CapaianView):
    @extend_schema(
        summary=_("Capaian unit per indikator dan sasaran"), parameters=_year_period, responses=s.UnitCapaianSerializer
    )
    def get(self, request, uid):
        unit = visible_unit(request.user, uid)
        fiscal_year = self.fiscal_year(request)
        result = capaian.unit_capaian(unit, fiscal_year, _period_of(fiscal_year, request))
        return Response(s.UnitCapaianSerializer(_unit_payload(result)).data)


class PemdaCapaianView(_CapaianView):
    read_perm = P.MONITOR_VIEW

    @extend_schema(
        summary=_("Capaian Pemda: per unit, sebaran kategori, unit dengan indikator merah terbanyak"),
        parameters=_year_period,
        responses=s.PemdaCapaianSerializer,
    )
    def get(self, request):
        fiscal_year = self.fiscal_year(request)
        pemda = request.user.pemda
        result = capaian.pemda_capaian(pemda, fiscal_year, _period_of(fiscal_year, request))

        def summary(unit_result, red=None):
            return {
                "unit": unit_result.unit,
                "aggregate": unit_result.aggregate,
                "display": unit_result.display,
                "category": _category(unit_result.category),
                "red": red if red is not None else unit_result.count_in(result.red_code),
            }

        payload = {
            "year": fiscal_year.year,
            "period": result.period,
            "aggregate": result.aggregate,
            "distribution": [
                {
                    "code": band.code if band else "",
                    "label": band.label if band else _("Belum dapat dinilai"),
                    "colour": band.colour if band else "#8a8f98",
                    "count": count,
                }
                for band, count in result.distribution
            ],
            "units": [summary(u) for u in result.units],
            "most_red": [summary(u, n) for u, n in result.most_red()],
        }
        return Response(s.PemdaCapaianSerializer(payload).data, status=status.HTTP_200_OK)


def register(router) -> None:
    """Register the realisation routes on the v1 router (called from ``sakip/api/v1.py``)."""
    router.register("reports", ReportViewSet, basename="report")
    router.register("realisations", RealisationViewSet, basename="realisation")


def urlpatterns():
    """Paths of the capaian endpoints (added to ``sakip/api/v1.py``)."""
    from django.urls import path

    return [
        path("capaian/indicators/<uuid:uid>/", IndicatorCapaianView.as_view(), name="capaian-indicator"),
        path("capaian/units/<uuid:uid>/", UnitCapaianView.as_view(), name="capaian-unit"),
        path("capaian/pemda/", PemdaCapaianView.as_view(), name="capaian-pemda"),
    ]
