"""LKE templates as spreadsheets (EVAL_MANAGE): export, and import in two steps — upload → preview
with the problems of every row → commit. Nothing is stored before the commit, and the commit
imports exactly the file that was previewed (kept in default storage, keyed in the session)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluations import lke_template_io as io
from sakip.core import permissions
from sakip.core.permissions import P

from ..lke_admin_forms import TemplateImportForm
from .lke_admin_common import REFUSED, flash_refusal, refusal_messages, template_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "lke_template_import"


@require_GET
def lke_template_export(request, uid):
    template = template_for(request.user, uid)
    response = HttpResponse(io.template_export(template), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-lke-{template.family}-v{template.version}.xlsx"'
    return response


def _stored(request) -> dict | None:
    data = request.session.get(SESSION_KEY)
    if data and default_storage.exists(data.get("path", "")):
        return data
    return None


@require_http_methods(["GET", "POST"])
def lke_template_import(request):
    """Upload a workbook and show what the import would do, row by row."""
    user = request.user
    permissions.require(user, P.EVAL_MANAGE)
    form = TemplateImportForm(request.POST or None, request.FILES or None)
    preview, errors = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = io.template_import_preview(
                user=user, pemda=user.pemda, file=upload, family=form.cleaned_data.get("family") or None
            )
        except REFUSED as exc:
            errors = refusal_messages(exc)
        if preview is not None and preview.ok:
            old = _stored(request)
            if old:
                default_storage.delete(old["path"])
            upload.seek(0)
            path = default_storage.save(f"lke-template-import/{uuid.uuid4().hex}.xlsx", upload)
            request.session[SESSION_KEY] = {
                "path": path,
                "family": form.cleaned_data.get("family") or "",
                "name": upload.name,
            }
    context = {"form": form, "preview": preview, "errors": errors}
    return render(request, "evaluations/lke_admin/template_import.html", context)


@require_POST
def lke_template_import_commit(request):
    user = request.user
    permissions.require(user, P.EVAL_MANAGE)
    data = _stored(request)
    if data is None:
        messages.error(request, _("Berkas pratinjau tidak ditemukan lagi; unggah ulang berkasnya."))
        return redirect("evaluations:lke_template_import")
    try:
        with default_storage.open(data["path"], "rb") as f:
            template = io.template_import_commit(
                user=user, pemda=user.pemda, preview_or_file=f, family=data["family"] or None
            )
    except REFUSED as exc:
        flash_refusal(request, exc)
        return redirect("evaluations:lke_template_import")
    default_storage.delete(data["path"])
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Templat %(t)s diimpor.") % {"t": template})
    return redirect("evaluations:lke_template_detail", uid=template.uid)
