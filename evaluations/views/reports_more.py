"""Coordination-meeting packs, the schedule of the monthly report and the units' one-page reports.

* ``meeting_pack_new``: the meeting date (default the next working day) and the sections; the pack
  reports on the month before the meeting (``report_forms.basis_month``);
* ``report_settings``: day, hour, recipients (Admin SAKIP only), with the next scheduled run;
* ``report_unit_list``: the one-pagers a user may download: their own units' (operator, kepala), or
  every unit's with a unit filter (holders of ``P.REPORT_VIEW``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P
from sakip.lib.dates import format_date

from .. import report_selectors as selectors
from .. import report_services as services
from ..monitoring import today_for
from ..report_forms import MeetingPackForm, ReportSettingForm, UnitFilterForm, attach_errors, month_label
from ..report_meeting import basis_month
from ..report_models import Report
from .reports import require_generate, schedule_summary

PAGE_SIZE = 20


@require_http_methods(["GET", "POST"])
def meeting_pack_new(request):
    user = request.user
    selectors.reports_for(user)  # 403 without P.REPORT_VIEW
    require_generate(user)
    today = today_for(user.pemda)
    form = MeetingPackForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        meeting_date = form.cleaned_data["meeting_date"]
        year, month = basis_month(meeting_date)
        try:
            report = services.report_request(
                user=user,
                kind=Report.Kind.MEETING,
                year=year,
                month=month,
                meeting_date=meeting_date,
                sections=form.cleaned_data["sections"],
                trigger="manual",
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request, _("Bahan rapat koordinasi %(date)s sedang dibuat.") % {"date": format_date(meeting_date)}
            )
            return redirect("evaluations:monthly_detail", uid=report.uid)
    raw_date = request.GET.get("meeting_date") or form["meeting_date"].value()
    try:
        shown = form.fields["meeting_date"].clean(raw_date) if raw_date else None
    except ValidationError:
        shown = None
    basis = month_label(*basis_month(shown)) if shown else ""
    return render(
        request,
        "evaluations/reports/meeting_form.html",
        {"form": form, "basis": basis},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def report_settings(request):
    user = request.user
    if not selectors.can_configure(user):
        raise PermissionDenied(_("Hanya Admin SAKIP yang dapat mengatur jadwal laporan bulanan."))
    pemda = user.pemda
    setting = services.setting_for(pemda)
    form = ReportSettingForm(request.POST or None, initial=ReportSettingForm.initial_from(setting))
    if request.method == "POST" and form.is_valid():
        try:
            services.setting_update(user=user, pemda=pemda, data=form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Jadwal laporan bulanan disimpan."))
            return redirect("evaluations:report_settings")
    context = {"form": form, "schedule": schedule_summary(user)}
    return render(request, "evaluations/reports/settings.html", context, status=400 if form.errors else 200)


@require_GET
def report_unit_list(request):
    user = request.user
    whole = permissions.has_perm(user, P.REPORT_VIEW)
    if not whole and not permissions.own_unit_ids(user):
        raise PermissionDenied(_("Laporan satu halaman hanya untuk unit Anda."))
    unit_qs = Unit.objects.filter(pemda_id=user.pemda_id).order_by("code", "name")
    units = list(unit_qs if whole else unit_qs.filter(pk__in=permissions.own_unit_ids(user)))
    form = UnitFilterForm(request.GET or None, units=units if whole or len(units) > 1 else ())
    form.is_valid()
    chosen = (getattr(form, "cleaned_data", None) or {}).get("unit")
    unit = next((u for u in units if str(u.uid) == chosen), None)
    qs = selectors.unit_reports_for(user)
    if unit is not None:
        qs = qs.filter(unit=unit)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for unit_report in page:
        unit_report.month_label = month_label(unit_report.report.year, unit_report.report.month)
    context = {"form": form, "page": page, "whole": whole, "units": units, "filtered": unit is not None}
    return render(request, "evaluations/reports/unit_list.html", context)
