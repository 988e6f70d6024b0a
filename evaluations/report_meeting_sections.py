"""The sections of the coordination-meeting pack (see :mod:`evaluations.report_meeting`).

Each section function takes the :class:`Where` of the pack and returns ``(figures, context)``:
``figures`` plain JSON (decimals as strings, ISO dates) for the content hash, ``context`` what the
section's template partial (``templates/reports/_meeting_<section>.html``) shows. A section with
nothing to show returns empty lists; its partial says so.

Rankings and decisions belong to ``rewards``, a higher layer than ``evaluations``: they are read
through ``rewards.selectors`` / ``rewards.models`` imported inside the functions (the pack is a
consumer at the top of the stack, like the monthly report).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import lke_admin_selectors, lke_selectors
from evaluations.lke_models import Recommendation
from sakip.core.models import Pemda, Period
from sakip.lib import charts

UNIT_SCORE_YEARS = 2  # the units' LKE scores of the last two evaluated years
UNIT_SCORE_LOOKBACK = 4  # years searched back from the basis year for those two


@dataclass(frozen=True)
class Where:
    pemda: Pemda
    year: int  # basis month
    month: int
    meeting: dt.date
    period: Period | None  # the basis month's period (None when the fiscal year is not set up)


def _s(value) -> str | None:
    return None if value is None else str(value)


def _d(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def local_date(value: dt.datetime | None, pemda: Pemda) -> dt.date | None:
    return None if value is None else timezone.localtime(value, pemda.tz).date()


# --- ranking --------------------------------------------------------------------------------------


def ranking(where: Where) -> tuple[dict, dict]:
    """The live composite ranking of the basis month (per category, with breakdown) and the latest snapshot."""
    from rewards import selectors as rewards_selectors
    from rewards.ranking import KIND_COMPOSITE
    from rewards.views.rankings_common import pick, section, sections, weights_rows
    from rewards.views.rankings_snapshots import board_charts

    snapshot = rewards_selectors.latest_snapshot(where.pemda, where.year)
    snapshot_figures = None
    if snapshot is not None:
        snapshot_figures = {"uid": str(snapshot.uid), "title": snapshot.title, "hash": snapshot.content_hash}
    context = {
        "rankings": [],
        "charts": [],
        "weights": [],
        "snapshot": snapshot,
        "period_label": "",
        "year": where.year,
    }
    if where.period is None:
        return {"composite": None, "snapshot": snapshot_figures}, context
    data = rewards_selectors.live_rankings(where.pemda, where.year, period=where.period)
    raw = data["rankings"]
    figures = {
        "period": data["capaian_period"],
        "weights": data["weights"],
        "capaian_cap": data["capaian_cap"],
        "composite": {
            "overall": raw["overall"][KIND_COMPOSITE],
            "by_category": {code: kinds[KIND_COMPOSITE] for code, kinds in raw["by_category"].items()},
        },
        "snapshot": snapshot_figures,
    }
    composite = section(sections(data), KIND_COMPOSITE)
    rankings = [r for r in pick(composite, "") if r["entries"] or r["unranked"]]
    context.update(
        rankings=rankings,
        charts=board_charts(composite),
        weights=weights_rows(data["weights"]),
        period_label=(data["capaian_period"] or {}).get("label", ""),
    )
    return figures, context


# --- red units ------------------------------------------------------------------------------------


def red_units(where: Where) -> tuple[dict, dict]:
    """One page per unit with indicators in the worst capaian category in the basis month.

    The page is the unit page of the monthly report (``templates/reports/_unit_page.html`` with
    ``report_data.unit_page_context``), most red indicators first.
    """
    from evaluations import report_data

    data = report_data.monthly_data(where.pemda, where.year, where.month)
    pages, figures = [], []
    for row in data.red_units:
        pages.append(
            {
                "unit": row.unit,
                "row": row,
                "anchor": f"unit-{row.unit.pk}",
                "context": report_data.unit_page_context(data, row.unit.pk),
            }
        )
        figures.append(report_data.unit_figures(data, row.unit.pk)["unit"])
    period_label = data.period.label if data.period else ""
    return {"units": figures}, {"units": pages, "period_label": period_label}


# --- decisions ------------------------------------------------------------------------------------


def decisions(where: Where) -> tuple[dict, dict]:
    """Decisions with an SK dated from 1 January of the basis year to the meeting date, with counts per kind.

    A decision counts as revoked when it was revoked on or before the meeting date (Pemda's time zone).
    """
    from rewards.models import Decision, DecisionType

    qs = (
        Decision.objects.filter(pemda=where.pemda, sk_date__gte=dt.date(where.year, 1, 1), sk_date__lte=where.meeting)
        .select_related("unit")
        .order_by("sk_date", "id")
    )
    rows, figures = [], []
    counts = {kind: [0, 0] for kind in DecisionType.values}
    for d in qs:
        revoked_on = local_date(d.revoked_at, where.pemda)
        revoked = d.status == Decision.Status.REVOKED and (revoked_on is None or revoked_on <= where.meeting)
        counts.setdefault(d.kind, [0, 0])[1 if revoked else 0] += 1
        rows.append({"d": d, "revoked": revoked, "revoked_on": revoked_on if revoked else None})
        figures.append(
            {
                "uid": str(d.uid),
                "kind": d.kind,
                "unit": d.unit.code,
                "target": d.target,
                "official": d.official_name,
                "sk_number": d.sk_number,
                "sk_date": _d(d.sk_date),
                "percent": _s(d.percent),
                "months": d.months,
                "amount": _s(d.amount),
                "revoked": revoked,
            }
        )
    labels = dict(DecisionType.choices)
    by_kind = [
        {"label": labels.get(kind, kind), "issued": n[0], "revoked": n[1], "total": n[0] + n[1]}
        for kind, n in counts.items()
        if n[0] or n[1]
    ]
    totals = {"issued": sum(k["issued"] for k in by_kind), "revoked": sum(k["revoked"] for k in by_kind)}
    context = {"rows": rows, "by_kind": by_kind, "totals": totals, "since": dt.date(where.year, 1, 1)}
    return {"decisions": figures, "counts": {k: v for k, v in counts.items() if v[0] or v[1]}}, context


# --- follow-ups -----------------------------------------------------------------------------------


def followups(where: Where) -> tuple[dict, dict]:
    """Open recommendations (published LKE evaluations and the Pemda's own results), overdue first.

    Overdue: due before the meeting date and not *selesai*. Counts per status cover every
    published recommendation, finished ones included.
    """
    Status = Recommendation.Status
    published = Recommendation.objects.filter(pemda=where.pemda).filter(
        Q(evaluation__isnull=True) | Q(evaluation__status__in=lke_admin_selectors.PUBLISHED)
    )
    counts = dict.fromkeys(Status.values, 0)
    counts.update({row["status"]: row["n"] for row in published.values("status").annotate(n=Count("id"))})
    open_qs = published.exclude(status=Status.SELESAI).select_related(
        "owner", "evaluation__round__fiscal_year", "pemda_result"
    )
    rows = []
    for rec in open_qs:
        overdue = rec.due_date is not None and rec.due_date < where.meeting
        if rec.evaluation_id:
            source = _("LKE %(year)s") % {"year": rec.evaluation.round.fiscal_year.year}
        else:
            source = _("KemenPAN-RB %(year)s") % {"year": rec.pemda_result.year}
        rows.append({"rec": rec, "overdue": overdue, "source": source})
    rows.sort(
        key=lambda r: (not r["overdue"], r["rec"].due_date is None, r["rec"].due_date or dt.date.max, r["rec"].pk)
    )
    figures = {
        "counts": counts,
        "open": [
            [str(r["rec"].uid), r["rec"].owner.code, r["rec"].status, _d(r["rec"].due_date), r["overdue"]] for r in rows
        ],
    }
    labels = dict(Status.choices)
    context = {
        "rows": rows,
        "counts": [(labels[s], counts[s]) for s in Status.values],
        "total": sum(counts.values()),
        "open_count": len(rows),
        "overdue_count": sum(1 for r in rows if r["overdue"]),
    }
    return figures, context


# --- predicate trend ------------------------------------------------------------------------------


def trend_chart(results) -> charts.SVG | None:
    """Score per year of the Pemda's KemenPAN-RB results (oldest first), the predicate under each year."""
    if not results:
        return None
    return charts.line_chart(
        [f"{r.year} ({r.predicate})" for r in results],
        [charts.Series(_("Nilai AKIP Pemda"), [r.score for r in results])],
        title=_("Nilai dan predikat SAKIP Pemda per tahun"),
        value_labels="all",
        max_value=100,
        width=640,
        height=250,
    )


def _unit_scores(where: Where) -> tuple[list[int], list[dict]]:
    """The units' LKE scores of the last two evaluated years (up to the basis year) that have any."""
    found: dict[int, list] = {}
    for year in range(where.year, where.year - UNIT_SCORE_LOOKBACK, -1):
        rows = lke_selectors.published_scores(where.pemda, year)
        if rows:
            found[year] = rows
        if len(found) == UNIT_SCORE_YEARS:
            break
    years = sorted(found)
    units: dict[int, dict] = {}
    for year in years:
        for row in found[year]:
            entry = units.setdefault(row.unit.pk, {"unit": row.unit, "scores": {}})
            entry["scores"][year] = (row.score, row.predicate)
    table = []
    for entry in units.values():
        cells = [entry["scores"].get(y, (None, "")) for y in years]
        first, last = cells[0][0], cells[-1][0]
        change = last - first if len(years) > 1 and first is not None and last is not None else None
        table.append({"unit": entry["unit"], "cells": cells, "change": change})
    # best latest score first; units without one after, by their earlier score
    table.sort(key=lambda r: (*[(s is None, -(s or 0)) for s, _p in reversed(r["cells"])], r["unit"].code))
    return years, table


def predicate_trend(where: Where) -> tuple[dict, dict]:
    """The Pemda's own KemenPAN-RB results (table, chart, streak sentence) and its units' LKE scores."""
    trend = lke_admin_selectors.pemda_trend(where.pemda)
    years, units = _unit_scores(where)
    figures = {
        "results": [[r.year, str(r.score), r.predicate, r.target_predicate] for r in trend.results],
        "sentence": trend.sentence,
        "unit_years": years,
        "units": [[u["unit"].code, *[[_s(s), p] for s, p in u["cells"]]] for u in units],
    }
    context = {
        "results": list(reversed(trend.results)),
        "sentence": trend.sentence,
        "chart": trend_chart(trend.results),
        "unit_years": years,
        "units": units,
    }
    return figures, context
