"""Worksheet writes: answers of the unit and of the evaluator, qualifiers, component notes, evidence.

Re-exported by :mod:`evaluations.lke_services` (import from there).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from agreements.models import Agreement
from evaluations import services as realisation_services
from evaluations.lke_models import (
    AnswerEvidence,
    ComponentNote,
    CriterionAnswer,
    Evaluation,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
    ScoreChange,
    SubComponentQualifier,
)
from evaluations.lke_selectors import evaluator_problem, may_score, may_self_assess, self_problem
from evaluations.lke_services_core import Side, record_change, require_that, rescore
from evaluations.lke_template import ANSWER_CHOICES
from evaluations.models import Evidence

Kind = AnswerEvidence.Kind


def _locked(evaluation: Evaluation) -> Evaluation:
    """Re-read the evaluation under a row lock, with what the rules read."""
    fresh = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("round__pemda", "round__fiscal_year", "round__template", "team", "unit", "pemda")
        .get(pk=evaluation.pk)
    )
    return fresh


def _refresh(target: Evaluation, source: Evaluation) -> None:
    for f in Evaluation._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


def _check_criterion(evaluation: Evaluation, criterion: LkeCriterion) -> None:
    template_id = LkeCriterion.objects.filter(pk=criterion.pk).values_list(
        "subcomponent__component__template_id", flat=True
    )
    if list(template_id) != [evaluation.round.template_id]:
        raise ValidationError({"criterion": _("Kriteria %(c)s tidak ada di templat putaran ini.") % {"c": criterion}})


def normalise_answer(criterion: LkeCriterion, answer) -> str:
    """The answer in upper case, checked against the criterion's scale ("" clears)."""
    value = ("" if answer is None else str(answer)).strip().upper()
    choices = ANSWER_CHOICES.get(criterion.answer_type, ())
    if value and value not in choices:
        raise ValidationError(
            {
                "answer": _("Jawaban %(a)s untuk kriteria %(c)s di luar skala (%(s)s).")
                % {"a": answer, "c": criterion.code, "s": "/".join(choices)}
            }
        )
    return value


def _answer_row(evaluation: Evaluation, criterion: LkeCriterion) -> CriterionAnswer:
    row, _created = CriterionAnswer.objects.select_for_update().get_or_create(
        evaluation=evaluation, criterion=criterion
    )
    return row


@transaction.atomic
def answer_self(*, user, evaluation: Evaluation, criterion: LkeCriterion, answer, note: str = "") -> CriterionAnswer:
    """The unit's self-assessment of one criterion (self stage open, worksheet not yet submitted)."""
    require_that(may_self_assess(user, evaluation))
    ev = _locked(evaluation)
    problem = self_problem(ev)
    if problem:
        raise ValidationError(problem)
    _check_criterion(ev, criterion)
    value = normalise_answer(criterion, answer)
    row = _answer_row(ev, criterion)
    old = row.self_answer
    row.self_answer, row.self_note = value, (note or "").strip()
    row.self_answered_at, row.self_answered_by = timezone.now(), user
    row.save()
    if old != value:
        record_change(ev, user=user, side=Side.SELF, criterion=criterion, old=old, new=value)
        rescore(ev, user=user, side=Side.SELF)
    _refresh(evaluation, ev)
    return row


def _evaluator_write(user, evaluation: Evaluation) -> Evaluation:
    require_that(may_score(user, evaluation))
    ev = _locked(evaluation)
    problem = evaluator_problem(user, ev)
    if problem:
        raise ValidationError(problem)
    return ev


@transaction.atomic
def answer_evaluate(
    *, user, evaluation: Evaluation, criterion: LkeCriterion, answer, note: str = "", recommendation: str = ""
) -> CriterionAnswer:
    """The evaluator's answer of one criterion with a note and a recommendation."""
    ev = _evaluator_write(user, evaluation)
    _check_criterion(ev, criterion)
    value = normalise_answer(criterion, answer)
    row = _answer_row(ev, criterion)
    old = row.answer
    row.answer, row.note, row.recommendation = value, (note or "").strip(), (recommendation or "").strip()
    row.answered_at, row.answered_by = timezone.now(), user
    row.save()
    if old != value:
        record_change(ev, user=user, side=Side.EVALUATOR, criterion=criterion, old=old, new=value)
        rescore(ev, user=user, side=Side.EVALUATOR)
    _refresh(evaluation, ev)
    return row


@transaction.atomic
def answers_save(
    *,
    user,
    evaluation: Evaluation,
    side: str,
    answers: dict[str, str],
    notes: dict[str, str] | None = None,
    recommendations: dict[str, str] | None = None,
) -> int:
    """Several answers of one side at once, by criterion code (the worksheet's "save all", imports,
    the demo). Same rules as :func:`answer_self` / :func:`answer_evaluate`; every answer is checked
    first and nothing is saved when one is wrong. Notes and recommendations (evaluator side) of the
    given codes are replaced. Returns how many answers changed."""
    if side == Side.SELF:
        require_that(may_self_assess(user, evaluation))
        ev = _locked(evaluation)
        problem = self_problem(ev)
        if problem:
            raise ValidationError(problem)
    elif side == Side.EVALUATOR:
        ev = _evaluator_write(user, evaluation)
    else:
        raise ValidationError({"side": _("Pihak penjawab tidak dikenal.")})
    notes, recommendations = notes or {}, recommendations or {}
    rows = {
        a.criterion.code: a
        for a in CriterionAnswer.objects.filter(evaluation=ev)
        .select_related("criterion")
        .select_for_update(of=("self",))
    }
    unknown = sorted((set(answers) | set(notes) | set(recommendations)) - set(rows))
    if unknown:
        raise ValidationError({"criterion": _("Kriteria tidak dikenal di templat: %(c)s.") % {"c": ", ".join(unknown)}})
    errors, values = [], {}
    for code, raw in answers.items():
        try:
            values[code] = normalise_answer(rows[code].criterion, raw)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"answer": errors})
    answer_field, note_field = ("self_answer", "self_note") if side == Side.SELF else ("answer", "note")
    at_field, by_field = (
        ("self_answered_at", "self_answered_by") if side == Side.SELF else ("answered_at", "answered_by")
    )
    now, changed, touched, log = timezone.now(), 0, [], []
    for code in set(values) | set(notes) | set(recommendations):
        row = rows[code]
        if code in values and values[code] != getattr(row, answer_field):
            log.append((row.criterion, getattr(row, answer_field), values[code]))
            setattr(row, answer_field, values[code])
            changed += 1
        if code in notes:
            setattr(row, note_field, (notes[code] or "").strip())
        if code in recommendations and side == Side.EVALUATOR:
            row.recommendation = (recommendations[code] or "").strip()
        setattr(row, at_field, now)
        setattr(row, by_field, user)
        touched.append(row)
    fields = [answer_field, note_field, at_field, by_field, "recommendation", "updated_at"]
    for row in touched:
        row.updated_at = now
    bulk_update_with_history(touched, CriterionAnswer, fields, batch_size=200, default_user=user)
    ScoreChange.objects.bulk_create(
        ScoreChange(
            evaluation=ev, criterion=c, side=side, stage=ev.status, old_value=old, new_value=new, changed_by=user
        )
        for c, old, new in log
    )
    if log:
        rescore(ev, user=user, side=side)
    _refresh(evaluation, ev)
    return changed


@transaction.atomic
def qualifier_set(
    *, user, evaluation: Evaluation, subcomponent: LkeSubComponent, years_kept: int | None = None, innovation: str = ""
):
    """What lifts a fully met sub-component to A / AA (§6.2); both empty removes the qualifier."""
    ev = _evaluator_write(user, evaluation)
    if not LkeSubComponent.objects.filter(pk=subcomponent.pk, component__template_id=ev.round.template_id).exists():
        raise ValidationError({"subcomponent": _("Subkomponen tidak ada di templat putaran ini.")})
    innovation = innovation or ""
    if innovation not in SubComponentQualifier.Innovation.values:
        raise ValidationError({"innovation": _("Pilihan inovasi tidak dikenal.")})
    if years_kept is not None:
        try:
            years_kept = int(years_kept)
        except (TypeError, ValueError) as exc:
            raise ValidationError({"years_kept": _("Lama dipertahankan harus berupa bilangan bulat.")}) from exc
        if years_kept < 0 or years_kept > 100:
            raise ValidationError({"years_kept": _("Lama dipertahankan harus antara 0 dan 100 tahun.")})
    row = SubComponentQualifier.objects.filter(evaluation=ev, subcomponent=subcomponent).first()
    if years_kept is None and not innovation:
        if row is not None:
            row.delete()
        row = None
    else:
        row = row or SubComponentQualifier(evaluation=ev, subcomponent=subcomponent)
        row.years_kept, row.innovation = years_kept, innovation
        row.full_clean()
        row.save()
    rescore(ev, user=user, side=Side.EVALUATOR)
    _refresh(evaluation, ev)
    return row


@transaction.atomic
def component_note_set(*, user, evaluation: Evaluation, component: LkeComponent, note: str):
    """The evaluator's note on a component (printed in the LHE); an empty note removes it."""
    ev = _evaluator_write(user, evaluation)
    if component.template_id != ev.round.template_id:
        raise ValidationError({"component": _("Komponen tidak ada di templat putaran ini.")})
    note = (note or "").strip()
    row = ComponentNote.objects.filter(evaluation=ev, component=component).first()
    if not note:
        if row is not None:
            row.delete()
        return None
    row = row or ComponentNote(evaluation=ev, component=component)
    row.note = note
    row.save()
    return row


# --- evidence -------------------------------------------------------------------------------


def _unit_write(user, evaluation: Evaluation) -> Evaluation:
    require_that(may_self_assess(user, evaluation))
    ev = _locked(evaluation)
    problem = self_problem(ev)
    if problem:
        raise ValidationError(problem)
    return ev


def _file_fields(ev: Evaluation, uploaded_file) -> tuple[str, str, int]:
    if uploaded_file is None:
        raise ValidationError({"file": _("Pilih berkas yang akan diunggah.")})
    name = (getattr(uploaded_file, "name", "") or "bukti").rsplit("/", 1)[-1][:200]
    limit = realisation_services.max_upload_mb(ev.round.fiscal_year)
    size = getattr(uploaded_file, "size", None)
    if size is None or size > limit * 1024 * 1024:
        raise ValidationError({"file": _("Berkas %(n)s terlalu besar; batasnya %(m)s MB.") % {"n": name, "m": limit}})
    if size == 0:
        raise ValidationError({"file": _("Berkas %(n)s kosong.") % {"n": name}})
    uploaded_file.seek(0)
    content_type = realisation_services.detect_type(uploaded_file.read(8192), name)
    uploaded_file.seek(0)
    if content_type is None:
        raise ValidationError(
            {
                "file": _(
                    "Isi berkas %(n)s bukan PDF, gambar (PNG/JPEG) atau lembar kerja (XLSX/XLS/ODS/CSV). "
                    "Jenis berkas diperiksa dari isinya, bukan dari namanya."
                )
                % {"n": name}
            }
        )
    return name, content_type, size


@transaction.atomic
def evidence_add(
    *, user, answer: CriterionAnswer, kind: str, title: str = "", file=None, agreement=None,
    realisation_evidence=None, url: str = "",
) -> AnswerEvidence:  # fmt: skip
    """Evidence of a self-assessment answer: an upload, the unit's PK, a realisation file or a link."""
    ev = _unit_write(user, answer.evaluation)
    row = AnswerEvidence(pemda_id=ev.pemda_id, answer=answer, kind=kind, added_by=user, title=(title or "").strip())
    if kind == Kind.FILE:
        name, row.content_type, row.size = _file_fields(ev, file)
        row.title = row.title or name
        content = file if hasattr(file, "chunks") else ContentFile(file.read(), name=name)
        row.file.save(name, content, save=False)
    elif kind == Kind.AGREEMENT:
        ok = (
            agreement is not None
            and Agreement.objects.filter(
                pk=agreement.pk, pemda_id=ev.pemda_id, unit_id=ev.unit_id, fiscal_year_id=ev.round.fiscal_year_id
            ).exists()
        )
        if not ok:
            raise ValidationError({"agreement": _("Pilih Perjanjian Kinerja unit ini untuk tahun yang dievaluasi.")})
        row.agreement = agreement
        row.title = row.title or _("Perjanjian Kinerja %(y)s") % {"y": ev.round.fiscal_year.year}
    elif kind == Kind.REALISATION:
        ok = (
            realisation_evidence is not None
            and Evidence.objects.filter(
                pk=realisation_evidence.pk,
                pemda_id=ev.pemda_id,
                realisation__report__unit_id=ev.unit_id,
                realisation__report__period__fiscal_year_id=ev.round.fiscal_year_id,
            ).exists()
        )
        if not ok:
            raise ValidationError(
                {"realisation_evidence": _("Pilih bukti realisasi unit ini dari tahun yang dievaluasi.")}
            )
        row.realisation_evidence = realisation_evidence
        row.title = row.title or realisation_evidence.original_name
    elif kind == Kind.LINK:
        if not (url or "").strip():
            raise ValidationError({"url": _("Tautan wajib diisi.")})
        row.url = url.strip()
        row.title = row.title or row.url[:200]
    else:
        raise ValidationError({"kind": _("Jenis bukti tidak dikenal.")})
    row.title = row.title[:200]
    try:
        row.full_clean(exclude=["file"])
        row.save()
    except Exception:
        if row.file:
            row.file.storage.delete(row.file.name)
        raise
    return row


@transaction.atomic
def evidence_delete(*, user, evidence: AnswerEvidence) -> None:
    """Remove an evidence of the self-assessment (the stored file is deleted after commit)."""
    _unit_write(user, evidence.answer.evaluation)
    storage, path = evidence.file.storage, evidence.file.name
    evidence.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))
