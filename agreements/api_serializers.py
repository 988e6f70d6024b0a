"""Serializers of the PK API. They only shape data: output serializers describe what the API shows;
input serializers check types and pass raw values on. Numbers are taken as given (number or string,
"61,76" allowed) and parsed by the services, so a bad number gets the same Indonesian message
("Bukan angka: …") from the API, the pages and the Excel import. Every rule lives in
``agreements/services.py`` and ``agreements/validation.py``.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.api.core_serializers import UnitRefSerializer

from . import services
from .models import Agreement, AgreementEvent, Indicator, IndicatorTarget, Program, Sasaran

# --- Output -----------------------------------------------------------------------------------


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["kind", "number", "value", "low", "high"]


class IndicatorSerializer(serializers.ModelSerializer):
    sasaran = serializers.UUIDField(source="sasaran.uid", read_only=True)
    polarity_display = serializers.CharField(source="get_polarity_display", read_only=True)
    period_rule_display = serializers.CharField(source="get_period_rule_display", read_only=True)
    targets = TargetSerializer(many=True, read_only=True, help_text=_("Target TW I–IV (quarter) dan bulanan (month)."))

    class Meta:
        model = Indicator
        fields = [
            "uid",
            "lineage",
            "sasaran",
            "order",
            "name",
            "satuan",
            "polarity",
            "polarity_display",
            "period_rule",
            "period_rule_display",
            "is_iku",
            "definition",
            "formula",
            "data_source",
            "baseline",
            "weight",
            "target",
            "target_low",
            "target_high",
            "allow_negative",
            "targets",
        ]


class SasaranSerializer(serializers.ModelSerializer):
    agreement = serializers.UUIDField(source="agreement.uid", read_only=True)
    supports = serializers.SerializerMethodField(help_text=_("uid sasaran PK Pemda yang didukung (cascading)."))
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Sasaran
        fields = ["uid", "agreement", "order", "name", "supports", "indicators"]

    @extend_schema_field(OpenApiTypes.UUID)
    def get_supports(self, obj: Sasaran):
        return obj.supports.uid if obj.supports_id else None


class ProgramSerializer(serializers.ModelSerializer):
    agreement = serializers.UUIDField(source="agreement.uid", read_only=True)
    parent = serializers.SerializerMethodField()
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Program
        fields = ["uid", "agreement", "parent", "level", "level_display", "order", "code", "name", "budget"]

    @extend_schema_field(OpenApiTypes.UUID)
    def get_parent(self, obj: Program):
        return obj.parent.uid if obj.parent_id else None


class EventSerializer(serializers.ModelSerializer):
    action_display = serializers.CharField(source="get_action_display", read_only=True)
    actor = serializers.SerializerMethodField()

    class Meta:
        model = AgreementEvent
        fields = ["action", "action_display", "from_status", "to_status", "actor", "note", "created_at"]

    def get_actor(self, obj: AgreementEvent) -> str:
        return obj.actor.display_name if obj.actor_id else ""


class AgreementSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="fiscal_year.year", read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True, help_text=_("Kosong: PK Pemda."))
    is_pemda_pk = serializers.BooleanField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    revision_reason_display = serializers.CharField(source="get_revision_reason_display", read_only=True)
    deadline = serializers.DateField(source="fiscal_year.pk_deadline_date", read_only=True)
    late = serializers.SerializerMethodField(
        help_text=_("Ditandatangani setelah batas, atau belum ditandatangani dan batas sudah lewat.")
    )

    class Meta:
        model = Agreement
        fields = [
            "uid",
            "year",
            "unit",
            "is_pemda_pk",
            "version",
            "status",
            "status_display",
            "revision_reason",
            "revision_reason_display",
            "revision_note",
            "effective_date",
            "return_note",
            "submitted_at",
            "approved_at",
            "signed_on",
            "signed_place",
            "deadline",
            "late",
            "updated_at",
        ]

    def get_late(self, obj: Agreement) -> bool:
        return services.is_late(obj)


class AgreementDetailSerializer(AgreementSerializer):
    previous = serializers.SerializerMethodField()
    sasaran = SasaranSerializer(many=True, read_only=True)
    programs = ProgramSerializer(many=True, read_only=True)
    budget_total = serializers.SerializerMethodField(help_text=_("Jumlah anggaran tingkat program (Rp)."))
    events = EventSerializer(many=True, read_only=True)
    signatories = serializers.JSONField(
        read_only=True, help_text=_("Para pihak, kop dan jumlah yang dibekukan saat penandatanganan.")
    )

    class Meta(AgreementSerializer.Meta):
        fields = [
            *AgreementSerializer.Meta.fields,
            "previous",
            "signatories",
            "budget_total",
            "sasaran",
            "programs",
            "events",
        ]

    @extend_schema_field(OpenApiTypes.UUID)
    def get_previous(self, obj: Agreement):
        return obj.previous.uid if obj.previous_id else None

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_budget_total(self, obj: Agreement) -> str:
        total = sum((p.budget for p in obj.programs.all() if p.level == Program.Level.PROGRAM), Decimal(0))
        return str(total.quantize(Decimal("0.01")))


class OverviewRowSerializer(serializers.Serializer):
    unit = UnitRefSerializer(allow_null=True, help_text=_("Kosong: PK Pemda."))
    status = serializers.CharField(help_text=_("missing (belum dibuat), draft, submitted, approved atau signed"))
    status_display = serializers.CharField()
    late = serializers.BooleanField()
    agreement = serializers.UUIDField(allow_null=True, help_text=_("uid versi yang dapat Anda buka."))
    version = serializers.IntegerField(allow_null=True)


class OverviewSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    deadline = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    late_count = serializers.IntegerField()
    pemda = OverviewRowSerializer()
    units = OverviewRowSerializer(many=True)


# --- Input ------------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "61,76"})
class RawNumberField(serializers.Field):
    """A number as given (JSON number or string, decimal comma allowed); the service parses it."""

    default_error_messages = {"invalid": _("Bukan angka.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, (dict, list, bool)):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return None if value is None else str(value)


class RangeInputSerializer(serializers.Serializer):
    low = RawNumberField()
    high = RawNumberField()


class AgreementCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(label=_("tahun"))
    unit = serializers.UUIDField(required=False, allow_null=True, help_text=_("uid unit; kosong: PK Pemda sendiri"))


class SasaranWriteSerializer(serializers.Serializer):
    name = serializers.CharField(label=_("sasaran strategis"), allow_blank=True, trim_whitespace=False)
    supports = serializers.UUIDField(
        required=False, allow_null=True, help_text=_("uid sasaran PK Pemda yang didukung (cascading)")
    )
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)


class SasaranCreateSerializer(SasaranWriteSerializer):
    agreement = serializers.UUIDField(help_text=_("uid PK"))


class IndicatorWriteSerializer(serializers.Serializer):
    """Indicator fields and its period targets. Single-target indicators use ``quarter_targets``
    (4 values) and ``month_targets`` (12 values, or ``[]`` to remove them); range indicators use
    ``quarter_ranges`` / ``month_ranges`` with ``{low, high}``. Errors on period targets are keyed
    ``tw1``…``tw4`` and ``bulan1``…``bulan12``."""

    name = serializers.CharField(max_length=300, allow_blank=True)
    satuan = serializers.CharField(max_length=40, allow_blank=True)
    polarity = serializers.ChoiceField(choices=Indicator.Polarity.choices, required=False)
    period_rule = serializers.ChoiceField(choices=Indicator.PeriodRule.choices, required=False)
    is_iku = serializers.BooleanField(required=False)
    definition = serializers.CharField(required=False, allow_blank=True)
    formula = serializers.CharField(required=False, allow_blank=True)
    data_source = serializers.CharField(required=False, allow_blank=True, max_length=200)
    baseline = RawNumberField()
    weight = RawNumberField()
    target = RawNumberField()
    target_low = RawNumberField()
    target_high = RawNumberField()
    allow_negative = serializers.BooleanField(required=False)
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    quarter_targets = serializers.ListField(child=RawNumberField(), min_length=4, max_length=4, required=False)
    month_targets = serializers.ListField(child=RawNumberField(), max_length=12, required=False)
    quarter_ranges = serializers.ListField(
        child=RangeInputSerializer(allow_null=True), min_length=4, max_length=4, required=False
    )
    month_ranges = serializers.ListField(child=RangeInputSerializer(allow_null=True), max_length=12, required=False)

    def validate_month_targets(self, value):
        if value and len(value) != 12:
            raise serializers.ValidationError(_("Isi 12 nilai bulanan, atau daftar kosong untuk menghapusnya."))
        return value

    def validate_month_ranges(self, value):
        return self.validate_month_targets(value)


class IndicatorCreateSerializer(IndicatorWriteSerializer):
    sasaran = serializers.UUIDField(help_text=_("uid sasaran"))


class ProgramWriteSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30, allow_blank=True)
    name = serializers.CharField(max_length=300, allow_blank=True)
    level = serializers.ChoiceField(choices=Program.Level.choices, required=False)
    budget = RawNumberField(help_text=_("Anggaran dalam Rupiah"))
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)


class ProgramCreateSerializer(ProgramWriteSerializer):
    agreement = serializers.UUIDField(help_text=_("uid PK"))
    parent = serializers.UUIDField(
        required=False, allow_null=True, help_text=_("uid program (untuk kegiatan) atau kegiatan (untuk sub kegiatan)")
    )


class ReturnSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, label=_("catatan pengembalian"))


class SignSerializer(serializers.Serializer):
    signed_on = serializers.DateField(label=_("tanggal penandatanganan"))
    place = serializers.CharField(required=False, allow_blank=True, max_length=80, label=_("tempat"))


class ReviseSerializer(serializers.Serializer):
    revision_reason = serializers.ChoiceField(choices=Agreement.RevisionReason.choices, label=_("alasan perubahan"))
    revision_note = serializers.CharField(required=False, allow_blank=True, label=_("keterangan perubahan"))
    effective_date = serializers.DateField(label=_("berlaku mulai"))
