"""The LKE worksheet of one unit and its htmx endpoints: the self-assessment and the evaluator's
answer per criterion (each save returns the updated row and, out of band, the score panel), the
qualifiers of a sub-component and the note of a component.

Every endpoint finds the evaluation visible to the user (``lke_selectors.evaluation_for``: another
unit's or Pemda's worksheet is 404). A write by a user who may not write that side is 403; a
refusal of the service (answer outside the scale, stage closed, wrong status) is shown in the row
with its Indonesian message (status 200 so that htmx swaps it in); without htmx the page is shown
again with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import lke_selectors, lke_services
from ..lke_forms import (
    ComponentNoteForm,
    EvaluatorAnswerForm,
    PublishForm,
    QualifierForm,
    ResolveForm,
    RespondForm,
    ReturnForm,
    SelfAnswerForm,
)
from ..lke_models import LkeComponent, LkeCriterion, LkeSubComponent
from ..rules_defaults import GRADE_VALUES
from .lke_common import error_messages, form_errors, stage_rows, status_badge


class Access:
    """What one user may do on one worksheet now (``lke_selectors.allowed_actions``), and why a
    side the user's role may write is read-only (status or stage window, with its dates)."""

    def __init__(self, user, evaluation, actions: dict | None = None):
        actions = actions if actions is not None else lke_selectors.allowed_actions(user, evaluation)
        self.actions = actions
        self.write_self = actions["self_assess"]
        self.write_score = actions["score"]
        self.see_result = lke_selectors.can_see_result(user, evaluation)
        self.manage = lke_selectors.can_manage(user)
        self.unit_user = lke_selectors.may_self_assess(user, evaluation)
        self.scorer = lke_selectors.may_score(user, evaluation)
        self.lead = lke_selectors.may_lead(user, evaluation)
        status = evaluation.status
        self.self_reason = lke_selectors.self_problem(evaluation) if self.unit_user and status == "self" else ""
        scoring_status = status in ("evaluating", "review", "responded")
        self.score_reason = lke_selectors.evaluator_problem(user, evaluation) if self.scorer and scoring_status else ""
        # the evaluator's columns: the team and the managers always, the unit once published
        self.show_eval = self.see_result


def _context(request, evaluation, ws=None):
    user = request.user
    ws = ws or lke_selectors.worksheet(evaluation, user)
    access = Access(user, evaluation, ws.actions)
    return {
        "evaluation": evaluation,
        "round": evaluation.round,
        "ws": ws,
        "access": access,
        "badge": status_badge(evaluation.status),
        "grades": list(GRADE_VALUES),
        "stages": stage_rows(evaluation.round),
        "linkable": lke_selectors.linkable_evidence(evaluation) if access.write_self else None,
        "return_form": ReturnForm(prefix="ret"),
        "publish_form": PublishForm(prefix="pub"),
        "respond_form": RespondForm(prefix="rsp"),
        "resolve_form": ResolveForm(prefix="res"),
    }


@require_GET
def lke_worksheet(request, uid):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    return render(request, "evaluations/lke/worksheet.html", _context(request, evaluation))


def _criterion(evaluation, criterion_id) -> LkeCriterion:
    found = LkeCriterion.objects.filter(
        pk=criterion_id, subcomponent__component__template_id=evaluation.round.template_id
    ).first()
    if found is None:
        raise Http404
    return found


def find_row(ws, criterion_id):
    for comp in ws.components:
        for sub in comp.subcomponents:
            for row in sub.rows:
                if row.criterion.pk == criterion_id:
                    return comp, sub, row
    raise Http404


def _row_response(request, evaluation, criterion, *, errors=None, saved=False, side="self"):  # side: self | eval
    """The updated row of the worksheet plus the score panel out of band (or a redirect)."""
    anchor = f"{reverse('evaluations:lke_worksheet', args=[evaluation.uid])}#k-{criterion.pk}"
    if not request.htmx:
        for message in errors or []:
            messages.error(request, message)
        if saved:
            messages.success(request, _("Jawaban kriteria %(code)s tersimpan.") % {"code": criterion.code})
        return redirect(anchor)
    evaluation.refresh_from_db()
    context = _context(request, evaluation)
    comp, sub, row = find_row(context["ws"], criterion.pk)
    saved_at = timezone.localtime(timezone.now(), evaluation.pemda.tz).strftime("%H.%M") if saved else ""
    context.update({"comp": comp, "sub": sub, "row": row, "row_errors": errors, "saved_at": saved_at, "oob": True})
    context["side"] = side
    return render(request, "evaluations/lke/_row_response.html", context)


@require_POST
def lke_answer_self(request, uid, criterion):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if not lke_selectors.may_self_assess(request.user, evaluation):
        raise PermissionDenied
    crit = _criterion(evaluation, criterion)
    form = SelfAnswerForm(request.POST)
    if not form.is_valid():
        return _row_response(request, evaluation, crit, errors=form_errors(form))
    try:
        lke_services.answer_self(user=request.user, evaluation=evaluation, criterion=crit, **form.cleaned_data)
    except ValidationError as exc:
        return _row_response(request, evaluation, crit, errors=error_messages(exc))
    return _row_response(request, evaluation, crit, saved=True)


@require_POST
def lke_answer_evaluator(request, uid, criterion):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if not lke_selectors.may_score(request.user, evaluation):
        raise PermissionDenied
    crit = _criterion(evaluation, criterion)
    form = EvaluatorAnswerForm(request.POST)
    if not form.is_valid():
        return _row_response(request, evaluation, crit, errors=form_errors(form), side="eval")
    try:
        lke_services.answer_evaluate(user=request.user, evaluation=evaluation, criterion=crit, **form.cleaned_data)
    except ValidationError as exc:
        return _row_response(request, evaluation, crit, errors=error_messages(exc), side="eval")
    return _row_response(request, evaluation, crit, saved=True, side="eval")


def _part_response(request, evaluation, template, key, value, *, errors=None, saved=False):
    if not request.htmx:
        for message in errors or []:
            messages.error(request, message)
        if saved:
            messages.success(request, _("Tersimpan."))
        return redirect(reverse("evaluations:lke_worksheet", args=[evaluation.uid]))
    evaluation.refresh_from_db()
    context = _context(request, evaluation)
    for comp in context["ws"].components:
        if key == "component" and comp.component.pk == value:
            context["comp"] = comp
        for sub in comp.subcomponents:
            if key == "sub" and sub.subcomponent.pk == value:
                context.update({"comp": comp, "sub": sub})
    context.update({"part_errors": errors, "saved": saved, "oob": True})
    return render(request, template, context)


@require_POST
def lke_qualifier_save(request, uid, sub):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if not lke_selectors.may_score(request.user, evaluation):
        raise PermissionDenied
    subcomponent = LkeSubComponent.objects.filter(pk=sub, component__template_id=evaluation.round.template_id).first()
    if subcomponent is None:
        raise Http404
    form = QualifierForm(request.POST)
    errors = None
    if not form.is_valid():
        errors = form_errors(form)
    else:
        try:
            lke_services.qualifier_set(
                user=request.user,
                evaluation=evaluation,
                subcomponent=subcomponent,
                years_kept=form.cleaned_data["years_kept"],
                innovation=form.cleaned_data["innovation"] or "",
            )
        except ValidationError as exc:
            errors = error_messages(exc)
    return _part_response(
        request, evaluation, "evaluations/lke/_qualifier_response.html", "sub", sub, errors=errors, saved=not errors
    )


@require_POST
def lke_component_note_save(request, uid, component):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if not lke_selectors.may_score(request.user, evaluation):
        raise PermissionDenied
    comp = LkeComponent.objects.filter(pk=component, template_id=evaluation.round.template_id).first()
    if comp is None:
        raise Http404
    form = ComponentNoteForm(request.POST)
    errors = None
    if not form.is_valid():
        errors = form_errors(form)
    else:
        try:
            lke_services.component_note_set(
                user=request.user, evaluation=evaluation, component=comp, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            errors = error_messages(exc)
    return _part_response(
        request,
        evaluation,
        "evaluations/lke/_note_response.html",
        "component",
        component,
        errors=errors,
        saved=not errors,
    )
