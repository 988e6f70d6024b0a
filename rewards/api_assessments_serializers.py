"""Serializers of the external assessment API (issue #9). They only shape data; the rules (range,
bands, duplicates, evidence) are in ``rewards.services_assessments``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rewards.assessment_defaults import KIND_LEVEL, KIND_SCORE, metric_code
from rewards.models import Assessment, AssessmentType
from rewards.selectors_assessments import band_text
from sakip.api.core_serializers import UnitRefSerializer


class AssessmentBandSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    label = serializers.CharField(max_length=80)
    min = serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=True)


class AssessmentTypeSerializer(serializers.ModelSerializer):
    metric = serializers.SerializerMethodField(help_text=_("nama metrik peringkat dan aturan"))
    bands = AssessmentBandSerializer(many=True, required=False)
    kind = serializers.ChoiceField(choices=(KIND_SCORE, KIND_LEVEL))

    class Meta:
        model = AssessmentType
        fields = [
            "uid",
            "code",
            "metric",
            "name",
            "issuer",
            "kind",
            "min_value",
            "max_value",
            "higher_is_better",
            "bands",
            "description",
            "is_active",
        ]
        read_only_fields = ["uid", "metric"]
        extra_kwargs = {"code": {"validators": []}}

    def get_metric(self, obj) -> str:
        return metric_code(obj.code)


class AssessmentTypeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentType
        fields = ["uid", "code", "name"]


class AssessmentSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    type = AssessmentTypeRefSerializer(read_only=True)
    band_label = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField(help_text=_("ada berkas bukti"))

    class Meta:
        model = Assessment
        fields = [
            "uid",
            "unit",
            "type",
            "year",
            "value",
            "band",
            "band_label",
            "assessed_on",
            "evidence",
            "evidence_url",
            "note",
            "created_at",
        ]

    def get_band_label(self, obj) -> str:
        return band_text(obj)

    def get_evidence(self, obj) -> bool:
        return bool(obj.evidence)


class AssessmentWriteSerializer(serializers.Serializer):
    unit = serializers.UUIDField(help_text=_("uid unit"))
    type = serializers.UUIDField(help_text=_("uid jenis penilaian"))
    year = serializers.IntegerField(min_value=2015, max_value=2100)
    value = serializers.DecimalField(max_digits=7, decimal_places=2)
    band = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    assessed_on = serializers.DateField(required=False, allow_null=True)
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, default="")
