"""Writes of the follow-up of recommendations (tindak lanjut) and of the Pemda's own KemenPAN-RB results.

Conventions as ``evaluations.services``: keyword-only, ``@transaction.atomic``, problems raise
Django ``ValidationError`` in Bahasa Indonesia (keyed by field where one is at fault), a user who
may not act raises ``PermissionDenied``.

Who:

* adding a recommendation: the Admin SAKIP / ketua tim (``P.EVAL_MANAGE``); for a unit evaluation
  also its evaluator team (``evaluation_publish`` creates the worksheet's recommendations itself);
* following up (action plan, status, progress, evidence): users of the **owner unit** holding
  ``P.FOLLOWUP_EDIT`` on it, or ``P.EVAL_MANAGE``; only a manager moves a due date already set;
* the Pemda's own results: ``P.EVAL_MANAGE``.

Status belum → proses → selesai: *selesai* needs at least one piece of evidence and sets
``completed_at``; reopening clears it. Scores are ``Decimal`` points of the 0–100 total, 2 decimals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import lke_data
from evaluations.lke_models import Evaluation, FollowUpEvidence, PemdaResult, PemdaResultScore, Recommendation
from evaluations.lke_template import LkeError
from evaluations.predicates import predicate
from evaluations.services import check_evidence
from sakip.core.models import Unit
from sakip.core.permissions import P, has_perm
from sakip.lib.numbers import format_number, parse_number

Status = Recommendation.Status
Level = PemdaResultScore.Level
MAX_UPLOAD_MB = 10
TWO = Decimal("0.01")


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _same_pemda(user, pemda_id: int) -> bool:
    return getattr(user, "pemda_id", None) == pemda_id


def can_manage(user, pemda_id: int) -> bool:
    return _same_pemda(user, pemda_id) and has_perm(user, P.EVAL_MANAGE)


PUBLISHED = (Evaluation.Status.PUBLISHED, Evaluation.Status.RESPONDED, Evaluation.Status.FINAL)


def can_follow_up(user, recommendation: Recommendation) -> bool:
    """A manager, or the owner unit's operator/kepala (``P.FOLLOWUP_EDIT`` on it) once the
    recommendation is public (from the Pemda's result, or from a published unit evaluation)."""
    if not _same_pemda(user, recommendation.pemda_id):
        return False
    if has_perm(user, P.EVAL_MANAGE):
        return True
    if not has_perm(user, P.FOLLOWUP_EDIT, unit_id=recommendation.owner_id):
        return False
    if recommendation.evaluation_id is None:
        return True
    status = Evaluation.objects.filter(pk=recommendation.evaluation_id).values_list("status", flat=True).first()
    return status in PUBLISHED


def _lock(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


def _refresh(target, source) -> None:
    for f in type(source)._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


# --- recommendations ----------------------------------------------------------------------------


@transaction.atomic
def recommendation_add(
    *,
    user,
    owner: Unit,
    text: str,
    due_date: dt.date | None = None,
    evaluation: Evaluation | None = None,
    pemda_result: PemdaResult | None = None,
    component_code: str = "",
    criterion=None,
) -> Recommendation:
    """A recommendation ("Agar …") for ``owner`` from a unit evaluation or from the Pemda's own result."""
    if (evaluation is None) == (pemda_result is None):
        raise ValidationError(_("Rekomendasi harus berasal dari satu evaluasi unit atau satu hasil KemenPAN-RB."))
    source = evaluation or pemda_result
    allowed = can_manage(user, source.pemda_id)
    if not allowed and evaluation is not None:
        from evaluations.lke_selectors import may_score

        allowed = may_score(user, evaluation)
    if not allowed:
        raise _deny()
    if owner is None or owner.pemda_id != source.pemda_id:
        raise ValidationError({"owner": _("Pilih unit pemilik rekomendasi dari Pemda ini.")})
    if not owner.is_active:
        raise ValidationError({"owner": _("Unit %(u)s sudah tidak aktif.") % {"u": owner.name}})
    recommendation = Recommendation(
        pemda_id=source.pemda_id,
        evaluation=evaluation,
        pemda_result=pemda_result,
        component_code=(component_code or "").strip(),
        criterion=criterion,
        text=(text or "").strip(),
        owner=owner,
        due_date=due_date,
        updated_by=user,
    )
    if not recommendation.text:
        raise ValidationError({"text": _("Isi rekomendasi wajib diisi.")})
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def followup_update(
    *,
    user,
    recommendation: Recommendation,
    action_plan: str,
    due_date: dt.date | None,
    status: str,
    progress_note: str = "",
) -> Recommendation:
    """Record the follow-up: action plan, due date, status and progress note.

    *selesai* needs at least one evidence and stamps ``completed_at``; any other status clears it.
    A unit user may set a due date that is still empty; changing one already set is for managers.
    """
    if not can_follow_up(user, recommendation):
        raise _deny()
    rec = _lock(recommendation)
    if status not in Status.values:
        raise ValidationError({"status": _("Status tindak lanjut tidak dikenal: %(s)s.") % {"s": status}})
    if due_date != rec.due_date and rec.due_date is not None and not can_manage(user, rec.pemda_id):
        raise ValidationError({"due_date": _("Batas waktu hanya dapat diubah oleh Admin SAKIP atau ketua tim.")})
    if status == Status.SELESAI and not rec.evidence.exists():
        raise ValidationError(
            {"status": _("Unggah paling sedikit satu bukti tindak lanjut sebelum menandai rekomendasi selesai.")}
        )
    if status != Status.BELUM and not (action_plan or "").strip():
        raise ValidationError({"action_plan": _("Tuliskan rencana aksi tindak lanjut.")})
    rec.action_plan = (action_plan or "").strip()
    rec.progress_note = (progress_note or "").strip()
    rec.due_date = due_date
    if status == Status.SELESAI and rec.status != Status.SELESAI:
        rec.completed_at = timezone.now()
    elif status != Status.SELESAI:
        rec.completed_at = None
    rec.status = status
    rec.updated_by = user
    rec.full_clean()
    rec.save()
    _refresh(recommendation, rec)
    return recommendation


@transaction.atomic
def followup_evidence_add(
    *, user, recommendation: Recommendation, title: str = "", file=None, url: str = ""
) -> FollowUpEvidence:
    """Attach evidence of the follow-up: a file (PDF, image, spreadsheet; type read from the bytes) or a link."""
    if not can_follow_up(user, recommendation):
        raise _deny()
    rec = _lock(recommendation)
    url = (url or "").strip()
    if file is None and not url:
        raise ValidationError({"file": _("Unggah berkas bukti atau isi tautannya.")})
    evidence = FollowUpEvidence(pemda_id=rec.pemda_id, recommendation=rec, url=url, added_by=user)
    name = ""
    if file is not None:
        name, content_type, size = check_evidence(file, field="file", max_mb=MAX_UPLOAD_MB)
        evidence.content_type, evidence.size = content_type, size
    evidence.title = (title or "").strip() or name or url[:200]
    evidence.full_clean(exclude=["file"])
    if file is not None:
        evidence.file.save(name, file, save=False)
        stored = evidence.file.name
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(stored)
            raise
    else:
        evidence.save()
    rec.updated_by = user
    rec.save(update_fields=["updated_by", "updated_at"])
    return evidence


@transaction.atomic
def followup_evidence_delete(*, user, evidence: FollowUpEvidence) -> None:
    """Remove evidence; a recommendation marked *selesai* keeps at least one. The file goes after commit."""
    rec = evidence.recommendation
    if not can_follow_up(user, rec):
        raise _deny()
    rec = _lock(rec)
    if rec.status == Status.SELESAI and rec.evidence.count() <= 1:
        raise ValidationError(
            _("Rekomendasi ini sudah selesai; bukti terakhir tidak dapat dihapus. Ubah statusnya terlebih dahulu.")
        )
    storage, path = evidence.file.storage, evidence.file.name
    evidence.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))


# --- the Pemda's own KemenPAN-RB result ---------------------------------------------------------


def _points(value, field: str, label: str) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        number = parse_number(value) if value not in (None, "") else None
    if number is None:
        raise ValidationError({field: _("%(f)s harus berupa angka (mis. 61,76).") % {"f": label}})
    try:
        if number != number.quantize(TWO):
            raise ValidationError({field: _("%(f)s paling banyak dua angka desimal.") % {"f": label}})
    except InvalidOperation:
        raise ValidationError({field: _("%(f)s terlalu besar.") % {"f": label}}) from None
    return number


def _component_of(code: str) -> str:
    return code.split(".", 1)[0]


def _clean_scores(scores, total: Decimal) -> list[PemdaResultScore]:
    rows: list[PemdaResultScore] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, item in enumerate(scores or [], start=1):
        code = str(item.get("code") or "").strip()
        level = item.get("level") or (Level.SUBCOMPONENT if "." in code else Level.COMPONENT)
        name = str(item.get("name") or "").strip()
        if level not in Level.values:
            problems.append(_("Baris %(n)s: tingkat nilai tidak dikenal: %(l)s.") % {"n": n, "l": level})
            continue
        if not code or not name:
            problems.append(_("Baris %(n)s: kode dan nama wajib diisi.") % {"n": n})
            continue
        if code in seen:
            problems.append(_("Kode %(c)s tercantum lebih dari sekali.") % {"c": code})
            continue
        seen.add(code)
        try:
            weight = _points(item.get("weight"), "scores", _("Bobot %(c)s") % {"c": code})
            score = _points(item.get("score"), "scores", _("Nilai %(c)s") % {"c": code})
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        if weight <= 0 or weight > 100:
            problems.append(_("Bobot %(c)s harus lebih dari 0 dan paling besar 100.") % {"c": code})
        elif not Decimal(0) <= score <= weight:
            problems.append(
                _("Nilai %(c)s (%(s)s) tidak boleh negatif atau melebihi bobotnya (%(w)s).")
                % {"c": code, "s": format_number(score), "w": format_number(weight, None, strip=True)}
            )
        rows.append(PemdaResultScore(level=level, code=code, name=name[:160], weight=weight, score=score))
    components = {r.code: r for r in rows if r.level == Level.COMPONENT}
    subs_by_component: dict[str, list[PemdaResultScore]] = {}
    for r in rows:
        if r.level == Level.SUBCOMPONENT:
            subs_by_component.setdefault(_component_of(r.code), []).append(r)
    for code, subs in sorted(subs_by_component.items()):
        component = components.get(code)
        if component is None:
            continue
        total_subs = sum((s.score for s in subs), Decimal(0))
        if abs(total_subs - component.score) > TWO:
            problems.append(
                _("Jumlah nilai subkomponen komponen %(c)s (%(s)s) tidak sama dengan nilai komponennya (%(v)s).")
                % {"c": code, "s": format_number(total_subs), "v": format_number(component.score)}
            )
    if components and not problems:
        sum_components = sum((c.score for c in components.values()), Decimal(0))
        if abs(sum_components - total) > TWO * len(components):
            problems.append(
                _("Jumlah nilai komponen (%(s)s) tidak sama dengan nilai total (%(t)s).")
                % {"s": format_number(sum_components), "t": format_number(total)}
            )
    if problems:
        raise ValidationError({"scores": problems})
    return rows


@transaction.atomic
def pemda_result_save(
    *,
    user,
    pemda,
    year: int,
    score,
    target_predicate: str = "",
    scores=(),
    letter_number: str = "",
    letter_date: dt.date | None = None,
    notes: str = "",
    result: PemdaResult | None = None,
) -> PemdaResult:
    """Record (or, with ``result``, correct) the Pemda's KemenPAN-RB result of ``year``.

    The predicate is computed from the score with the year's predicate bands (``lke_data.bands_for``,
    lower bounds exclusive). ``scores``: ``[{level, code, name, weight, score}]`` component
    ("1") and sub-component ("1.a") scores in points; none above its weight; sub-components add up
    to their component within 0.01; components add up to the total (0.01 per component for
    rounding). One result per year. Everything is replaced at once or nothing is saved.
    """
    if not can_manage(user, pemda.pk) or (result is not None and result.pemda_id != pemda.pk):
        raise _deny()
    total = _points(score, "score", _("Nilai"))
    if not Decimal(0) <= total <= Decimal(100):
        raise ValidationError({"score": _("Nilai harus di antara 0 dan 100.")})
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Tahun harus berupa angka.")}) from None
    bands = lke_data.bands_for(pemda, year)
    letters = [b.letter for b in bands]
    target_predicate = (target_predicate or "").strip().upper()
    if target_predicate and target_predicate not in letters:
        raise ValidationError(
            {
                "target_predicate": _("Predikat %(p)s tidak ada di tabel predikat (%(l)s).")
                % {"p": target_predicate, "l": ", ".join(letters)}
            }
        )
    clash = PemdaResult.objects.filter(pemda=pemda, year=year)
    if result is not None:
        clash = clash.exclude(pk=result.pk)
    if clash.exists():
        raise ValidationError(
            {"year": _("Hasil evaluasi tahun %(y)s sudah dicatat; ubah data yang ada.") % {"y": year}}
        )
    rows = _clean_scores(scores, total)
    try:
        letter = predicate(total, bands).letter
    except LkeError as exc:
        raise ValidationError({"score": exc.messages}) from exc
    if result is None:
        record = PemdaResult(pemda=pemda)
    else:
        record = PemdaResult.objects.select_for_update().get(pk=result.pk)
    record.year, record.score, record.predicate, record.target_predicate = year, total, letter, target_predicate
    record.letter_number, record.letter_date = (letter_number or "").strip(), letter_date
    record.notes, record.recorded_by = (notes or "").strip(), user
    record.full_clean()
    record.save()
    record.scores.all().delete()
    for row in rows:
        row.result = record
    PemdaResultScore.objects.bulk_create(rows)
    if result is not None:
        _refresh(result, record)
        return result
    return record


@transaction.atomic
def pemda_result_delete(*, user, result: PemdaResult) -> None:
    """Delete a result recorded by mistake; refused once its recommendations are being followed up."""
    if not can_manage(user, result.pemda_id):
        raise _deny()
    recommendations = Recommendation.objects.filter(pemda_result=result)
    if (
        recommendations.exclude(status=Status.BELUM).exists()
        or FollowUpEvidence.objects.filter(recommendation__in=recommendations).exists()
    ):
        raise ValidationError(
            _("Hasil ini memiliki rekomendasi yang sudah ditindaklanjuti sehingga tidak dapat dihapus.")
        )
    result.delete()
