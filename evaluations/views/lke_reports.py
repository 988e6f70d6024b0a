"""The LHE letter of one unit (PDF) and the Pemda recap of a round (page and PDF).

The LHE is rendered from the numbers frozen at publication (``Evaluation.result``) and the round's
basis and scope, always in Bahasa Indonesia (an official letter). It exists only once the result is
published; before that the route is 404 for everyone. The recap lists every unit of the round:
the score and predicate where the result is published or final, otherwise the status.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P
from sakip.lib.pdf import render_pdf

from .. import lke_selectors
from ..lke_data import bands_for
from ..lke_models import ComponentNote, Evaluation
from .lke_common import status_badge
from .lke_rounds import round_for

PREDICATE_COLORS = {
    "AA": "#0b5129",
    "A": "#107a3c",
    "BB": "#5a9e2f",
    "B": "#8aa61b",
    "CC": "#c69200",
    "C": "#d9610b",
    "D": "#b42318",
}
PUBLISHED = (Evaluation.Status.PUBLISHED, Evaluation.Status.RESPONDED, Evaluation.Status.FINAL)


def _dec(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _label(bands, letter: str) -> str:
    return next((band.label for band in bands if band.letter == letter), "")


def inspektur(pemda, on):
    """The head of the Pemda's Inspektorat on ``on`` (None when not recorded)."""
    unit = (
        Unit.objects.filter(pemda=pemda, type=Unit.Type.INSPEKTORAT, is_active=True)
        .prefetch_related("heads")
        .order_by("code")
        .first()
    )
    return (unit, unit.head_on(on) if unit else None)


def lhe_context(evaluation: Evaluation) -> dict:
    """Everything the LHE prints, from the frozen result and the round."""
    round, pemda = evaluation.round, evaluation.pemda
    result = evaluation.result or {}
    lhe_date = evaluation.lhe_date or (
        timezone.localdate(evaluation.published_at, pemda.tz) if evaluation.published_at else None
    )
    notes = {
        n.component.code: n.note
        for n in ComponentNote.objects.filter(evaluation=evaluation).select_related("component")
    }
    components = []
    for comp in result.get("components", []):
        components.append(
            {
                "code": comp.get("code", ""),
                "name": comp.get("name", ""),
                "weight": _dec(comp.get("weight")),
                "score": _dec(comp.get("score")),
                "note": comp.get("note") or notes.get(comp.get("code", ""), ""),
            }
        )
    bands = bands_for(pemda, round.fiscal_year.year)
    recommendations = [r.text for r in evaluation.recommendations.order_by("component_code", "id")]
    if not recommendations:
        answers = evaluation.answers.exclude(recommendation="").select_related("criterion")
        recommendations = [
            a.recommendation for a in answers.order_by("criterion__subcomponent__component__order", "criterion__order")
        ]
    recommendations = list(dict.fromkeys(r.strip() for r in recommendations if r.strip()))  # one line per text
    unit = evaluation.unit
    head = unit.head_on(lhe_date or timezone.localdate())
    insp_unit, insp_head = inspektur(pemda, lhe_date or timezone.localdate())
    score = _dec(result.get("total")) if result.get("total") is not None else evaluation.score
    letter = result.get("predicate") or evaluation.predicate
    return {
        "pemda": pemda,
        "evaluation": evaluation,
        "round": round,
        "unit": unit,
        "head": head,
        "lhe_date": lhe_date,
        "components": components,
        "total_weight": sum((c["weight"] or 0 for c in components), Decimal(0)),
        "score": score,
        "predicate": letter,
        "predicate_label": result.get("predicate_label") or _label(bands, letter),
        "recommendations": recommendations,
        "inspektorat": insp_unit,
        "inspektur": insp_head,
        "letterhead_lines": pemda.letterhead_lines or [pemda.name.upper()],
        "letterhead_unit": insp_unit.name if insp_unit else "INSPEKTORAT",
        "pdf_title": _("LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA"),
    }


@require_GET
def lke_lhe_pdf(request, uid):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if evaluation.status not in PUBLISHED or not lke_selectors.can_see_result(request.user, evaluation):
        raise Http404
    with translation.override("id"):  # an official letter: always Bahasa Indonesia
        context = lhe_context(evaluation)
        pdf = render_pdf("reports/lhe.html", context)
    name = slugify(evaluation.unit.short_name or evaluation.unit.name)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="lhe-{evaluation.round.fiscal_year.year}-{name}.pdf"'
    return response


def _require_recap(user) -> None:
    if not (
        lke_selectors.can_manage(user)
        or permissions.has_perm(user, P.EVAL_SCORE)
        or permissions.has_role(user, "pimpinan")
    ):
        raise PermissionDenied


def recap_context(round) -> dict:
    evaluations = list(
        Evaluation.objects.filter(round=round).select_related("unit", "team").order_by("unit__code", "unit__name")
    )
    bands = bands_for(round.pemda, round.fiscal_year.year)
    rows, counts = [], Counter()
    for ev in evaluations:
        published = ev.status in PUBLISHED
        if published and ev.predicate:
            counts[ev.predicate] += 1
        rows.append(
            {
                "evaluation": ev,
                "published": published,
                "badge": status_badge(ev.status),
                "label": _label(bands, ev.predicate) if published else "",
            }
        )
    ranked = sorted(
        (r for r in rows if r["published"] and r["evaluation"].score is not None), key=lambda r: -r["evaluation"].score
    )
    for rank, row in enumerate(ranked, 1):
        row["rank"] = rank
    scores = [r["evaluation"].score for r in ranked]
    return {
        "round": round,
        "pemda": round.pemda,
        "rows": rows,
        "published_count": len(ranked),
        "average": (sum(scores) / len(scores)).quantize(Decimal("0.01")) if scores else None,
        "distribution": [
            (f"{b.letter} ({b.label})", counts.get(b.letter, 0), PREDICATE_COLORS.get(b.letter)) for b in bands
        ],
        "bands": bands,
        "counts": [(b, counts.get(b.letter, 0)) for b in bands],
    }


@require_GET
def lke_recap(request, uid):
    round = round_for(request.user, uid)
    _require_recap(request.user)
    context = recap_context(round)
    context["can_open"] = lke_selectors.can_manage(request.user)  # others may not open every worksheet
    return render(request, "evaluations/lke/recap.html", context)


@require_GET
def lke_recap_pdf(request, uid):
    round = round_for(request.user, uid)
    _require_recap(request.user)
    with translation.override("id"):
        context = recap_context(round)
        context["pdf_title"] = _("REKAPITULASI HASIL EVALUASI AKIP PERANGKAT DAERAH TAHUN %(year)s") % {
            "year": round.fiscal_year.year
        }
        pdf = render_pdf("reports/lke_recap.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rekap-lke-{round.fiscal_year.year}.pdf"'
    return response
