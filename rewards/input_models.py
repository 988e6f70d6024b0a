"""Inputs to rankings and rules beyond the SAKIP score (issue #9).

* :class:`Official`: the Pemda's civil servants (ASN) by NIP, unit and position level — whom
  obligations and discipline records are about.
* :class:`Obligation` / :class:`ObligationSubmission`: recurring duties ("one innovation a month for
  JPT and administrators", "a weekly performance update by the head of the unit") with due dates from
  a due rule, and what officials or units submit for each occurrence, accepted or returned.
* :class:`DisciplineSetting`, :class:`DisciplineImport`, :class:`DisciplineRecord`: the Pemda's
  discipline ladder (PP 94/2021 by default, :mod:`rewards.discipline`) and the monthly attendance
  summaries imported from the attendance system. Personal data: every view is a
  :class:`PersonalDataAccess` row.
* :class:`AssessmentType` / :class:`Assessment`: external assessments per unit and year (Ombudsman
  compliance, SPIP maturity, IKM and types the admin defines), with evidence.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.core.models import Pemda, PublicModel, TimeStampedModel, Unit, User, nip_validator


class PositionLevel(models.TextChoices):
    JPT = "jpt", _("Jabatan Pimpinan Tinggi (JPT)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")


class Official(PublicModel):
    """A civil servant of the Pemda (ASN), by NIP."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officials", verbose_name=_("unit"))
    name = models.CharField(_("nama lengkap dengan gelar"), max_length=160)
    nip = models.CharField(_("NIP"), max_length=18, validators=[nip_validator])
    position_level = models.CharField(_("jenjang jabatan"), max_length=14, choices=PositionLevel.choices)
    position = models.CharField(_("jabatan"), max_length=160, blank=True)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="officials", verbose_name=_("akun portal")
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["unit__code", "name"]
        constraints = [models.UniqueConstraint(fields=["pemda", "nip"], name="uniq_official_nip")]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"


class Obligation(PublicModel):
    class Subject(models.TextChoices):
        OFFICIAL = "pegawai", _("Pegawai (per orang)")
        UNIT = "unit", _("Unit")

    class Frequency(models.TextChoices):
        WEEKLY = "mingguan", _("Mingguan")
        MONTHLY = "bulanan", _("Bulanan")
        QUARTERLY = "triwulanan", _("Triwulanan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40, help_text=_("Dipakai aturan sebagai nama metrik."))
    name = models.CharField(_("nama"), max_length=160)
    description = models.TextField(_("uraian"), blank=True)
    subject = models.CharField(_("dipenuhi oleh"), max_length=8, choices=Subject.choices)
    # for officials: the position levels it applies to (empty: every level)
    position_levels = models.JSONField(_("jenjang jabatan"), default=list, blank=True)
    # the units it applies to (none: every active unit)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("unit"))
    frequency = models.CharField(_("frekuensi"), max_length=10, choices=Frequency.choices)
    due_offset_days = models.PositiveSmallIntegerField(
        _("batas (hari setelah akhir periode)"),
        validators=[MaxValueValidator(60)],
        help_text=_("0 = hari terakhir periode (Minggu, akhir bulan atau akhir triwulan)."),
    )
    start_date = models.DateField(_("berlaku mulai"))
    end_date = models.DateField(_("berlaku sampai"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = _("kewajiban")
        verbose_name_plural = _("kewajiban")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["pemda", "code"], name="uniq_obligation_code")]

    def __str__(self) -> str:
        return self.name


class ObligationSubmission(PublicModel):
    class Status(models.TextChoices):
        SUBMITTED = "diajukan", _("Diajukan")
        ACCEPTED = "diterima", _("Diterima")
        RETURNED = "dikembalikan", _("Dikembalikan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="obligation_submissions")
    official = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="obligation_submissions"
    )
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    due_date = models.DateField(_("batas"))
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    evidence = models.FileField(_("bukti"), upload_to="obligation-evidence/%Y/", blank=True)
    evidence_url = models.URLField(_("tautan bukti"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("diajukan"))
    is_late = models.BooleanField(_("terlambat"), default=False)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemenuhan kewajiban")
        verbose_name_plural = _("pemenuhan kewajiban")
        ordering = ["-period_start", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "official", "period_start"],
                condition=Q(official__isnull=False),
                name="uniq_obligation_official_period",
            ),
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_start"],
                condition=Q(official__isnull=True),
                name="uniq_obligation_unit_period",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "status"]), models.Index(fields=["obligation", "period_start"])]

    def __str__(self) -> str:
        return self.title


class DisciplineSetting(TimeStampedModel):
    """The Pemda's discipline ladder (rows as in :data:`rewards.discipline.DEFAULT_LADDER_ROWS`)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="discipline_setting")
    steps = models.JSONField(_("tangga sanksi"))
    minutes_per_day = models.PositiveSmallIntegerField(
        _("menit terlambat setara satu hari"), null=True, blank=True, default=450
    )
    checkins_per_day = models.PositiveSmallIntegerField(
        _("absen sidik jari terlewat setara satu hari"), null=True, blank=True
    )
    is_active = models.BooleanField(_("usulkan sanksi otomatis"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan disiplin")

    def __str__(self) -> str:
        return f"{self.pemda}"


class DisciplineImport(PublicModel):
    """One committed import of a month's attendance summaries."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    file_name = models.CharField(_("berkas"), max_length=200)
    file_hash = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("baris"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("impor absensi")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year} {self.file_name}"


class DisciplineRecord(TimeStampedModel):
    """An official's attendance summary of one month (personal data)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="discipline_records")
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    days_absent = models.PositiveSmallIntegerField(_("hari tanpa keterangan"), default=0)
    minutes_late = models.PositiveIntegerField(_("menit terlambat/pulang cepat"), default=0)
    missed_checkins = models.PositiveSmallIntegerField(_("absen terlewat"), default=0)
    batch = models.ForeignKey(DisciplineImport, on_delete=models.PROTECT, related_name="records")

    class Meta:
        verbose_name = _("rekap disiplin")
        ordering = ["-year", "-month", "official__name"]
        constraints = [models.UniqueConstraint(fields=["official", "year", "month"], name="uniq_discipline_month")]
        indexes = [models.Index(fields=["pemda", "year", "month"])]

    def __str__(self) -> str:
        return f"{self.official} {self.month:02d}/{self.year}"


class PersonalDataAccess(models.Model):
    """One view (or export) of discipline data: who, whose, what, when."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    action = models.CharField(_("tindakan"), max_length=40)  # e.g. "lihat-daftar", "lihat-pegawai", "ekspor"
    path = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("akses data pribadi")
        ordering = ["-at"]
        indexes = [models.Index(fields=["pemda", "at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.official or ''}"


class AssessmentType(PublicModel):
    class Kind(models.TextChoices):
        SCORE = "nilai", _("Nilai")
        LEVEL = "level", _("Level / tingkat")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40, help_text=_("Dipakai peringkat dan aturan sebagai nama metrik."))
    name = models.CharField(_("nama"), max_length=160)
    issuer = models.CharField(_("penilai"), max_length=160, blank=True)
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices, default=Kind.SCORE)
    min_value = models.DecimalField(_("nilai terendah"), max_digits=7, decimal_places=2, default=0)
    max_value = models.DecimalField(_("nilai tertinggi"), max_digits=7, decimal_places=2, default=100)
    higher_is_better = models.BooleanField(_("makin tinggi makin baik"), default=True)
    # bands that name a value: [{"code": "hijau", "label": "Zona hijau", "min": "88.01"}, ...] (highest first)
    bands = models.JSONField(_("kategori"), default=list, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jenis penilaian eksternal")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["pemda", "code"], name="uniq_assessment_type_code")]

    def __str__(self) -> str:
        return self.name


class Assessment(PublicModel):
    """One external assessment of one unit in one year."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assessments")
    type = models.ForeignKey(AssessmentType, on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    value = models.DecimalField(_("nilai"), max_digits=7, decimal_places=2)
    band = models.CharField(_("kategori"), max_length=40, blank=True)  # zone / predicate, derived or entered
    assessed_on = models.DateField(_("tanggal penilaian"), null=True, blank=True)
    evidence = models.FileField(_("bukti"), upload_to="assessment-evidence/%Y/", blank=True)
    evidence_url = models.URLField(_("tautan bukti"), max_length=500, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penilaian eksternal")
        ordering = ["-year", "type__code", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "type", "year"], name="uniq_assessment_unit_year")]

    def __str__(self) -> str:
        return f"{self.type} {self.unit} {self.year}"
