"""Writes of the LKE evaluation (rounds, teams, answers, evidence, workflow). Every interface (pages,
API, demo, admin) goes through these functions, so each rule and access check is the same everywhere.

Conventions (as ``evaluations.services``): keyword-only, ``@transaction.atomic``; problems raise
Django ``ValidationError`` in Bahasa Indonesia; a user who may not act raises ``PermissionDenied``.

This module holds rounds and teams and re-exports the rest:
:mod:`evaluations.lke_services_core` (stage windows, scoring), :mod:`evaluations.lke_services_answers`
(answers, qualifiers, notes, evidence) and :mod:`evaluations.lke_services_workflow` (transitions).

Workflow of one unit's worksheet::

    self ──self_submit──▶ evaluating ──submit_review──▶ review ──publish──▶ published ──finalize──▶ final
                              ▲                            │                  │
                              └────────── return ──────────┘               respond
                                                                              ▼
                                                         final ◀──resolve── responded
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import lke_data
from evaluations.lke_models import (
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    EvaluationTeam,
    LkeCriterion,
    LkeTemplate,
)
from evaluations.lke_selectors import can_manage
from evaluations.lke_services_answers import (  # noqa: F401
    answer_evaluate,
    answer_self,
    answers_save,
    component_note_set,
    evidence_add,
    evidence_delete,
    qualifier_set,
)
from evaluations.lke_services_core import (  # noqa: F401
    STAGE_LABELS,
    STAGES,
    evaluation_result,
    local_today,
    require_that,
    stage_open,
    stage_state,
    stage_window,
)
from evaluations.lke_services_workflow import (  # noqa: F401
    evaluation_finalize,
    evaluation_publish,
    evaluation_resolve_response,
    evaluation_respond,
    evaluation_return,
    evaluation_self_submit,
    evaluation_submit_review,
)
from evaluations.lke_template import template_problems
from sakip.core.models import FiscalYear, RoleAssignment, Unit
from sakip.lib.dates import format_date

RoundStatus = EvaluationRound.Status
Status = Evaluation.Status
WINDOW_FIELDS = {
    "self": ("self_start", "self_end"),
    "evaluation": ("eval_start", "eval_end"),
    "review": ("review_start", "review_end"),
    "response": ("response_start", "response_end"),
}
ROUND_TEXT_FIELDS = ("name", "basis", "scope", "lhe_number_prefix")


def _manager(user, pemda_id: int) -> None:
    require_that(getattr(user, "pemda_id", None) == pemda_id and can_manage(user))


def _windows_problems(windows: dict) -> list[str]:
    problems = []
    missing = [str(STAGE_LABELS[s]) for s in STAGES if not windows.get(s)]
    if missing:
        return [_("Jadwal tahap berikut belum diisi: %(s)s.") % {"s": ", ".join(missing)}]
    unknown = sorted(set(windows) - set(STAGES))
    if unknown:
        problems.append(_("Tahap tidak dikenal: %(s)s.") % {"s": ", ".join(unknown)})
    for stage in STAGES:
        start, end = windows[stage]
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            problems.append(_("Tanggal tahap %(s)s tidak valid.") % {"s": str(STAGE_LABELS[stage]).lower()})
        elif start > end:
            problems.append(
                _("Tahap %(s)s: tanggal mulai (%(a)s) setelah tanggal selesai (%(b)s).")
                % {"s": str(STAGE_LABELS[stage]).lower(), "a": format_date(start), "b": format_date(end)}
            )
    if problems:
        return problems
    for before, after in zip(STAGES, STAGES[1:], strict=False):
        (b_start, b_end), (a_start, a_end) = windows[before], windows[after]
        if a_start < b_start or a_end < b_end:
            problems.append(
                _("Tahap %(a)s harus dimulai dan selesai tidak lebih awal dari tahap %(b)s.")
                % {"a": str(STAGE_LABELS[after]).lower(), "b": str(STAGE_LABELS[before]).lower()}
            )
    return problems


def _apply_windows(round: EvaluationRound, windows: dict) -> None:
    current = {s: (getattr(round, a, None), getattr(round, b, None)) for s, (a, b) in WINDOW_FIELDS.items()}
    merged = {**current, **windows} if round.pk else dict(windows)
    problems = _windows_problems(merged)
    if problems:
        raise ValidationError({"windows": problems})
    for stage, (start, end) in merged.items():
        a, b = WINDOW_FIELDS[stage]
        setattr(round, a, start)
        setattr(round, b, end)


def _check_template(template: LkeTemplate, pemda_id: int) -> None:
    if template.pemda_id != pemda_id:
        raise ValidationError({"template": _("Templat tidak ditemukan di Pemda ini.")})
    if not template.is_active:
        raise ValidationError({"template": _("Templat %(t)s tidak aktif.") % {"t": template}})
    problems = template_problems(lke_data.to_pure(template))
    if problems:
        raise ValidationError({"template": problems})


# --- rounds ---------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    user,
    fiscal_year: FiscalYear,
    template: LkeTemplate,
    name: str,
    windows: dict,
    basis: str = "",
    scope: str = "",
    lhe_number_prefix: str = "",
) -> EvaluationRound:
    """A draft round evaluating ``fiscal_year`` on ``template`` (one round per year)."""
    _manager(user, fiscal_year.pemda_id)
    _check_template(template, fiscal_year.pemda_id)
    if EvaluationRound.objects.filter(pemda_id=fiscal_year.pemda_id, fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": _("Putaran evaluasi tahun %(y)s sudah ada.") % {"y": fiscal_year.year}})
    round = EvaluationRound(
        pemda_id=fiscal_year.pemda_id,
        fiscal_year=fiscal_year,
        template=template,
        name=(name or "").strip(),
        basis=basis,
        scope=scope,
        lhe_number_prefix=lhe_number_prefix,
    )
    _apply_windows(round, windows)
    round.full_clean()
    round.save()
    return round


@transaction.atomic
def round_update(*, user, round: EvaluationRound, **fields) -> EvaluationRound:
    """Change name, basis, scope, LHE prefix, ``windows`` (dict of stages) or ``template`` (draft only)."""
    _manager(user, round.pemda_id)
    round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("Putaran evaluasi sudah selesai dan tidak dapat diubah."))
    unknown = sorted(set(fields) - {*ROUND_TEXT_FIELDS, "windows", "template"})
    if unknown:
        raise ValidationError(_("Isian tidak dikenal: %(f)s.") % {"f": ", ".join(unknown)})
    if "template" in fields and fields["template"].pk != round.template_id:
        if round.status != RoundStatus.DRAFT:
            raise ValidationError({"template": _("Templat hanya dapat diganti sebelum putaran dibuka.")})
        _check_template(fields["template"], round.pemda_id)
        round.template = fields["template"]
    for name in ROUND_TEXT_FIELDS:
        if name in fields:
            setattr(round, name, (fields[name] or "").strip())
    if "windows" in fields:
        _apply_windows(round, fields["windows"])
    round.full_clean()
    round.save()
    return round


def _default_units(pemda_id: int):
    return Unit.objects.filter(pemda_id=pemda_id, is_active=True).exclude(type=Unit.Type.INSPEKTORAT)


@transaction.atomic
def round_open(*, user, round: EvaluationRound, units=None) -> int:
    """Open the round: freeze the template, create a worksheet per unit (default: every active unit
    but the Inspektorat). Idempotent; returns the number of worksheets created."""
    _manager(user, round.pemda_id)
    round = EvaluationRound.objects.select_for_update().select_related("template").get(pk=round.pk)
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("Putaran evaluasi sudah selesai."))
    template = round.template
    if round.status == RoundStatus.DRAFT:
        _check_template(template, round.pemda_id)
    units = list(_default_units(round.pemda_id) if units is None else units)
    foreign = [u for u in units if u.pemda_id != round.pemda_id]
    if foreign:
        raise ValidationError({"units": _("Unit harus berasal dari Pemda yang sama.")})
    now = timezone.now()
    if template.frozen_at is None:
        LkeTemplate.objects.filter(pk=template.pk).update(frozen_at=now)
    if round.status == RoundStatus.DRAFT:
        round.status, round.opened_at, round.opened_by = RoundStatus.OPEN, now, user
        round.save(update_fields=["status", "opened_at", "opened_by", "updated_at"])
    existing = set(Evaluation.objects.filter(round=round).values_list("unit_id", flat=True))
    created = [Evaluation(pemda_id=round.pemda_id, round=round, unit=u) for u in units if u.pk not in existing]
    for evaluation in created:
        evaluation.save()
    criteria = list(
        LkeCriterion.objects.filter(subcomponent__component__template=template).values_list("pk", flat=True)
    )
    answers = [
        CriterionAnswer(evaluation=e, criterion_id=c) for e in Evaluation.objects.filter(round=round) for c in criteria
    ]
    CriterionAnswer.objects.bulk_create(answers, ignore_conflicts=True)
    return len(created)


@transaction.atomic
def round_close(*, user, round: EvaluationRound) -> EvaluationRound:
    """Close the round once every worksheet is final."""
    _manager(user, round.pemda_id)
    round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("Hanya putaran yang sedang berjalan yang dapat ditutup."))
    pending = list(
        Evaluation.objects.filter(round=round)
        .exclude(status=Status.FINAL)
        .select_related("unit")
        .order_by("unit__code")
    )
    if pending:
        raise ValidationError(
            _("Putaran belum dapat ditutup; evaluasi unit berikut belum final: %(u)s.")
            % {"u": ", ".join(e.unit.label for e in pending)}
        )
    round.status, round.closed_at = RoundStatus.CLOSED, timezone.now()
    round.save(update_fields=["status", "closed_at", "updated_at"])
    return round


# --- teams ----------------------------------------------------------------------------------


def _check_evaluators(pemda_id: int, users) -> None:
    ids = {u.pk for u in users}
    ok = set(
        RoleAssignment.objects.filter(
            pemda_id=pemda_id, user_id__in=ids, role=RoleAssignment.Role.EVALUATOR, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    wrong = [u for u in users if u.pk not in ok]
    if wrong:
        raise ValidationError(
            {
                "members": _("Bukan evaluator aktif di Pemda ini: %(n)s.")
                % {"n": ", ".join(sorted({u.full_name or u.username for u in wrong}))}
            }
        )


@transaction.atomic
def team_save(*, user, round: EvaluationRound, name: str, lead, members, team: EvaluationTeam | None = None):
    """Create or change a team; lead and members must hold the evaluator role in the Pemda."""
    _manager(user, round.pemda_id)
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("Putaran evaluasi sudah selesai."))
    if team is not None and team.round_id != round.pk:
        raise ValidationError(_("Tim bukan bagian dari putaran ini."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama tim wajib diisi.")})
    if lead is None:
        raise ValidationError({"lead": _("Ketua tim wajib dipilih.")})
    members = [m for m in dict.fromkeys(members or []) if m.pk != lead.pk]
    _check_evaluators(round.pemda_id, [lead, *members])
    clash = EvaluationTeam.objects.filter(round=round, name__iexact=name)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise ValidationError({"name": _("Nama tim %(n)s sudah dipakai di putaran ini.") % {"n": name}})
    team = team or EvaluationTeam(pemda_id=round.pemda_id, round=round)
    team.name, team.lead = name, lead
    team.full_clean()
    team.save()
    team.members.set(members)
    return team


@transaction.atomic
def team_assign(*, user, team: EvaluationTeam, units) -> int:
    """Assign the worksheets of ``units`` in the team's round to the team; returns how many."""
    _manager(user, team.pemda_id)
    unit_ids = {getattr(u, "pk", u) for u in units}
    evaluations = Evaluation.objects.filter(round_id=team.round_id, unit_id__in=unit_ids)
    found = set(evaluations.values_list("unit_id", flat=True))
    missing = unit_ids - found
    if missing:
        labels = Unit.objects.filter(pk__in=missing).order_by("code")
        raise ValidationError(
            {"units": _("Unit berikut tidak termasuk putaran ini: %(u)s.") % {"u": ", ".join(u.label for u in labels)}}
        )
    return evaluations.update(team=team, updated_at=timezone.now())


@transaction.atomic
def team_delete(*, user, team: EvaluationTeam) -> None:
    """Delete a team whose worksheets are not yet reviewed (they become unassigned)."""
    _manager(user, team.pemda_id)
    busy = Evaluation.objects.filter(team=team).exclude(status__in=(Status.SELF, Status.EVALUATING))
    if busy.exists():
        raise ValidationError(_("Tim tidak dapat dihapus karena sudah ada lembar kerja yang direviu atau diterbitkan."))
    team.delete()
