"""Excel import of the officials roster (admin): upload -> dry run with every error by row and column
-> confirm -> all-or-nothing commit. The uploaded file is kept server-side between the steps (as the
unit and user imports do) and re-read on confirm, so nothing the browser sends later is trusted."""

from __future__ import annotations

import io
import uuid

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.core import permissions
from sakip.core.permissions import P
from sakip.core.resources import ImportFileError

from ..services_officials import IMPORT_COLUMNS, IMPORT_REQUIRED, officials_import

TMP_DIR = "import-sementara"
SESSION_KEY = "sakip-import-pegawai"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTES = {
    "nip": gettext_lazy("Wajib. 18 angka; format sel sebagai Teks. NIP yang sudah ada diperbarui."),
    "nama": gettext_lazy("Wajib. Nama lengkap dengan gelar."),
    "kode_unit": gettext_lazy("Wajib. Kode unit seperti di daftar perangkat daerah."),
    "jenjang": gettext_lazy("Wajib. JPT, Administrator, Pengawas, Fungsional atau Pelaksana."),
    "jabatan": gettext_lazy("Opsional. Nama jabatan."),
    "username": gettext_lazy("Opsional. Nama pengguna akun portal pegawai ini."),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and pending.get("path", "").startswith(f"{TMP_DIR}/") and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])


def _page(request, status=200, **context):
    context.setdefault("form", UploadForm())
    context["notes"] = [(c, c in IMPORT_REQUIRED, NOTES[c]) for c in IMPORT_COLUMNS]
    return render(request, "rewards/obligations/official_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
def official_import(request):
    user = request.user
    permissions.require(user, P.OBLIGATION_MANAGE)
    if request.method == "GET":
        _discard(request)
        return _page(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    data = form.cleaned_data["file"].read()
    try:
        report = officials_import(user=user, pemda=user.pemda, data=data, commit=False)
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return _page(request, form=form, status=400)
    _discard(request)
    if report.ok:
        path = default_storage.save(f"{TMP_DIR}/{uuid.uuid4().hex}.xlsx", ContentFile(data))
        request.session[SESSION_KEY] = {"path": path, "name": form.cleaned_data["file"].name}
    return _page(request, report=report, filename=form.cleaned_data["file"].name)


@require_POST
def official_import_confirm(request):
    user = request.user
    permissions.require(user, P.OBLIGATION_MANAGE)
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(pending["path"]):
        messages.error(request, _("Berkas impor tidak ditemukan atau sudah kedaluwarsa. Unggah ulang berkasnya."))
        return redirect("rewards:official_import")
    with default_storage.open(pending["path"], "rb") as handle:
        data = handle.read()
    _discard(request)
    try:
        report = officials_import(user=user, pemda=user.pemda, data=data, commit=True)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("rewards:official_import")
    if not report.ok:
        return _page(request, report=report, filename=pending["name"], failed_commit=True, status=400)
    messages.success(
        request,
        _("Impor pegawai selesai: %(c)s ditambahkan, %(u)s diperbarui.") % {"c": report.created, "u": report.updated},
    )
    return redirect("rewards:official_list")


@require_GET
def official_import_template(request):
    import openpyxl
    from openpyxl.styles import Font

    permissions.require(request.user, P.OBLIGATION_MANAGE)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    sheet.append(IMPORT_COLUMNS)
    sheet.append(["197506042003122001", "dr. Hj. Nurul Hikmah, M.Kes.", "1.02.01", "JPT", "Kepala Dinas Kesehatan", ""])
    sheet.append(["198103152006042012", "Hj. Rusmilawati, S.KM., M.Kes.", "1.02.01", "Administrator", "Sekretaris", ""])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, max_row=500, min_col=1, max_col=1):
        for cell in row:
            cell.number_format = "@"
    for letter, width in zip("ABCDEF", (22, 36, 14, 16, 32, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    notes = workbook.create_sheet("Petunjuk")
    for column in IMPORT_COLUMNS:
        notes.append([column, str(NOTES[column])])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
    return response
