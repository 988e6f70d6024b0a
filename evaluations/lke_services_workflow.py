"""Workflow of a unit's worksheet: submit, review, return, publish, respond, resolve, finalise.

Re-exported by :mod:`evaluations.lke_services` (import from there).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import lke_data
from evaluations.lke_models import CriterionAnswer, Evaluation, EvaluationRound, Recommendation
from evaluations.lke_selectors import can_manage, evaluator_problem, may_lead, may_score, may_self_assess
from evaluations.lke_services_answers import _locked, _refresh
from evaluations.lke_services_core import (
    Side,
    Status,
    ensure_stage_not_closed,
    ensure_stage_open,
    evaluation_result,
    local_today,
    notify,
    require_that,
    result_json,
    stage_state,
    store_total,
    team_users,
    unit_users,
)
from sakip.lib.dates import format_date

RECOMMENDATION_DAYS = 90


def _status_error(ev: Evaluation, expected: str) -> ValidationError:
    return ValidationError(
        _("Tindakan ini hanya untuk lembar kerja berstatus %(e)s; status sekarang %(s)s.")
        % {"e": Status(expected).label.lower(), "s": ev.get_status_display().lower()}
    )


def _expect(ev: Evaluation, status: str) -> None:
    if ev.status != status:
        raise _status_error(ev, status)


def _unanswered(ev: Evaluation, field: str) -> list[str]:
    return list(
        CriterionAnswer.objects.filter(evaluation=ev, **{field: ""})
        .order_by("criterion__subcomponent__component__order", "criterion__subcomponent__order", "criterion__order")
        .values_list("criterion__code", flat=True)
    )


def _save(ev: Evaluation, original: Evaluation, *fields: str) -> None:
    ev.save(update_fields=[*fields, "updated_at"])
    _refresh(original, ev)


@transaction.atomic
def evaluation_self_submit(*, user, evaluation: Evaluation) -> Evaluation:
    """self → evaluating. The unit sends a complete self-assessment while the self stage is open; a
    manager (admin, ketua tim) may move an incomplete one on once the self stage has closed."""
    managing = can_manage(user) and getattr(user, "pemda_id", None) == evaluation.pemda_id
    require_that(may_self_assess(user, evaluation) or managing)
    ev = _locked(evaluation)
    _expect(ev, Status.SELF)
    late_push = managing and stage_state(ev.round, "self") == "closed"
    if not late_push:
        ensure_stage_open(ev.round, "self")
        missing = _unanswered(ev, "self_answer")
        if missing:
            raise ValidationError(
                _("Penilaian mandiri belum lengkap; kriteria berikut belum dijawab: %(c)s.") % {"c": ", ".join(missing)}
            )
    ev.status, ev.self_submitted_at, ev.self_submitted_by = Status.EVALUATING, timezone.now(), user
    _save(ev, evaluation, "status", "self_submitted_at", "self_submitted_by")
    notify(
        team_users(ev),
        evaluation=ev,
        action="self-submit",
        title=_("Penilaian mandiri %(u)s siap dievaluasi") % {"u": ev.unit.label},
    )
    return evaluation


@transaction.atomic
def evaluation_submit_review(*, user, evaluation: Evaluation) -> Evaluation:
    """evaluating → review: every criterion has the evaluator's answer."""
    require_that(may_score(user, evaluation))
    ev = _locked(evaluation)
    _expect(ev, Status.EVALUATING)
    problem = evaluator_problem(user, ev)
    if problem:
        raise ValidationError(problem)
    missing = _unanswered(ev, "answer")
    if missing:
        raise ValidationError(
            _("Evaluasi belum lengkap; kriteria berikut belum dijawab evaluator: %(c)s.") % {"c": ", ".join(missing)}
        )
    ev.status, ev.evaluated_at, ev.evaluated_by = Status.REVIEW, timezone.now(), user
    _save(ev, evaluation, "status", "evaluated_at", "evaluated_by")
    notify(
        team_users(ev, lead_only=True),
        evaluation=ev,
        action="review",
        title=_("Lembar kerja %(u)s menunggu reviu") % {"u": ev.unit.label},
    )
    return evaluation


def _review_checks(user, evaluation: Evaluation) -> Evaluation:
    require_that(may_lead(user, evaluation))
    ev = _locked(evaluation)
    _expect(ev, Status.REVIEW)
    ensure_stage_not_closed(ev.round, "review")
    return ev


@transaction.atomic
def evaluation_return(*, user, evaluation: Evaluation, note: str) -> Evaluation:
    """review → evaluating with the lead's note (the team can fix it until the review window closes)."""
    ev = _review_checks(user, evaluation)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan reviu: apa yang harus diperbaiki.")})
    ev.status, ev.review_note, ev.reviewed_at, ev.reviewed_by = Status.EVALUATING, note, timezone.now(), user
    _save(ev, evaluation, "status", "review_note", "reviewed_at", "reviewed_by")
    notify(
        team_users(ev),
        evaluation=ev,
        action="return",
        title=_("Lembar kerja %(u)s dikembalikan ketua tim") % {"u": ev.unit.label},
        body=note,
    )
    return evaluation


def _freeze(ev: Evaluation, *, user, reason: str = "") -> None:
    """Store the current evaluator result as the published one (components, totals)."""
    result = evaluation_result(ev, side=Side.EVALUATOR)
    if result.unanswered:
        raise ValidationError(_("Masih ada %(n)s kriteria yang belum dijawab evaluator.") % {"n": result.unanswered})
    ev.result = result_json(result, template=lke_data.to_pure(ev.round.template))
    ev.save(update_fields=["result", "updated_at"])
    store_total(ev, result, user=user, side=Side.EVALUATOR, reason=reason)


def lhe_number_pattern(prefix: str) -> re.Pattern:
    """The LHE numbers of a round: the prefix with ``{no}`` standing for the sequence (or the
    sequence appended to the prefix)."""
    if "{no}" in prefix:
        head, _sep, tail = prefix.partition("{no}")
        return re.compile(re.escape(head) + r"(\d+)" + re.escape(tail) + "$")
    return re.compile(re.escape(prefix) + r"(\d+)$")


def _next_lhe_number(round: EvaluationRound) -> str:
    """The round's prefix with the next sequence number (001, 002 …), under a lock on the round."""
    EvaluationRound.objects.select_for_update().filter(pk=round.pk).first()
    pattern = lhe_number_pattern(round.lhe_number_prefix)
    numbers = Evaluation.objects.filter(round=round).exclude(lhe_number="").values_list("lhe_number", flat=True)
    seq = max((int(m.group(1)) for m in map(pattern.match, numbers) if m), default=0) + 1
    prefix = round.lhe_number_prefix
    if "{no}" in prefix:
        return prefix.replace("{no}", f"{seq:03d}", 1)
    return f"{prefix}{seq:03d}"


def _sync_recommendations(ev: Evaluation, lhe_date: dt.date) -> int:
    """One recommendation per evaluator recommendation text not yet turned into one."""
    have = set(Recommendation.objects.filter(evaluation=ev).values_list("criterion_id", "text"))
    rows = [
        Recommendation(
            pemda_id=ev.pemda_id,
            evaluation=ev,
            component_code=a.criterion.subcomponent.component.code,
            criterion=a.criterion,
            text=a.recommendation,
            owner_id=ev.unit_id,
            due_date=lhe_date + dt.timedelta(days=RECOMMENDATION_DAYS),
        )
        for a in CriterionAnswer.objects.filter(evaluation=ev)
        .exclude(recommendation="")
        .select_related("criterion__subcomponent__component")
        .order_by("criterion__subcomponent__component__order", "criterion__subcomponent__order", "criterion__order")
        if (a.criterion_id, a.recommendation) not in have
    ]
    Recommendation.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def evaluation_publish(*, user, evaluation: Evaluation, lhe_date: dt.date | None = None) -> Evaluation:
    """review → published: freeze the result, number the LHE, create the recommendations, tell the unit."""
    ev = _review_checks(user, evaluation)
    _freeze(ev, user=user)
    now = timezone.now()
    ev.lhe_date = lhe_date or local_today(ev.round.pemda)
    if not ev.lhe_number:
        ev.lhe_number = _next_lhe_number(ev.round)
    ev.status, ev.published_at, ev.reviewed_at, ev.reviewed_by = Status.PUBLISHED, now, now, user
    _save(ev, evaluation, "status", "published_at", "reviewed_at", "reviewed_by", "lhe_date", "lhe_number")
    _sync_recommendations(ev, ev.lhe_date)
    notify(
        unit_users(ev.unit_id),
        evaluation=ev,
        action="publish",
        title=_("Hasil evaluasi AKIP %(u)s diterbitkan: %(s)s (%(p)s)")
        % {"u": ev.unit.label, "s": ev.score, "p": ev.predicate},
        body=_("Tanggapan dapat disampaikan sampai %(d)s.") % {"d": format_date(ev.round.response_end)},
    )
    return evaluation


@transaction.atomic
def evaluation_respond(*, user, evaluation: Evaluation, text: str) -> Evaluation:
    """published → responded: the unit's response within the response window."""
    require_that(may_self_assess(user, evaluation))
    ev = _locked(evaluation)
    _expect(ev, Status.PUBLISHED)
    ensure_stage_open(ev.round, "response")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tuliskan tanggapan unit.")})
    ev.status, ev.response, ev.responded_at, ev.responded_by = Status.RESPONDED, text, timezone.now(), user
    _save(ev, evaluation, "status", "response", "responded_at", "responded_by")
    notify(
        team_users(ev),
        evaluation=ev,
        action="respond",
        title=_("%(u)s menanggapi hasil evaluasi") % {"u": ev.unit.label},
        body=text[:500],
    )
    return evaluation


@transaction.atomic
def evaluation_resolve_response(*, user, evaluation: Evaluation, outcome: str, note: str) -> Evaluation:
    """responded → final: the score is revised (re-frozen from the current answers) or kept."""
    require_that(may_score(user, evaluation))
    ev = _locked(evaluation)
    _expect(ev, Status.RESPONDED)
    if outcome not in Evaluation.ResponseOutcome.values:
        raise ValidationError({"outcome": _("Pilih: nilai direvisi atau nilai tetap.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan jawaban atas tanggapan unit.")})
    if outcome == Evaluation.ResponseOutcome.REVISED:
        _freeze(ev, user=user, reason=note)
        _sync_recommendations(ev, ev.lhe_date or local_today(ev.round.pemda))
    ev.status, ev.response_outcome, ev.response_note = Status.FINAL, outcome, note
    ev.finalized_at, ev.finalized_by = timezone.now(), user
    _save(ev, evaluation, "status", "response_outcome", "response_note", "finalized_at", "finalized_by")
    notify(
        unit_users(ev.unit_id),
        evaluation=ev,
        action="resolve",
        title=_("Tanggapan %(u)s dijawab; hasil evaluasi final: %(s)s (%(p)s)")
        % {"u": ev.unit.label, "s": ev.score, "p": ev.predicate},
        body=note,
    )
    return evaluation


@transaction.atomic
def evaluation_finalize(*, user, evaluation: Evaluation) -> Evaluation:
    """published → final without a response: after the response window (team lead), or any time by a manager."""
    require_that(may_lead(user, evaluation))
    ev = _locked(evaluation)
    _expect(ev, Status.PUBLISHED)
    if not can_manage(user) and stage_state(ev.round, "response") != "closed":
        raise ValidationError(
            _("Hasil baru dapat difinalkan setelah masa tanggapan berakhir pada %(d)s.")
            % {"d": format_date(ev.round.response_end)}
        )
    ev.status, ev.finalized_at, ev.finalized_by = Status.FINAL, timezone.now(), user
    _save(ev, evaluation, "status", "finalized_at", "finalized_by")
    return evaluation
