"""Helpers shared by the LKE pages: stage windows for display, answer scales, service errors as
messages, and the read-only reason of a worksheet side."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.lib.dates import format_date

from .. import lke_services
from ..lke_models import Evaluation, EvaluationRound
from ..lke_template import ANSWER_CHOICES

STAGE_LABELS = {
    "self": gettext_lazy("Penilaian mandiri"),
    "evaluation": gettext_lazy("Evaluasi"),
    "review": gettext_lazy("Reviu ketua tim"),
    "response": gettext_lazy("Tanggapan unit"),
}
ANSWER_LABELS = {"Y": gettext_lazy("Ya, terpenuhi"), "T": gettext_lazy("Tidak terpenuhi")}


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS[stage])


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    start: object
    end: object
    state: str  # upcoming | open | closed

    @property
    def badge(self) -> str:
        return {"open": "badge-success", "upcoming": "badge-info"}.get(self.state, "badge-muted")

    @property
    def state_label(self) -> str:
        return {"open": _("Dibuka"), "upcoming": _("Belum dibuka")}.get(self.state, _("Ditutup"))


def round_today(round: EvaluationRound):
    return timezone.localdate(timezone.now(), round.pemda.tz)


def stage_rows(round: EvaluationRound) -> list[StageRow]:
    today = round_today(round)
    rows = []
    for stage in lke_services.STAGES:
        start, end = lke_services.stage_window(round, stage)
        state = lke_services.stage_state(round, stage, today=today)
        rows.append(StageRow(stage, stage_label(stage), start, end, state))
    return rows


def closed_reason(round: EvaluationRound, stage: str) -> str:
    """Why a stage refuses writes today ("" when it is open)."""
    state = lke_services.stage_state(round, stage, today=round_today(round))
    start, end = lke_services.stage_window(round, stage)
    label = stage_label(stage)
    if state == "upcoming":
        return _("Tahap %(stage)s baru dibuka pada %(date)s.") % {"stage": label.lower(), "date": format_date(start)}
    if state == "closed":
        return _("Tahap %(stage)s sudah ditutup pada %(date)s.") % {"stage": label.lower(), "date": format_date(end)}
    return ""


def answer_options(answer_type: str) -> list[tuple[str, str]]:
    return [(code, str(ANSWER_LABELS.get(code, code))) for code in ANSWER_CHOICES.get(answer_type, ())]


def answer_label(code: str) -> str:
    return str(ANSWER_LABELS.get(code, code)) if code else ""


def error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def flash_errors(request, exc: ValidationError) -> None:
    for message in error_messages(exc):
        messages.error(request, message)


def form_errors(form) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


STATUS_BADGE = {
    Evaluation.Status.SELF: "badge-muted",
    Evaluation.Status.EVALUATING: "badge-info",
    Evaluation.Status.REVIEW: "badge-warning",
    Evaluation.Status.PUBLISHED: "badge-success",
    Evaluation.Status.RESPONDED: "badge-warning",
    Evaluation.Status.FINAL: "badge-success",
}


def status_badge(status: str) -> str:
    return STATUS_BADGE.get(status, "badge-muted")
