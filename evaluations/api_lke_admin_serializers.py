"""Serializers of the LKE admin API (templates, predicate tables, follow-up, the Pemda's own results).

They only shape data: input serializers check types and pass raw values on (a number may be text
such as "61,76"); every rule lives in the services, so the API and the pages give the same
messages. Choice fields are plain strings with the values in ``help_text`` (no enum clashes in the
OpenAPI schema).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sakip.api.core_serializers import UnitRefSerializer

from .lke_models import FollowUpEvidence, LkeTemplate, PemdaResult, PemdaResultScore, Recommendation

# --- templates ----------------------------------------------------------------------------------


class TemplateSerializer(serializers.ModelSerializer):
    method = serializers.CharField(read_only=True, help_text=_("percent_grade, criterion_grade atau answer_scale"))
    method_display = serializers.CharField(source="get_method_display", read_only=True)
    is_frozen = serializers.BooleanField(read_only=True)
    previous = serializers.UUIDField(source="previous.uid", read_only=True, allow_null=True, default=None)
    criteria_count = serializers.IntegerField(read_only=True)
    rounds_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LkeTemplate
        fields = [
            "uid",
            "family",
            "version",
            "name",
            "regulation",
            "method",
            "method_display",
            "notes",
            "is_active",
            "is_frozen",
            "frozen_at",
            "previous",
            "criteria_count",
            "rounds_count",
            "created_at",
        ]


class CriterionTreeSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    guidance = serializers.CharField()
    answer_type = serializers.CharField(help_text=_("yt (Y/T), ae (A–E) atau grade (AA–E)"))


class SubComponentTreeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text=_("keberadaan, kualitas, pemanfaatan, atau kosong"))
    weight = serializers.DecimalField(max_digits=6, decimal_places=3)
    criteria = CriterionTreeSerializer(many=True, source="criteria.all")


class ComponentTreeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=3)
    subcomponents = SubComponentTreeSerializer(many=True, source="subcomponents.all")


class TemplateDetailSerializer(TemplateSerializer):
    components = ComponentTreeSerializer(many=True, source="components.all", read_only=True)
    problems = serializers.SerializerMethodField(help_text=_("Masalah yang membuat templat tidak dapat dipakai"))

    class Meta(TemplateSerializer.Meta):
        fields = [*TemplateSerializer.Meta.fields, "components", "problems"]

    def get_problems(self, obj) -> list[str]:
        return list(self.context.get("problems", []))


class TemplateImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("Lembar kerja .xlsx dengan lembar Templat dan Kriteria"))
    family = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("mis. 88-2021"))
    dry_run = serializers.BooleanField(required=False, default=True, help_text=_("true: hanya periksa"))


class ImportProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class ImportCountsSerializer(serializers.Serializer):
    components = serializers.IntegerField()
    subcomponents = serializers.IntegerField()
    criteria = serializers.IntegerField()


class TemplateImportResultSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    errors = ImportProblemSerializer(many=True)
    name = serializers.CharField()
    regulation = serializers.CharField()
    method = serializers.CharField()
    family = serializers.CharField()
    version = serializers.IntegerField(help_text=_("versi yang dibuat (atau akan dibuat)"))
    counts = ImportCountsSerializer()
    template = TemplateSerializer(allow_null=True)


# --- predicate tables ---------------------------------------------------------------------------


class BandSerializer(serializers.Serializer):
    letter = serializers.CharField(max_length=2)
    lower = serializers.CharField(help_text=_("batas bawah (tidak termasuk), mis. 70 atau 70,5"))
    upper = serializers.CharField(help_text=_("batas atas (termasuk)"))
    label = serializers.CharField(max_length=60)


class PredicateTableSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    stored = serializers.BooleanField(read_only=True, help_text=_("false: tabel bawaan PermenPAN-RB"))
    bands = BandSerializer(many=True)


# --- recommendations ----------------------------------------------------------------------------


class SourceSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("evaluation (evaluasi unit) atau pemda_result (hasil KemenPAN-RB)"))
    uid = serializers.UUIDField()
    year = serializers.IntegerField()


class RecommendationSerializer(serializers.ModelSerializer):
    owner = UnitRefSerializer(read_only=True)
    source = serializers.SerializerMethodField()
    criterion = serializers.CharField(source="criterion.code", read_only=True, allow_null=True, default=None)
    status = serializers.CharField(read_only=True, help_text=_("belum, proses atau selesai"))
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField()
    evidence_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Recommendation
        fields = [
            "uid",
            "text",
            "component_code",
            "criterion",
            "owner",
            "source",
            "action_plan",
            "due_date",
            "status",
            "status_display",
            "overdue",
            "progress_note",
            "completed_at",
            "evidence_count",
            "updated_at",
        ]

    def get_source(self, obj) -> SourceSerializer:
        if obj.evaluation_id:
            ev = obj.evaluation
            return {"kind": "evaluation", "uid": ev.uid, "year": ev.round.fiscal_year.year}
        return {"kind": "pemda_result", "uid": obj.pemda_result.uid, "year": obj.pemda_result.year}

    def get_overdue(self, obj) -> bool:
        today = self.context.get("today")
        return bool(today and obj.due_date and obj.due_date < today and obj.status != Recommendation.Status.SELESAI)


class FollowUpEvidenceSerializer(serializers.ModelSerializer):
    file_name = serializers.SerializerMethodField()
    added_by = serializers.CharField(source="added_by.full_name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = FollowUpEvidence
        fields = ["uid", "title", "url", "file_name", "content_type", "size", "added_by", "created_at"]

    def get_file_name(self, obj) -> str:
        return obj.file.name.rsplit("/", 1)[-1] if obj.file else ""


class RecommendationDetailSerializer(RecommendationSerializer):
    evidence = FollowUpEvidenceSerializer(many=True, read_only=True)

    class Meta(RecommendationSerializer.Meta):
        fields = [*RecommendationSerializer.Meta.fields, "evidence"]


class FollowUpSerializer(serializers.Serializer):
    action_plan = serializers.CharField(allow_blank=True, required=False, default="")
    due_date = serializers.DateField(allow_null=True, required=False, default=None)
    status = serializers.CharField(help_text=_("belum, proses atau selesai"))
    progress_note = serializers.CharField(allow_blank=True, required=False, default="")


class EvidenceUploadSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    file = serializers.FileField(required=False, allow_null=True, default=None)
    url = serializers.URLField(allow_blank=True, required=False, default="")


class RecommendationCreateSerializer(serializers.Serializer):
    owner = serializers.UUIDField(help_text=_("uid unit pemilik rekomendasi"))
    text = serializers.CharField()
    due_date = serializers.DateField(allow_null=True, required=False, default=None)
    component_code = serializers.CharField(allow_blank=True, required=False, default="", max_length=10)


# --- the Pemda's own results --------------------------------------------------------------------


class ResultScoreSerializer(serializers.ModelSerializer):
    level = serializers.CharField(help_text=_("component atau subcomponent"))

    class Meta:
        model = PemdaResultScore
        fields = ["level", "code", "name", "weight", "score"]


class ResultRecommendationSerializer(serializers.ModelSerializer):
    owner = UnitRefSerializer(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Recommendation
        fields = ["uid", "text", "component_code", "owner", "due_date", "status"]


class PemdaResultSerializer(serializers.ModelSerializer):
    scores = ResultScoreSerializer(many=True, read_only=True)
    recommendations = ResultRecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = PemdaResult
        fields = [
            "uid",
            "year",
            "score",
            "predicate",
            "target_predicate",
            "letter_number",
            "letter_date",
            "notes",
            "scores",
            "recommendations",
            "updated_at",
        ]


class ScoreInputSerializer(serializers.Serializer):
    level = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("component/subcomponent"))
    code = serializers.CharField(max_length=12)
    name = serializers.CharField(max_length=160)
    weight = serializers.CharField(help_text=_("bobot dalam poin, mis. 30 atau 4,5"))
    score = serializers.CharField(help_text=_("nilai dalam poin, mis. 19,50"))


class PemdaResultWriteSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2015, max_value=2100)
    score = serializers.CharField(help_text=_("nilai total 0–100, mis. 61,76"))
    target_predicate = serializers.CharField(required=False, allow_blank=True, default="", max_length=2)
    letter_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    letter_date = serializers.DateField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    scores = ScoreInputSerializer(many=True, required=False, default=list)


class BandRefSerializer(serializers.Serializer):
    letter = serializers.CharField()
    label = serializers.CharField()


class OpportunitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=3)
    score = serializers.DecimalField(max_digits=6, decimal_places=2)
    available = serializers.DecimalField(max_digits=6, decimal_places=2, help_text=_("poin yang masih dapat diraih"))


class GapSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=5, decimal_places=2)
    current = BandRefSerializer()
    target = BandRefSerializer()
    minimum = serializers.DecimalField(max_digits=5, decimal_places=2, help_text=_("nilai terendah predikat target"))
    points_needed = serializers.DecimalField(max_digits=5, decimal_places=2)
    sentence = serializers.CharField()
    opportunities = OpportunitySerializer(many=True)


class TrendResultSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    year = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2)
    predicate = serializers.CharField()


class TrendSerializer(serializers.Serializer):
    sentence = serializers.CharField()
    results = TrendResultSerializer(many=True, help_text=_("tahun terlama lebih dahulu"))
