"""Realisation reporting and achievement (capaian): the data of the periodic reports.

Why here and not in ``agreements``: the capaian maths (``evaluations/scoring.py``) decide what a
report needs (kendala/upaya below the threshold, categories), and the dependency direction is
``core ← agreements ← evaluations``. Realisation reads the PK through ``agreements.selectors``.

* :class:`CapaianSetting` — the Pemda's capaian rules for one year (data; defaults documented in
  ``evaluations/rules_defaults.py``), plus the realisation-workflow knobs (unlock duration, upload limit).
* :class:`PeriodReport` — one unit's report for one reporting period (month or quarter, from the
  year's calendar): workflow status, deadline, lateness, lock/unlock.
* :class:`Realisation` — the realised value of one indicator (by lineage, so it follows the
  indicator across PK versions) in one report, with kendala and upaya.
* :class:`RealisationChange` — every change of a realised value: who, when, old → new, reason.
* :class:`Evidence` — files attached to a realisation (stored through Django's storage API).
* :class:`ReminderLog` — one row per reminder sent, which makes the reminder task idempotent.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Indicator
from sakip.core.models import FiscalYear, Pemda, Period, PublicModel, TimeStampedModel, Unit, User

DECIMAL = {"max_digits": 20, "decimal_places": 4}


class CapaianSetting(PublicModel):
    """Capaian rules of a Pemda for one fiscal year. Absent: the documented defaults apply."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.OneToOneField(FiscalYear, on_delete=models.CASCADE, related_name="capaian_setting")
    # The mapping understood by evaluations.capaian_rules.CapaianRules.from_mapping (validated there).
    rules = models.JSONField(_("aturan capaian"), default=dict, blank=True)
    unlock_hours = models.PositiveSmallIntegerField(
        _("lama buka kunci (jam)"), default=48, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("batas ukuran bukti (MB)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan capaian")
        verbose_name_plural = _("pengaturan capaian")

    def __str__(self) -> str:
        return f"{self.pemda} {self.fiscal_year}"


class PeriodReport(PublicModel):
    """One unit's realisation report for one period: draft → submitted → verified → accepted, or returned."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        VERIFIED = "verified", _("Diverifikasi kepala")
        ACCEPTED = "accepted", _("Diterima")
        RETURNED = "returned", _("Dikembalikan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="period_reports")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateField(_("batas lapor"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    is_late = models.BooleanField(_("terlambat"), default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # An admin unlock lets the unit edit a locked report until this moment.
    unlocked_until = models.DateTimeField(null=True, blank=True)
    unlock_reason = models.TextField(blank=True)
    unlocked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Set when a value changes after acceptance; cleared when accepted again.
    changed_after_acceptance = models.BooleanField(_("berubah setelah diterima"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("laporan realisasi")
        verbose_name_plural = _("laporan realisasi")
        ordering = ["unit", "period"]
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="uniq_report_unit_period")]
        indexes = [models.Index(fields=["pemda", "period", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"


class Realisation(PublicModel):
    """The realised value of one indicator in one report. Empty ``value`` = not reported ("–")."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(PeriodReport, on_delete=models.CASCADE, related_name="realisations")
    indicator_lineage = models.UUIDField(db_index=True)
    # The indicator version the value was entered against (the lineage identifies it across versions).
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="realisations")
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **DECIMAL)
    kendala = models.TextField(_("kendala"), blank=True)
    upaya = models.TextField(_("upaya"), blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["report", "indicator__sasaran__order", "indicator__order"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator_lineage"], name="uniq_realisation_lineage")]
        indexes = [models.Index(fields=["pemda", "indicator_lineage"])]

    def __str__(self) -> str:
        return f"{self.indicator} = {self.value}"


class RealisationChange(TimeStampedModel):
    """History of a realised value (who, when, old → new, reason)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(null=True, blank=True, **DECIMAL)
    new_value = models.DecimalField(null=True, blank=True, **DECIMAL)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    after_acceptance = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]


def evidence_path(instance: Evidence, filename: str) -> str:
    # Random names: the original name is kept in a field, never used as a path.
    return f"bukti/{instance.pemda_id}/{instance.uid}"


class Evidence(PublicModel):
    """A file supporting a realisation. Served only by a view that re-checks access."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name


class ReminderLog(TimeStampedModel):
    """One reminder per unit, period and kind: running the reminder task twice sends nothing twice."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Sebelum batas")
        AFTER = "after", _("Sesudah batas")

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "kind"], name="uniq_reminder"),
        ]


# The LKE evaluation models live in their own module (this one is about realisation); importing
# them here registers them in the ``evaluations`` app.
from evaluations.lke_models import (  # noqa: E402, F401
    AnswerEvidence,
    ComponentNote,
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    EvaluationTeam,
    FollowUpEvidence,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
    LkeTemplate,
    PemdaResult,
    PemdaResultScore,
    PredicateTable,
    Recommendation,
    ScoreChange,
    SubComponentQualifier,
)
from evaluations.report_models import (  # noqa: E402, F401
    Report,
    ReportDelivery,
    ReportSetting,
    UnitReport,
)
