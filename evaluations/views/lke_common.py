"""Helpers shared by the LKE pages: the stage windows for display, service errors as messages, and
the badge of a worksheet status."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import lke_services
from ..lke_models import Evaluation, EvaluationRound


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    start: object
    end: object
    state: str  # upcoming | open | closed (``lke_services.stage_state``, in the Pemda's time zone)

    @property
    def badge(self) -> str:
        return {"open": "badge-success", "upcoming": "badge-info"}.get(self.state, "badge-muted")

    @property
    def state_label(self) -> str:
        return {"open": _("Dibuka"), "upcoming": _("Belum dibuka")}.get(self.state, _("Ditutup"))


def stage_rows(round: EvaluationRound) -> list[StageRow]:
    rows = []
    for stage in lke_services.STAGES:
        start, end = lke_services.stage_window(round, stage)
        label = str(lke_services.STAGE_LABELS[stage])
        rows.append(StageRow(stage, label, start, end, lke_services.stage_state(round, stage)))
    return rows


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
