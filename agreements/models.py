"""Perjanjian Kinerja (PK): the annual performance agreement of a unit, or of the Pemda itself.

Structure: Agreement (one version of a PK) → Sasaran → Indicator → IndicatorTarget (TW I–IV and
optional months: the rencana aksi); Agreement → Program (program / kegiatan / sub kegiatan with
budget). A PK Perubahan is a new Agreement version copied from the one in force; the earlier
versions stay. ``Indicator.lineage`` is shared by the copies of one indicator across versions so
that realisation (later capability) follows an indicator through revisions.

Business rules live in ``agreements/services.py`` and ``agreements/validation.py`` (pure).
"""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.core.models import FiscalYear, Pemda, PublicModel, TimeStampedModel, Unit, User

DECIMAL = {"max_digits": 20, "decimal_places": 4}


class Agreement(PublicModel):
    """One version of a PK. ``unit`` is empty for the Pemda's own PK (signed by the kepala daerah alone)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui kepala unit")
        SIGNED = "signed", _("Ditandatangani")

    class RevisionReason(models.TextChoices):
        OFFICIAL = "official", _("Pergantian pejabat")
        BUDGET = "budget", _("Perubahan anggaran atau strategi")
        PRIORITY = "priority", _("Perubahan prioritas yang signifikan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="agreements")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="agreements")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision_reason = models.CharField(_("alasan perubahan"), max_length=10, choices=RevisionReason.choices, blank=True)
    revision_note = models.TextField(_("keterangan perubahan"), blank=True)
    effective_date = models.DateField(_("berlaku mulai"), null=True, blank=True)
    # Last return (at any review step) with its note; cleared on the next submit.
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    signed_on = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    signed_place = models.CharField(_("tempat penandatanganan"), max_length=80, blank=True)
    signed_recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Frozen at signing: name, NIP, rank, title, acting prefix of both parties, the Pemda's
    # letterhead lines and name, and the totals, so the signed PDF reproduces exactly.
    signatories = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["fiscal_year", "unit", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "unit", "version"], condition=Q(unit__isnull=False), name="uniq_pk_unit_version"
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "version"], condition=Q(unit__isnull=True), name="uniq_pk_pemda_version"
            ),
            # At most one version under work (not yet signed) per unit and year.
            models.UniqueConstraint(
                fields=["fiscal_year", "unit"],
                condition=Q(unit__isnull=False) & ~Q(status="signed"),
                name="one_open_pk_per_unit",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year"], condition=Q(unit__isnull=True) & ~Q(status="signed"), name="one_open_pemda_pk"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="pk_version_positive"),
        ]
        indexes = [models.Index(fields=["pemda", "fiscal_year", "status"])]

    def __str__(self) -> str:
        owner = self.unit.name if self.unit_id else self.pemda.name
        suffix = f" (Perubahan {self.version - 1})" if self.version > 1 else ""
        return f"PK {self.fiscal_year.year} – {owner}{suffix}"

    @property
    def is_pemda_pk(self) -> bool:
        return self.unit_id is None

    @property
    def is_revision(self) -> bool:
        return self.version > 1

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class Sasaran(PublicModel):
    """A strategic objective (sasaran strategis) of a PK, optionally supporting a Pemda-level sasaran."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sasaran")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.TextField(_("sasaran strategis"))
    # Cascading: the Pemda PK sasaran this one supports (several units may support one: crosscutting).
    supports = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supported_by",
        verbose_name=_("mendukung sasaran Pemda"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["agreement", "order", "id"]

    def __str__(self) -> str:
        return self.name


class Indicator(PublicModel):
    class Polarity(models.TextChoices):
        POSITIVE = "positive", _("Positif (makin tinggi makin baik)")
        NEGATIVE = "negative", _("Negatif (makin rendah makin baik)")
        RANGE = "range", _("Rentang target")

    class PeriodRule(models.TextChoices):
        CUMULATIVE = "cumulative", _("Kumulatif")
        LAST = "last", _("Nilai akhir")
        AVERAGE = "average", _("Rata-rata")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="indicators")
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("indikator kinerja"), max_length=300)
    satuan = models.CharField(_("satuan"), max_length=40)
    polarity = models.CharField(_("polaritas"), max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE)
    period_rule = models.CharField(
        _("aturan periode"), max_length=10, choices=PeriodRule.choices, default=PeriodRule.LAST
    )
    is_iku = models.BooleanField(_("IKU"), default=False)
    definition = models.TextField(_("definisi operasional"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    data_source = models.CharField(_("sumber data"), max_length=200, blank=True)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **DECIMAL)
    weight = models.DecimalField(
        _("bobot"), max_digits=7, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    target = models.DecimalField(_("target tahunan"), null=True, blank=True, **DECIMAL)
    target_low = models.DecimalField(_("batas bawah target"), null=True, blank=True, **DECIMAL)
    target_high = models.DecimalField(_("batas atas target"), null=True, blank=True, **DECIMAL)
    allow_negative = models.BooleanField(_("nilai boleh negatif"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["sasaran", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "name"], name="uniq_indicator_name_in_sasaran"),
            models.CheckConstraint(
                condition=Q(target_low__isnull=True)
                | Q(target_high__isnull=True)
                | Q(target_low__lt=models.F("target_high")),
                name="indicator_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """A period target of an indicator: quarters TW I–IV, and optionally months (the rencana aksi)."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", _("Triwulan")
        MONTH = "month", _("Bulan")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    number = models.PositiveSmallIntegerField()
    value = models.DecimalField(null=True, blank=True, **DECIMAL)
    low = models.DecimalField(null=True, blank=True, **DECIMAL)
    high = models.DecimalField(null=True, blank=True, **DECIMAL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "kind", "number"], name="uniq_indicator_period_target"),
            models.CheckConstraint(
                condition=(Q(kind="quarter") & Q(number__gte=1) & Q(number__lte=4))
                | (Q(kind="month") & Q(number__gte=1) & Q(number__lte=12)),
                name="target_period_number_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.kind} {self.number}"


permendagri_code = RegexValidator(
    r"^\d{1,2}(\.(\d{1,2}|[A-Z]{1,2}))*(\.\d{1,4})?$",
    _("Kode harus berformat Permendagri 90/2019, misalnya 1.02.02, 1.02.02.2.01 atau 1.02.02.2.01.0001."),
    code="invalid_code",
)


class Program(PublicModel):
    """Program, kegiatan or sub kegiatan with its budget (Rupiah)."""

    class Level(models.TextChoices):
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB_KEGIATAN = "subkegiatan", _("Sub kegiatan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="programs")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    level = models.CharField(_("tingkat"), max_length=12, choices=Level.choices, default=Level.PROGRAM)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    code = models.CharField(_("kode"), max_length=30, validators=[permendagri_code])
    name = models.CharField(_("nama"), max_length=300)
    budget = models.DecimalField(
        _("anggaran (Rp)"), max_digits=18, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["agreement", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["agreement", "code"], name="uniq_program_code_in_pk")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AgreementEvent(TimeStampedModel):
    """The workflow history of a PK: every transition with who, when and the note."""

    class Action(models.TextChoices):
        CREATE = "create", _("Dibuat")
        SUBMIT = "submit", _("Diajukan")
        APPROVE = "approve", _("Disetujui")
        RETURN = "return", _("Dikembalikan")
        SIGN = "sign", _("Ditandatangani")
        REVISE = "revise", _("PK Perubahan dibuat")
        IMPORT = "import", _("Diimpor dari Excel")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.action}"
