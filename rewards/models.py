"""Rankings and reward/punishment decisions (domain reference §8): the data.

The maths are pure (``rewards/ranking.py``, ``rewards/rules.py``, defaults in
``rewards/rules_defaults.py``); writes go through ``rewards/services.py``, reads through
``rewards/selectors.py``.

* :class:`RankingSetting`: the composite-index weights a Pemda uses for one year (absent: defaults).
* :class:`RankingSnapshot`: a frozen ranking (date, who, the weights, every unit's metrics and the
  rankings computed from them, a content hash), the basis decisions cite so it does not move.
* :class:`RewardRule`: a reward/punishment rule of the Pemda as data (``rules.rule_from_dict``).
* :class:`RuleRun`: one evaluation of the rules over a snapshot (on demand or by Celery), with a
  status so a repeated task does no harm.
* :class:`Proposal`: what a rule proposes for a unit (or its head), with the basis figures; pimpinan
  accepts, changes or rejects it.
* :class:`Decision`: the kepala daerah's decision (SK): type, SK number and date, basis, the unit or
  official affected, the measure (percent, months, amount) and the effective period; the unit's
  response within a window; revocation with a reason.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.core.models import Pemda, Period, PublicModel, Unit, User


class DecisionType(models.TextChoices):
    """Outcome / decision types (keys of ``rules_defaults.OUTCOME_PARAMETERS``)."""

    PIAGAM = "piagam_penghargaan", _("Piagam penghargaan")
    MOST_IMPROVED = "penghargaan_most_improved", _("Penghargaan kenaikan nilai terbaik")
    INSENTIF = "insentif", _("Insentif")
    TEGURAN_LISAN = "teguran_lisan", _("Teguran lisan")
    TEGURAN_TERTULIS = "teguran_tertulis", _("Teguran tertulis")
    PENUNDAAN_TPP = "penundaan_tpp", _("Penundaan TPP")
    PEMOTONGAN_TPP = "pemotongan_tpp", _("Pemotongan TPP")
    DEMOSI = "demosi", _("Penurunan jabatan (demosi)")
    MUTASI = "mutasi", _("Pemindahan (mutasi)")
    PEMBEBASAN = "pembebasan_jabatan", _("Pembebasan dari jabatan")
    MASA_PERBAIKAN = "masa_perbaikan", _("Masa perbaikan kinerja")
    # PP 94/2021 discipline ladder (issue 9)
    PERNYATAAN_TIDAK_PUAS = "pernyataan_tidak_puas", _("Pernyataan tidak puas secara tertulis")
    PEMBERHENTIAN = "pemberhentian", _("Pemberhentian dengan hormat tidak atas permintaan sendiri")


REWARD_TYPES = frozenset({DecisionType.PIAGAM, DecisionType.MOST_IMPROVED, DecisionType.INSENTIF})
TPP_TYPES = frozenset({DecisionType.PENUNDAAN_TPP, DecisionType.PEMOTONGAN_TPP})


class Target(models.TextChoices):
    UNIT = "unit", _("Unit")
    HEAD = "kepala_unit", _("Kepala unit")
    OFFICIAL = "pegawai", _("Pegawai")  # an official by NIP (discipline, obligations; issue 9)


class RankingSetting(PublicModel):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    # {metric: weight}, points of 100, validated by rewards.ranking.validate_weights
    weights = models.JSONField(_("bobot indeks komposit"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan peringkat")
        verbose_name_plural = _("pengaturan peringkat")
        constraints = [models.UniqueConstraint(fields=["pemda", "year"], name="uniq_ranking_setting_year")]

    def __str__(self) -> str:
        return f"{self.pemda} {self.year}"


class RankingSnapshot(PublicModel):
    """A frozen ranking. ``data`` holds every unit's metrics and the rankings exactly as shown."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("periode")
    )
    title = models.CharField(_("judul"), max_length=160)
    note = models.TextField(_("catatan"), blank=True)
    weights = models.JSONField(_("bobot indeks komposit"))
    # {"units": [{unit metrics…}], "rankings": {...}, "generated": iso datetime}
    data = models.JSONField(_("data peringkat"))
    content_hash = models.CharField(_("sidik isi (SHA-256)"), max_length=64)
    frozen_at = models.DateTimeField(_("dibekukan"))
    frozen_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibekukan oleh"))

    class Meta:
        verbose_name = _("snapshot peringkat")
        verbose_name_plural = _("snapshot peringkat")
        ordering = ["-frozen_at"]
        indexes = [models.Index(fields=["pemda", "year"], name="snapshot_pemda_year")]

    def __str__(self) -> str:
        return self.title


class RewardRule(PublicModel):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=60)
    name = models.CharField(_("nama"), max_length=200)
    # The mapping understood by rewards.rules.rule_from_dict (conditions, outcome, scope)
    definition = models.JSONField(_("definisi"))
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aturan reward/punishment")
        verbose_name_plural = _("aturan reward/punishment")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["pemda", "code"], name="uniq_reward_rule_code")]

    def __str__(self) -> str:
        return self.name


class RuleRun(PublicModel):
    """One evaluation of the active rules over a snapshot: pending → running → done / failed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    snapshot = models.ForeignKey(RankingSnapshot, on_delete=models.PROTECT, related_name="runs")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    trigger = models.CharField(_("pemicu"), max_length=20, default="manual")  # manual / schedule / api
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    proposals_created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.snapshot} — {self.get_status_display()}"


class Proposal(PublicModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu keputusan")
        ACCEPTED = "accepted", _("Diterima")
        CHANGED = "changed", _("Diterima dengan perubahan")
        REJECTED = "rejected", _("Ditolak")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    # the ranking the proposal rests on; empty for proposals from discipline records or obligations
    snapshot = models.ForeignKey(
        RankingSnapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    # where a proposal without a snapshot comes from, unique per Pemda ("disiplin:2026:<nip>:tpp_25_6")
    source_key = models.CharField(_("sumber"), max_length=120, blank=True, default="")
    official = models.ForeignKey(
        "rewards.Official", on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    run = models.ForeignKey(RuleRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    rule = models.ForeignKey(RewardRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    rule_code = models.CharField(_("kode aturan"), max_length=60)
    rule_name = models.CharField(_("aturan"), max_length=200)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reward_proposals")
    target = models.CharField(_("sasaran"), max_length=12, choices=Target.choices, default=Target.UNIT)
    kind = models.CharField(_("jenis"), max_length=30, choices=DecisionType.choices)
    parameters = models.JSONField(_("parameter"), default=dict, blank=True)  # {"bulan": 1, "persen": "25"}
    basis = models.JSONField(_("dasar"), default=list)  # [{metric, value, months, text}]
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.TextField(_("alasan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("usulan reward/punishment")
        verbose_name_plural = _("usulan reward/punishment")
        ordering = ["status", "unit__code", "rule_code"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "rule_code", "unit", "target"], name="uniq_proposal_basis"),
            models.UniqueConstraint(
                fields=["pemda", "source_key"], condition=~Q(source_key=""), name="uniq_proposal_source"
            ),
        ]
        indexes = [models.Index(fields=["pemda", "status"], name="proposal_pemda_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit}"


class Decision(PublicModel):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Berlaku")
        REVOKED = "revoked", _("Dicabut")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis keputusan"), max_length=30, choices=DecisionType.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reward_decisions")
    target = models.CharField(_("sasaran"), max_length=12, choices=Target.choices, default=Target.UNIT)
    # The official affected, as at the decision (copied from the unit's head, or typed in).
    official_name = models.CharField(_("nama pejabat"), max_length=160, blank=True)
    official_nip = models.CharField(_("NIP pejabat"), max_length=18, blank=True)
    official_position = models.CharField(_("jabatan pejabat"), max_length=160, blank=True)
    sk_number = models.CharField(_("nomor SK"), max_length=100)
    sk_date = models.DateField(_("tanggal SK"))
    snapshot = models.ForeignKey(
        RankingSnapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions",
        verbose_name=_("dasar peringkat"),
    )  # fmt: skip
    # the official by NIP when the decision is about one (discipline; issue 9); name/NIP/position above
    # are still the snapshot printed in the SK
    official = models.ForeignKey(
        "rewards.Official", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="decision")
    basis = models.JSONField(_("dasar (angka)"), default=list)  # [{metric, value, months, text}]
    basis_text = models.TextField(_("pertimbangan"))
    percent = models.DecimalField(_("persentase"), max_digits=5, decimal_places=2, null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("lama (bulan)"), null=True, blank=True)
    amount = models.DecimalField(_("nilai (Rp)"), max_digits=16, decimal_places=2, null=True, blank=True)
    effective_start = models.DateField(_("berlaku mulai"))
    effective_end = models.DateField(_("berlaku sampai"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField(_("diterbitkan"))
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    response_days = models.PositiveSmallIntegerField(
        _("batas tanggapan (hari)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    response_deadline = models.DateField(_("batas tanggapan"))
    response = models.TextField(_("tanggapan unit"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keputusan reward/punishment")
        verbose_name_plural = _("keputusan reward/punishment")
        ordering = ["-sk_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "sk_number", "unit", "kind"], name="uniq_decision_sk_unit"),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | (Q(percent__gt=0) & Q(percent__lte=100)),
                name="decision_percent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(effective_end__isnull=True) | Q(effective_end__gte=models.F("effective_start")),
                name="decision_effective_order",
            ),
            models.CheckConstraint(condition=~Q(sk_number=""), name="decision_sk_number_required"),
        ]
        indexes = [
            models.Index(fields=["pemda", "sk_date"], name="decision_pemda_date"),
            models.Index(fields=["pemda", "unit"], name="decision_pemda_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.sk_number} — {self.get_kind_display()} — {self.unit}"

    @property
    def is_reward(self) -> bool:
        return self.kind in REWARD_TYPES


from rewards.input_models import (  # noqa: E402, F401
    Assessment,
    AssessmentType,
    DisciplineImport,
    DisciplineRecord,
    DisciplineSetting,
    Obligation,
    ObligationSubmission,
    Official,
    PersonalDataAccess,
    PositionLevel,
)
