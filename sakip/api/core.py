"""API of core data: the user's Pemda, units and their heads, fiscal years, ranking categories,
users with their roles, and ``/me/``.

Thin adapters: querysets come from ``sakip.core.selectors`` (already scoped to the caller's Pemda,
so another Pemda's object is 404), writes go through ``sakip.core.services`` (whose Django
``ValidationError`` / ``PermissionDenied`` the exception handler turns into 400 / 403), and the
permission names come from ``sakip.core.permissions`` via :class:`~sakip.api.permissions.PortalPermission`.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from sakip.core import selectors, services
from sakip.core.models import FiscalYear, RankingCategory, RoleAssignment, Unit, UnitHead, User
from sakip.core.permissions import P, own_unit_ids

from . import core_serializers as s
from .params import bool_param, bool_parameter, uid_param, uid_parameter
from .permissions import IsMember


class ServiceViewMixin:
    """Input validation with a separate write serializer; the view then calls a service."""

    lookup_field = "uid"

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def output(self, obj, *, created: bool = False) -> Response:
        data = self.get_serializer(obj).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


# --- /me/ and /pemda/ -------------------------------------------------------------------------


class MeView(GenericAPIView):
    """The signed-in user: profile, Pemda, roles with their units and the permission names held."""

    permission_classes = [IsMember]
    serializer_class = s.MeSerializer

    def get(self, request):
        return Response(self.get_serializer(request.user).data)


class PemdaView(ServiceViewMixin, GenericAPIView):
    """The caller's own Pemda. Every member may read it; only the Admin SAKIP may change it."""

    serializer_class = s.PemdaSerializer
    read_perm = P.PEMDA_VIEW
    write_perm = P.PEMDA_MANAGE

    def get_object(self):
        pemda = selectors.pemda_of(self.request.user)
        if pemda is None:
            raise NotFound
        self.check_object_permissions(self.request, pemda)
        return pemda

    def get(self, request):
        return self.output(self.get_object())

    @extend_schema(request=s.PemdaWriteSerializer, responses=s.PemdaSerializer)
    def put(self, request):
        return self._update(partial=False)

    @extend_schema(request=s.PemdaWriteSerializer, responses=s.PemdaSerializer)
    def patch(self, request):
        return self._update(partial=True)

    def _update(self, *, partial: bool) -> Response:
        pemda = self.get_object()
        data = self.validated(s.PemdaWriteSerializer, partial=partial)
        return self.output(services.pemda_update(pemda=pemda, data=data))


# --- Units and heads --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("type", OpenApiTypes.STR, enum=Unit.Type.values, description=_("jenis unit")),
            bool_parameter("is_active", _("hanya unit aktif (true) atau nonaktif (false)")),
            uid_parameter("parent", _("hanya unit di bawah unit induk ini")),
            bool_parameter("top", _("hanya unit tanpa induk")),
            uid_parameter("ranking_category", _("hanya unit dalam kategori peringkat ini")),
            bool_parameter("own", _("hanya unit peran saya (Operator/Kepala OPD)")),
        ]
    ),
    create=extend_schema(request=s.UnitWriteSerializer, responses={201: s.UnitSerializer}),
    update=extend_schema(request=s.UnitWriteSerializer, responses=s.UnitSerializer),
    partial_update=extend_schema(request=s.UnitWriteSerializer, responses=s.UnitSerializer),
)
class UnitViewSet(
    ServiceViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Units (perangkat daerah) of the caller's Pemda with their current head.

    Every member may read the unit directory; the Admin SAKIP creates, changes and deletes units
    (a unit already used by other data can only be deactivated)."""

    queryset = Unit.objects.none()  # the model, for the schema; rows come from get_queryset()
    serializer_class = s.UnitSerializer
    read_perm = P.UNIT_VIEW
    write_perm = P.UNIT_MANAGE
    filter_backends = [filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["code", "name", "short_name"]
    ordering_fields = ["code", "name", "type"]
    ordering = ["code", "name"]

    def object_unit_id(self, obj: Unit) -> int:
        return obj.pk

    def get_queryset(self):
        qs = selectors.units_with_heads_for(self.request.user)
        if self.action != "list":
            return qs
        request = self.request
        if unit_type := request.query_params.get("type"):
            qs = qs.filter(type=unit_type)
        if (active := bool_param(request, "is_active")) is not None:
            qs = qs.filter(is_active=active)
        if parent := uid_param(request, "parent"):
            qs = qs.filter(parent__uid=parent)
        if (top := bool_param(request, "top")) is not None:
            qs = qs.filter(parent__isnull=top)
        if category := uid_param(request, "ranking_category"):
            qs = qs.filter(ranking_category__uid=category)
        if bool_param(request, "own"):
            qs = qs.filter(pk__in=own_unit_ids(request.user))
        return qs

    def _refetch(self, unit: Unit) -> Unit:
        return selectors.units_with_heads_for(self.request.user).get(pk=unit.pk)

    def create(self, request, *args, **kwargs):
        data = self.validated(s.UnitWriteSerializer)
        unit = services.unit_create(pemda=selectors.pemda_of(request.user), data=data)
        return self.output(self._refetch(unit), created=True)

    def update(self, request, *args, partial: bool = False, **kwargs):
        unit = self.get_object()
        data = self.validated(s.UnitWriteSerializer, partial=partial)
        return self.output(self._refetch(services.unit_update(unit=unit, data=data)))

    def perform_destroy(self, instance: Unit) -> None:
        services.unit_delete(unit=instance)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            uid_parameter("unit", _("hanya kepala unit ini")),
            bool_parameter("current", _("hanya penugasan yang berlaku hari ini")),
        ]
    ),
    create=extend_schema(request=s.UnitHeadCreateSerializer, responses={201: s.UnitHeadSerializer}),
    update=extend_schema(request=s.UnitHeadWriteSerializer, responses=s.UnitHeadSerializer),
    partial_update=extend_schema(request=s.UnitHeadWriteSerializer, responses=s.UnitHeadSerializer),
)
class UnitHeadViewSet(
    ServiceViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Heads of units as dated assignments (definitive, Plt., Plh., Pj.). The Admin SAKIP records a
    new head (by default ending the previous open assignment of the same kind) or corrects one."""

    queryset = UnitHead.objects.none()  # the model, for the schema; rows come from get_queryset()
    serializer_class = s.UnitHeadSerializer
    read_perm = P.UNIT_VIEW
    write_perm = P.UNIT_MANAGE

    def get_queryset(self):
        qs = selectors.unit_heads_for(self.request.user)
        if self.action != "list":
            return qs
        if unit := uid_param(self.request, "unit"):
            qs = qs.filter(unit__uid=unit)
        if bool_param(self.request, "current"):
            today = timezone.localdate()
            qs = qs.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        return qs

    def create(self, request, *args, **kwargs):
        data = self.validated(s.UnitHeadCreateSerializer)
        unit, end_previous = data.pop("unit"), data.pop("end_previous")
        head = services.unit_head_assign(unit=unit, data=data, end_previous=end_previous)
        return self.output(head, created=True)

    def update(self, request, *args, partial: bool = False, **kwargs):
        head = self.get_object()
        data = self.validated(s.UnitHeadWriteSerializer, partial=partial)
        return self.output(services.unit_head_update(head=head, data=data))


# --- Years and ranking categories -------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(request=s.FiscalYearCreateSerializer, responses={201: s.FiscalYearSerializer}),
    update=extend_schema(request=s.FiscalYearWriteSerializer, responses=s.FiscalYearSerializer),
    partial_update=extend_schema(request=s.FiscalYearWriteSerializer, responses=s.FiscalYearSerializer),
    set_current=extend_schema(request=None, responses=s.FiscalYearSerializer),
)
class FiscalYearViewSet(
    ServiceViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Fiscal years with their months and quarters and the reporting calendar. The Admin SAKIP
    creates a year (its 12 months and 4 quarters are created with it), tunes its calendar and
    marks the current year."""

    queryset = FiscalYear.objects.none()  # the model, for the schema; rows come from get_queryset()
    serializer_class = s.FiscalYearSerializer
    write_perm = P.YEAR_MANAGE
    action_perms = {"set_current": P.YEAR_MANAGE}

    def get_queryset(self):
        return selectors.fiscal_years_for(self.request.user)

    def _refetch(self, fy):
        return selectors.fiscal_years_for(self.request.user).get(pk=fy.pk)

    def create(self, request, *args, **kwargs):
        data = self.validated(s.FiscalYearCreateSerializer)
        fy = services.fiscal_year_create(pemda=selectors.pemda_of(request.user), **data)
        return self.output(self._refetch(fy), created=True)

    def update(self, request, *args, partial: bool = False, **kwargs):
        fy = self.get_object()
        data = self.validated(s.FiscalYearWriteSerializer, partial=partial)
        return self.output(self._refetch(services.fiscal_year_update(fiscal_year=fy, data=data)))

    @action(detail=True, methods=["post"], url_path="set-current")
    def set_current(self, request, uid=None):
        """Make this the current fiscal year of the Pemda (the previous current year is unset)."""
        fy = services.fiscal_year_set_current(fiscal_year=self.get_object())
        return self.output(self._refetch(fy))


class RankingCategoryViewSet(ServiceViewMixin, viewsets.ReadOnlyModelViewSet):
    """Ranking categories of the Pemda (units are ranked against others of the same category)."""

    queryset = RankingCategory.objects.none()  # the model, for the schema; rows come from get_queryset()
    serializer_class = s.RankingCategorySerializer

    def get_queryset(self):
        return selectors.ranking_categories_for(self.request.user)


# --- Users and roles --------------------------------------------------------------------------

ROLE_UID = OpenApiParameter("role_uid", OpenApiTypes.UUID, OpenApiParameter.PATH, description=_("uid peran"))


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "role", OpenApiTypes.STR, enum=[r.value for r in RoleAssignment.Role], description=_("peran")
            ),
            uid_parameter("unit", _("hanya pengguna dengan peran pada unit ini")),
            bool_parameter("is_active", _("hanya akun aktif (true) atau nonaktif (false)")),
        ]
    ),
    create=extend_schema(request=s.UserCreateSerializer, responses={201: s.UserSerializer}),
    update=extend_schema(request=s.UserWriteSerializer, responses=s.UserSerializer),
    partial_update=extend_schema(request=s.UserWriteSerializer, responses=s.UserSerializer),
    add_role=extend_schema(request=s.RoleAssignSerializer, responses={201: s.RoleAssignmentSerializer}),
    remove_role=extend_schema(request=None, responses={204: None}, parameters=[ROLE_UID]),
)
class UserViewSet(
    ServiceViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Portal users of the Pemda with their roles. Readable by the Admin SAKIP and Pimpinan; the
    Admin SAKIP creates and updates accounts and adds or removes roles."""

    queryset = User.objects.none()  # the model, for the schema; rows come from get_queryset()
    serializer_class = s.UserSerializer
    read_perm = P.USER_VIEW
    write_perm = P.USER_MANAGE
    filter_backends = [filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["username", "full_name", "email", "nip"]
    ordering_fields = ["username", "full_name", "last_login"]
    ordering = ["full_name", "username"]

    def get_queryset(self):
        qs = selectors.users_for(self.request.user)
        if self.action != "list":
            return qs
        if role := self.request.query_params.get("role"):
            qs = qs.filter(roles__role=role)
        if unit := uid_param(self.request, "unit"):
            qs = qs.filter(roles__unit__uid=unit)
        if (active := bool_param(self.request, "is_active")) is not None:
            qs = qs.filter(is_active=active)
        return qs.distinct()

    def _refetch(self, user):
        return selectors.users_for(self.request.user).get(pk=user.pk)

    def create(self, request, *args, **kwargs):
        data = self.validated(s.UserCreateSerializer)
        password = data.pop("password", "") or None
        user = services.user_create(pemda=selectors.pemda_of(request.user), data=data, password=password)
        return self.output(self._refetch(user), created=True)

    def update(self, request, *args, partial: bool = False, **kwargs):
        user = self.get_object()
        data = self.validated(s.UserWriteSerializer, partial=partial)
        return self.output(self._refetch(services.user_update(user=user, data=data)))

    @action(detail=True, methods=["post"], url_path="roles")
    def add_role(self, request, uid=None):
        """Give the user a role (Operator and Kepala OPD need a unit; evaluator may be team lead)."""
        user = self.get_object()
        data = self.validated(s.RoleAssignSerializer)
        assignment = services.role_assign(user=user, **data)
        return Response(s.RoleAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["delete"], url_path=r"roles/(?P<role_uid>[^/.]+)")
    def remove_role(self, request, uid=None, role_uid=None):
        """Remove one of the user's roles (the last Admin SAKIP cannot remove their own admin role)."""
        user = self.get_object()
        assignment = next((a for a in user.roles.all() if str(a.uid) == str(role_uid).lower()), None)
        if assignment is None:
            raise NotFound
        services.role_revoke(assignment=assignment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
