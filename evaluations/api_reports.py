"""API of the monthly evaluation reports and coordination-meeting packs (issue #7).

Routes (under ``/api/v1/``; ``reports/`` already names the periodic realisation reports)::

    monthly-reports/                          GET archive (?kind=&year=&month=&status=) · POST request
                                              {kind, year, month, meeting_date, sections, deliver} → 202
    monthly-reports/<uid>/                    GET status, progress, file, unit one-pagers
    monthly-reports/<uid>/download/           GET the PDF (404 until done)
    monthly-reports/<uid>/retry/              POST: a failed report again as a new version → 202
    monthly-reports/<uid>/units/<unit>/download/   GET a unit's one-pager (its operator/kepala too)
    monthly-unit-reports/                     GET the one-pagers the user may download (?report=&unit=)

Reads need ``P.REPORT_VIEW`` (admin, evaluator, pimpinan); requests and retries
``P.REPORT_GENERATE``; the unit one-pagers are also open to the units' own operator and kepala.
Visibility is ``evaluations.report_selectors``'; writes go through ``evaluations.report_services``.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from evaluations import report_selectors as selectors
from evaluations import report_services as services
from evaluations.api_reports_serializers import (
    MonthlyReportDetailSerializer,
    MonthlyReportRequestSerializer,
    MonthlyReportSerializer,
    MonthlyUnitReportSerializer,
)
from evaluations.report_forms import report_filename
from evaluations.report_models import Report, UnitReport
from sakip.api.params import uid_param, uid_parameter
from sakip.api.permissions import PortalPermission
from sakip.core.permissions import P

PDF = "application/pdf"
PDF_RESPONSE = {(200, PDF): OpenApiResponse(OpenApiTypes.BINARY)}


def _int_param(request, name: str, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError({name: [_("Nilai harus bilangan bulat antara %(a)s dan %(b)s.") % {"a": low, "b": high}]})
    return int(raw)


def _choice_param(request, name: str, choices) -> str | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        raise ValidationError(
            {name: [_("Pilihan tidak dikenal; gunakan salah satu dari: %(c)s.") % {"c": ", ".join(choices)}]}
        )
    return raw


def pdf_response(field, filename: str) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=PDF)


@extend_schema_view(
    list=extend_schema(
        summary=_("Arsip laporan bulanan dan bahan rapat koordinasi"),
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(Report.Kind.values), description=_("jenis")),
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun")),
            OpenApiParameter("month", OpenApiTypes.INT, description=_("bulan 1–12")),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(Report.Status.values), description=_("status")),
        ],
    ),
    retrieve=extend_schema(
        summary=_("Satu laporan: status, kemajuan, berkas dan laporan satu halaman unit"),
        responses=MonthlyReportDetailSerializer,
    ),
    create=extend_schema(
        summary=_("Minta laporan bulanan atau bahan rapat koordinasi (pimpinan / Admin SAKIP)"),
        request=MonthlyReportRequestSerializer,
        responses={202: MonthlyReportSerializer},
    ),
)
class MonthlyReportViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [PortalPermission]
    read_perm = P.REPORT_VIEW
    write_perm = P.REPORT_GENERATE
    action_perms = {"unit_download": None}  # the unit's own operator and kepala; the selector decides
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Report.objects.none()
    serializer_class = MonthlyReportSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        request = self.request
        return selectors.reports_for(
            request.user,
            kind=_choice_param(request, "kind", Report.Kind.values),
            year=_int_param(request, "year", 2000, 2100),
            month=_int_param(request, "month", 1, 12),
            status=_choice_param(request, "status", Report.Status.values),
        )

    def get_object(self):
        return selectors.report_for(self.request.user, self.kwargs["uid"])

    def _detail(self, report: Report, code=status.HTTP_200_OK) -> Response:
        report = selectors.report_for(self.request.user, report.uid)  # as stored (an eager task may be done)
        rows = selectors.unit_reports_for(self.request.user, report=report)
        context = {**self.get_serializer_context(), "unit_reports": rows}
        return Response(MonthlyReportDetailSerializer(report, context=context).data, status=code)

    def retrieve(self, request, uid=None):
        return self._detail(self.get_object())

    def create(self, request):
        serializer = MonthlyReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = services.report_request(
            user=request.user, kind=data["kind"], year=data["year"], month=data["month"],
            meeting_date=data.get("meeting_date"), sections=data.get("sections") or (),
            deliver=data["deliver"], trigger=Report.Trigger.API,
        )  # fmt: skip
        return self._detail(report, status.HTTP_202_ACCEPTED)

    @extend_schema(summary=_("Unduh PDF laporan (404 sebelum selesai)"), responses=PDF_RESPONSE)
    @action(detail=True, methods=["get"])
    def download(self, request, uid=None):
        report = self.get_object()
        if report.status != Report.Status.DONE:
            raise Http404
        return pdf_response(report.file, report_filename(report))

    @extend_schema(summary=_("Ulangi laporan yang gagal sebagai versi baru"), request=None,
                   responses={202: MonthlyReportDetailSerializer})  # fmt: skip
    @action(detail=True, methods=["post"])
    def retry(self, request, uid=None):
        report = services.report_retry(user=request.user, report=self.get_object())
        return self._detail(report, status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary=_("Unduh laporan satu halaman satu unit"),
        parameters=[OpenApiParameter("unit", OpenApiTypes.UUID, OpenApiParameter.PATH, description=_("uid unit"))],
        responses=PDF_RESPONSE,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"units/(?P<unit>[0-9a-fA-F-]{36})/download",
        url_name="unit-download",
    )
    def unit_download(self, request, uid=None, unit=None):
        unit_report = selectors.unit_report_for(request.user, uid, unit)
        return pdf_response(unit_report.file, report_filename(unit_report.report, unit_report.unit))


@extend_schema_view(
    list=extend_schema(
        summary=_("Laporan satu halaman unit yang boleh diunduh pengguna"),
        parameters=[uid_parameter("report", _("uid laporan bulanan")), uid_parameter("unit", _("uid unit"))],
    ),
)
class UnitReportViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    permission_classes = [PortalPermission]
    read_perm = None  # every member: the selector keeps a unit user to their own units
    queryset = UnitReport.objects.none()
    serializer_class = MonthlyUnitReportSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        qs = selectors.unit_reports_for(self.request.user)
        report_uid, unit_uid = uid_param(self.request, "report"), uid_param(self.request, "unit")
        if report_uid:
            qs = qs.filter(report__uid=report_uid)
        if unit_uid:
            qs = qs.filter(unit__uid=unit_uid)
        return qs


def register(router) -> None:
    """Register the viewsets on the v1 router (called from ``sakip/api/v1.py``)."""
    router.register("monthly-reports", MonthlyReportViewSet, basename="monthly-report")
    router.register("monthly-unit-reports", UnitReportViewSet, basename="monthly-unit-report")


def urlpatterns() -> list:
    return []
