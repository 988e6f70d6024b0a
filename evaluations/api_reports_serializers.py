"""Serializers of the monthly-report API. They only shape data; the rules (no future month, a fiscal
year must exist, a meeting pack needs a date and sections) live in ``evaluations.report_services``,
so the API and the pages refuse the same things with the same words."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from evaluations.report_models import Report, UnitReport
from sakip.api.core_serializers import UnitRefSerializer, UserRefSerializer


def _absolute(context: dict, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class MonthlyUnitReportSerializer(serializers.ModelSerializer):
    """A unit's one-page report with its download URL."""

    unit = UnitRefSerializer()
    report = serializers.UUIDField(source="report.uid", help_text=_("uid laporan bulanan"))
    year = serializers.IntegerField(source="report.year")
    month = serializers.IntegerField(source="report.month")
    version = serializers.IntegerField(source="report.version")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = UnitReport
        fields = ["report", "unit", "year", "month", "version", "pages", "size", "content_hash", "created_at",
                  "download_url"]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, obj) -> str:
        url = reverse("monthly-report-unit-download", kwargs={"uid": obj.report.uid, "unit": obj.unit.uid})
        return _absolute(self.context, url)


class MonthlyReportSerializer(serializers.ModelSerializer):
    """A monthly report or meeting pack as a job: status, progress and, when done, the file."""

    requested_by = UserRefSerializer(allow_null=True)
    # plain strings (the values are listed in the help): the enum names kind/status/trigger are taken
    kind = serializers.CharField(help_text=format_lazy("{}: {}", _("jenis"), ", ".join(Report.Kind.values)))
    status = serializers.CharField(help_text=format_lazy("{}: {}", _("status"), ", ".join(Report.Status.values)))
    trigger = serializers.CharField(help_text=format_lazy("{}: {}", _("pemicu"), ", ".join(Report.Trigger.values)))
    kind_display = serializers.CharField(source="get_kind_display")
    status_display = serializers.CharField(source="get_status_display")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "uid", "kind", "kind_display", "year", "month", "version", "meeting_date", "sections", "trigger",
            "deliver", "status", "status_display", "progress", "step", "error", "attempts", "pages", "size",
            "content_hash", "unit_count", "requested_by", "created_at", "started_at", "finished_at",
            "delivered_at", "download_url",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, obj) -> str | None:
        if obj.status != Report.Status.DONE or not obj.file:
            return None
        return _absolute(self.context, reverse("monthly-report-download", kwargs={"uid": obj.uid}))


class MonthlyReportDetailSerializer(MonthlyReportSerializer):
    unit_reports = serializers.SerializerMethodField()

    class Meta(MonthlyReportSerializer.Meta):
        fields = [*MonthlyReportSerializer.Meta.fields, "unit_reports"]

    @extend_schema_field(MonthlyUnitReportSerializer(many=True))
    def get_unit_reports(self, obj) -> list:
        rows = self.context.get("unit_reports", ())
        return MonthlyUnitReportSerializer(rows, many=True, context=self.context).data


class MonthlyReportRequestSerializer(serializers.Serializer):
    kind = serializers.CharField(
        default=Report.Kind.MONTHLY,
        help_text=format_lazy("{}: {}", _("jenis"), ", ".join(Report.Kind.values)),
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text=_("tahun bulan laporan"))
    month = serializers.IntegerField(min_value=1, max_value=12, help_text=_("bulan laporan 1–12"))
    meeting_date = serializers.DateField(required=False, allow_null=True, help_text=_("tanggal rapat (bahan rakor)"))
    sections = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=format_lazy("{}: {}", _("bagian bahan rakor"), ", ".join(Report.Section.values)),
    )
    deliver = serializers.BooleanField(default=False, help_text=_("kirim ke pimpinan dan kepala unit"))
