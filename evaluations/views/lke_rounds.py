"""LKE rounds and teams: the evaluation home, a round with its stage windows, teams and units,
creating and editing a round, opening and closing it, and the evaluator teams.

Reads go through ``lke_selectors`` (scoped to the user: another Pemda's round is 404); writes need
``P.EVAL_MANAGE`` (else 403) and go through ``lke_services``, whose Indonesian messages are shown.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.core import permissions
from sakip.core.models import FiscalYear
from sakip.core.permissions import P

from .. import lke_selectors, lke_services
from ..lke_forms import RoundFilterForm, RoundForm, TeamForm
from ..lke_models import Evaluation, EvaluationRound, EvaluationTeam
from .lke_common import flash_errors, stage_rows, status_badge

PAGE_SIZE = 25
PUBLISHED = (Evaluation.Status.PUBLISHED, Evaluation.Status.RESPONDED, Evaluation.Status.FINAL)


def round_for(user, uid) -> EvaluationRound:
    return get_object_or_404(lke_selectors.rounds_for(user), uid=uid)


def _require_manage(user) -> None:
    if not lke_selectors.can_manage(user):
        raise PermissionDenied


@require_GET
def lke_home(request):
    user = request.user
    permissions.require(user, P.EVAL_VIEW)
    rounds = list(lke_selectors.rounds_for(user))
    mine = lke_selectors.evaluations_for(user).filter(round__status=EvaluationRound.Status.OPEN)
    if lke_selectors.can_manage(user) or permissions.has_role(user, "pimpinan"):
        mine = mine.none()  # they work from the round page
    context = {
        "rounds": rounds,
        "mine": [(ev, status_badge(ev.status)) for ev in mine[:50]],
        "can_manage": lke_selectors.can_manage(user),
    }
    return render(request, "evaluations/lke/home.html", context)


def _round_form_page(request, form, round=None):
    context = {"form": form, "round": round}
    return render(request, "evaluations/lke/round_form.html", context)


@require_http_methods(["GET", "POST"])
def lke_round_create(request):
    user = request.user
    _require_manage(user)
    current = FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).first()
    form = RoundForm(request.POST or None, pemda=user.pemda, initial={"fiscal_year": current})
    if request.method == "POST" and form.is_valid():
        try:
            round = lke_services.round_create(
                user=user,
                fiscal_year=form.cleaned_data["fiscal_year"],
                template=form.cleaned_data["template"],
                windows=form.windows(),
                **form.texts(),
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Putaran evaluasi dibuat. Bentuk tim evaluator lalu buka putaran."))
            return redirect("evaluations:lke_round_detail", uid=round.uid)
    return _round_form_page(request, form)


@require_http_methods(["GET", "POST"])
def lke_round_edit(request, uid):
    user = request.user
    round = round_for(user, uid)
    _require_manage(user)
    form = RoundForm(request.POST or None, pemda=user.pemda, round=round, initial=RoundForm.initial_for(round))
    if request.method == "POST" and form.is_valid():
        fields = {**form.texts(), "windows": form.windows()}
        if "template" in form.cleaned_data:
            fields["template"] = form.cleaned_data["template"]
        try:
            lke_services.round_update(user=user, round=round, **fields)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Putaran evaluasi disimpan."))
            return redirect("evaluations:lke_round_detail", uid=round.uid)
    return _round_form_page(request, form, round)


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                for message in error.messages:
                    form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@require_GET
def lke_round_detail(request, uid):
    user = request.user
    round = round_for(user, uid)
    evaluations = lke_selectors.evaluations_for(user, round=round)
    filters = RoundFilterForm(request.GET or None)
    if filters.is_valid():
        q, status, team = (filters.cleaned_data[k] for k in ("q", "status", "team"))
        if q:
            evaluations = evaluations.filter(Q(unit__name__icontains=q) | Q(unit__short_name__icontains=q))
        if status:
            evaluations = evaluations.filter(status=status)
        if team == "none":
            evaluations = evaluations.filter(team__isnull=True)
        elif team:
            evaluations = evaluations.filter(team__uid=team) if _is_uuid(team) else evaluations.none()
    page = Paginator(evaluations.order_by("unit__code", "unit__name"), PAGE_SIZE).get_page(request.GET.get("page"))
    manage = lke_selectors.can_manage(user)
    teams = list(round.teams.select_related("lead").prefetch_related("members")) if manage or _sees_teams(user) else []
    counts = {row["status"]: row["n"] for row in _status_counts(round)} if manage else {}
    context = {
        "round": round,
        "stages": stage_rows(round),
        "page": page,
        "rows": [(ev, status_badge(ev.status), _shows_result(user, ev)) for ev in page],
        "teams": teams,
        "filters": filters,
        "can_manage": manage,
        "can_recap": _can_recap(user),
        "counts": [(label, counts.get(value, 0), value) for value, label in Evaluation.Status.choices]
        if manage
        else [],
        "total": sum(counts.values()) if manage else None,
    }
    return render(request, "evaluations/lke/round_detail.html", context)


def _status_counts(round):
    return round.evaluations.values("status").annotate(n=Count("id")).order_by()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _sees_teams(user) -> bool:
    return permissions.has_perm(user, P.EVAL_SCORE) or permissions.has_role(user, "pimpinan")


def _can_recap(user) -> bool:
    return (
        lke_selectors.can_manage(user)
        or permissions.has_perm(user, P.EVAL_SCORE)
        or permissions.has_role(user, "pimpinan")
    )


def _shows_result(user, evaluation) -> bool:
    """``lke_selectors.can_see_result`` without a query per row: the rows an evaluator sees are
    their teams' (``evaluations_for``), and the others see results once published."""
    if evaluation.status in PUBLISHED:
        return True
    return lke_selectors.can_manage(user) or permissions.has_perm(user, P.EVAL_SCORE)


@require_POST
def lke_round_open(request, uid):
    user = request.user
    round = round_for(user, uid)
    _require_manage(user)
    try:
        created = lke_services.round_open(user=user, round=round)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("Putaran dibuka: %(n)d lembar kerja unit disiapkan untuk penilaian mandiri.") % {"n": created},
        )
    return redirect("evaluations:lke_round_detail", uid=round.uid)


@require_POST
def lke_round_close(request, uid):
    user = request.user
    round = round_for(user, uid)
    _require_manage(user)
    try:
        lke_services.round_close(user=user, round=round)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Putaran evaluasi ditutup."))
    return redirect("evaluations:lke_round_detail", uid=round.uid)


def _team_for(user, uid) -> EvaluationTeam:
    team = get_object_or_404(EvaluationTeam.objects.select_related("round", "lead"), uid=uid, pemda_id=user.pemda_id)
    if not lke_selectors.rounds_for(user).filter(pk=team.round_id).exists():
        raise Http404
    return team


def _team_page(request, form, round, team=None):
    return render(request, "evaluations/lke/team_form.html", {"form": form, "round": round, "team": team})


def _save_team(request, form, round, team=None):
    user = request.user
    data = form.cleaned_data
    try:
        team = lke_services.team_save(
            user=user, round=round, name=data["name"], lead=data["lead"], members=list(data["members"]), team=team
        )
        if data.get("units"):
            lke_services.team_assign(user=user, team=team, units=list(data["units"]))
    except ValidationError as exc:
        _errors_to_form(form, exc)
        return None
    messages.success(request, _("Tim %(name)s disimpan.") % {"name": team.name})
    return redirect("evaluations:lke_round_detail", uid=round.uid)


@require_http_methods(["GET", "POST"])
def lke_team_create(request, uid):
    round = round_for(request.user, uid)
    _require_manage(request.user)
    form = TeamForm(request.POST or None, pemda=request.user.pemda, round=round)
    if request.method == "POST" and form.is_valid():
        done = _save_team(request, form, round)
        if done:
            return done
    return _team_page(request, form, round)


@require_http_methods(["GET", "POST"])
def lke_team_edit(request, uid):
    team = _team_for(request.user, uid)
    _require_manage(request.user)
    initial = {
        "name": team.name,
        "lead": team.lead,
        "members": list(team.members.all()),
        "units": [ev.unit for ev in team.evaluations.select_related("unit")],
    }
    form = TeamForm(request.POST or None, pemda=request.user.pemda, round=team.round, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _save_team(request, form, team.round, team)
        if done:
            return done
    return _team_page(request, form, team.round, team)


@require_POST
def lke_team_delete(request, uid):
    team = _team_for(request.user, uid)
    _require_manage(request.user)
    round = team.round
    try:
        lke_services.team_delete(user=request.user, team=team)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Tim %(name)s dihapus.") % {"name": team.name})
    return redirect("evaluations:lke_round_detail", uid=round.uid)
