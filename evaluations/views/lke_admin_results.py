"""The Pemda's own KemenPAN-RB results: the trend over the years, the form of a year's result with
its component and sub-component scores, its page with recommendations, and the gap to a target
predicate (points needed, where the points are). Every reader of the evaluation may read them
(pimpinan included); writes are EVAL_MANAGE's."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluations import lke_admin_selectors as selectors
from evaluations import lke_followup_services as services
from evaluations.lke_data import bands_for
from evaluations.lke_models import PemdaResult
from evaluations.predicates import minimum_score
from sakip.core import audit, permissions
from sakip.core.permissions import P

from ..lke_admin_forms import GapForm, PemdaResultForm, RecommendationForm, ResultScoreFormSet, plain
from .lke_admin_common import (
    REFUSED,
    active_units,
    flash_refusal,
    pemda_result_for,
    refusal_messages,
    sees_all_units,
)


@require_GET
def pemda_result_list(request):
    user = request.user
    permissions.require(user, P.EVAL_VIEW)
    trend = selectors.pemda_trend(user.pemda)
    results, latest = trend.results, trend.latest
    target = latest.target_predicate if latest else ""
    reference = None
    if latest and target:
        bands = bands_for(user.pemda, latest.year)
        band = next((b for b in bands if b.letter == target), None)
        reference = band and minimum_score(band, bands)
    context = {
        "results": list(reversed(results)),
        "years": [str(r.year) for r in results],
        "series": [(_("Nilai AKIP"), [r.score for r in results])],
        "sentence": trend.sentence,
        "latest": latest,
        "reference": reference,
        "can_manage": permissions.has_perm(user, P.EVAL_MANAGE),
        "sees_all_units": sees_all_units(user),
    }
    return render(request, "evaluations/lke_admin/pemda_result_list.html", context)


def _score_rows(result: PemdaResult | None) -> list[dict]:
    if result is None:
        return []
    return [
        {"level": s.level, "code": s.code, "name": s.name, "weight": plain(s.weight), "score": s.score}
        for s in result.scores.all()
    ]


def _form_page(request, result: PemdaResult | None):
    user = request.user
    permissions.require(user, P.EVAL_MANAGE)
    initial = {}
    if result is not None:
        initial = {
            f: getattr(result, f)
            for f in ("year", "score", "target_predicate", "letter_number", "letter_date", "notes")
        }
    form = PemdaResultForm(request.POST or None, initial=initial)
    formset = ResultScoreFormSet(request.POST or None, initial=_score_rows(result), prefix="skor")
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        scores = [f.cleaned_data for f in formset if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        scores = [{k: v for k, v in s.items() if k != "DELETE"} for s in scores]
        try:
            saved = services.pemda_result_save(
                user=user, pemda=user.pemda, scores=scores, result=result, **form.cleaned_data
            )
        except REFUSED as exc:
            errors = refusal_messages(exc)
        else:
            messages.success(request, _("Hasil KemenPAN-RB tahun %(y)s disimpan.") % {"y": saved.year})
            return redirect("evaluations:pemda_result_detail", uid=saved.uid)
    context = {"form": form, "formset": formset, "result": result, "errors": errors}
    return render(request, "evaluations/lke_admin/pemda_result_form.html", context)


@require_http_methods(["GET", "POST"])
def pemda_result_create(request):
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
def pemda_result_edit(request, uid):
    return _form_page(request, pemda_result_for(request.user, uid))


@require_GET
def pemda_result_detail(request, uid):
    user = request.user
    result = pemda_result_for(user, uid)
    scores = list(result.scores.all())
    can_manage = permissions.has_perm(user, P.EVAL_MANAGE)
    context = {
        "result": result,
        "components": [s for s in scores if s.level == "component"],
        "subcomponents": [s for s in scores if s.level == "subcomponent"],
        "recommendations": list(result.recommendations.select_related("owner").order_by("due_date", "id")),
        "can_manage": can_manage,
        "rec_form": RecommendationForm(units=active_units(user)) if can_manage else None,
        "gap_form": GapForm(initial={"target": result.target_predicate or "BB"}),
        "history": audit.history_for(user, result),
    }
    return render(request, "evaluations/lke_admin/pemda_result_detail.html", context)


@require_POST
def pemda_result_delete(request, uid):
    user = request.user
    result = pemda_result_for(user, uid)
    permissions.require(user, P.EVAL_MANAGE)
    year = result.year
    try:
        services.pemda_result_delete(user=user, result=result)
    except REFUSED as exc:
        flash_refusal(request, exc)
        return redirect("evaluations:pemda_result_detail", uid=result.uid)
    messages.success(request, _("Hasil KemenPAN-RB tahun %(y)s dihapus.") % {"y": year})
    return redirect("evaluations:pemda_result_list")


@require_POST
def pemda_result_recommendation_add(request, uid):
    user = request.user
    result = pemda_result_for(user, uid)
    permissions.require(user, P.EVAL_MANAGE)
    form = RecommendationForm(request.POST, units=active_units(user))
    if form.is_valid():
        try:
            services.recommendation_add(user=user, pemda_result=result, **form.cleaned_data)
        except REFUSED as exc:
            flash_refusal(request, exc)
        else:
            messages.success(
                request, _("Rekomendasi ditambahkan untuk %(u)s.") % {"u": form.cleaned_data["owner"].name}
            )
    else:
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errs:
                messages.error(request, f"{label}: {e}" if label else e)
    return redirect(f"{result_url(result)}#rekomendasi")


def result_url(result: PemdaResult) -> str:
    return reverse("evaluations:pemda_result_detail", kwargs={"uid": result.uid})


@require_GET
def pemda_result_gap(request, uid):
    user = request.user
    result = pemda_result_for(user, uid)
    form = GapForm(request.GET or None, initial={"target": result.target_predicate or "BB"})
    target = form.cleaned_data["target"] if form.is_valid() else (result.target_predicate or "BB")
    errors: list[str] = []
    gap = None
    try:
        gap = selectors.pemda_gap(result, target)
    except REFUSED as exc:
        errors = refusal_messages(exc)
    top = list(gap.opportunities[:12]) if gap else []
    context = {
        "result": result,
        "form": form,
        "target": target,
        "gap": gap,
        "errors": errors,
        "top": top,
        "chart_labels": [f"{o.code} {o.name}".strip() for o in top],
        "chart_values": [o.available for o in top],
        "chart_codes": [o.code for o in top],
    }
    return render(request, "evaluations/lke_admin/pemda_result_gap.html", context)
