"""The page of one indicator of a unit in a year: capaian per period, the trend chart, every change
of its value (who, when, old → new, reason; "berubah setelah diterima") and its evidence."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.permissions import P
from sakip.lib import charts

from .. import capaian, monitoring
from ..models import Evidence, PeriodReport, RealisationChange
from ._common import unit_for, year_for


def _trend_chart(item, period_list) -> charts.SVG:
    labels = [p.short_label for p in period_list[: len(item.trend)]]
    series = [charts.Series(_("Capaian s.d. periode"), item.trend)]
    return charts.line_chart(
        labels,
        series,
        title=_("Tren capaian %(name)s") % {"name": item.indicator.name},
        suffix="%",
        reference=100,
        reference_label=_("Target"),
        value_labels="all",
    )


@require_GET
def indicator_detail(request, unit, year: int, lineage):
    user = request.user
    unit = unit_for(user, unit)
    fiscal_year = year_for(user, year)
    if fiscal_year is None or fiscal_year.year != year:
        raise Http404
    result = capaian.unit_capaian(unit, fiscal_year)
    item = next((i for i in result.indicators if i.indicator.lineage == lineage), None)
    if item is None:
        raise Http404
    period_list = monitoring.reporting_periods(fiscal_year)
    reports = {r.period_id: r for r in PeriodReport.objects.filter(unit=unit, period__in=period_list)}
    changes = (
        RealisationChange.objects.filter(
            realisation__report__unit=unit,
            realisation__indicator_lineage=lineage,
            realisation__report__period__in=period_list,
        )
        .select_related("by", "realisation__report__period")
        .order_by("-created_at", "-id")
    )
    evidence = (
        Evidence.objects.filter(
            realisation__report__unit=unit,
            realisation__indicator_lineage=lineage,
            realisation__report__period__in=period_list,
        )
        .select_related("realisation__report__period")
        .order_by("realisation__report__period__number", "created_at")
    )
    rows = [
        {
            "period": p,
            "value": item.values[i] if i < len(item.values) else None,
            "trend": item.trend[i] if i < len(item.trend) else None,
            "report": reports.get(p.pk),
        }
        for i, p in enumerate(period_list)
    ]
    context = {
        "unit": unit,
        "fiscal_year": fiscal_year,
        "item": item,
        "result": result,
        "rows": rows,
        "changes": changes,
        "evidence": evidence,
        "chart": _trend_chart(item, period_list) if item.trend else None,
        "rules": result.rules,
        "can_monitor": permissions.has_perm(user, P.MONITOR_VIEW),
    }
    return render(request, "evaluations/indicator_detail.html", context)
