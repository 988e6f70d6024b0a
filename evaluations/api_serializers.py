"""Serializers of the realisation API. They only shape data: input serializers check types and pass
raw values on (a value may be a number or a string such as "61,76"); every rule lives in
``evaluations/services.py`` so the API, the pages and the Excel import give the same messages.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sakip.api.core_serializers import UnitRefSerializer

from .models import Evidence, PeriodReport, Realisation, RealisationChange

# --- output -----------------------------------------------------------------------------------


class PeriodRefSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="fiscal_year.year")
    kind = serializers.CharField()
    number = serializers.IntegerField()
    label = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class LockSerializer(serializers.Serializer):
    locked = serializers.BooleanField()
    reason = serializers.CharField()
    unlock_hint = serializers.CharField()
    unlocked_until = serializers.DateTimeField(allow_null=True)


class ReportSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    period = PeriodRefSerializer(read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=_("draft, submitted, verified, accepted atau returned (lihat status_display)")
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    lock = serializers.SerializerMethodField()

    class Meta:
        model = PeriodReport
        fields = [
            "uid",
            "unit",
            "period",
            "status",
            "status_display",
            "deadline",
            "is_late",
            "submitted_at",
            "verified_at",
            "accepted_at",
            "returned_at",
            "return_note",
            "unlocked_until",
            "unlock_reason",
            "changed_after_acceptance",
            "lock",
        ]

    def get_lock(self, report) -> dict:
        from . import services

        state = services.lock_state(report)
        return LockSerializer(state).data


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["uid", "original_name", "content_type", "size", "sha256", "created_at"]


class ChangeSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.display_name", default="", read_only=True)

    class Meta:
        model = RealisationChange
        fields = ["created_at", "old_value", "new_value", "reason", "by", "after_acceptance"]


class RealisationSerializer(serializers.ModelSerializer):
    report = serializers.UUIDField(source="report.uid", read_only=True)
    unit = serializers.UUIDField(source="report.unit.uid", read_only=True)
    period = PeriodRefSerializer(source="report.period", read_only=True)
    indicator = serializers.UUIDField(source="indicator.uid", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    satuan = serializers.CharField(source="indicator.satuan", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Realisation
        fields = [
            "uid",
            "report",
            "unit",
            "period",
            "indicator",
            "indicator_lineage",
            "indicator_name",
            "satuan",
            "value",
            "kendala",
            "upaya",
            "updated_at",
            "evidence",
        ]


class RealisationDetailSerializer(RealisationSerializer):
    changes = ChangeSerializer(many=True, read_only=True)

    class Meta(RealisationSerializer.Meta):
        fields = [*RealisationSerializer.Meta.fields, "changes"]


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    colour = serializers.CharField()


class AchievementSerializer(serializers.Serializer):
    raw = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True, coerce_to_string=True)
    capped = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True)
    display = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    annual = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True)
    category = CategorySerializer(allow_null=True)
    needs_explanation = serializers.BooleanField()


class GridRowSerializer(serializers.Serializer):
    indicator = serializers.UUIDField(source="indicator.uid")
    lineage = serializers.UUIDField()
    name = serializers.CharField(source="indicator.name")
    satuan = serializers.CharField(source="indicator.satuan")
    sasaran = serializers.CharField(source="sasaran_name")
    polarity = serializers.CharField(source="indicator.polarity")
    period_rule = serializers.CharField(source="indicator.period_rule")
    target_period = serializers.CharField(allow_null=True)
    target_to_date = serializers.CharField(allow_null=True)
    target_annual = serializers.CharField(allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    kendala = serializers.CharField()
    upaya = serializers.CharField()
    kendala_required = serializers.BooleanField()
    capaian = AchievementSerializer()
    evidence = EvidenceSerializer(many=True)


class ReportDetailSerializer(ReportSerializer):
    rows = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "rows"]

    def get_rows(self, report) -> list[dict]:
        from . import capaian

        return GridRowSerializer(_as_text(capaian.grid_rows(report)), many=True).data


def _target_text(target) -> str | None:
    if target is None:
        return None
    low = getattr(target, "low", None)
    if low is not None:
        return f"{target.low}–{target.high}"
    return str(target)


def _as_text(rows):
    for row in rows:
        row.target_period = _target_text(row.target_period)
        row.target_to_date = _target_text(row.target_to_date)
        row.target_annual = _target_text(row.target_annual)
    return rows


class IndicatorCapaianSerializer(serializers.Serializer):
    indicator = serializers.UUIDField(source="indicator.uid")
    lineage = serializers.UUIDField(source="indicator.lineage")
    name = serializers.CharField(source="indicator.name")
    sasaran = serializers.CharField(source="indicator.sasaran.name")
    is_iku = serializers.BooleanField(source="indicator.is_iku")
    values = serializers.ListField(
        child=serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True),
        help_text=_("Realisasi per periode pelaporan (1..n); null = belum dilaporkan."),
    )
    capaian = AchievementSerializer()
    trend = serializers.ListField(
        child=serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True),
        help_text=_("Capaian s.d. setiap periode (persen, belum dibulatkan)."),
    )


class AggregateSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True)
    assessed = serializers.IntegerField()
    skipped = serializers.IntegerField()
    weighted = serializers.BooleanField()
    weights_incomplete = serializers.BooleanField()


class SasaranCapaianSerializer(serializers.Serializer):
    name = serializers.CharField()
    aggregate = AggregateSerializer()


class UnitCapaianSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    period = PeriodRefSerializer(allow_null=True)
    aggregate = AggregateSerializer()
    display = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    category = CategorySerializer(allow_null=True)
    sasaran = SasaranCapaianSerializer(many=True)
    indicators = IndicatorCapaianSerializer(many=True)


class UnitSummarySerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    aggregate = AggregateSerializer()
    display = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    category = CategorySerializer(allow_null=True)
    red = serializers.IntegerField(help_text=_("Jumlah indikator berkategori terendah."))


class DistributionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Kode kategori; kosong = belum dapat dinilai."))
    label = serializers.CharField()
    colour = serializers.CharField()
    count = serializers.IntegerField()


class PemdaCapaianSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    period = PeriodRefSerializer(allow_null=True)
    aggregate = AggregateSerializer()
    distribution = DistributionSerializer(many=True)
    units = UnitSummarySerializer(many=True)
    most_red = UnitSummarySerializer(many=True)


# --- input ------------------------------------------------------------------------------------


class ValueField(serializers.CharField):
    """A realised value as a number or text ("61,76"); parsed by the service."""

    def to_internal_value(self, data):
        if data is None:
            return None
        if isinstance(data, bool):
            raise serializers.ValidationError(_("Realisasi harus berupa angka."))
        return str(data)


class RealisationWriteSerializer(serializers.Serializer):
    value = ValueField(required=False, allow_null=True, allow_blank=True, help_text=_("angka, mis. 61,76 atau 61.76"))
    kendala = serializers.CharField(required=False, allow_blank=True)
    upaya = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text=_("alasan perubahan (wajib setelah laporan diajukan)")
    )


class RealisationCreateSerializer(RealisationWriteSerializer):
    unit = serializers.UUIDField()
    year = serializers.IntegerField()
    period = serializers.IntegerField(help_text=_("nomor periode pelaporan: bulan 1–12 atau triwulan 1–4"))
    indicator = serializers.UUIDField()


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
