"""Serializers of the officials and obligations API (issue #9)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rewards.models import Obligation, ObligationSubmission, Official, PositionLevel


class OfficialSerializer(serializers.ModelSerializer):
    unit = serializers.UUIDField(source="unit.uid", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    user = serializers.CharField(source="user.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Official
        fields = ["uid", "name", "nip", "unit", "unit_name", "position_level", "position", "user", "is_active"]


class OfficialWriteSerializer(serializers.Serializer):
    unit = serializers.UUIDField(help_text=_("uid unit"))
    name = serializers.CharField(max_length=160)
    nip = serializers.CharField(max_length=18)
    position_level = serializers.ChoiceField(choices=PositionLevel.choices)
    position = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    user = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None,
                                 help_text=_("nama pengguna akun portal (kosong: tanpa akun)"))  # fmt: skip


class ObligationSerializer(serializers.ModelSerializer):
    units = serializers.SerializerMethodField()
    frequency = serializers.CharField(read_only=True, help_text=_("mingguan, bulanan atau triwulanan"))

    class Meta:
        model = Obligation
        fields = ["uid", "code", "name", "description", "subject", "position_levels", "units", "frequency",
                  "due_offset_days", "start_date", "end_date", "is_active"]  # fmt: skip

    def get_units(self, obj) -> list[str]:
        return [str(u.uid) for u in obj.units.all()]


class ObligationWriteSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=160)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    subject = serializers.ChoiceField(choices=Obligation.Subject.choices)
    position_levels = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    units = serializers.ListField(child=serializers.UUIDField(), required=False, default=list,
                                  help_text=_("uid unit; kosong = semua unit"))  # fmt: skip
    frequency = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None,
                                      help_text=_("mingguan, bulanan atau triwulanan"))  # fmt: skip
    due_offset_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)


class SubmissionSerializer(serializers.ModelSerializer):
    obligation = serializers.CharField(source="obligation.code", read_only=True)
    unit = serializers.UUIDField(source="unit.uid", read_only=True)
    official = serializers.UUIDField(source="official.uid", read_only=True, allow_null=True, default=None)
    official_name = serializers.CharField(source="official.name", read_only=True, allow_null=True, default=None)
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, allow_null=True, default=None)
    has_file = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text=_("diajukan, diterima atau dikembalikan"))

    class Meta:
        model = ObligationSubmission
        fields = ["uid", "obligation", "unit", "official", "official_name", "period_start", "period_end", "due_date",
                  "title", "description", "evidence_url", "has_file", "status", "is_late", "submitted_by",
                  "submitted_at", "decided_by", "decided_at", "decision_note"]  # fmt: skip

    def get_has_file(self, obj) -> bool:
        return bool(obj.evidence)


class SubmissionCreateSerializer(serializers.Serializer):
    obligation = serializers.CharField(help_text=_("kode kewajiban"))
    period_start = serializers.DateField(help_text=_("hari pertama periode"))
    official = serializers.UUIDField(required=False, allow_null=True, default=None, help_text=_("uid pegawai"))
    unit = serializers.UUIDField(required=False, allow_null=True, default=None, help_text=_("uid unit"))
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    evidence = serializers.FileField(required=False, allow_null=True, default=None)
    evidence_url = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class SubmissionResubmitSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    evidence = serializers.FileField(required=False, allow_null=True, default=None)
    evidence_url = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)


class ReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TallySerializer(serializers.Serializer):
    due = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    returned = serializers.IntegerField()
    waiting = serializers.IntegerField()
    missing = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class ComplianceUnitSerializer(TallySerializer):
    unit = serializers.UUIDField()
    unit_name = serializers.CharField()


class ComplianceOfficialSerializer(TallySerializer):
    official = serializers.UUIDField()
    name = serializers.CharField()
    unit = serializers.UUIDField()


class ComplianceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    through = serializers.DateField()
    units = ComplianceUnitSerializer(many=True)
    officials = ComplianceOfficialSerializer(many=True)
