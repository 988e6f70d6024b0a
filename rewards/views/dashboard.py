"""The leader dashboard (``P.RANKING_VIEW``; the pimpinan's landing page of rewards): the top and
bottom three of each ranking category on the composite index, the trend of the Pemda's average AKIP
score and capaian over the years, proposals waiting for a decision and the recent decisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Avg
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from evaluations.lke_models import Evaluation
from rewards import selectors
from rewards.models import Proposal, RankingSnapshot
from rewards.ranking import KIND_COMPOSITE
from sakip.core import permissions
from sakip.core.permissions import P
from sakip.lib.numbers import round_half_up, to_decimal

from .rankings_common import (
    can_freeze,
    can_manage,
    chosen_year,
    proposals_url,
    require_view,
    section,
    sections,
    top_bottom,
    years_of,
)

PUBLISHED = ("published", "responded", "final")
TREND_YEARS = 5


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _average(values) -> Decimal | None:
    present = [v for v in (to_decimal(x) for x in values) if v is not None]
    return round_half_up(sum(present, Decimal(0)) / len(present), 2) if present else None


def trend(pemda_id: int, years: list[int], live=None) -> tuple[list[str], list[tuple[str, list]]]:
    """Average AKIP score (published evaluations) and average capaian (each year's latest whole-year
    snapshot, else ``live(year)``'s ranking data) per year, oldest first; no data is a gap, never 0."""
    akip = dict(
        Evaluation.objects.filter(
            pemda_id=pemda_id, status__in=PUBLISHED, score__isnull=False, round__fiscal_year__year__in=years
        )
        .values("round__fiscal_year__year")
        .annotate(avg=Avg("score"))
        .values_list("round__fiscal_year__year", "avg")
    )
    capaian: dict[int, Decimal | None] = {}
    snapshots = RankingSnapshot.objects.filter(pemda_id=pemda_id, year__in=years, period__isnull=True).order_by(
        "year", "-frozen_at"
    )
    for snapshot in snapshots.only("year", "data"):
        if snapshot.year not in capaian:
            units = (snapshot.data or {}).get("units") or []
            capaian[snapshot.year] = _average(u.get("capaian") for u in units if isinstance(u, Mapping))
    for year in years:
        if year not in capaian and live is not None:
            units = (live(year) or {}).get("units") or []
            capaian[year] = _average(u.get("capaian") for u in units if isinstance(u, Mapping))
    years = sorted(years)
    labels = [str(y) for y in years]
    series = [
        (_("Rata-rata nilai AKIP"), [None if akip.get(y) is None else round_half_up(akip[y], 2) for y in years]),
        (_("Rata-rata capaian (%)"), [capaian.get(y) for y in years]),
    ]
    return labels, series


def _pending(user):
    qs = selectors.proposals_for(user, status=Proposal.Status.PENDING)
    return qs.count(), list(qs.order_by("-created_at")[:5])


@require_GET
def dashboard(request):
    user = request.user
    require_view(user)
    years = years_of(user)
    fiscal_year = chosen_year(years, request.GET.get("tahun"))
    boards, snapshot, data = [], None, None
    if fiscal_year is not None:
        # the latest frozen ranking of the year is what decisions cite; without one, the live ranking
        snapshot = selectors.latest_snapshot(user.pemda, fiscal_year.year)
        data = snapshot.data if snapshot is not None else selectors.live_rankings(user.pemda, fiscal_year.year)
        for ranking in section(sections(data), KIND_COMPOSITE)["rankings"]:
            if ranking["category"]:
                top, bottom = top_bottom(ranking)
                boards.append({"ranking": ranking, "top": top, "bottom": bottom})
    live_cache = {fiscal_year.year: data} if fiscal_year is not None and snapshot is None else {}

    def live(year: int):
        if year not in live_cache:
            live_cache[year] = selectors.live_rankings(user.pemda, year)
        return live_cache[year]

    labels, series = trend(user.pemda_id, [y.year for y in years[:TREND_YEARS]], live)
    sees_proposals = permissions.has_perm(user, P.DECISION_ISSUE) or can_manage(user)
    sees_decisions = permissions.has_perm(user, P.DECISION_VIEW)
    pending_count, pending = _pending(user) if sees_proposals else (0, [])
    context = {
        "years": years,
        "fiscal_year": fiscal_year,
        "snapshot": snapshot,
        "boards": boards,
        "trend_labels": labels,
        "trend_series": series,
        "has_trend": any(v is not None for _name, values in series for v in values),
        "sees_proposals": sees_proposals,
        "sees_decisions": sees_decisions,
        "pending_count": pending_count,
        "pending": pending,
        "decisions": list(selectors.decisions_for(user)[:5]) if sees_decisions else [],
        "proposals_url": proposals_url(status="pending"),
        "decisions_url": _url("rewards:decision_list"),
        "can_freeze": can_freeze(user),
        "can_manage": can_manage(user),
    }
    return render(request, "rewards/dashboard.html", context)
