"""Frozen rankings: the list of snapshots, one snapshot (the same tables from its frozen data), running
the rules over it (a rule run polled with htmx until it is done) and the ranking board PDF for the
coordination meeting, always in Bahasa Indonesia and drawn only from the frozen data.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rewards import selectors, services
from rewards.models import RuleRun
from rewards.ranking import KIND_COMPOSITE, KIND_MOST_IMPROVED
from sakip.lib import charts
from sakip.lib.pdf import render_pdf

from .rankings_common import (
    KINDS,
    REFUSED,
    can_freeze,
    can_manage,
    categories_of,
    flash_refusal,
    kind_labels,
    pick,
    proposals_url,
    require_freeze,
    require_view,
    section,
    sections,
    weights_rows,
)

PAGE_SIZE = 25
BOARD_CHART_BARS = 25  # a chart fits one A4 page
ACTIVE = (RuleRun.Status.PENDING, RuleRun.Status.RUNNING)


def snapshot_for(user, uid):
    snapshot = selectors.snapshot_for(user, uid)  # another Pemda's: 404
    require_view(user)
    return snapshot


@require_GET
def snapshot_list(request):
    user = request.user
    require_view(user)
    years = sorted(set(selectors.snapshots_for(user).values_list("year", flat=True)), reverse=True)
    year = request.GET.get("tahun", "").strip()
    snapshots = selectors.snapshots_for(user, year=int(year) if year.isdigit() else None)
    page = Paginator(snapshots, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "years": years,
        "year": year,
        "can_freeze": can_freeze(user),
        "can_manage": can_manage(user),
    }
    return render(request, "rewards/rankings/snapshot_list.html", context)


def snapshot_context(snapshot, kind: str = KIND_COMPOSITE) -> dict:
    all_sections = sections(snapshot.data)
    return {
        "snapshot": snapshot,
        "pemda": snapshot.pemda,
        "sections": all_sections,
        "current": section(all_sections, kind),
        "kind": kind,
        "weights": weights_rows(snapshot.weights, snapshot.data),
        "unit_count": len((snapshot.data or {}).get("units") or []),
    }


@require_GET
def snapshot_detail(request, uid):
    user = request.user
    snapshot = snapshot_for(user, uid)
    kind = request.GET.get("jenis") if request.GET.get("jenis") in KINDS else KIND_COMPOSITE
    context = snapshot_context(snapshot, kind)
    category = request.GET.get("kategori", "").strip()
    context["rankings"] = pick(context["current"], category)
    runs = list(selectors.runs_for(user, snapshot=snapshot).order_by("-created_at")[:5])
    context.update(
        kinds=[(k, kind_labels()[k]) for k in KINDS],
        category=category,
        category_choices=categories_of(snapshot.data),
        runs=runs,
        latest_run=runs[0] if runs else None,
        latest_active=bool(runs) and runs[0].status in ACTIVE,
        can_run=can_freeze(user),
        proposals_url=proposals_url(snapshot=snapshot.uid),
        proposal_count=snapshot.proposals.count(),
        intact=services.snapshot_intact(snapshot),
    )
    return render(request, "rewards/rankings/snapshot_detail.html", context)


def _run_for(user, uid) -> RuleRun:
    return selectors.run_for(user, uid)  # another Pemda's: 404; unit users: 403


def _run_response(request, run: RuleRun, status: int = 200):
    context = {
        "run": run,
        "active": run.status in ACTIVE,
        "proposals_url": proposals_url(snapshot=run.snapshot.uid),
    }
    if request.headers.get("HX-Request"):
        return render(request, "rewards/rankings/_run_status.html", context, status=status)
    return render(request, "rewards/rankings/run_status.html", context, status=status)


@require_POST
def rule_run_start(request, uid):
    user = request.user
    snapshot = snapshot_for(user, uid)
    require_freeze(user)
    try:
        run = services.rule_run_request(user=user, snapshot=snapshot, trigger="manual")
    except REFUSED as error:
        flash_refusal(request, error)
        return redirect("rewards:snapshot_detail", uid=snapshot.uid)
    run = _run_for(user, run.uid)  # as stored (an eager task may already have finished)
    if not request.headers.get("HX-Request"):
        messages.success(request, _("Aturan reward/punishment dijalankan atas snapshot ini."))
        return redirect("rewards:rule_run_status", uid=run.uid)
    return _run_response(request, run)


@require_GET
def rule_run_status(request, uid):
    return _run_response(request, _run_for(request.user, uid))


# --- ranking board PDF ----------------------------------------------------------------------------


def board_charts(composite_section: dict) -> list[tuple[str, object]]:
    """One horizontal bar chart of the composite index per category."""
    result = []
    for ranking in composite_section["rankings"]:
        entries = ranking["entries"][:BOARD_CHART_BARS]
        if not entries or not ranking["category"]:
            continue
        chart = charts.bar_chart(
            [f"{e['rank']}. {e['unit_name']}" for e in entries],
            [e["score"] for e in entries],
            title=_("Indeks komposit — %(cat)s") % {"cat": ranking["category_name"]},
            horizontal=True,
            max_value=100,
            width=680,
        )
        result.append((ranking["category_name"], chart))
    return result


@require_GET
def ranking_board_pdf(request, uid):
    snapshot = snapshot_for(request.user, uid)
    with translation.override("id"):  # for the coordination meeting: always Bahasa Indonesia
        context = snapshot_context(snapshot)
        context.update(
            composite={"rankings": pick(section(context["sections"], KIND_COMPOSITE), "")},
            improved={"rankings": pick(section(context["sections"], KIND_MOST_IMPROVED), "")},
            charts=board_charts(section(context["sections"], KIND_COMPOSITE)),
            chart_bars=BOARD_CHART_BARS,
            pdf_title=_("PAPAN PERINGKAT KINERJA PERANGKAT DAERAH TAHUN %(year)s") % {"year": snapshot.year},
        )
        pdf = render_pdf("reports/ranking_board.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(snapshot.title)[:60] or "peringkat"
    response["Content-Disposition"] = f'attachment; filename="papan-peringkat-{snapshot.year}-{name}.pdf"'
    return response
