"""Monthly evaluation reports and coordination-meeting packs (issue #7).

* :class:`ReportSetting`: per Pemda, when the monthly report is made (day and hour in the Pemda's
  time zone, default the 12th at 07:00) and who receives it.
* :class:`Report`: one generated document (a month's evaluation report or a meeting pack), a job
  that goes pending → running → done / failed. Regenerating a month makes a new ``version``; the
  scheduled report of a month exists at most once (a conditional unique constraint).
* :class:`UnitReport`: the one-page report of one unit, made with the monthly report, for its head.
* :class:`ReportDelivery`: one e-mail or in-portal notice to one user about one report; unique, so
  a task that runs twice, or a worker that restarts, never sends twice.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.core.models import Pemda, PublicModel, TimeStampedModel, Unit, User


class ReportSetting(TimeStampedModel):
    """When a Pemda's monthly report is made and who gets it (defaults: the 12th, 07:00)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="report_setting")
    is_active = models.BooleanField(_("buat otomatis setiap bulan"), default=True)
    day = models.PositiveSmallIntegerField(
        _("tanggal"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Tanggal pembuatan laporan bulan sebelumnya (1–28), sesudah batas lapor realisasi."),
    )
    hour = models.PositiveSmallIntegerField(
        _("jam"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(23)],
        help_text=_("Jam pembuatan (0–23) menurut zona waktu Pemda."),
    )
    email_pimpinan = models.BooleanField(_("kirim ke pimpinan"), default=True)
    email_unit_heads = models.BooleanField(_("kirim ke kepala unit"), default=True)
    attach_pdf = models.BooleanField(
        _("lampirkan PDF"), default=True, help_text=_("Jika tidak, surel hanya berisi tautan unduhan.")
    )

    class Meta:
        verbose_name = _("pengaturan laporan bulanan")

    def __str__(self) -> str:
        return f"{self.pemda}: {self.day} {self.hour:02d}:00"


class Report(PublicModel):
    class Kind(models.TextChoices):
        MONTHLY = "bulanan", _("Laporan evaluasi bulanan")
        MEETING = "rakor", _("Bahan rapat koordinasi")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Terjadwal")
        MANUAL = "manual", _("Permintaan pengguna")
        API = "api", _("API")

    class Section(models.TextChoices):  # sections of a meeting pack
        RANKING = "ranking", _("Peringkat kinerja")
        RED_UNITS = "red_units", _("Satu halaman per unit berkinerja rendah")
        DECISIONS = "decisions", _("Keputusan penghargaan dan sanksi")
        FOLLOWUPS = "followups", _("Tindak lanjut rekomendasi")
        PREDICATE_TREND = "predicate_trend", _("Tren predikat SAKIP Pemda")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices, default=Kind.MONTHLY)
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    meeting_date = models.DateField(_("tanggal rapat"), null=True, blank=True)
    sections = models.JSONField(_("bagian"), default=list, blank=True)
    trigger = models.CharField(_("pemicu"), max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    deliver = models.BooleanField(_("kirim ke penerima"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    step = models.CharField(_("tahap"), max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("galat"), blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(_("berkas"), upload_to="reports/%Y/", blank=True)
    pages = models.PositiveSmallIntegerField(_("halaman"), default=0)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    # SHA-256 of the figures the document shows (canonical JSON), printed in the PDF footer.
    content_hash = models.CharField(_("hash isi"), max_length=64, blank=True)
    unit_count = models.PositiveSmallIntegerField(_("jumlah unit"), default=0)
    delivered_at = models.DateTimeField(_("dikirim"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kind", "year", "month", "version"], name="uniq_report_version"),
            models.UniqueConstraint(
                fields=["pemda", "kind", "year", "month"],
                condition=Q(trigger="schedule"),
                name="uniq_report_scheduled_month",
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "kind", "year", "month"]),
            models.Index(fields=["status", "started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:02d}/{self.year} v{self.version}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class UnitReport(TimeStampedModel):
    """The one-page report of one unit for its head, made with a monthly report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="unit_reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="monthly_reports")
    file = models.FileField(_("berkas"), upload_to="reports/%Y/units/")
    pages = models.PositiveSmallIntegerField(default=1)
    size = models.PositiveIntegerField(default=0)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["unit__code"]
        constraints = [models.UniqueConstraint(fields=["report", "unit"], name="uniq_unit_report")]

    def __str__(self) -> str:
        return f"{self.report} · {self.unit}"


class ReportDelivery(models.Model):
    """One notice about one report to one user; claimed by inserting it before the send."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Surel")
        NOTICE = "notice", _("Notifikasi portal")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    address = models.EmailField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "user", "channel"], name="uniq_report_delivery"),
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.user} ({self.channel})"
