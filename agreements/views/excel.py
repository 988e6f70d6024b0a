"""Excel: the template of a PK, upload with a dry run then an all-or-nothing commit, and the export
of a year. The spreadsheet work is done by the domain functions in ``agreements/imports.py`` and
``agreements/resources.py``; these
views only move files and show the report.

Between the dry run and the commit the uploaded file stays on the server (default storage, under
``pk-import/``), keyed in the session per PK, so the user does not upload it twice and the commit
imports exactly the file that was checked.
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

from .. import imports, resources, selectors
from ..forms import ImportForm
from ._common import flash_errors
from .editor import load_for_edit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _owner_slug(agreement) -> str:
    return slugify(agreement.unit.short_name or agreement.unit.name) if agreement.unit_id else "pemda"


@require_GET
def pk_template(request, uid):
    agreement = load_for_edit(request, uid)
    data = imports.pk_template_xlsx(agreement)
    return _xlsx(data, f"templat-pk-{agreement.fiscal_year.year}-{_owner_slug(agreement)}.xlsx")


@require_GET
def pk_export_year(request, year: int):
    permissions.require(request.user, P.PK_EXPORT)
    fiscal_year = selectors.year_for(request.user, year)
    if fiscal_year is None or fiscal_year.year != year:
        raise Http404
    return _xlsx(resources.pk_export_year(fiscal_year, request.user), f"indikator-pk-{year}.xlsx")


def _session_key(agreement) -> str:
    return f"pk_import:{agreement.uid}"


def _stash(request, agreement, upload) -> str:
    """Keep the upload server-side (replacing an earlier one) and remember it in the session."""
    _discard(request, agreement)
    name = default_storage.save(f"pk-import/{uuid.uuid4().hex}.xlsx", upload)
    request.session[_session_key(agreement)] = {"path": name, "filename": upload.name[:120]}
    return name


def _discard(request, agreement) -> None:
    stashed = request.session.pop(_session_key(agreement), None)
    if stashed and default_storage.exists(stashed["path"]):
        default_storage.delete(stashed["path"])


@require_http_methods(["GET", "POST"])
def pk_import(request, uid):
    """GET: the upload form; POST: store the file and show the dry-run report."""
    agreement = load_for_edit(request, uid)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"agreement": agreement, "form": form}
    if request.method == "POST" and form.is_valid():
        path = _stash(request, agreement, form.cleaned_data["file"])
        try:
            with default_storage.open(path, "rb") as handle:
                context["report"] = imports.pk_import(agreement, handle, by=request.user, dry_run=True)
        except ValidationError as exc:  # the PK is no longer a draft
            _discard(request, agreement)
            flash_errors(request, exc)
            return redirect("agreements:pk_detail", uid=agreement.uid)
        context["filename"] = form.cleaned_data["file"].name
    return render(request, "agreements/pk_import.html", context)


@require_POST
def pk_import_commit(request, uid):
    """Import the file checked in the dry run (all or nothing) through the services."""
    agreement = load_for_edit(request, uid)
    stashed = request.session.get(_session_key(agreement))
    if not stashed or not default_storage.exists(stashed["path"]):
        messages.error(request, _("Berkas yang diperiksa sudah tidak tersedia. Unggah ulang berkasnya."))
        return redirect("agreements:pk_import", uid=agreement.uid)
    try:
        with default_storage.open(stashed["path"], "rb") as handle:
            report = imports.pk_import(agreement, handle, by=request.user, dry_run=False)
    except ValidationError as exc:
        _discard(request, agreement)
        flash_errors(request, exc)
        return redirect("agreements:pk_detail", uid=agreement.uid)
    if report.errors:
        context = {"agreement": agreement, "form": ImportForm(), "report": report, "filename": stashed["filename"]}
        return render(request, "agreements/pk_import.html", context)
    _discard(request, agreement)
    messages.success(request, _("Isi PK dari Excel disimpan."))
    return redirect("agreements:pk_edit", uid=agreement.uid)
