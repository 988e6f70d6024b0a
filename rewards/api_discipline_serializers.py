"""Serializers of the discipline API (issue #9). They shape data only; the rules are the services'."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rewards import discipline
from rewards.models import DisciplineRecord, Official
from sakip.api.core_serializers import UnitRefSerializer


class OfficialRefSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()

    class Meta:
        model = Official
        fields = ["uid", "nip", "name", "position", "position_level", "unit"]


class DisciplineRecordSerializer(serializers.ModelSerializer):
    official = OfficialRefSerializer()
    batch = serializers.UUIDField(source="batch.uid", help_text=_("uid impor yang menyimpan rekap ini"))

    class Meta:
        model = DisciplineRecord
        fields = ["id", "official", "year", "month", "days_absent", "minutes_late", "missed_checkins", "batch",
                  "updated_at"]  # fmt: skip


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("ekspor sistem absensi (.xlsx)"))
    year = serializers.IntegerField(min_value=2015, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    dry_run = serializers.BooleanField(default=True, help_text=_("true: periksa saja (bawaan); false: simpan"))


class ImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    nip = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    days_absent = serializers.IntegerField()
    minutes_late = serializers.IntegerField()
    missed_checkins = serializers.IntegerField()
    status = serializers.CharField(help_text=_("baru, mengganti atau sama"))
    before = serializers.ListField(child=serializers.IntegerField(), allow_null=True)


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField()
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    file_name = serializers.CharField()
    dry_run = serializers.BooleanField()
    ok = serializers.BooleanField()
    rows = ImportRowSerializer(many=True)
    errors = ImportErrorSerializer(many=True)
    batch = serializers.UUIDField(allow_null=True, help_text=_("uid impor yang tersimpan (bukan uji coba)"))
    proposals = serializers.ListField(child=serializers.UUIDField(), help_text=_("uid usulan baru"))


class StepSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    min_days = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=list(discipline.OUTCOMES))
    percent = serializers.CharField(allow_null=True, required=False, allow_blank=True)
    months = serializers.IntegerField(allow_null=True, required=False)
    label = serializers.CharField(allow_blank=True, required=False)


class SettingSerializer(serializers.Serializer):
    steps = StepSerializer(many=True)
    minutes_per_day = serializers.IntegerField(allow_null=True, required=False)
    checkins_per_day = serializers.IntegerField(allow_null=True, required=False)
    is_active = serializers.BooleanField(default=True)
