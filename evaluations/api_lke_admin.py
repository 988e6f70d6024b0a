"""API v1: LKE templates, predicate tables, follow-up of recommendations and the Pemda's own KemenPAN-RB results.

Routes (under ``/api/v1/``)::

    lke-templates/                       GET list (every role of the Pemda)
    lke-templates/install-defaults/      POST: store the 88/2021 and 12/2015 templates the Pemda lacks
    lke-templates/import/                POST multipart {file, family, dry_run}: check, then create
    lke-templates/<uid>/                 GET with the tree (components → sub-components → criteria)
    lke-templates/<uid>/export/          GET .xlsx
    lke-templates/<uid>/new-version/     POST: copy as the next version of the family
    lke-predicate-tables/<year>/         GET the bands of the year (stored or default) · PUT {bands}
    lke-recommendations/                 GET list (filters: status, unit, overdue, q)
    lke-recommendations/<uid>/           GET with its evidence
    lke-recommendations/<uid>/follow-up/ POST {action_plan, due_date, status, progress_note}
    lke-recommendations/<uid>/evidence/  POST multipart {title, file} or {title, url}
    pemda-results/                       GET list · POST {year, score, target_predicate, scores, …}
    pemda-results/trend/                 GET results oldest first and the streak sentence
    pemda-results/<uid>/                 GET · PUT · DELETE
    pemda-results/<uid>/gap/             GET ?target=BB: points needed and where they are
    pemda-results/<uid>/recommendations/ POST {owner, text, due_date, component_code}

Reads: every role of the Pemda (``P.EVAL_VIEW``); recommendations as ``lke_admin_selectors``
scopes them (another unit's is **404**). Writes: ``P.EVAL_MANAGE``; a follow-up: the owner unit
(``P.FOLLOWUP_EDIT`` on it) or a manager, else **403**. Rules and messages come from the services
(``ValidationError`` → 400 in Bahasa Indonesia).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from sakip.api.permissions import PortalPermission
from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P

from . import api_lke_admin_serializers as s
from . import lke_admin_selectors as selectors
from . import lke_followup_services as followup
from . import lke_template_io as template_io
from . import lke_template_services as templates
from .lke_models import LkeComponent, LkeCriterion, LkeSubComponent, PredicateTable
from .lke_template import LkeError
from .monitoring import today_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LkeAdminPermission(PortalPermission):
    """Reads need ``P.EVAL_VIEW``; writes one of ``view.write_perms`` somewhere (else 403), then
    ``view.object_check(user, obj)`` on the object (else 403)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        method = request.method.lower()
        if method not in getattr(view, "http_method_names", ()) or not hasattr(view, method):
            return True  # 405
        if request.method in SAFE_METHODS:
            return permissions.has_perm(user, P.EVAL_VIEW)
        return any(permissions.has_perm(user, p) for p in getattr(view, "write_perms", (P.EVAL_MANAGE,)))

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        check = getattr(view, "object_check", None)
        return check(request.user, obj) if check else True


def _validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- templates ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Templat LKE (semua versi)")),
    retrieve=extend_schema(summary=_("Satu templat LKE dengan komponen, subkomponen dan kriterianya")),
)
class LkeTemplateViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [LkeAdminPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"

    def get_serializer_class(self):
        return s.TemplateDetailSerializer if self.action == "retrieve" else s.TemplateSerializer

    def get_queryset(self):
        qs = selectors.templates_for(self.request.user)
        if self.action == "retrieve":
            criteria = LkeCriterion.objects.order_by("order", "code")
            subs = LkeSubComponent.objects.order_by("order", "code").prefetch_related(
                Prefetch("criteria", queryset=criteria)
            )
            qs = qs.prefetch_related(
                Prefetch(
                    "components",
                    queryset=LkeComponent.objects.order_by("order", "code").prefetch_related(
                        Prefetch("subcomponents", queryset=subs)
                    ),
                )
            )
        return qs

    def retrieve(self, request, uid=None):
        template = self.get_object()
        context = {**self.get_serializer_context(), "problems": templates.template_problems_of(template)}
        return Response(s.TemplateDetailSerializer(template, context=context).data)

    def _one(self, template, code=status.HTTP_200_OK) -> Response:
        fresh = selectors.templates_for(self.request.user).get(pk=template.pk)
        return Response(s.TemplateSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        summary=_("Unduh templat sebagai lembar kerja (.xlsx)"),
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"])
    def export(self, request, uid=None):
        template = self.get_object()
        response = HttpResponse(template_io.template_export(template), content_type=XLSX)
        name = f"templat-lke-{template.family}-v{template.version}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @extend_schema(summary=_("Buat versi baru dari templat"), request=None, responses={201: s.TemplateSerializer})
    @action(detail=True, methods=["post"], url_path="new-version", url_name="new-version")
    def new_version(self, request, uid=None):
        created = templates.template_new_version(user=request.user, template=self.get_object())
        return self._one(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Pasang templat bawaan (PermenPAN-RB 88/2021 dan 12/2015) yang belum ada"),
        request=None,
        responses={200: s.TemplateSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], url_path="install-defaults", url_name="install-defaults")
    def install_defaults(self, request):
        created = templates.template_install_defaults(pemda=request.user.pemda, user=request.user)
        qs = selectors.templates_for(request.user).filter(pk__in=[t.pk for t in created])
        return Response(s.TemplateSerializer(qs, many=True, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Impor templat dari lembar kerja: periksa (dry_run) lalu simpan sebagai templat atau versi baru"),
        request={"multipart/form-data": s.TemplateImportSerializer},
        responses={200: s.TemplateImportResultSerializer, 201: s.TemplateImportResultSerializer,
                   400: s.TemplateImportResultSerializer},
    )  # fmt: skip
    @action(detail=False, methods=["post"], url_path="import", url_name="import", parser_classes=[MultiPartParser])
    def import_(self, request):
        data = _validated(s.TemplateImportSerializer, request.data)
        user = request.user
        preview = template_io.template_import_preview(
            user=user, pemda=user.pemda, file=data["file"], family=data["family"] or None
        )
        created = None
        if preview.ok and not data["dry_run"]:
            created = template_io.template_import_commit(user=user, pemda=user.pemda, preview_or_file=preview)
        payload = {
            "ok": preview.ok,
            "dry_run": data["dry_run"],
            "errors": [vars(e) for e in preview.errors],
            "name": preview.name,
            "regulation": preview.regulation,
            "method": preview.method,
            "family": preview.family,
            "version": created.version if created else preview.version,
            "counts": preview.counts,
            "template": selectors.templates_for(user).get(pk=created.pk) if created else None,
        }
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK if preview.ok else status.HTTP_400_BAD_REQUEST
        return Response(s.TemplateImportResultSerializer(payload, context=self.get_serializer_context()).data, code)


# --- predicate tables ---------------------------------------------------------------------------


class PredicateTableView(APIView):
    permission_classes = [LkeAdminPermission]

    def _payload(self, pemda, year: int) -> dict:
        rows = templates.predicate_rows_for(pemda, year)
        return {
            "year": year,
            "stored": PredicateTable.objects.filter(pemda=pemda, year=year).exists(),
            "bands": [{"letter": a, "lower": str(lo), "upper": str(up), "label": lbl} for a, lo, up, lbl in rows],
        }

    @extend_schema(
        summary=_("Rentang predikat suatu tahun (tersimpan atau bawaan)"), responses=s.PredicateTableSerializer
    )
    def get(self, request, year: int):
        return Response(s.PredicateTableSerializer(self._payload(request.user.pemda, year)).data)

    @extend_schema(
        summary=_("Simpan rentang predikat suatu tahun (tanpa celah dan tumpang tindih, 0–100)"),
        request=s.PredicateTableSerializer,
        responses=s.PredicateTableSerializer,
    )
    def put(self, request, year: int):
        data = _validated(s.PredicateTableSerializer, request.data)
        rows = [[b["letter"], b["lower"], b["upper"], b["label"]] for b in data["bands"]]
        templates.predicate_table_save(user=request.user, pemda=request.user.pemda, year=year, rows=rows)
        return Response(s.PredicateTableSerializer(self._payload(request.user.pemda, year)).data)


# --- recommendations ----------------------------------------------------------------------------

_rec_filters = [
    OpenApiParameter("status", OpenApiTypes.STR, description=_("belum, proses atau selesai")),
    OpenApiParameter("unit", OpenApiTypes.UUID, description=_("uid unit pemilik")),
    OpenApiParameter("overdue", OpenApiTypes.BOOL, description=_("true: lewat batas waktu dan belum selesai")),
    OpenApiParameter("q", OpenApiTypes.STR, description=_("kata dalam rekomendasi, rencana aksi atau nama unit")),
]


@extend_schema_view(
    list=extend_schema(summary=_("Rekomendasi dan tindak lanjutnya"), parameters=_rec_filters),
    retrieve=extend_schema(summary=_("Satu rekomendasi dengan bukti tindak lanjut")),
)
class RecommendationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [LkeAdminPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    write_perms = (P.FOLLOWUP_EDIT, P.EVAL_MANAGE)
    object_check = staticmethod(followup.can_follow_up)

    def get_serializer_class(self):
        return s.RecommendationSerializer if self.action == "list" else s.RecommendationDetailSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request.user.is_authenticated and self.request.user.pemda_id:
            context["today"] = today_for(self.request.user.pemda)
        return context

    def get_queryset(self):
        params = self.request.query_params
        if self.action != "list":
            return selectors.recommendations_for(self.request.user).prefetch_related("evidence__added_by")
        overdue = params.get("overdue")
        return selectors.recommendations_for(
            self.request.user,
            status=params.get("status") or None,
            unit=params.get("unit") or None,
            overdue=None if overdue in (None, "") else overdue.lower() in ("1", "true", "ya"),
            q=params.get("q") or None,
        )

    def _detail(self, rec) -> Response:
        fresh = self.get_queryset().get(pk=rec.pk)
        return Response(s.RecommendationDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Catat tindak lanjut (unit pemilik atau Admin SAKIP)"),
        request=s.FollowUpSerializer,
        responses=s.RecommendationDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="follow-up", url_name="follow-up")
    def follow_up(self, request, uid=None):
        rec = self.get_object()
        data = _validated(s.FollowUpSerializer, request.data)
        followup.followup_update(user=request.user, recommendation=rec, **data)
        return self._detail(rec)

    @extend_schema(
        summary=_("Tambah bukti tindak lanjut (berkas atau tautan)"),
        request={"multipart/form-data": s.EvidenceUploadSerializer, "application/json": s.EvidenceUploadSerializer},
        responses={201: s.RecommendationDetailSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def evidence(self, request, uid=None):
        rec = self.get_object()
        data = _validated(s.EvidenceUploadSerializer, request.data)
        followup.followup_evidence_add(user=request.user, recommendation=rec, **data)
        response = self._detail(rec)
        response.status_code = status.HTTP_201_CREATED
        return response


# --- the Pemda's own results --------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Hasil evaluasi AKIP Pemda oleh KemenPAN-RB per tahun")),
    retrieve=extend_schema(summary=_("Hasil satu tahun dengan nilai komponen dan rekomendasi")),
    create=extend_schema(
        summary=_("Catat hasil satu tahun (predikat dihitung dari nilai)"),
        request=s.PemdaResultWriteSerializer,
        responses={201: s.PemdaResultSerializer},
    ),
    update=extend_schema(
        summary=_("Koreksi hasil satu tahun"), request=s.PemdaResultWriteSerializer, responses=s.PemdaResultSerializer
    ),
    destroy=extend_schema(summary=_("Hapus hasil yang salah dicatat (sebelum ada tindak lanjut)")),
)
class PemdaResultViewSet(viewsets.ModelViewSet):
    permission_classes = [LkeAdminPermission]
    serializer_class = s.PemdaResultSerializer
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.pemda_results_for(self.request.user)

    def _one(self, result, code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=result.pk)
        return Response(s.PemdaResultSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request):
        data = _validated(s.PemdaResultWriteSerializer, request.data)
        result = followup.pemda_result_save(user=request.user, pemda=request.user.pemda, **data)
        return self._one(result, status.HTTP_201_CREATED)

    def update(self, request, uid=None):
        result = self.get_object()
        data = _validated(s.PemdaResultWriteSerializer, request.data)
        followup.pemda_result_save(user=request.user, pemda=request.user.pemda, result=result, **data)
        return self._one(result)

    def destroy(self, request, uid=None):
        followup.pemda_result_delete(user=request.user, result=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary=_("Tren hasil dari tahun ke tahun dan kalimat ringkasnya"), responses=s.TrendSerializer)
    @action(detail=False, methods=["get"])
    def trend(self, request):
        trend = selectors.pemda_trend(request.user.pemda)
        return Response(s.TrendSerializer({"sentence": trend.sentence, "results": trend.results}).data)

    @extend_schema(
        summary=_("Selisih ke predikat target: poin yang diperlukan dan subkomponen dengan poin terbanyak"),
        parameters=[
            OpenApiParameter("target", OpenApiTypes.STR, description=_("predikat target; kosong: target hasil ini"))
        ],
        responses=s.GapSerializer,
    )
    @action(detail=True, methods=["get"])
    def gap(self, request, uid=None):
        result = self.get_object()
        target = request.query_params.get("target") or result.target_predicate
        if not target:
            raise ValidationError({"target": [_("Pilih predikat target.")]})
        try:
            gap = selectors.pemda_gap(result, target)
        except LkeError as exc:
            raise ValidationError({"target": exc.messages}) from exc
        payload = {
            "score": gap.score,
            "current": gap.current,
            "target": gap.target,
            "minimum": gap.minimum,
            "points_needed": gap.points_needed,
            "sentence": selectors.gap_sentence(gap),
            "opportunities": gap.opportunities,
        }
        return Response(s.GapSerializer(payload).data)

    @extend_schema(
        summary=_("Tambah rekomendasi KemenPAN-RB dengan unit pemiliknya"),
        request=s.RecommendationCreateSerializer,
        responses={201: s.RecommendationSerializer},
    )
    @action(detail=True, methods=["post"])
    def recommendations(self, request, uid=None):
        result = self.get_object()
        data = dict(_validated(s.RecommendationCreateSerializer, request.data))
        owner = get_object_or_404(Unit, pemda_id=request.user.pemda_id, uid=data.pop("owner"))
        rec = followup.recommendation_add(user=request.user, owner=owner, pemda_result=result, **data)
        fresh = selectors.recommendations_for(request.user).get(pk=rec.pk)
        context = {**self.get_serializer_context(), "today": today_for(request.user.pemda)}
        return Response(s.RecommendationSerializer(fresh, context=context).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    """Register the viewsets on the v1 router (called from ``sakip/api/v1.py``)."""
    router.register("lke-templates", LkeTemplateViewSet, basename="lke-template")
    router.register("lke-recommendations", RecommendationViewSet, basename="lke-recommendation")
    router.register("pemda-results", PemdaResultViewSet, basename="pemda-result")


def urlpatterns() -> list:
    """Extra paths (added to ``sakip/api/v1.py``)."""
    from django.urls import path

    return [
        path("lke-predicate-tables/<int:year>/", PredicateTableView.as_view(), name="lke-predicate-table"),
    ]
