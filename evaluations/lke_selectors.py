"""Reads of the LKE workflow, scoped to what the user may see, and the access questions.

Access (helper brief): another Pemda's object is 404. ``P.EVAL_MANAGE`` (admin, ketua tim):
everything of the Pemda. Evaluators (``P.EVAL_SCORE``): evaluations of units assigned to a team
where they are lead or member. Unit users: their own unit's evaluation; the evaluator's answers,
notes, score and predicate only once published. Pimpinan: published evaluations, read-only.

``can_*`` answer "may this user do this *now*" (role, status and stage window), for buttons; the
services ask the same questions and explain a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from agreements.models import Agreement
from evaluations import lke, lke_data
from evaluations.lke_models import (
    AnswerEvidence,
    ComponentNote,
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    EvaluationTeam,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
    ScoreChange,
    SubComponentQualifier,
)
from evaluations.lke_services_core import (
    PUBLISHED,
    Side,
    Status,
    compute_result,
    pure_from_rows,
    stage_message,
    stage_open,
    stage_state,
    template_rows,
)
from evaluations.models import Evidence
from sakip.core.models import RoleAssignment
from sakip.core.permissions import P, has_perm, has_role, own_unit_ids

Role = RoleAssignment.Role
EVALUATION_RELATED = (
    "unit",
    "pemda",
    "round__pemda",
    "round__fiscal_year",
    "round__template",
    "team__lead",
)


# --- who is who -----------------------------------------------------------------------------


def _same_pemda(user, obj) -> bool:
    return getattr(user, "pemda_id", None) is not None and user.pemda_id == obj.pemda_id


def can_manage(user) -> bool:
    """Admin SAKIP or ketua tim: runs the evaluation of the whole Pemda."""
    return has_perm(user, P.EVAL_MANAGE)


def is_team_member(user, evaluation: Evaluation) -> bool:
    """The user is lead or member of the team assigned to the evaluation (and an evaluator)."""
    if evaluation.team_id is None or not has_perm(user, P.EVAL_SCORE):
        return False
    if evaluation.team.lead_id == user.pk:
        return True
    cache = evaluation.__dict__.setdefault("_lke_members", {})
    key = (user.pk, evaluation.team_id)
    if key not in cache:
        cache[key] = EvaluationTeam.members.through.objects.filter(
            evaluationteam_id=evaluation.team_id, user_id=user.pk
        ).exists()
    return cache[key]


def is_team_lead(user, evaluation: Evaluation) -> bool:
    return evaluation.team_id is not None and evaluation.team.lead_id == user.pk and has_perm(user, P.EVAL_SCORE)


def is_unit_user(user, evaluation: Evaluation) -> bool:
    return evaluation.unit_id in own_unit_ids(user) and has_perm(user, P.EVAL_VIEW, unit_id=evaluation.unit_id)


def may_self_assess(user, evaluation: Evaluation) -> bool:
    """Role only: an operator or kepala of the evaluated unit."""
    return _same_pemda(user, evaluation) and has_perm(user, P.EVAL_SELF_ASSESS, unit_id=evaluation.unit_id)


def may_score(user, evaluation: Evaluation) -> bool:
    """Role only: a manager, or an evaluator of the assigned team."""
    return _same_pemda(user, evaluation) and (can_manage(user) or is_team_member(user, evaluation))


def may_lead(user, evaluation: Evaluation) -> bool:
    """Role only: the team's lead, or a manager (review, return, publish, finalise)."""
    return _same_pemda(user, evaluation) and (can_manage(user) or is_team_lead(user, evaluation))


def can_view(user, evaluation: Evaluation) -> bool:
    if not _same_pemda(user, evaluation) or not has_perm(user, P.EVAL_VIEW):
        return False
    if can_manage(user) or is_team_member(user, evaluation) or is_unit_user(user, evaluation):
        return True
    return has_role(user, Role.PIMPINAN) and evaluation.status in PUBLISHED


def can_see_result(user, evaluation: Evaluation) -> bool:
    """The evaluator's answers, notes, score and predicate: managers and the team always; others once published."""
    if not can_view(user, evaluation):
        return False
    return evaluation.status in PUBLISHED or can_manage(user) or is_team_member(user, evaluation)


def result_visibility(user):
    """A function ``evaluation -> bool`` telling whether ``user`` may see its evaluator side, for lists
    of evaluations from :func:`evaluations_for` (one query at most, whatever the number of rows)."""
    if can_manage(user):
        return lambda ev: True
    team_ids: set[int] = set()
    if has_perm(user, P.EVAL_SCORE):
        team_ids = set(EvaluationTeam.objects.filter(Q(lead=user) | Q(members=user)).values_list("pk", flat=True))
    return lambda ev: ev.status in PUBLISHED or ev.team_id in team_ids


# --- what is possible now -------------------------------------------------------------------


def self_problem(evaluation: Evaluation) -> str:
    """Why the unit's side cannot be written now (empty when it can)."""
    if evaluation.status != Status.SELF:
        return _("Penilaian mandiri sudah dikirim; jawaban unit tidak dapat diubah lagi.")
    return stage_message(evaluation.round, "self")


def evaluator_problem(user, evaluation: Evaluation) -> str:
    """Why the evaluator's side cannot be written now by ``user`` (empty when it can)."""
    status, round = evaluation.status, evaluation.round
    if status == Status.EVALUATING:
        if stage_open(round, "evaluation"):
            return ""
        if evaluation.reviewed_at and stage_state(round, "review") != "closed":
            return ""  # returned by the lead: fixable until the review window closes
        return stage_message(round, "evaluation")
    if status == Status.REVIEW:
        if not may_lead(user, evaluation):
            return _("Lembar kerja sedang direviu; hanya ketua tim yang dapat mengubah jawaban evaluator.")
        if stage_state(round, "review") == "closed":
            return stage_message(round, "review")
        return ""
    if status == Status.RESPONDED:
        return ""
    if status == Status.SELF:
        return _("Unit belum mengirim penilaian mandiri; evaluasi belum dapat dimulai.")
    return _("Lembar kerja berstatus %(s)s; jawaban evaluator tidak dapat diubah.") % {
        "s": evaluation.get_status_display().lower()
    }


def can_self_assess(user, evaluation: Evaluation) -> bool:
    return may_self_assess(user, evaluation) and not self_problem(evaluation)


def can_score(user, evaluation: Evaluation) -> bool:
    return may_score(user, evaluation) and not evaluator_problem(user, evaluation)


def can_review(user, evaluation: Evaluation) -> bool:
    return (
        may_lead(user, evaluation)
        and evaluation.status == Status.REVIEW
        and stage_state(evaluation.round, "review") != "closed"
    )


def can_respond(user, evaluation: Evaluation) -> bool:
    return (
        may_self_assess(user, evaluation)
        and evaluation.status == Status.PUBLISHED
        and stage_open(evaluation.round, "response")
    )


def can_finalize(user, evaluation: Evaluation) -> bool:
    if evaluation.status != Status.PUBLISHED:
        return False
    if can_manage(user) and _same_pemda(user, evaluation):
        return True
    return may_lead(user, evaluation) and stage_state(evaluation.round, "response") == "closed"


def allowed_actions(user, evaluation: Evaluation) -> dict[str, bool]:
    """Which buttons ``user`` gets on the worksheet now (the services check again)."""
    scoring = can_score(user, evaluation)
    return {
        "self_assess": can_self_assess(user, evaluation),
        "submit_self": can_self_assess(user, evaluation),
        "score": scoring,
        "submit_review": scoring and evaluation.status == Status.EVALUATING,
        "review": can_review(user, evaluation),
        "return": can_review(user, evaluation),
        "publish": can_review(user, evaluation),
        "respond": can_respond(user, evaluation),
        "resolve": may_score(user, evaluation) and evaluation.status == Status.RESPONDED,
        "finalize": can_finalize(user, evaluation),
    }


# --- querysets ------------------------------------------------------------------------------


def rounds_for(user):
    """Rounds of the user's Pemda: managers all of them, other readers those already opened."""
    qs = EvaluationRound.objects.filter(pemda_id=getattr(user, "pemda_id", None)).select_related(
        "fiscal_year", "template", "pemda"
    )
    if can_manage(user):
        return qs
    if not has_perm(user, P.EVAL_VIEW):
        return qs.none()
    return qs.exclude(status=EvaluationRound.Status.DRAFT)


def evaluations_for(user, *, round: EvaluationRound | None = None):
    """Evaluations the user may open (see the module docstring), with unit, round and team loaded."""
    qs = Evaluation.objects.filter(pemda_id=getattr(user, "pemda_id", None)).select_related(*EVALUATION_RELATED)
    if round is not None:
        qs = qs.filter(round=round)
    if not has_perm(user, P.EVAL_VIEW):
        return qs.none()
    if can_manage(user):
        return qs
    visible = Q(pk__in=[])
    if has_perm(user, P.EVAL_SCORE):
        teams = EvaluationTeam.objects.filter(Q(lead=user) | Q(members=user)).values("pk")
        visible |= Q(team__in=teams)
    units = own_unit_ids(user)
    if units:
        visible |= Q(unit_id__in=units)
    if has_role(user, Role.PIMPINAN):
        visible |= Q(status__in=PUBLISHED)
    return qs.filter(visible)


def evaluation_for(user, uid) -> Evaluation:
    """The evaluation with ``uid`` when the user may see it; otherwise 404."""
    try:
        return evaluations_for(user).get(uid=uid)
    except (Evaluation.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def linkable_evidence(evaluation: Evaluation):
    """(the unit's PK of the evaluated year, the unit's realisation evidence files of that year)."""
    fiscal_year_id = evaluation.round.fiscal_year_id
    agreements = Agreement.objects.filter(
        pemda_id=evaluation.pemda_id, unit_id=evaluation.unit_id, fiscal_year_id=fiscal_year_id
    ).order_by("-id")
    evidence = (
        Evidence.objects.filter(
            pemda_id=evaluation.pemda_id,
            realisation__report__unit_id=evaluation.unit_id,
            realisation__report__period__fiscal_year_id=fiscal_year_id,
        )
        .select_related("realisation__indicator", "realisation__report__period")
        .order_by("original_name", "id")
    )
    return agreements, evidence


def score_history(evaluation: Evaluation):
    """Every answer and total change of the evaluation, newest first, with who made it."""
    return ScoreChange.objects.filter(evaluation=evaluation).select_related("changed_by", "criterion")


@dataclass(frozen=True)
class PublishedScore:
    evaluation: Evaluation
    unit: object
    score: Decimal | None
    predicate: str
    components: list


def published_scores(pemda, year: int) -> list[PublishedScore]:
    """Published, responded and final evaluations of evaluated ``year``, best score first (1 query)."""
    rows = (
        Evaluation.objects.filter(pemda=pemda, round__fiscal_year__year=year, status__in=PUBLISHED)
        .select_related("unit", "round__fiscal_year")
        .order_by("-score", "unit__code")
    )
    return [PublishedScore(e, e.unit, e.score, e.predicate, (e.result or {}).get("components", [])) for e in rows]


# --- the worksheet --------------------------------------------------------------------------


@dataclass
class WorksheetRow:
    criterion: LkeCriterion
    answer: CriterionAnswer | None
    evidence: list[AnswerEvidence]
    show_evaluator: bool

    @property
    def self_answer(self) -> str:
        return self.answer.self_answer if self.answer else ""

    @property
    def evaluator_answer(self) -> str | None:
        """The evaluator's answer, ``None`` when the user may not see it yet."""
        if not self.show_evaluator:
            return None
        return self.answer.answer if self.answer else ""


@dataclass
class WorksheetSubComponent:
    subcomponent: LkeSubComponent
    rows: list[WorksheetRow]
    qualifier: SubComponentQualifier | None
    self_score: lke.SubComponentScore
    score: lke.SubComponentScore | None


@dataclass
class WorksheetComponent:
    component: LkeComponent
    subcomponents: list[WorksheetSubComponent]
    note: ComponentNote | None
    self_score: lke.ComponentScore
    score: lke.ComponentScore | None


@dataclass
class Worksheet:
    evaluation: Evaluation
    components: list[WorksheetComponent]
    self_result: lke.LkeResult
    result: lke.LkeResult | None  # None when the user may not see the evaluator's side yet
    show_evaluator: bool
    actions: dict[str, bool] = field(default_factory=dict)

    @property
    def rows(self) -> list[WorksheetRow]:
        return [row for c in self.components for s in c.subcomponents for row in s.rows]


def worksheet(evaluation: Evaluation, user) -> Worksheet:
    """The page's tree with live self and evaluator results; a fixed number of queries."""
    round = evaluation.round
    components, subs, criteria = template_rows(round.template)
    answers = list(
        CriterionAnswer.objects.filter(evaluation=evaluation)
        .select_related("criterion", "self_answered_by", "answered_by")
        .prefetch_related("evidence")
    )
    qualifiers = list(SubComponentQualifier.objects.filter(evaluation=evaluation).select_related("subcomponent"))
    notes = {n.component_id: n for n in ComponentNote.objects.filter(evaluation=evaluation)}
    bands = lke_data.bands_for(round.pemda, round.fiscal_year.year)
    pure = pure_from_rows(round.template, components, subs, criteria)
    show = can_see_result(user, evaluation)
    self_result = compute_result(pure, answers, qualifiers, bands, side=Side.SELF)
    result = compute_result(pure, answers, qualifiers, bands, side=Side.EVALUATOR) if show else None
    by_criterion = {a.criterion_id: a for a in answers}
    by_sub_q = {q.subcomponent_id: q for q in qualifiers}
    crit_by_sub: dict[int, list[LkeCriterion]] = {}
    for c in criteria:
        crit_by_sub.setdefault(c.subcomponent_id, []).append(c)
    subs_by_comp: dict[int, list[LkeSubComponent]] = {}
    for s in subs:
        subs_by_comp.setdefault(s.component_id, []).append(s)
    self_scores = {c.code: c for c in self_result.components}
    scores = {c.code: c for c in result.components} if result else {}
    tree = []
    for comp in components:
        self_comp = self_scores[comp.code]
        comp_score = scores.get(comp.code)
        self_subs = {s.code: s for s in self_comp.subcomponents}
        eval_subs = {s.code: s for s in comp_score.subcomponents} if comp_score else {}
        items = []
        for sub in subs_by_comp.get(comp.pk, []):
            rows = []
            for crit in crit_by_sub.get(sub.pk, []):
                answer = by_criterion.get(crit.pk)
                evidence = list(answer.evidence.all()) if answer else []
                rows.append(WorksheetRow(crit, answer, evidence, show))
            qualifier = by_sub_q.get(sub.pk) if show else None
            items.append(WorksheetSubComponent(sub, rows, qualifier, self_subs[sub.code], eval_subs.get(sub.code)))
        note = notes.get(comp.pk) if show else None
        tree.append(WorksheetComponent(comp, items, note, self_comp, comp_score))
    return Worksheet(evaluation, tree, self_result, result, show, allowed_actions(user, evaluation))
