"""Serializers of core data. They only shape data: output serializers describe what the API shows,
input serializers check types and resolve public ids (``uid``) to objects of the caller's Pemda.
Every rule (unique codes, parent types, NIP format, dates) lives in ``sakip.core.services`` and
the models, so the API refuses exactly what the pages refuse.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.core import permissions
from sakip.core.models import FiscalYear, Pemda, Period, RankingCategory, RoleAssignment, Unit, UnitHead, User

# --- Output -----------------------------------------------------------------------------------


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["uid", "code", "name", "short_name"]


class RankingCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = RankingCategory
        fields = ["uid", "code", "name", "order"]


class UserRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["uid", "username", "display_name"]


class PemdaSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    zone = serializers.CharField(source="zone_label", read_only=True)
    letterhead_lines = serializers.ListField(child=serializers.CharField(), read_only=True)
    has_logo = serializers.SerializerMethodField()

    class Meta:
        model = Pemda
        fields = [
            "uid",
            "name",
            "kind",
            "kind_display",
            "province",
            "head_title",
            "seat",
            "letterhead",
            "letterhead_lines",
            "timezone",
            "zone",
            "has_logo",
            "is_active",
            "updated_at",
        ]

    def get_has_logo(self, obj: Pemda) -> bool:
        return bool(obj.logo)


class UnitHeadSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    user = UserRefSerializer(read_only=True, allow_null=True)
    display_title = serializers.CharField(read_only=True)

    class Meta:
        model = UnitHead
        fields = [
            "uid",
            "unit",
            "name",
            "nip",
            "rank",
            "title",
            "acting",
            "display_title",
            "start_date",
            "end_date",
            "user",
        ]


class CurrentHeadSerializer(UnitHeadSerializer):
    class Meta(UnitHeadSerializer.Meta):
        fields = [f for f in UnitHeadSerializer.Meta.fields if f not in ("unit", "user")]


class UnitSerializer(serializers.ModelSerializer):
    type_display = serializers.CharField(source="get_type_display", read_only=True)
    parent = UnitRefSerializer(read_only=True, allow_null=True)
    ranking_category = RankingCategorySerializer(read_only=True, allow_null=True)
    current_head = serializers.SerializerMethodField(help_text=_("Kepala unit (definitif atau Plt.) hari ini."))

    class Meta:
        model = Unit
        fields = [
            "uid",
            "code",
            "name",
            "short_name",
            "type",
            "type_display",
            "parent",
            "ranking_category",
            "is_active",
            "current_head",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(CurrentHeadSerializer(allow_null=True))
    def get_current_head(self, obj: Unit):
        head = obj.head_on(timezone.localdate())
        return CurrentHeadSerializer(head).data if head else None


class PeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    short_label = serializers.CharField(read_only=True)

    class Meta:
        model = Period
        fields = ["kind", "number", "label", "short_label", "start_date", "end_date"]


class FiscalYearSerializer(serializers.ModelSerializer):
    pk_deadline_date = serializers.DateField(read_only=True)
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = FiscalYear
        fields = [
            "uid",
            "year",
            "is_current",
            "frequency",
            "deadline_day",
            "grace_days",
            "pk_deadline",
            "pk_deadline_date",
            "periods",
        ]


class RoleAssignmentSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RoleAssignment
        fields = ["uid", "role", "role_display", "unit", "is_team_lead", "position"]


class UserSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    roles = RoleAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "uid",
            "username",
            "full_name",
            "display_name",
            "email",
            "nip",
            "phone",
            "is_active",
            "last_login",
            "date_joined",
            "roles",
        ]


class MeSerializer(serializers.ModelSerializer):
    """The signed-in user, their Pemda, roles (with units) and the permission names they hold."""

    display_name = serializers.CharField(read_only=True)
    pemda = PemdaSerializer(read_only=True, allow_null=True)
    roles = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField(
        help_text=_(
            "Nama izin yang dimiliki pengguna. Izin dari peran Operator/Kepala OPD hanya berlaku untuk unit perannya."
        )
    )

    class Meta:
        model = User
        fields = ["uid", "username", "full_name", "display_name", "email", "nip", "pemda", "roles", "permissions"]

    @extend_schema_field(RoleAssignmentSerializer(many=True))
    def get_roles(self, obj: User):
        return RoleAssignmentSerializer(permissions.assignments(obj), many=True).data

    def get_permissions(self, obj: User) -> list[str]:
        names: set[str] = set()
        for assignment in permissions.assignments(obj):
            names.update(str(p) for p in permissions.granted(assignment))
        return sorted(names)


# --- Input ------------------------------------------------------------------------------------


class PemdaScopedUidField(serializers.SlugRelatedField):
    """A reference by ``uid`` to an object of the caller's Pemda; anything else is "not found"."""

    default_error_messages = {
        "does_not_exist": _("Data dengan id {value} tidak ditemukan di Pemda Anda."),
        "invalid": _("Id tidak valid."),
    }

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(slug_field="uid", queryset=model.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        pemda_id = getattr(getattr(request, "user", None), "pemda_id", None)
        return self.model.objects.filter(pemda_id=pemda_id)

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(uid=data)
        except (self.model.DoesNotExist, ValueError, TypeError):
            self.fail("does_not_exist", value=str(data)[:60])
        except Exception as exc:  # a malformed UUID raises Django's ValidationError
            from django.core.exceptions import ValidationError

            if isinstance(exc, ValidationError):
                self.fail("does_not_exist", value=str(data)[:60])
            raise


class PemdaWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pemda
        fields = ["name", "kind", "province", "head_title", "seat", "letterhead", "timezone"]
        extra_kwargs = {"name": {"validators": []}}  # uniqueness is checked by the service


class UnitWriteSerializer(serializers.ModelSerializer):
    parent = PemdaScopedUidField(Unit, required=False, allow_null=True, help_text=_("uid unit induk"))
    ranking_category = PemdaScopedUidField(
        RankingCategory,
        required=False,
        allow_null=True,
        help_text=_("uid kategori peringkat; kosong: bawaan menurut jenis unit"),
    )

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "type", "parent", "ranking_category", "is_active"]
        extra_kwargs = {"code": {"validators": []}}  # format and uniqueness: model and service


class UnitHeadWriteSerializer(serializers.ModelSerializer):
    user = PemdaScopedUidField(User, required=False, allow_null=True, help_text=_("uid akun portal kepala"))

    class Meta:
        model = UnitHead
        fields = ["name", "nip", "rank", "title", "acting", "start_date", "end_date", "user"]
        extra_kwargs = {"nip": {"validators": []}}  # NIP format: model validation in the service


class UnitHeadCreateSerializer(UnitHeadWriteSerializer):
    unit = PemdaScopedUidField(Unit, help_text=_("uid unit"))
    end_previous = serializers.BooleanField(
        default=True,
        write_only=True,
        help_text=_("Akhiri penugasan terbuka sebelumnya (jenis yang sama) sehari sebelum tanggal mulai."),
    )

    class Meta(UnitHeadWriteSerializer.Meta):
        fields = ["unit", "end_previous", *UnitHeadWriteSerializer.Meta.fields]


class FiscalYearWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = FiscalYear
        fields = ["frequency", "deadline_day", "grace_days", "pk_deadline"]


class FiscalYearCreateSerializer(FiscalYearWriteSerializer):
    year = serializers.IntegerField(min_value=2015, max_value=2100, label=_("tahun"))
    is_current = serializers.BooleanField(default=False, label=_("tahun berjalan"))

    class Meta(FiscalYearWriteSerializer.Meta):
        fields = ["year", "is_current", *FiscalYearWriteSerializer.Meta.fields]


class UserWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["username", "full_name", "email", "nip", "phone", "is_active"]
        # Username and NIP rules (uniqueness, format) are checked by the service and the model.
        extra_kwargs = {"username": {"validators": []}, "nip": {"validators": []}}


class UserCreateSerializer(UserWriteSerializer):
    password = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        style={"input_type": "password"},
        help_text=_("Kosong: pengguna mengatur kata sandi lewat tautan reset di e-mail."),
    )

    class Meta(UserWriteSerializer.Meta):
        fields = [*UserWriteSerializer.Meta.fields, "password"]


class RoleAssignSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=RoleAssignment.Role.choices, label=_("peran"))
    unit = PemdaScopedUidField(
        Unit, required=False, allow_null=True, help_text=_("uid unit; wajib untuk Operator dan Kepala OPD")
    )
    is_team_lead = serializers.BooleanField(default=False, label=_("ketua tim"))
    position = serializers.ChoiceField(
        choices=RoleAssignment.Position.choices, required=False, allow_blank=True, default="", label=_("jabatan")
    )
