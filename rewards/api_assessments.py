"""API of issue #9 (external assessments). Routes (under ``/api/v1/``)::

    reward-assessment-types/         GET (every role) · POST (admin)
    reward-assessment-types/<uid>/   GET · PUT / PATCH (admin) · DELETE (admin, only without results)
    reward-assessments/              GET (?year=&type=&unit=&band=) · POST (admin)
    reward-assessments/<uid>/        GET · PUT (admin) · DELETE (admin)

The same selectors and services as the pages: unit users read their own units' results; another
Pemda's object is 404; bad input is 400 with the service's Indonesian messages. Evidence files are
uploaded on the page (the API takes ``evidence_url``). The live ranking (``reward-rankings/``) carries
the assessments and obligation compliance in ``units[].extra``, the breakdown and ``rankings.metrics``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from rewards import api_assessments_serializers as s
from rewards import selectors_assessments as sel
from rewards import services_assessments as svc
from rewards.api import RewardsPermission, _int_param, _validated
from rewards.models import Assessment, AssessmentType
from sakip.api.params import uid_param, uid_parameter
from sakip.core.models import Unit
from sakip.core.permissions import P


@extend_schema_view(
    list=extend_schema(summary=_("Jenis penilaian eksternal (bawaan dipasang saat pertama dipakai)")),
    retrieve=extend_schema(summary=_("Satu jenis penilaian")),
    create=extend_schema(summary=_("Tambah jenis penilaian (Admin SAKIP)")),
    update=extend_schema(summary=_("Ubah jenis penilaian (Admin SAKIP)")),
    partial_update=extend_schema(summary=_("Ubah sebagian jenis penilaian (Admin SAKIP)")),
    destroy=extend_schema(summary=_("Hapus jenis penilaian tanpa hasil (Admin SAKIP)")),
)
class AssessmentTypeViewSet(viewsets.ModelViewSet):
    serializer_class = s.AssessmentTypeSerializer
    permission_classes = [RewardsPermission]
    read_perms = (P.ASSESSMENT_VIEW,)
    write_perms = (P.ASSESSMENT_MANAGE,)
    lookup_field = "uid"
    pagination_class = None
    queryset = AssessmentType.objects.none()

    def get_queryset(self):
        return sel.types_for(self.request.user)

    def get_object(self):
        return sel.type_for(self.request.user, self.kwargs["uid"])

    def _save(self, request, instance=None, partial=False):
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "bands" in data:
            data["bands"] = [dict(b) for b in data["bands"]]
        saved = svc.type_save(user=request.user, pemda=request.user.pemda, data=data, instance=instance)
        return self.get_serializer(saved)

    def create(self, request, *args, **kwargs):
        return Response(self._save(request).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        return Response(self._save(request, self.get_object(), partial=partial).data)

    def destroy(self, request, *args, **kwargs):
        svc.type_delete(user=request.user, assessment_type=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary=_("Hasil penilaian eksternal per unit dan tahun"),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun")),
            uid_parameter("type", _("uid jenis penilaian")),
            uid_parameter("unit", _("uid unit")),
            OpenApiParameter("band", OpenApiTypes.STR, description=_("kode kategori, misalnya hijau")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu hasil penilaian")),
    create=extend_schema(
        summary=_("Catat hasil penilaian (Admin SAKIP)"),
        request=s.AssessmentWriteSerializer,
        responses=s.AssessmentSerializer,
    ),
    update=extend_schema(
        summary=_("Ubah hasil penilaian (Admin SAKIP)"),
        request=s.AssessmentWriteSerializer,
        responses=s.AssessmentSerializer,
    ),
    destroy=extend_schema(summary=_("Hapus hasil penilaian (Admin SAKIP)")),
)
class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.AssessmentSerializer
    permission_classes = [RewardsPermission]
    read_perms = (P.ASSESSMENT_VIEW,)
    write_perms = (P.ASSESSMENT_MANAGE,)
    lookup_field = "uid"
    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    queryset = Assessment.objects.none()

    def get_queryset(self):
        request = self.request
        return sel.assessments_for(
            request.user,
            year=_int_param(request, "year", 2015, 2100),
            type=self._ref(AssessmentType, uid_param(request, "type")),
            unit=self._ref(Unit, uid_param(request, "unit")),
            band=request.query_params.get("band") or None,
        )

    def _ref(self, model, uid):
        if uid is None:
            return None
        found = model.objects.filter(pemda_id=self.request.user.pemda_id, uid=uid).values_list("pk", flat=True).first()
        return found or -1  # an unknown id matches nothing

    def get_object(self):
        return sel.assessment_for(self.request.user, self.kwargs["uid"])

    def _write(self, request, instance=None):
        data = _validated(s.AssessmentWriteSerializer, request)
        user = request.user
        unit = Unit.objects.filter(pemda_id=user.pemda_id, uid=data["unit"]).first()
        kind = AssessmentType.objects.filter(pemda_id=user.pemda_id, uid=data["type"]).first()
        if unit is None:
            raise ValidationError({"unit": [_("Unit tidak ditemukan.")]})
        if kind is None:
            raise ValidationError({"type": [_("Jenis penilaian tidak ditemukan.")]})
        return svc.assessment_save(
            user=user,
            unit=unit,
            assessment_type=kind,
            year=data["year"],
            value=data["value"],
            band=data.get("band") or "",
            assessed_on=data.get("assessed_on"),
            evidence_url=data.get("evidence_url") or "",
            note=data.get("note") or "",
            instance=instance,
        )

    def create(self, request, *args, **kwargs):
        saved = self._write(request)
        return Response(s.AssessmentSerializer(saved).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        saved = self._write(request, self.get_object())
        return Response(s.AssessmentSerializer(saved).data)

    def destroy(self, request, *args, **kwargs):
        svc.assessment_delete(user=request.user, assessment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("reward-assessment-types", AssessmentTypeViewSet, basename="reward-assessment-type")
    router.register("reward-assessments", AssessmentViewSet, basename="reward-assessment")


def urlpatterns() -> list:
    return []
