"""Shared pieces of the LKE workflow services: stage windows, scoring of a worksheet, history, notices.

Imported by :mod:`evaluations.lke_services` (which re-exports the public names), by the split
service modules and by :mod:`evaluations.lke_selectors`. No access checks here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluations import lke, lke_data
from evaluations.lke_models import (
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    ScoreChange,
    SubComponentQualifier,
)
from evaluations.lke_template import LkeError, Template
from sakip.core.models import Notification, RoleAssignment, User
from sakip.lib.dates import format_date

Status = Evaluation.Status
Side = ScoreChange.Side

STAGES = ("self", "evaluation", "review", "response")
STAGE_FIELDS = {
    "self": ("self_start", "self_end"),
    "evaluation": ("eval_start", "eval_end"),
    "review": ("review_start", "review_end"),
    "response": ("response_start", "response_end"),
}
STAGE_LABELS = {
    "self": gettext_lazy("Penilaian mandiri"),
    "evaluation": gettext_lazy("Evaluasi"),
    "review": gettext_lazy("Reviu ketua tim"),
    "response": gettext_lazy("Tanggapan unit"),
}
PUBLISHED = (Status.PUBLISHED, Status.RESPONDED, Status.FINAL)


# --- errors ---------------------------------------------------------------------------------


def deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def require_that(allowed: bool) -> None:
    if not allowed:
        raise deny()


def lke_error(exc: LkeError, field: str | None = None) -> ValidationError:
    return ValidationError({field: exc.messages} if field else exc.messages)


# --- stage windows --------------------------------------------------------------------------


def local_today(pemda) -> dt.date:
    """Today's date in the Pemda's time zone."""
    return timezone.now().astimezone(pemda.tz).date()


def stage_window(round: EvaluationRound, stage: str) -> tuple[dt.date, dt.date]:
    """The inclusive date window ``(start, end)`` of ``stage`` (one of :data:`STAGES`)."""
    if stage not in STAGE_FIELDS:
        raise ValueError(f"unknown stage {stage!r}")
    start, end = STAGE_FIELDS[stage]
    return getattr(round, start), getattr(round, end)


def stage_state(round: EvaluationRound, stage: str, *, today: dt.date | None = None) -> str:
    """``"upcoming"``, ``"open"`` or ``"closed"`` for ``today`` (default: today in the Pemda's zone)."""
    start, end = stage_window(round, stage)
    today = today or local_today(round.pemda)
    if today < start:
        return "upcoming"
    if today > end:
        return "closed"
    return "open"


def stage_open(round: EvaluationRound, stage: str, *, today: dt.date | None = None) -> bool:
    return stage_state(round, stage, today=today) == "open"


def stage_message(round: EvaluationRound, stage: str, *, today: dt.date | None = None) -> str:
    """Why a write of ``stage`` is refused today (empty when the stage is open)."""
    state = stage_state(round, stage, today=today)
    start, end = stage_window(round, stage)
    label = str(STAGE_LABELS[stage])
    if state == "upcoming":
        return _("Tahap %(stage)s baru dibuka pada %(date)s.") % {"stage": label.lower(), "date": format_date(start)}
    if state == "closed":
        return _("Tahap %(stage)s sudah ditutup pada %(date)s.") % {"stage": label.lower(), "date": format_date(end)}
    return ""


def ensure_stage_open(round: EvaluationRound, stage: str) -> None:
    message = stage_message(round, stage)
    if message:
        raise ValidationError(message)


def ensure_stage_not_closed(round: EvaluationRound, stage: str) -> None:
    if stage_state(round, stage) == "closed":
        raise ValidationError(stage_message(round, stage))


# --- scoring --------------------------------------------------------------------------------


# the stored template as rows and as a pure template: ``lke_data`` (re-exported for the selectors)
pure_from_rows = lke_data.pure_from_rows
template_rows = lke_data.template_rows


def qualifier_of(row: SubComponentQualifier) -> lke.Qualifier:
    return lke.Qualifier(years_kept=row.years_kept, innovation=row.innovation or None)


def compute_result(pure: Template, answers, qualifiers, bands, *, side: str) -> lke.LkeResult:
    """Score answers (CriterionAnswer rows with ``criterion`` loaded) on one side."""
    field = "self_answer" if side == Side.SELF else "answer"
    given = {a.criterion.code: getattr(a, field) for a in answers if getattr(a, field)}
    quals = {} if side == Side.SELF else {q.subcomponent.code: qualifier_of(q) for q in qualifiers}
    return lke.score_template(pure, given, quals, bands)


def evaluation_result(evaluation: Evaluation, *, side: str = "evaluator") -> lke.LkeResult:
    """The live result of ``evaluation`` from its answers (``side`` "self": self answers, no qualifiers)."""
    round = evaluation.round
    pure = lke_data.to_pure(round.template)
    answers = list(CriterionAnswer.objects.filter(evaluation=evaluation).select_related("criterion"))
    qualifiers = (
        []
        if side == Side.SELF
        else list(SubComponentQualifier.objects.filter(evaluation=evaluation).select_related("subcomponent"))
    )
    bands = lke_data.bands_for(round.pemda, round.fiscal_year.year)
    return compute_result(pure, answers, qualifiers, bands, side=side)


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def result_json(result: lke.LkeResult, *, template: Template | None = None) -> dict:
    """The frozen form of a result (stored in ``Evaluation.result``; decimals as text)."""
    kinds = {s.code: s.kind for s in template.subcomponents()} if template else {}
    return {
        "method": template.method if template else "",
        "total": str(result.total),
        "total_exact": str(result.total_exact),
        "predicate": result.predicate.letter,
        "predicate_label": result.predicate.label,
        "unanswered": result.unanswered,
        "frozen_at": timezone.now().isoformat(),
        "components": [
            {
                "code": c.code,
                "name": c.name,
                "weight": str(c.weight),
                "score": str(c.display),
                "score_exact": str(c.score),
                "subcomponents": [
                    {
                        "code": s.code,
                        "name": s.name,
                        "kind": kinds.get(s.code, ""),
                        "weight": str(s.weight),
                        "score": str(s.display),
                        "score_exact": str(s.score),
                        "criteria": s.criteria,
                        "answered": s.answered,
                        "fulfilled": s.fulfilled,
                        "percent": _d(s.percent),
                        "grade": s.grade,
                        "value": str(s.value),
                    }
                    for s in c.subcomponents
                ],
            }
            for c in result.components
        ],
    }


def record_change(evaluation, *, user, side, criterion=None, old="", new="", reason="") -> None:
    if (old or "") == (new or ""):
        return
    ScoreChange.objects.create(
        evaluation=evaluation,
        criterion=criterion,
        side=side,
        stage=evaluation.status,
        old_value=(old or "")[:20],
        new_value=(new or "")[:20],
        reason=reason,
        changed_by=user,
    )


def store_total(evaluation: Evaluation, result: lke.LkeResult, *, user, side: str, reason: str = "") -> None:
    """Put the total and predicate of ``result`` on the evaluation (one side) and log a change."""
    score_field, predicate_field = ("self_score", "self_predicate") if side == Side.SELF else ("score", "predicate")
    old = getattr(evaluation, score_field)
    setattr(evaluation, score_field, result.total)
    setattr(evaluation, predicate_field, result.predicate.letter)
    evaluation.save(update_fields=[score_field, predicate_field, "updated_at"])
    record_change(
        evaluation,
        user=user,
        side=side,
        old="" if old is None else str(Decimal(old).quantize(Decimal("0.01"))),
        new=str(result.total),
        reason=reason,
    )


def rescore(evaluation: Evaluation, *, user, side: str) -> lke.LkeResult:
    """Recompute and store one side's live total (the evaluator total only before publication)."""
    result = evaluation_result(evaluation, side=side)
    if side == Side.SELF or evaluation.status in (Status.EVALUATING, Status.REVIEW, Status.SELF):
        store_total(evaluation, result, user=user, side=side)
    return result


# --- notices --------------------------------------------------------------------------------


def evaluation_url(evaluation: Evaluation) -> str:
    for name in ("evaluations:lke_worksheet", "evaluations:lke_evaluation", "evaluations:worksheet"):
        try:
            return reverse(name, kwargs={"uid": evaluation.uid})
        except NoReverseMatch:
            continue
    return ""


def unit_users(unit_id: int) -> list[User]:
    roles = (RoleAssignment.Role.OPERATOR, RoleAssignment.Role.KEPALA)
    return list(
        User.objects.filter(is_active=True, roles__unit_id=unit_id, roles__role__in=roles).distinct().order_by("id")
    )


def team_users(evaluation: Evaluation, *, lead_only: bool = False) -> list[User]:
    team = evaluation.team
    if team is None:
        return []
    users = [team.lead] if lead_only else [team.lead, *team.members.all()]
    return [u for u in dict.fromkeys(users) if u.is_active]


def notify(users, *, evaluation: Evaluation, title: str, body: str = "", action: str = "") -> int:
    """In-portal notices, one per user and event (idempotent within the same millisecond event key)."""
    url = evaluation_url(evaluation)
    key = f"lke:{action}:{evaluation.uid}:{int(timezone.now().timestamp() * 1000)}"[:120]
    rows = [
        Notification(pemda_id=evaluation.pemda_id, user=u, title=title[:200], body=body, url=url[:300], key=key)
        for u in users
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
