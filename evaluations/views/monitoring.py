"""Monitoring pages (``P.MONITOR_VIEW``: Admin SAKIP, evaluators, pimpinan): the Pemda matrix of
units × periods, the capaian dashboard and a unit's capaian; drill-down Pemda → unit → indicator
(``indicator.py``) → evidence. Every page is print-friendly (``print.css`` hides navigation)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.models import RankingCategory
from sakip.core.permissions import P
from sakip.lib import charts

from .. import capaian, monitoring
from ._common import unit_for, year_for

NOT_ASSESSED_COLOUR = "#9aa5b1"


def _period(request, period_list, today):
    number = request.GET.get("periode", "")
    found = next((p for p in period_list if str(p.number) == number), None)
    return found, found or monitoring.latest_due_period(period_list, today)


def _base(request):
    user = request.user
    permissions.require(user, P.MONITOR_VIEW)
    fiscal_year = year_for(user, request.GET.get("tahun"))
    years = list(user.pemda.years.order_by("-year")) if fiscal_year else []
    return user, fiscal_year, {"fiscal_year": fiscal_year, "years": years}


@require_GET
def monitoring_matrix(request):
    user, fiscal_year, context = _base(request)
    if fiscal_year is not None:
        period_list = monitoring.reporting_periods(fiscal_year)
        today = monitoring.today_for(user.pemda)
        chosen, _default = _period(request, period_list, today)
        category = request.GET.get("kategori", "").strip()
        context.update(
            matrix=monitoring.matrix(
                fiscal_year, period_list=[chosen] if chosen else period_list, ranking_category=category, today=today
            ),
            periods=period_list,
            filters={"periode": chosen.number if chosen else "", "kategori": category},
            category_pairs=list(
                RankingCategory.objects.filter(pemda_id=user.pemda_id)
                .order_by("order", "name")
                .values_list("code", "name")
            ),
            states=monitoring.STATES.items(),
            short=monitoring.SHORT,
        )
    return render(request, "evaluations/monitoring_matrix.html", context)


def _distribution_chart(result) -> charts.SVG:
    segments = [(band.label, count, band.colour) for band, count in result.distribution if band is not None]
    segments.append((_("Belum dinilai"), result.distribution[-1][1], NOT_ASSESSED_COLOUR))
    return charts.distribution_bar(segments, title=_("Sebaran kategori capaian indikator"), width=960)


@require_GET
def monitoring_dashboard(request):
    user, fiscal_year, context = _base(request)
    if fiscal_year is not None:
        period_list = monitoring.reporting_periods(fiscal_year)
        _chosen, period = _period(request, period_list, monitoring.today_for(user.pemda))
        result = capaian.pemda_capaian(user.pemda, fiscal_year, period)
        category = request.GET.get("kategori", "").strip()
        most_red = result.most_red(10)
        listed = [
            (u, i)
            for u in result.units
            for i in u.indicators
            if category and (i.capaian.category_code or "na") == category
        ]
        context.update(
            result=result,
            period=period,
            periods=period_list,
            rules=result.rules,
            most_red=most_red,
            chart=_distribution_chart(result),
            listed=listed,
            filters={"kategori": category},
            with_pk=sum(1 for u in result.units if u.agreement is not None),
            category_pairs=[(b.code, b.label) for b in result.rules.bands] + [("na", _("Belum dinilai"))],
        )
    return render(request, "evaluations/monitoring_dashboard.html", context)


@require_GET
def monitoring_unit(request, uid):
    user, fiscal_year, context = _base(request)
    unit = unit_for(user, uid, P.MONITOR_VIEW)
    context["unit"] = unit
    if fiscal_year is not None:
        period_list = monitoring.reporting_periods(fiscal_year)
        _chosen, period = _period(request, period_list, monitoring.today_for(user.pemda))
        result = capaian.unit_capaian(unit, fiscal_year, period)
        labels = [p.short_label for p in period_list]
        trends = [
            charts.line_chart(
                labels[: len(i.trend)],
                [charts.Series(_("Capaian"), i.trend)],
                title=i.indicator.name,
                suffix="%",
                reference=100,
                width=360,
                height=160,
                decimals=0,
            )
            if i.trend
            else None
            for i in result.indicators
        ]
        context.update(
            result=result,
            period=period,
            periods=period_list,
            rules=result.rules,
            items=list(zip(result.indicators, trends, strict=True)),
        )
    return render(request, "evaluations/monitoring_unit.html", context)
