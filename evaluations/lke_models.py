"""AKIP evaluation by the Inspektorat (domain reference §6): the data of the LKE cycle.

Imported by ``evaluations/models.py`` so Django registers these models in the ``evaluations`` app.
The maths live in the pure modules ``lke.py`` / ``lke_template.py`` / ``predicates.py``; writes go
through ``evaluations/lke_services.py``; reads through ``evaluations/lke_selectors.py``.

* :class:`LkeTemplate` → :class:`LkeComponent` → :class:`LkeSubComponent` → :class:`LkeCriterion`:
  the worksheet layout as data (weights in points of the 0–100 total, scoring method, answer type).
  A template used by a round is frozen (``frozen_at``); a change makes a new version
  (``family`` + ``version``, ``previous``).
* :class:`PredicateTable`: the predicate bands of one year for one Pemda (absent: the §6.4 default).
* :class:`EvaluationRound`: one year's evaluation of the units: template, stage windows.
* :class:`EvaluationTeam`: a team lead and members, assigned to units through :class:`Evaluation`.
* :class:`Evaluation`: one unit's worksheet in a round, its workflow, the score and predicate
  (self-assessment and evaluator), the frozen component scores once published, the LHE number.
* :class:`CriterionAnswer`: self-assessment and evaluator answer of one criterion, with notes.
* :class:`AnswerEvidence`: evidence of an answer: an upload, or a link to the unit's PK or to a
  realisation evidence file already in the portal.
* :class:`SubComponentQualifier`: what lifts a fully met sub-component to A / AA (§6.2).
* :class:`ComponentNote`: the evaluator's note per component, printed in the LHE.
* :class:`ScoreChange`: every change of an answer or of a total score: who, when, stage, old → new.
* :class:`Recommendation` (+ :class:`FollowUpEvidence`): a recommendation ("Agar …") from an
  evaluation or from the Pemda's own KemenPAN-RB result, with its follow-up.
* :class:`PemdaResult` (+ :class:`PemdaResultScore`): the Pemda's own KemenPAN-RB result per year.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from sakip.core.models import FiscalYear, Pemda, PublicModel, TimeStampedModel, Unit, User

WEIGHT = {"max_digits": 6, "decimal_places": 3}  # points of the 0–100 total (4.5, 7.5, 12.5)
SCORE = {"max_digits": 5, "decimal_places": 2}  # reported score, 2 decimals (61.76)


class LkeTemplate(PublicModel):
    """An LKE worksheet layout of a Pemda. ``family`` + ``version`` identify it; used → frozen."""

    class Method(models.TextChoices):
        PERCENT_GRADE = "percent_grade", _("Persentase terpenuhi → nilai AA–E (PermenPAN-RB 88/2021)")
        CRITERION_GRADE = "criterion_grade", _("Nilai AA–E per kriteria, dirata-rata per subkomponen")
        ANSWER_SCALE = "answer_scale", _("Rata-rata jawaban × bobot (PermenPAN-RB 12/2015)")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    family = models.SlugField(_("kode templat"), max_length=40, help_text=_("Sama untuk semua versi, mis. 88-2021."))
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("versi sebelumnya")
    )
    name = models.CharField(_("nama"), max_length=160)
    regulation = models.CharField(_("dasar peraturan"), max_length=160, blank=True)
    method = models.CharField(_("metode penilaian"), max_length=20, choices=Method.choices)
    notes = models.TextField(_("catatan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    frozen_at = models.DateTimeField(_("dibekukan"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("templat LKE")
        verbose_name_plural = _("templat LKE")
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "family", "version"], name="uniq_lke_template_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class LkeComponent(TimeStampedModel):
    template = models.ForeignKey(LkeTemplate, on_delete=models.CASCADE, related_name="components")
    code = models.CharField(_("kode"), max_length=10)
    name = models.CharField(_("nama"), max_length=160)
    weight = models.DecimalField(_("bobot"), **WEIGHT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="uniq_lke_component_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class LkeSubComponent(TimeStampedModel):
    class Kind(models.TextChoices):
        KEBERADAAN = "keberadaan", _("Keberadaan")
        KUALITAS = "kualitas", _("Kualitas")
        PEMANFAATAN = "pemanfaatan", _("Pemanfaatan")
        OTHER = "", _("Lainnya")

    component = models.ForeignKey(LkeComponent, on_delete=models.CASCADE, related_name="subcomponents")
    code = models.CharField(_("kode"), max_length=12)
    name = models.CharField(_("nama"), max_length=160)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, blank=True)
    weight = models.DecimalField(_("bobot"), **WEIGHT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["component", "code"], name="uniq_lke_subcomponent_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LkeCriterion(TimeStampedModel):
    class AnswerType(models.TextChoices):
        YT = "yt", _("Y/T (terpenuhi / tidak)")
        AE = "ae", _("Skala A–E")
        GRADE = "grade", _("Nilai AA–E")

    subcomponent = models.ForeignKey(LkeSubComponent, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("kode"), max_length=16)
    text = models.TextField(_("kriteria"))
    guidance = models.TextField(_("bukti yang diharapkan"), blank=True)
    answer_type = models.CharField(_("jenis jawaban"), max_length=6, choices=AnswerType.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["subcomponent", "code"], name="uniq_lke_criterion_code")]

    def __str__(self) -> str:
        return self.code


class PredicateTable(PublicModel):
    """The predicate bands a Pemda uses for one year: rows ``[letter, lower_excl, upper_incl, label]``."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    # Validated by evaluations.predicates.validate_predicates (no gaps, no overlaps, 0–100).
    bands = models.JSONField(_("rentang predikat"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tabel predikat")
        verbose_name_plural = _("tabel predikat")
        constraints = [models.UniqueConstraint(fields=["pemda", "year"], name="uniq_predicate_table_year")]

    def __str__(self) -> str:
        return f"{self.pemda} {self.year}"


class EvaluationRound(PublicModel):
    """The Inspektorat's evaluation of the units for one (evaluated) year, on one template.

    Stage windows are inclusive date ranges in the Pemda's time zone; a stage is open when today
    lies inside its window (``lke_services.stage_open``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Persiapan")
        OPEN = "open", _("Berjalan")
        CLOSED = "closed", _("Selesai")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="evaluation_rounds")
    template = models.ForeignKey(LkeTemplate, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("nama"), max_length=160)
    basis = models.TextField(_("dasar evaluasi"), blank=True)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    self_start = models.DateField(_("penilaian mandiri mulai"))
    self_end = models.DateField(_("penilaian mandiri selesai"))
    eval_start = models.DateField(_("evaluasi mulai"))
    eval_end = models.DateField(_("evaluasi selesai"))
    review_start = models.DateField(_("reviu mulai"))
    review_end = models.DateField(_("reviu selesai"))
    response_start = models.DateField(_("tanggapan mulai"))
    response_end = models.DateField(_("tanggapan selesai"))
    lhe_number_prefix = models.CharField(_("awalan nomor LHE"), max_length=60, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("putaran evaluasi")
        verbose_name_plural = _("putaran evaluasi")
        ordering = ["-fiscal_year__year"]
        constraints = [models.UniqueConstraint(fields=["pemda", "fiscal_year"], name="uniq_round_year")]

    def __str__(self) -> str:
        return self.name


class EvaluationTeam(PublicModel):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("nama tim"), max_length=80)
    lead = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("ketua tim"))
    members = models.ManyToManyField(User, blank=True, related_name="evaluation_teams", verbose_name=_("anggota"))
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("tim evaluator")
        verbose_name_plural = _("tim evaluator")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="uniq_team_name")]

    def __str__(self) -> str:
        return self.name


class Evaluation(PublicModel):
    """One unit's LKE worksheet in a round.

    self → evaluating → review → published → (responded →) final; the lead can return review →
    evaluating. ``score``/``predicate`` are the evaluator's (live while scoring, frozen from
    publication); ``self_score``/``self_predicate`` the unit's self-assessment.
    """

    class Status(models.TextChoices):
        SELF = "self", _("Penilaian mandiri")
        EVALUATING = "evaluating", _("Dievaluasi")
        REVIEW = "review", _("Reviu ketua tim")
        PUBLISHED = "published", _("Hasil diterbitkan")
        RESPONDED = "responded", _("Ditanggapi unit")
        FINAL = "final", _("Final")

    class ResponseOutcome(models.TextChoices):
        REVISED = "revised", _("Nilai direvisi")
        KEPT = "kept", _("Nilai tetap")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="evaluations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="evaluations")
    team = models.ForeignKey(
        EvaluationTeam, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SELF)
    self_score = models.DecimalField(_("nilai penilaian mandiri"), null=True, blank=True, **SCORE)
    self_predicate = models.CharField(_("predikat penilaian mandiri"), max_length=2, blank=True)
    score = models.DecimalField(_("nilai"), null=True, blank=True, **SCORE)
    predicate = models.CharField(_("predikat"), max_length=2, blank=True)
    # Frozen at publication: {"components": [{code, name, weight, score, subcomponents: [...]}], ...}
    result = models.JSONField(_("rincian nilai"), default=dict, blank=True)
    summary = models.TextField(_("simpulan evaluator"), blank=True)
    self_submitted_at = models.DateTimeField(null=True, blank=True)
    self_submitted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    evaluated_at = models.DateTimeField(null=True, blank=True)
    evaluated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    review_note = models.TextField(_("catatan reviu"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("tanggapan unit"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    response_outcome = models.CharField(
        _("tindak lanjut tanggapan"), max_length=8, choices=ResponseOutcome.choices, blank=True
    )
    response_note = models.TextField(_("jawaban atas tanggapan"), blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    finalized_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    lhe_number = models.CharField(_("nomor LHE"), max_length=80, blank=True)
    lhe_date = models.DateField(_("tanggal LHE"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi unit")
        verbose_name_plural = _("evaluasi unit")
        ordering = ["unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="uniq_evaluation_round_unit"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="evaluation_score_0_100"),
        ]
        indexes = [models.Index(fields=["pemda", "unit"], name="evaluation_pemda_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"

    @property
    def is_published(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.RESPONDED, self.Status.FINAL)


class CriterionAnswer(TimeStampedModel):
    """Self-assessment and evaluator answer of one criterion (codes of ``LkeCriterion.AnswerType``)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(LkeCriterion, on_delete=models.PROTECT, related_name="+")
    self_answer = models.CharField(_("jawaban mandiri"), max_length=2, blank=True)
    self_note = models.TextField(_("penjelasan unit"), blank=True)
    self_answered_at = models.DateTimeField(null=True, blank=True)
    self_answered_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answer = models.CharField(_("jawaban evaluator"), max_length=2, blank=True)
    note = models.TextField(_("catatan evaluator"), blank=True)
    recommendation = models.TextField(_("rekomendasi"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="uniq_answer_criterion")]


class AnswerEvidence(PublicModel):
    """Evidence of an answer: an uploaded file, or a link to the unit's PK or a realisation evidence."""

    class Kind(models.TextChoices):
        FILE = "file", _("Berkas unggahan")
        AGREEMENT = "agreement", _("Perjanjian Kinerja di portal")
        REALISATION = "realisation", _("Bukti realisasi di portal")
        LINK = "link", _("Tautan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    answer = models.ForeignKey(CriterionAnswer, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis bukti"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="lke-evidence/%Y/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    realisation_evidence = models.ForeignKey(
        "evaluations.Evidence", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    url = models.URLField(_("tautan"), blank=True)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="file", agreement__isnull=True, realisation_evidence__isnull=True)
                    | Q(kind="agreement", agreement__isnull=False, realisation_evidence__isnull=True)
                    | Q(kind="realisation", agreement__isnull=True, realisation_evidence__isnull=False)
                    | Q(kind="link", agreement__isnull=True, realisation_evidence__isnull=True)
                ),
                name="answer_evidence_kind_matches",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SubComponentQualifier(TimeStampedModel):
    """Evaluator's qualifier for a fully met sub-component (§6.2): years kept / innovation."""

    class Innovation(models.TextChoices):
        NONE = "", _("Tidak ada")
        EXTRA_EFFORT = "extra_effort", _("Upaya lebih yang diakui (A)")
        NATIONAL_MODEL = "national_model", _("Inovasi layak jadi model nasional (AA)")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="qualifiers")
    subcomponent = models.ForeignKey(LkeSubComponent, on_delete=models.PROTECT, related_name="+")
    years_kept = models.PositiveSmallIntegerField(_("dipertahankan (tahun)"), null=True, blank=True)
    innovation = models.CharField(_("inovasi"), max_length=16, choices=Innovation.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "subcomponent"], name="uniq_qualifier_subcomponent")
        ]


class ComponentNote(TimeStampedModel):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="component_notes")
    component = models.ForeignKey(LkeComponent, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("catatan"))
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "component"], name="uniq_component_note")]


class ScoreChange(TimeStampedModel):
    """One change of an answer (``criterion`` set) or of a total score (``criterion`` empty)."""

    class Side(models.TextChoices):
        SELF = "self", _("Penilaian mandiri")
        EVALUATOR = "evaluator", _("Evaluator")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="score_changes")
    criterion = models.ForeignKey(LkeCriterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    side = models.CharField(max_length=10, choices=Side.choices)
    stage = models.CharField(max_length=10, choices=Evaluation.Status.choices)
    old_value = models.CharField(max_length=20, blank=True)
    new_value = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["evaluation", "created_at"], name="score_change_eval_time")]


class PemdaResult(PublicModel):
    """The Pemda's own AKIP result published by KemenPAN-RB for one year (§6.6)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    score = models.DecimalField(_("nilai"), **SCORE)
    predicate = models.CharField(_("predikat"), max_length=2)
    target_predicate = models.CharField(_("target predikat"), max_length=2, blank=True)
    letter_number = models.CharField(_("nomor surat KemenPAN-RB"), max_length=80, blank=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hasil evaluasi KemenPAN-RB")
        verbose_name_plural = _("hasil evaluasi KemenPAN-RB")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year"], name="uniq_pemda_result_year"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="pemda_result_score_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.year}: {self.score} ({self.predicate})"


class PemdaResultScore(TimeStampedModel):
    """A component or sub-component score of a :class:`PemdaResult` (points of the 0–100 total)."""

    class Level(models.TextChoices):
        COMPONENT = "component", _("Komponen")
        SUBCOMPONENT = "subcomponent", _("Subkomponen")

    result = models.ForeignKey(PemdaResult, on_delete=models.CASCADE, related_name="scores")
    level = models.CharField(max_length=12, choices=Level.choices)
    code = models.CharField(_("kode"), max_length=12)
    name = models.CharField(_("nama"), max_length=160)
    weight = models.DecimalField(_("bobot"), **WEIGHT)
    score = models.DecimalField(_("nilai"), **SCORE)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["result", "code"], name="uniq_pemda_result_score_code"),
            models.CheckConstraint(condition=Q(score__lte=models.F("weight")), name="pemda_result_score_le_weight"),
        ]


class Recommendation(PublicModel):
    """A recommendation ("Agar …") and its follow-up; from a unit evaluation or the Pemda's own result."""

    class Status(models.TextChoices):
        BELUM = "belum", _("Belum ditindaklanjuti")
        PROSES = "proses", _("Dalam proses")
        SELESAI = "selesai", _("Selesai")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    pemda_result = models.ForeignKey(
        PemdaResult, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    component_code = models.CharField(_("komponen"), max_length=10, blank=True)
    criterion = models.ForeignKey(LkeCriterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(_("rekomendasi"))
    owner = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("unit"))
    action_plan = models.TextField(_("rencana aksi"), blank=True)
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.BELUM)
    progress_note = models.TextField(_("catatan tindak lanjut"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(evaluation__isnull=False, pemda_result__isnull=True)
                    | Q(evaluation__isnull=True, pemda_result__isnull=False)
                ),
                name="recommendation_one_source",
            )
        ]
        indexes = [models.Index(fields=["pemda", "status", "due_date"], name="recommendation_status_due")]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUpEvidence(PublicModel):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="followup-evidence/%Y/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("tautan"), blank=True)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title
