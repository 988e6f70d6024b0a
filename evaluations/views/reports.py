"""Monthly evaluation reports: the archive, generating a month on demand, one report with its
progress (polled with htmx until it is done or failed), its downloads and retrying a failure.

Reads go through ``evaluations.report_selectors`` (another Pemda's report is 404; without
``P.REPORT_VIEW`` 403), writes through ``evaluations.report_services``; the views only bind forms
and show results. Meeting packs, the schedule settings and the units' one-pagers are in
``reports_more.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sakip.lib.dates import format_datetime

from .. import report_selectors as selectors
from .. import report_services as services
from ..monitoring import today_for
from ..report_forms import (
    ArchiveFilterForm,
    GenerateForm,
    attach_errors,
    month_key,
    month_label,
    report_filename,
    report_title,
)
from ..report_models import Report, ReportDelivery

PAGE_SIZE = 20


def require_generate(user) -> None:
    if not selectors.can_generate(user):
        raise PermissionDenied(_("Anda tidak berwenang membuat laporan bulanan."))


def schedule_summary(user) -> dict | None:
    """The schedule of the automatic report and its next run, for those who may configure it."""
    if not selectors.can_configure(user):
        return None
    pemda = user.pemda
    setting = services.setting_for(pemda)
    upcoming = services.next_run(pemda) if setting.is_active else None
    return {
        "setting": setting,
        "hour": f"{setting.hour:02d}.00",
        "zone": pemda.zone_label,
        "next": format_datetime(upcoming.astimezone(pemda.tz)) if upcoming else "",
    }


def _archive_context(request, generate_form=None) -> dict:
    user = request.user
    years = sorted(set(selectors.reports_for(user).values_list("year", flat=True)), reverse=True)
    form = ArchiveFilterForm(request.GET or None, years=years)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    qs = selectors.reports_for(
        user, kind=f.get("jenis") or None, year=f.get("tahun") or None, status=f.get("status") or None
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for report in page:
        report.title = report_title(report)
    can_generate = selectors.can_generate(user)
    if can_generate and generate_form is None:
        generate_form = _generate_form(user)
    return {
        "form": form,
        "filtered": any(v not in (None, "") for v in f.values()) if f else False,
        "page": page,
        "can_generate": can_generate,
        "generate_form": generate_form,
        "schedule": schedule_summary(user),
    }


def _generate_form(user, data=None) -> GenerateForm:
    """The month select; the last finished month is preselected (the current one may also be chosen)."""
    today = today_for(user.pemda)
    months = selectors.month_choices(user.pemda, today)
    finished = [ym for ym in months if ym < (today.year, today.month)]
    initial = {"bulan": month_key(*(finished or months)[0])} if months else {}
    return GenerateForm(data, months=months, initial=initial)


@require_GET
def report_list(request):
    return render(request, "evaluations/reports/list.html", _archive_context(request))


@require_POST
def report_generate(request):
    user = request.user
    selectors.reports_for(user)  # 403 without P.REPORT_VIEW
    require_generate(user)
    form = _generate_form(user, request.POST)
    if form.is_valid():
        year, month = form.cleaned_data["bulan"]
        try:
            report = services.report_request(
                user=user, year=year, month=month, deliver=form.cleaned_data["kirim"], trigger="manual"
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Laporan %(month)s versi %(v)s sedang dibuat.")
                % {"month": month_label(year, month), "v": report.version},
            )
            return redirect("evaluations:monthly_detail", uid=report.uid)
    return render(request, "evaluations/reports/list.html", _archive_context(request, form), status=400)


def _progress_context(report: Report) -> dict:
    return {"report": report, "active": not report.is_finished}


@require_GET
def report_detail(request, uid):
    user = request.user
    report = selectors.report_for(user, uid)
    unit_reports = list(selectors.unit_reports_for(user, report=report)) if report.status == Report.Status.DONE else []
    counts = dict(report.deliveries.order_by().values("channel").annotate(n=Count("id")).values_list("channel", "n"))
    deliveries = [(label, counts.get(value, 0)) for value, label in ReportDelivery.Channel.choices]
    context = {
        **_progress_context(report),
        "unit_reports": unit_reports,
        "deliveries": deliveries,
        "delivered": sum(counts.values()),
        "can_generate": selectors.can_generate(user),
        "month": month_label(report.year, report.month),
        "title": report_title(report),
        "section_labels": [label for value, label in Report.Section.choices if value in (report.sections or [])],
    }
    return render(request, "evaluations/reports/detail.html", context)


@require_GET
def report_progress(request, uid):
    report = selectors.report_for(request.user, uid)
    context = {**_progress_context(report), "month": month_label(report.year, report.month)}
    return render(request, "evaluations/reports/_progress.html", context)


@require_GET
def report_download(request, uid):
    report = selectors.report_for(request.user, uid)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404
    return _file_response(report.file, report_filename(report))


@require_GET
def monthly_unit_download(request, uid, unit):
    unit_report = selectors.unit_report_for(request.user, uid, unit)
    if not unit_report.file:
        raise Http404
    return _file_response(unit_report.file, report_filename(unit_report.report, unit_report.unit))


def _file_response(field, filename: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def report_retry(request, uid):
    user = request.user
    report = selectors.report_for(user, uid)
    require_generate(user)
    try:
        retried = services.report_retry(user=user, report=report)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("evaluations:monthly_detail", uid=report.uid)
    messages.success(request, _("Laporan dibuat ulang sebagai versi %(v)s.") % {"v": retried.version})
    return redirect("evaluations:monthly_detail", uid=retried.uid)
