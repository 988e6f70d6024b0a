"""API of issue #9 (discipline records, personal data).

Routes (under ``/api/v1/``)::

    discipline-records/             GET (?year=&month=&unit=&q=)  admin and pimpinan; logged
    discipline-records/<id>/        GET  admin, pimpinan and the official concerned; logged
    discipline-imports/             POST multipart {file, year, month, dry_run}  admin
    discipline-setting/             GET · PUT {steps, minutes_per_day, checkins_per_day, is_active}  admin

Visibility and the access log are the selectors' (:mod:`rewards.selectors_discipline`); writes go
through :mod:`rewards.services_discipline` (403 / 400 with messages in Bahasa Indonesia).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from rewards import api_discipline_serializers as s
from rewards import selectors_discipline as sel
from rewards import services_discipline as svc
from rewards.api import RewardsPermission, _int_param
from rewards.models import DisciplineRecord
from sakip.api.params import uid_param, uid_parameter
from sakip.core.models import Unit
from sakip.core.permissions import P


class SignedInPemdaUser(BasePermission):
    """Any signed-in user of a Pemda: the selectors decide (an official reads their own records)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.pemda_id)


@extend_schema_view(
    list=extend_schema(
        summary=_("Rekap disiplin pegawai (data pribadi; setiap akses dicatat)"),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun (bawaan: tahun berjalan)")),
            OpenApiParameter("month", OpenApiTypes.INT, description=_("bulan 1–12")),
            uid_parameter("unit", _("uid unit")),
            OpenApiParameter("q", OpenApiTypes.STR, description=_("NIP atau nama")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu rekap bulanan (pegawai yang bersangkutan juga boleh)")),
)
class DisciplineRecordViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [SignedInPemdaUser]
    queryset = DisciplineRecord.objects.none()
    serializer_class = s.DisciplineRecordSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        request = self.request
        year = _int_param(request, "year", 2015, 2100) or timezone.now().astimezone(request.user.pemda.tz).year
        unit_uid = uid_param(request, "unit")
        unit = Unit.objects.filter(pemda_id=request.user.pemda_id, uid=unit_uid).first() if unit_uid else None
        return sel.records_for(
            request.user, year=year, month=_int_param(request, "month", 1, 12), unit=unit or (-1 if unit_uid else None),
            q=(request.query_params.get("q") or "")[:60], path=request.get_full_path(), action="api-daftar",
        )  # fmt: skip

    def get_object(self):
        return sel.record_for(self.request.user, self.kwargs["pk"], path=self.request.get_full_path())


class DisciplineImportView(APIView):
    permission_classes = [RewardsPermission]
    read_perms = write_perms = (P.DISCIPLINE_MANAGE,)
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=_("Impor rekap absensi sebulan: uji coba (dry_run=true) atau simpan semua sekaligus"),
        request={"multipart/form-data": s.ImportRequestSerializer},
        responses={200: s.ImportResultSerializer, 201: s.ImportResultSerializer, 400: s.ImportResultSerializer},
    )
    def post(self, request):
        serializer = s.ImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data["file"]
        content = upload.read()
        kwargs = {"user": request.user, "pemda": request.user.pemda, "year": data["year"], "month": data["month"],
                  "data": content, "file_name": upload.name}  # fmt: skip
        result = svc.import_check(**kwargs)
        if data["dry_run"] or not result.ok:
            code = status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST
            return Response(_result(result, dry_run=data["dry_run"]), status=code)
        try:
            result = svc.discipline_import(**kwargs)
        except DjangoValidationError:  # changed between the check and the commit
            result = svc.import_check(**kwargs)
            return Response(_result(result, dry_run=False), status=status.HTTP_400_BAD_REQUEST)
        return Response(_result(result, dry_run=False), status=status.HTTP_201_CREATED)


def _result(result, *, dry_run: bool) -> dict:
    return {
        "year": result.year, "month": result.month, "file_name": result.file_name, "dry_run": dry_run,
        "ok": result.ok,
        "rows": [{**r.__dict__, "before": list(r.before) if r.before else None} for r in result.rows],
        "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors],
        "batch": str(result.batch.uid) if result.batch else None,
        "proposals": [str(p.uid) for p in result.proposals],
    }  # fmt: skip


class DisciplineSettingView(APIView):
    permission_classes = [RewardsPermission]
    read_perms = write_perms = (P.DISCIPLINE_MANAGE,)

    @extend_schema(summary=_("Tangga sanksi disiplin Pemda"), responses=s.SettingSerializer)
    def get(self, request):
        setting = svc.setting_for(request.user.pemda)
        return Response(s.SettingSerializer(_setting_data(setting)).data)

    @extend_schema(summary=_("Ubah tangga sanksi disiplin"), request=s.SettingSerializer, responses=s.SettingSerializer)
    def put(self, request):
        serializer = s.SettingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        setting = svc.discipline_setting_save(
            user=request.user, pemda=request.user.pemda, steps=[dict(x) for x in data["steps"]],
            minutes_per_day=data.get("minutes_per_day"), checkins_per_day=data.get("checkins_per_day"),
            is_active=data.get("is_active", True),
        )  # fmt: skip
        return Response(s.SettingSerializer(_setting_data(setting)).data)


def _setting_data(setting) -> dict:
    return {"steps": setting.steps, "minutes_per_day": setting.minutes_per_day,
            "checkins_per_day": setting.checkins_per_day, "is_active": setting.is_active}  # fmt: skip


def register(router) -> None:
    router.register("discipline-records", DisciplineRecordViewSet, basename="discipline-record")


def urlpatterns() -> list:
    return [
        path("discipline-imports/", DisciplineImportView.as_view(), name="discipline-import"),
        path("discipline-setting/", DisciplineSettingView.as_view(), name="discipline-setting"),
    ]
