"""API of issue #9: officials, obligations, obligation submissions (submit, accept, return, resubmit)
and compliance. The same selectors and services as the pages: readers are ``P.OBLIGATION_VIEW``
holders and officials with a portal account; the services decide every write (403/404 as the pages).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from rewards import api_obligations_serializers as s
from rewards import selectors_officials as sel
from rewards.api import _int_param, _validated
from rewards.models import Obligation, ObligationSubmission, Official
from rewards.selectors_obligations import compliance, pemda_today
from rewards.services_obligations import (
    obligation_save,
    obligation_set_active,
    submission_accept,
    submission_resubmit,
    submission_return,
    submission_submit,
)
from rewards.services_officials import official_create, official_set_active, official_update
from sakip.api.params import uid_param, uid_parameter
from sakip.core.models import Unit, User
from sakip.core.permissions import P, require


class ObligationPermission(BasePermission):
    """A signed-in user of a Pemda who may use the obligation pages (a viewer role or a linked official)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id):
            return False
        return sel.may_use_obligations(user)


def _unit(user, uid, field="unit") -> Unit:
    unit = Unit.objects.filter(pemda_id=user.pemda_id, uid=uid).first()
    if unit is None:
        raise ValidationError({field: [_("Unit tidak ditemukan di Pemda ini.")]})
    return unit


def _linked(user, username) -> User | None:
    if not username:
        return None
    found = User.objects.filter(pemda_id=user.pemda_id, username=username).first()
    if found is None:
        raise ValidationError({"user": [_("Akun portal tidak ditemukan di Pemda ini.")]})
    return found


@extend_schema_view(
    list=extend_schema(
        summary=_("Daftar pegawai"),
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description=_("cari nama, NIP atau jabatan")),
            uid_parameter("unit", _("uid unit")),
            OpenApiParameter("position_level", OpenApiTypes.STR, description=_("jenjang jabatan")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu pegawai")),
    create=extend_schema(
        summary=_("Tambah pegawai (Admin SAKIP)"),
        request=s.OfficialWriteSerializer,
        responses={201: s.OfficialSerializer},
    ),  # fmt: skip
    update=extend_schema(summary=_("Ubah pegawai (Admin SAKIP)"), request=s.OfficialWriteSerializer),
)
class OfficialViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [ObligationPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Official.objects.none()
    serializer_class = s.OfficialSerializer
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        request = self.request
        unit_uid = uid_param(request, "unit")
        unit = Unit.objects.filter(pemda_id=request.user.pemda_id, uid=unit_uid).first() if unit_uid else None
        if unit_uid and unit is None:
            return Official.objects.none()
        return sel.officials_for(
            request.user, q=(request.query_params.get("q") or "").strip(), unit_id=unit.pk if unit else None,
            level=request.query_params.get("position_level") or "", active=None,
        )  # fmt: skip

    def get_object(self):
        return sel.official_for(self.request.user, self.kwargs["uid"])

    def _fields(self, data):
        user = self.request.user
        return {
            "unit": _unit(user, data["unit"]), "name": data["name"], "nip": data["nip"],
            "position_level": data["position_level"], "position": data["position"],
            "linked_user": _linked(user, data.get("user")),
        }  # fmt: skip

    def create(self, request):
        data = _validated(s.OfficialWriteSerializer, request)
        official = official_create(user=request.user, **self._fields(data))
        return Response(s.OfficialSerializer(official).data, status=status.HTTP_201_CREATED)

    def update(self, request, uid=None):
        data = _validated(s.OfficialWriteSerializer, request)
        official = official_update(user=request.user, official=self.get_object(), **self._fields(data))
        return Response(s.OfficialSerializer(official).data)

    @extend_schema(summary=_("Nonaktifkan atau aktifkan kembali pegawai"), request=None, responses=s.OfficialSerializer)
    @action(detail=True, methods=["post"])
    def toggle(self, request, uid=None):
        official = self.get_object()
        official = official_set_active(user=request.user, official=official, active=not official.is_active)
        return Response(s.OfficialSerializer(official).data)


def _obligation_fields(user, data) -> tuple[dict, list[Unit]]:
    units = [_unit(user, uid, "units") for uid in data.pop("units", [])]
    data["frequency"] = data.get("frequency") or ""
    return data, units


@extend_schema_view(
    list=extend_schema(summary=_("Daftar kewajiban")),
    retrieve=extend_schema(summary=_("Satu kewajiban")),
    create=extend_schema(
        summary=_("Tambah kewajiban (Admin SAKIP)"),
        request=s.ObligationWriteSerializer,
        responses={201: s.ObligationSerializer},
    ),  # fmt: skip
    update=extend_schema(summary=_("Ubah kewajiban (Admin SAKIP)"), request=s.ObligationWriteSerializer),
)
class ObligationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [ObligationPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Obligation.objects.none()
    serializer_class = s.ObligationSerializer
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return sel.obligations_for(self.request.user)

    def get_object(self):
        return sel.obligation_for(self.request.user, self.kwargs["uid"])

    def create(self, request):
        data, units = _obligation_fields(request.user, dict(_validated(s.ObligationWriteSerializer, request)))
        obligation = obligation_save(user=request.user, pemda=request.user.pemda, units=units, **data)
        return Response(s.ObligationSerializer(obligation).data, status=status.HTTP_201_CREATED)

    def update(self, request, uid=None):
        obligation = self.get_object()
        data, units = _obligation_fields(request.user, dict(_validated(s.ObligationWriteSerializer, request)))
        obligation = obligation_save(
            user=request.user, pemda=request.user.pemda, obligation=obligation, units=units, **data
        )
        return Response(s.ObligationSerializer(obligation).data)

    @extend_schema(
        summary=_("Nonaktifkan atau aktifkan kembali kewajiban"), request=None, responses=s.ObligationSerializer
    )
    @action(detail=True, methods=["post"])
    def toggle(self, request, uid=None):
        obligation = self.get_object()
        obligation = obligation_set_active(user=request.user, obligation=obligation, active=not obligation.is_active)
        return Response(s.ObligationSerializer(obligation).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Pengajuan kewajiban"),
        parameters=[
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=ObligationSubmission.Status.values, description=_("status")
            ),
            OpenApiParameter("obligation", OpenApiTypes.STR, description=_("kode kewajiban")),
            uid_parameter("unit", _("uid unit")),
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun akhir periode")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu pengajuan")),
    create=extend_schema(
        summary=_("Ajukan pemenuhan kewajiban untuk satu periode"),
        request=s.SubmissionCreateSerializer,
        responses={201: s.SubmissionSerializer},
    ),  # fmt: skip
)
class SubmissionViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [ObligationPermission]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = ObligationSubmission.objects.none()
    serializer_class = s.SubmissionSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        request = self.request
        params = request.query_params
        qs = sel.submissions_for(request.user)
        wanted = params.get("status") or None
        if wanted and wanted not in ObligationSubmission.Status.values:
            raise ValidationError({"status": [_("Status pengajuan tidak dikenal.")]})
        if wanted:
            qs = qs.filter(status=wanted)
        if params.get("obligation"):
            qs = qs.filter(obligation__code=params["obligation"])
        unit_uid = uid_param(request, "unit")
        if unit_uid:
            qs = qs.filter(unit__uid=unit_uid)
        year = _int_param(request, "year", 2015, 2100)
        if year:
            qs = qs.filter(period_end__year=year)
        return qs.order_by("-submitted_at")

    def get_object(self):
        return sel.submission_for(self.request.user, self.kwargs["uid"])

    def create(self, request):
        data = _validated(s.SubmissionCreateSerializer, request)
        user = request.user
        obligation = Obligation.objects.filter(pemda_id=user.pemda_id, code=data["obligation"]).first()
        if obligation is None:
            raise ValidationError({"obligation": [_("Kewajiban tidak ditemukan di Pemda ini.")]})
        official = unit = None
        if data.get("official"):
            official = Official.objects.filter(pemda_id=user.pemda_id, uid=data["official"]).first()
            if official is None:
                raise ValidationError({"official": [_("Pegawai tidak ditemukan di Pemda ini.")]})
        if data.get("unit"):
            unit = _unit(user, data["unit"])
        submission = submission_submit(
            user=user, obligation=obligation, period_start=data["period_start"], title=data["title"],
            description=data["description"], official=official, unit=unit, file=data.get("evidence"),
            url=data.get("evidence_url") or "",
        )  # fmt: skip
        return Response(s.SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Terima pengajuan (kepala unit atau Admin SAKIP)"), request=s.ReviewSerializer,
                   responses=s.SubmissionSerializer)  # fmt: skip
    @action(detail=True, methods=["post"])
    def accept(self, request, uid=None):
        data = _validated(s.ReviewSerializer, request)
        submission = submission_accept(user=request.user, submission=self.get_object(), note=data["note"])
        return Response(s.SubmissionSerializer(submission).data)

    @extend_schema(summary=_("Kembalikan pengajuan dengan catatan"), request=s.ReviewSerializer,
                   responses=s.SubmissionSerializer)  # fmt: skip
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, uid=None):
        data = _validated(s.ReviewSerializer, request)
        submission = submission_return(user=request.user, submission=self.get_object(), note=data["note"])
        return Response(s.SubmissionSerializer(submission).data)

    @extend_schema(summary=_("Perbaiki dan ajukan ulang pengajuan yang dikembalikan"),
                   request=s.SubmissionResubmitSerializer, responses=s.SubmissionSerializer)  # fmt: skip
    @action(detail=True, methods=["post"])
    def resubmit(self, request, uid=None):
        data = _validated(s.SubmissionResubmitSerializer, request)
        submission = submission_resubmit(
            user=request.user, submission=self.get_object(), title=data["title"], description=data["description"],
            file=data.get("evidence"), url=data.get("evidence_url"),
        )  # fmt: skip
        return Response(s.SubmissionSerializer(submission).data)


def _tally(t) -> dict:
    return {"due": t.due, "on_time": t.on_time, "late": t.late, "returned": t.returned, "waiting": t.waiting,
            "missing": t.missing, "rate": t.rate}  # fmt: skip


class ComplianceView(APIView):
    permission_classes = [ObligationPermission]

    @extend_schema(
        summary=_("Kepatuhan kewajiban per unit dan per pegawai"),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun (bawaan: tahun berjalan)")),
            OpenApiParameter("through_month", OpenApiTypes.INT, description=_("sampai bulan (1–12)")),
            OpenApiParameter("obligation", OpenApiTypes.STR, description=_("kode kewajiban")),
        ],
        responses=s.ComplianceSerializer,
    )
    def get(self, request):
        user = request.user
        require(user, P.OBLIGATION_VIEW)
        today = pemda_today(user.pemda)
        year = _int_param(request, "year", 2015, 2100) or today.year
        data = compliance(
            user.pemda, year, through_month=_int_param(request, "through_month", 1, 12), today=today,
            obligation_code=request.query_params.get("obligation") or None,
        )  # fmt: skip
        ids = sel.view_unit_ids(user)
        seen = (lambda unit_id: True) if ids is None else (lambda unit_id: unit_id in ids)
        units = [
            {"unit": u.uid, "unit_name": u.name, **_tally(data.units[u.pk])}
            for u in data.unit_objects.values()
            if u.pk in data.units and seen(u.pk)
        ]
        officials = [
            {
                "official": o.uid,
                "name": o.name,
                "unit": data.unit_objects[o.unit_id].uid,
                **_tally(data.officials[o.pk]),
            }
            for o in data.official_objects.values()
            if o.pk in data.officials and seen(o.unit_id)
        ]
        payload = {"year": year, "through": data.last, "units": units, "officials": officials}
        return Response(s.ComplianceSerializer(payload).data)


def register(router) -> None:
    router.register("officials", OfficialViewSet, basename="official")
    router.register("obligations", ObligationViewSet, basename="obligation")
    router.register("obligation-submissions", SubmissionViewSet, basename="obligation-submission")


def urlpatterns() -> list:
    from django.urls import path

    return [path("obligation-compliance/", ComplianceView.as_view(), name="obligation-compliance")]
