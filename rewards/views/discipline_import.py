"""Importing a month's attendance summaries (admin, ``P.DISCIPLINE_MANAGE``): the template, the
upload with a dry run (every row with what would be saved, every error with row and column), then
the all-or-nothing commit of exactly the file that was checked.

Between the dry run and the commit the file stays on the server (default storage, under
``disiplin-import/``), keyed in the session with the chosen year and month, as the realisation
import does (``evaluations/views/excel.py``)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.lib.dates import month_name

from .. import discipline_io
from .. import selectors_discipline as sel
from .. import services_discipline as svc
from ..forms_discipline import ImportForm
from ..models import Official

SESSION_KEY = "discipline_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def discipline_template(request):
    """The export template, prefilled with the Pemda's active officials (NIP as text)."""
    sel.require_manage(request.user)
    officials = Official.objects.filter(pemda_id=request.user.pemda_id, is_active=True).order_by("unit__code", "name")
    response = HttpResponse(discipline_io.template_xlsx(officials.only("nip", "name")), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-rekap-absensi.xlsx"'
    return response


def _discard(request) -> None:
    stashed = request.session.pop(SESSION_KEY, None)
    if stashed and default_storage.exists(stashed["path"]):
        default_storage.delete(stashed["path"])


def _initial(user) -> dict:
    today = timezone.now().astimezone(user.pemda.tz).date()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return {"year": year, "month": month}


@require_http_methods(["GET", "POST"])
def discipline_import(request):
    """GET: the upload form; POST: keep the file and show the dry run (nothing saved)."""
    user = request.user
    sel.require_manage(user)
    form = ImportForm(request.POST or None, request.FILES or None, initial=_initial(user))
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
        try:
            result = svc.import_check(user=user, pemda=user.pemda, year=year, month=month, data=data,
                                      file_name=upload.name)  # fmt: skip
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("month" if hasattr(exc, "error_dict") else None, message)
            return render(request, "rewards/discipline/import.html", context, status=400)
        _discard(request)
        if result.ok:
            path = default_storage.save(f"disiplin-import/{uuid.uuid4().hex}.xlsx", ContentFile(data))
            request.session[SESSION_KEY] = {"path": path, "filename": upload.name[:120], "year": year, "month": month}
        counts = {"new": result.count(svc.NEW), "replaces": result.count(svc.REPLACES),
                  "unchanged": result.count(svc.UNCHANGED)}  # fmt: skip
        context.update(result=result, counts=counts, month_label=f"{month_name(month)} {year}")
        return render(request, "rewards/discipline/import.html", context, status=200 if result.ok else 400)
    return render(request, "rewards/discipline/import.html", context, status=400 if form.errors else 200)


@require_POST
def discipline_import_commit(request):
    """Save the file checked in the dry run, all or nothing, then evaluate the year into proposals."""
    user = request.user
    sel.require_manage(user)
    stashed = request.session.get(SESSION_KEY)
    if not stashed or not default_storage.exists(stashed["path"]):
        messages.error(request, _("Berkas yang diperiksa sudah tidak tersedia. Unggah ulang berkasnya."))
        return redirect("rewards:discipline_import")
    with default_storage.open(stashed["path"], "rb") as handle:
        data = handle.read()
    try:
        result = svc.discipline_import(user=user, pemda=user.pemda, year=stashed["year"], month=stashed["month"],
                                       data=data, file_name=stashed["filename"])  # fmt: skip
    except ValidationError as exc:
        _discard(request)
        messages.error(
            request, _("Impor dibatalkan, tidak ada data yang disimpan: %(e)s") % {"e": "; ".join(exc.messages[:10])}
        )
        return redirect("rewards:discipline_import")
    _discard(request)
    label = f"{month_name(result.month)} {result.year}"
    messages.success(
        request,
        ngettext("Rekap absensi %(m)s disimpan: %(n)s pegawai.", "Rekap absensi %(m)s disimpan: %(n)s pegawai.",
                 len(result.rows)) % {"m": label, "n": len(result.rows)},
    )  # fmt: skip
    if result.proposals:
        messages.info(
            request,
            ngettext("%(n)s usulan sanksi disiplin baru menunggu keputusan pimpinan.",
                     "%(n)s usulan sanksi disiplin baru menunggu keputusan pimpinan.", len(result.proposals))
            % {"n": len(result.proposals)},
        )  # fmt: skip
    return redirect(f"{reverse('rewards:discipline_home')}?tahun={result.year}")
