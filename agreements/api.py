"""API of the Perjanjian Kinerja: PKs with their content, sasaran, indicators with targets, programs,
and the workflow actions as explicit endpoints.

Routes (under ``/api/v1/``)::

    pk/                      GET list (filters: year, unit, status) · POST create (year, unit|null)
    pk/overview/?year=       GET every unit's PK status in a year (missing/draft/…/signed, late)
    pk/<uid>/                GET one version with sasaran → indicators → targets, programs, events
    pk/<uid>/submit|approve|return|sign|revise/   POST workflow actions
    pk-sasaran/[<uid>/]      GET list (filter: pk) / POST · GET / PUT / PATCH / DELETE
    pk-indicators/[<uid>/]   idem (filter: pk, sasaran)
    pk-programs/[<uid>/]     idem (filter: pk)

Thin adapters: visibility comes from ``agreements.selectors`` (another Pemda's PK, or another
unit's unsigned PK, is **404**), writes go through ``agreements.services`` (whose
``ValidationError`` / ``PermissionDenied`` become 400 / 403). A user who may read but not write
gets **403** before the request body is looked at.
"""

from __future__ import annotations

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

from sakip.api.permissions import PortalPermission
from sakip.core import permissions
from sakip.core.models import FiscalYear, Unit
from sakip.core.permissions import P

from . import api_serializers as s
from . import selectors, services
from .models import Agreement, Indicator, IndicatorTarget, Program, Sasaran

# Which permissions a write action needs somewhere in the Pemda (a coarse check before the object's
# own check in :func:`object_check`). Default: editing the content.
EDIT_PERMS = (P.PK_EDIT, P.PEMDA_PK_EDIT)
ACTION_PERMS = {
    "approve": (P.PK_APPROVE, P.PEMDA_PK_EDIT),
    "sign": (P.PK_SIGN,),
    "return_": (P.PK_APPROVE, P.PEMDA_PK_EDIT, P.PK_SIGN),
}
OBJECT_CHECKS = {
    "approve": services.can_approve,
    "sign": services.can_sign,
    "return_": services.can_return,
}


def agreement_of(obj) -> Agreement:
    if isinstance(obj, Agreement):
        return obj
    if isinstance(obj, Indicator):
        return obj.sasaran.agreement
    return obj.agreement


class PKPermission(PortalPermission):
    """Reads need ``P.PK_VIEW``; writes need a PK write permission somewhere (else 403 at once),
    then the matching service check on the PK itself (``services.can_edit`` / ``can_approve`` / …)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        method = request.method.lower()
        if method not in getattr(view, "http_method_names", ()) or not hasattr(view, method):
            return True  # the view answers 405 Method Not Allowed
        if request.method in SAFE_METHODS:
            return permissions.has_perm(user, P.PK_VIEW)
        perms = ACTION_PERMS.get(getattr(view, "action", None), EDIT_PERMS)
        return any(permissions.has_perm(user, p) for p in perms)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True  # the scoped queryset found it: the user may read it
        check = OBJECT_CHECKS.get(getattr(view, "action", None), services.can_edit)
        return check(request.user, agreement_of(obj))


def _year_param(request) -> int | None:
    raw = request.query_params.get("year")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({"year": [_("Tahun tidak valid.")]}) from None


def _visible(qs, uid):
    """One object of a scoped queryset by uid; anything else (also a malformed uid) is 404."""
    try:
        return qs.get(uid=uid)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    except Exception as exc:
        from django.core.exceptions import ValidationError as DjangoValidationError

        if isinstance(exc, DjangoValidationError):
            raise Http404 from None
        raise


class _Base(viewsets.GenericViewSet):
    permission_classes = [PKPermission]
    lookup_field = "uid"
    lookup_value_converter = "uuid"

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def visible_agreements(self):
        return selectors.agreements_for(self.request.user)

    def agreement_for_write(self, uid) -> Agreement:
        agreement = _visible(self.visible_agreements(), uid)
        self.check_object_permissions(self.request, agreement)
        return agreement

    def pemda_sasaran(self, uid) -> Sasaran | None:
        if uid is None:
            return None
        qs = Sasaran.objects.filter(pemda_id=self.request.user.pemda_id, agreement__unit__isnull=True)
        try:
            return qs.select_related("agreement").get(uid=uid)
        except Sasaran.DoesNotExist:
            raise ValidationError({"supports": [_("Sasaran PK Pemda tidak ditemukan.")]}) from None


def _indicators_prefetch():
    return Prefetch(
        "indicators",
        queryset=Indicator.objects.order_by("order", "id")
        .select_related("sasaran")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("kind", "number"))),
    )


# --- PK ---------------------------------------------------------------------------------------


_action_response = {200: s.AgreementDetailSerializer}


@extend_schema_view(
    list=extend_schema(
        summary=_("Daftar PK"),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun anggaran")),
            OpenApiParameter("unit", OpenApiTypes.UUID, description=_("uid unit")),
            OpenApiParameter("pemda", OpenApiTypes.BOOL, description=_("true: hanya PK Pemda")),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Agreement.Status.values, description=_("status")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu versi PK dengan isinya")),
    create=extend_schema(
        summary=_("Buat PK (versi 1, draf)"),
        request=s.AgreementCreateSerializer,
        responses={201: s.AgreementDetailSerializer},
    ),
)
class AgreementViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset = Agreement.objects.none()

    def get_serializer_class(self):
        return s.AgreementSerializer if self.action == "list" else s.AgreementDetailSerializer

    def get_queryset(self):
        qs = self.visible_agreements()
        if self.action == "list":
            params = self.request.query_params
            year = _year_param(self.request)
            if year:
                qs = qs.filter(fiscal_year__year=year)
            if params.get("unit"):
                qs = qs.filter(unit__uid=params["unit"]) if _is_uuid(params["unit"]) else qs.none()
            if params.get("pemda", "").lower() in ("1", "true"):
                qs = qs.filter(unit__isnull=True)
            if params.get("status"):
                qs = qs.filter(status=params["status"])
            return qs.order_by("-fiscal_year__year", "unit__code", "-version")
        if self.action == "retrieve":
            return selectors._with_content(qs)
        return qs

    def detail_response(self, agreement: Agreement, *, code=status.HTTP_200_OK) -> Response:
        fresh = selectors._with_content(
            Agreement.objects.filter(pk=agreement.pk).select_related("pemda", "fiscal_year", "unit")
        ).get()
        return Response(s.AgreementDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request):
        data = self.validated(s.AgreementCreateSerializer)
        user = request.user
        year = FiscalYear.objects.filter(pemda_id=user.pemda_id, year=data["year"]).first()
        if year is None:
            raise ValidationError({"year": [_("Tahun %(y)s belum dibuat oleh Admin SAKIP.") % {"y": data["year"]}]})
        unit = None
        if data.get("unit"):
            unit = Unit.objects.filter(pemda_id=user.pemda_id, uid=data["unit"]).first()
            if unit is None:
                raise ValidationError({"unit": [_("Unit tidak ditemukan di Pemda Anda.")]})
        agreement = services.agreement_create(fiscal_year=year, unit=unit, by=user)
        return self.detail_response(agreement, code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Status PK setiap unit dalam satu tahun"),
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun; kosong: tahun berjalan"))],
        responses=s.OverviewSerializer,
    )
    @action(detail=False, methods=["get"])
    def overview(self, request):
        fiscal_year = selectors.year_for(request.user, _year_param(request))
        if fiscal_year is None:
            raise Http404
        data = selectors.year_overview(request.user, fiscal_year)

        def row(r):
            link = r.link
            return {
                "unit": r.unit,
                "status": str(r.status),
                "status_display": r.status_label,
                "late": r.late,
                "agreement": link.uid if link else None,
                "version": link.version if link else None,
            }

        payload = {
            "year": fiscal_year.year,
            "deadline": data.deadline,
            "counts": {str(k): v for k, v in data.counts.items()},
            "late_count": data.late_count,
            "pemda": row(data.pemda_row),
            "units": [row(r) for r in data.rows],
        }
        return Response(s.OverviewSerializer(payload).data)

    @extend_schema(summary=_("Ajukan PK (draf → diajukan)"), request=None, responses=_action_response)
    @action(detail=True, methods=["post"])
    def submit(self, request, uid=None):
        return self.detail_response(services.agreement_submit(agreement=self.get_object(), by=request.user))

    @extend_schema(summary=_("Setujui PK (kepala unit)"), request=None, responses=_action_response)
    @action(detail=True, methods=["post"])
    def approve(self, request, uid=None):
        return self.detail_response(services.agreement_approve(agreement=self.get_object(), by=request.user))

    @extend_schema(
        summary=_("Kembalikan PK ke draf dengan catatan"), request=s.ReturnSerializer, responses=_action_response
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, uid=None):
        agreement = self.get_object()
        data = self.validated(s.ReturnSerializer)
        return self.detail_response(services.agreement_return(agreement=agreement, by=request.user, note=data["note"]))

    @extend_schema(summary=_("Catat penandatanganan PK"), request=s.SignSerializer, responses=_action_response)
    @action(detail=True, methods=["post"])
    def sign(self, request, uid=None):
        agreement = self.get_object()
        data = self.validated(s.SignSerializer)
        signed = services.agreement_sign(
            agreement=agreement, by=request.user, signed_on=data["signed_on"], place=data.get("place", "")
        )
        return self.detail_response(signed)

    @extend_schema(
        summary=_("Buat PK Perubahan dari versi yang berlaku"),
        request=s.ReviseSerializer,
        responses={201: s.AgreementDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, uid=None):
        agreement = self.get_object()
        data = self.validated(s.ReviseSerializer)
        new = services.agreement_revise(
            agreement=agreement,
            by=request.user,
            reason=data["revision_reason"],
            note=data.get("revision_note", ""),
            effective_date=data["effective_date"],
        )
        return self.detail_response(new, code=status.HTTP_201_CREATED)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class _ItemViewSet(
    _Base,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
):
    """Shared list filters: ``pk`` (uid of the PK)."""

    def filter_pk(self, qs, field: str = "agreement__uid"):
        raw = self.request.query_params.get("pk")
        if raw:
            qs = qs.filter(**{field: raw}) if _is_uuid(raw) else qs.none()
        return qs

    def destroy(self, request, uid=None):
        self.remove(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def update(self, request, uid=None, partial=False):
        raise NotImplementedError

    def partial_update(self, request, uid=None):
        return self.update(request, uid=uid, partial=True)


_pk_filter = OpenApiParameter("pk", OpenApiTypes.UUID, description=_("uid PK"))


@extend_schema_view(
    list=extend_schema(summary=_("Sasaran strategis"), parameters=[_pk_filter]),
    create=extend_schema(request=s.SasaranCreateSerializer, responses={201: s.SasaranSerializer}),
    update=extend_schema(request=s.SasaranWriteSerializer, responses=s.SasaranSerializer),
    partial_update=extend_schema(request=s.SasaranWriteSerializer, responses=s.SasaranSerializer),
)
class SasaranViewSet(_ItemViewSet):
    queryset = Sasaran.objects.none()
    serializer_class = s.SasaranSerializer

    def get_queryset(self):
        qs = Sasaran.objects.filter(agreement__in=self.visible_agreements())
        qs = self.filter_pk(qs).select_related("agreement", "supports").prefetch_related(_indicators_prefetch())
        return qs.order_by("agreement_id", "order", "id")

    def _data(self, data: dict) -> dict:
        if "supports" in data:
            data["supports"] = self.pemda_sasaran(data["supports"])
        return data

    def create(self, request):
        data = self._data(self.validated(s.SasaranCreateSerializer))
        agreement = self.agreement_for_write(data.pop("agreement"))
        sasaran = services.sasaran_create(agreement=agreement, by=request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=sasaran.pk)).data, status=201)

    def update(self, request, uid=None, partial=False):
        sasaran = self.get_object()
        data = self._data(self.validated(s.SasaranWriteSerializer, partial=partial))
        services.sasaran_update(sasaran=sasaran, data=data, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=sasaran.pk)).data)

    def remove(self, sasaran):
        services.sasaran_delete(sasaran=sasaran, by=self.request.user)


_TARGET_INPUTS = ("quarter_targets", "month_targets", "quarter_ranges", "month_ranges")


def _targets_from(data: dict) -> tuple[list | None, list | None]:
    """Service arguments from the API's target inputs (ranges as ``(low, high)`` pairs)."""

    def pairs(items):
        return [None if item is None else (item.get("low"), item.get("high")) for item in items]

    quarters = data.pop("quarter_targets", None)
    months = data.pop("month_targets", None)
    if "quarter_ranges" in data:
        quarters = pairs(data.pop("quarter_ranges"))
    if "month_ranges" in data:
        months = pairs(data.pop("month_ranges"))
    return quarters, months


@extend_schema_view(
    list=extend_schema(
        summary=_("Indikator kinerja dengan target"),
        parameters=[_pk_filter, OpenApiParameter("sasaran", OpenApiTypes.UUID, description=_("uid sasaran"))],
    ),
    create=extend_schema(request=s.IndicatorCreateSerializer, responses={201: s.IndicatorSerializer}),
    update=extend_schema(request=s.IndicatorWriteSerializer, responses=s.IndicatorSerializer),
    partial_update=extend_schema(request=s.IndicatorWriteSerializer, responses=s.IndicatorSerializer),
)
class IndicatorViewSet(_ItemViewSet):
    queryset = Indicator.objects.none()
    serializer_class = s.IndicatorSerializer

    def get_queryset(self):
        qs = Indicator.objects.filter(sasaran__agreement__in=self.visible_agreements())
        qs = self.filter_pk(qs, "sasaran__agreement__uid")
        raw = self.request.query_params.get("sasaran")
        if raw:
            qs = qs.filter(sasaran__uid=raw) if _is_uuid(raw) else qs.none()
        qs = qs.select_related("sasaran__agreement").prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("kind", "number"))
        )
        return qs.order_by("sasaran__agreement_id", "sasaran__order", "sasaran_id", "order", "id")

    def create(self, request):
        data = self.validated(s.IndicatorCreateSerializer)
        sasaran = _visible(Sasaran.objects.filter(agreement__in=self.visible_agreements()), data.pop("sasaran"))
        self.check_object_permissions(request, sasaran)
        quarters, months = _targets_from(data)
        indicator = services.indicator_create(
            sasaran=sasaran, data=data, quarter_targets=quarters, month_targets=months, by=request.user
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=indicator.pk)).data, status=201)

    def update(self, request, uid=None, partial=False):
        indicator = self.get_object()
        data = self.validated(s.IndicatorWriteSerializer, partial=partial)
        quarters, months = _targets_from(data)
        services.indicator_update(
            indicator=indicator, data=data, quarter_targets=quarters, month_targets=months, by=request.user
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=indicator.pk)).data)

    def remove(self, indicator):
        services.indicator_delete(indicator=indicator, by=self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Program, kegiatan dan sub kegiatan"), parameters=[_pk_filter]),
    create=extend_schema(request=s.ProgramCreateSerializer, responses={201: s.ProgramSerializer}),
    update=extend_schema(request=s.ProgramWriteSerializer, responses=s.ProgramSerializer),
    partial_update=extend_schema(request=s.ProgramWriteSerializer, responses=s.ProgramSerializer),
)
class ProgramViewSet(_ItemViewSet):
    queryset = Program.objects.none()
    serializer_class = s.ProgramSerializer

    def get_queryset(self):
        qs = Program.objects.filter(agreement__in=self.visible_agreements())
        qs = self.filter_pk(qs).select_related("agreement", "parent")
        return qs.order_by("agreement_id", "order", "code")

    def create(self, request):
        data = self.validated(s.ProgramCreateSerializer)
        agreement = self.agreement_for_write(data.pop("agreement"))
        parent_uid = data.pop("parent", None)
        parent = None
        if parent_uid:
            parent = agreement.programs.filter(uid=parent_uid).first()
            if parent is None:
                raise ValidationError({"parent": [_("Induk tidak ditemukan pada PK ini.")]})
        program = services.program_create(agreement=agreement, data=data, parent=parent, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=program.pk)).data, status=201)

    def update(self, request, uid=None, partial=False):
        program = self.get_object()
        data = self.validated(s.ProgramWriteSerializer, partial=partial)
        services.program_update(program=program, data=data, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=program.pk)).data)

    def remove(self, program):
        services.program_delete(program=program, by=self.request.user)


def register(router) -> None:
    """Register the PK routes on the v1 router (called from ``sakip/api/v1.py``)."""
    router.register("pk", AgreementViewSet, basename="pk")
    router.register("pk-sasaran", SasaranViewSet, basename="pk-sasaran")
    router.register("pk-indicators", IndicatorViewSet, basename="pk-indicator")
    router.register("pk-programs", ProgramViewSet, basename="pk-program")
