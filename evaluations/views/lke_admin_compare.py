"""Comparison pages: one unit's published scores by component year over year, and the Pemda-wide
list of units by score for a year (rank, category, predicate, change against the year before).

Only published evaluations count (published / responded / final): a score still being evaluated
is never compared. Pemda-wide readers (admin, ketua tim, evaluators, pimpinan) see every unit;
a unit's own users only their unit's page, and the Pemda-wide list is 403 for them.
"""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from evaluations.lke_models import Evaluation, EvaluationRound
from sakip.core import permissions
from sakip.core import selectors as core_selectors
from sakip.core.permissions import P

from ..lke_admin_forms import YearForm
from .lke_admin_common import PUBLISHED, comparison_unit_for, sees_all_units


def _components(evaluation: Evaluation) -> list[dict]:
    return list((evaluation.result or {}).get("components") or [])


def _dec(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _percent(score: Decimal | None, weight: Decimal | None) -> Decimal | None:
    if score is None or not weight:
        return None
    return (score / weight * 100).quantize(Decimal("0.1"))


def _percent_series(rows: list[dict], evaluations: list[Evaluation]) -> list[tuple[str, list]]:
    """Per component the share of its weight earned (so components of 15 and 30 points compare), and the total."""
    series = [(f"{r['code']}. {r['name']}", [_percent(v, r["weight"]) for v in r["cells"]]) for r in rows]
    series.append((_("Nilai total"), [e.score for e in evaluations]))
    return series


@require_GET
def comparison_unit(request, uid):
    user = request.user
    unit = comparison_unit_for(user, uid)
    evaluations = list(
        Evaluation.objects.filter(pemda_id=user.pemda_id, unit=unit, status__in=PUBLISHED)
        .select_related("round__fiscal_year")
        .order_by("round__fiscal_year__year")
    )
    years = [e.round.fiscal_year.year for e in evaluations]
    codes: dict[str, dict] = {}  # code -> {name, weight, scores: {year: score}}
    for e, y in zip(evaluations, years, strict=True):
        for c in _components(e):
            row = codes.setdefault(str(c.get("code")), {"code": c.get("code"), "name": c.get("name", ""), "scores": {}})
            row["weight"] = _dec(c.get("weight"))
            row["scores"][y] = _dec(c.get("score"))
    rows = [
        {**row, "cells": [row["scores"].get(y) for y in years]}
        for row in sorted(codes.values(), key=lambda r: str(r["code"]))
    ]
    context = {
        "unit": unit,
        "evaluations": evaluations,
        "years": years,
        "rows": rows,
        "series": _percent_series(rows, evaluations),
        "totals": [(e.score, e.predicate) for e in evaluations],
        "sees_all": sees_all_units(user),
    }
    return render(request, "evaluations/lke_admin/comparison_unit.html", context)


@require_GET
def comparison_ranking(request):
    user = request.user
    permissions.require(user, P.EVAL_VIEW)
    if not sees_all_units(user):
        permissions.require(user, P.EVAL_MANAGE)  # unit users: 403
    rounds = list(
        EvaluationRound.objects.filter(pemda_id=user.pemda_id)
        .select_related("fiscal_year")
        .order_by("-fiscal_year__year")
    )
    form = YearForm(request.GET or None)
    wanted = form.cleaned_data.get("tahun") if form.is_valid() else None
    chosen = next((r for r in rounds if r.fiscal_year.year == wanted), None)
    if chosen is None:
        with_results = set(
            Evaluation.objects.filter(pemda_id=user.pemda_id, status__in=PUBLISHED).values_list("round_id", flat=True)
        )
        chosen = next((r for r in rounds if r.pk in with_results), rounds[0] if rounds else None)
    categories = list(core_selectors.ranking_categories_for(user).order_by("name"))
    category = next((c for c in categories if str(c.uid) == request.GET.get("kategori")), None)
    rows = []
    if chosen is not None:
        year = chosen.fiscal_year.year
        evaluations = list(
            Evaluation.objects.filter(round=chosen, status__in=PUBLISHED, score__isnull=False)
            .select_related("unit__ranking_category")
            .order_by("-score", "unit__code")
        )
        if category is not None:
            evaluations = [e for e in evaluations if e.unit.ranking_category_id == category.pk]
        previous = dict(
            Evaluation.objects.filter(
                pemda_id=user.pemda_id,
                round__fiscal_year__year=year - 1,
                status__in=PUBLISHED,
                unit_id__in=[e.unit_id for e in evaluations],
            ).values_list("unit_id", "score")
        )
        rank, last = 0, None
        for n, e in enumerate(evaluations, start=1):
            if e.score != last:
                rank, last = n, e.score
            before = previous.get(e.unit_id)
            rows.append(
                {"rank": rank, "e": e, "before": before, "change": None if before is None else e.score - before}
            )
    context = {"rounds": rounds, "chosen": chosen, "rows": rows, "categories": categories, "category": category}
    return render(request, "evaluations/lke_admin/comparison_ranking.html", context)
