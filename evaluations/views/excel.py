"""Excel: the period template of a report, upload with a dry run then an all-or-nothing commit, and
the export of a year. The spreadsheet work is the domain's (``evaluations/imports.py``); these views
move files and show the report.

Between the dry run and the commit the uploaded file stays on the server (default storage, under
``realisasi-import/``), keyed in the session per report, so the commit imports exactly the file
that was checked.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.core import permissions
from sakip.core.permissions import P

from .. import imports
from ..forms import ImportForm
from ._common import flash_errors, report_for, year_for
from .grid import load_for_edit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def report_template(request, uid):
    report = report_for(request.user, uid)
    slug = slugify(report.unit.short_name or report.unit.name)
    period = report.period
    return _xlsx(imports.realisation_template_xlsx(report), f"realisasi-{period.start_date:%Y-%m}-{slug}.xlsx")


@require_GET
def export_year(request, year: int):
    permissions.require(request.user, P.MONITOR_VIEW)
    fiscal_year = year_for(request.user, year)
    if fiscal_year is None or fiscal_year.year != year:
        raise Http404
    return _xlsx(imports.realisation_export_year(fiscal_year, request.user), f"realisasi-{year}.xlsx")


def _session_key(report) -> str:
    return f"realisation_import:{report.uid}"


def _stash(request, report, upload) -> str:
    _discard(request, report)
    name = default_storage.save(f"realisasi-import/{uuid.uuid4().hex}.xlsx", upload)
    request.session[_session_key(report)] = {"path": name, "filename": upload.name[:120]}
    return name


def _discard(request, report) -> None:
    stashed = request.session.pop(_session_key(report), None)
    if stashed and default_storage.exists(stashed["path"]):
        default_storage.delete(stashed["path"])


@require_http_methods(["GET", "POST"])
def report_import(request, uid):
    """GET: the upload form; POST: keep the file and show the dry-run report (errors by row and column)."""
    report = load_for_edit(request, uid)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"report": report, "form": form}
    if request.method == "POST" and form.is_valid():
        path = _stash(request, report, form.cleaned_data["file"])
        try:
            with default_storage.open(path, "rb") as handle:
                context["result"] = imports.realisation_import(report, handle, by=request.user, dry_run=True)
        except ValidationError as exc:  # e.g. the report is locked
            _discard(request, report)
            flash_errors(request, exc)
            return redirect("evaluations:report_detail", uid=report.uid)
        context["filename"] = form.cleaned_data["file"].name
    return render(request, "evaluations/report_import.html", context)


@require_POST
def report_import_commit(request, uid):
    """Import the file checked in the dry run (all or nothing) through the services."""
    report = load_for_edit(request, uid)
    stashed = request.session.get(_session_key(report))
    if not stashed or not default_storage.exists(stashed["path"]):
        messages.error(request, _("Berkas yang diperiksa sudah tidak tersedia. Unggah ulang berkasnya."))
        return redirect("evaluations:report_import", uid=report.uid)
    try:
        with default_storage.open(stashed["path"], "rb") as handle:
            result = imports.realisation_import(report, handle, by=request.user, dry_run=False)
    except ValidationError as exc:
        _discard(request, report)
        flash_errors(request, exc)
        return redirect("evaluations:report_detail", uid=report.uid)
    if result.errors:
        context = {"report": report, "form": ImportForm(), "result": result, "filename": stashed["filename"]}
        return render(request, "evaluations/report_import.html", context)
    _discard(request, report)
    messages.success(request, _("Realisasi dari Excel disimpan."))
    return redirect("evaluations:report_detail", uid=report.uid)
