"""The realisation home: the periods of a year for the user's unit(s), or, for Pemda-wide readers,
every unit in one period; and the entry point that opens (or starts) the report of a unit and period."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.permissions import P

from .. import capaian, monitoring, services
from ..models import PeriodReport
from ._common import period_for, unit_for, units_for, year_for


@require_GET
def realisation_home(request):
    user = request.user
    permissions.require(user, P.REAL_VIEW)
    fiscal_year = year_for(user, request.GET.get("tahun"))
    context = {"fiscal_year": fiscal_year, "years": fiscal_year and fiscal_year.pemda.years.order_by("-year")}
    if fiscal_year is not None:
        pemda_wide = permissions.unit_ids_with(user, P.REAL_VIEW) is None
        period_list = monitoring.reporting_periods(fiscal_year)
        today = monitoring.today_for(fiscal_year.pemda)
        period = None
        if pemda_wide and period_list:
            number = request.GET.get("periode", "")
            period = next((p for p in period_list if str(p.number) == number), None)
            period = period or monitoring.latest_due_period(period_list, today)
        shown = [period] if period else period_list
        context.update(
            pemda_wide=pemda_wide,
            periods=period_list,
            period=period,
            matrix=monitoring.matrix(fiscal_year, units=units_for(user), period_list=shown, today=today),
            can_edit=permissions.has_perm(user, P.REAL_EDIT),
            with_pk=set(capaian.agreements_for_period(fiscal_year, dt.date(fiscal_year.year, 12, 31))),
            can_export=permissions.has_perm(user, P.MONITOR_VIEW),
        )
    return render(request, "evaluations/realisation_home.html", context)


@require_GET
def report_open(request, unit, year: int, number: int):
    """The report of a unit and period: existing → its grid; else started for an editor; else an empty state."""
    user = request.user
    unit = unit_for(user, unit)
    fiscal_year = year_for(user, year)
    if fiscal_year is None or fiscal_year.year != year:
        return render(request, "evaluations/report_missing.html", {"unit": unit, "year": year}, status=404)
    period = period_for(fiscal_year, number)
    report = PeriodReport.objects.filter(unit=unit, period=period).first()
    started = period.start_date <= monitoring.today_for(unit.pemda)
    if report is None and started and permissions.has_perm(user, P.REAL_EDIT, unit_id=unit.pk):
        report = services.report_get_or_create(unit=unit, period=period, by=user)
    if report is not None:
        return redirect("evaluations:report_detail", uid=report.uid)
    context = {"unit": unit, "period": period, "fiscal_year": fiscal_year, "year": year, "started": started}
    return render(request, "evaluations/report_missing.html", context)
