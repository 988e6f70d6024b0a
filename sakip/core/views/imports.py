"""Excel import pages for units and users: upload -> dry run (every error by row and column) ->
confirm -> all-or-nothing commit through the services.

Between the steps the uploaded file is kept server-side (Django storage, ``import-sementara/``)
under a random name recorded in the session; the confirm step re-reads that file and runs the
import again in commit mode, so nothing the browser sends after the dry run is trusted.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import ImportUploadForm
from ..models import RankingCategory, RoleAssignment, Unit
from ..permissions import P, require
from ..resources import ImportFileError, UnitResource, UserResource, read_spreadsheet, run_import

TMP_DIR = "import-sementara"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ImportKind:
    key: str
    resource: type
    perm: P
    title: str
    noun: str
    list_url: str
    filename: str
    example: tuple


KINDS = {
    "unit": ImportKind(
        "unit",
        UnitResource,
        P.UNIT_MANAGE,
        gettext_lazy("Impor perangkat daerah"),
        gettext_lazy("unit"),
        "core:unit_list",
        "templat-impor-unit.xlsx",
        (
            ("1.02.01", "Dinas Kesehatan", "Dinkes", "Dinas", "", "Perangkat Daerah", "ya"),
            ("1.02.01.01", "Puskesmas Martapura 1", "PKM Martapura 1", "Puskesmas", "1.02.01", "UPTD", "ya"),
        ),
    ),
    "user": ImportKind(
        "user",
        UserResource,
        P.USER_MANAGE,
        gettext_lazy("Impor pengguna"),
        gettext_lazy("pengguna"),
        "core:user_list",
        "templat-impor-pengguna.xlsx",
        (
            (
                "operator.dinkes",
                "Siti Rahmah, S.KM.",
                "siti.rahmah@contoh.go.id",
                "198805122010012003",
                "Operator OPD",
                "1.02.01",
            ),
            ("evaluator1", "Ahmad Fauzi, S.E.", "ahmad.fauzi@contoh.go.id", "", "Evaluator Inspektorat", ""),
        ),
    ),
}


def _kind(key: str) -> ImportKind:
    if key not in KINDS:
        raise Http404
    return KINDS[key]


def _session_key(kind: ImportKind) -> str:
    return f"sakip-import-{kind.key}"


def _discard(request, kind: ImportKind) -> None:
    pending = request.session.pop(_session_key(kind), None)
    if pending and pending.get("path", "").startswith(f"{TMP_DIR}/") and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])


def _check(request, kind: ImportKind, data: bytes, *, commit: bool):
    resource = kind.resource(pemda=request.user.pemda)
    dataset, numbers = read_spreadsheet(data, columns=resource.COLUMNS, required=resource.REQUIRED)
    return run_import(resource, dataset, numbers, commit=commit)


def _page(request, kind: ImportKind, *, status: int = 200, **context):
    required = kind.resource.REQUIRED
    context.update(
        confirm_url=reverse(f"core:{kind.key}_import_confirm"),
        kind=kind,
        notes=[(c, c in required, text) for c, text in _notes(request, kind.key)],
    )
    context.setdefault("form", ImportUploadForm())
    if report := context.get("report"):
        context["bad_rows"] = {issue.row for issue in report.issues}
    return render(request, "core/import.html", context, status=status)


def _upload(request, key: str):
    kind = KINDS[key]
    require(request.user, kind.perm)
    if request.method == "GET":
        _discard(request, kind)
        return _page(request, kind)
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, kind, form=form, status=400)
    data = form.cleaned_data["file"].read()
    try:
        report = _check(request, kind, data, commit=False)
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return _page(request, kind, form=form, status=400)
    _discard(request, kind)
    if report.ok:
        path = default_storage.save(f"{TMP_DIR}/{uuid.uuid4().hex}.xlsx", ContentFile(data))
        request.session[_session_key(kind)] = {"path": path, "name": form.cleaned_data["file"].name}
    return _page(request, kind, report=report, filename=form.cleaned_data["file"].name)


def _confirm(request, key: str):
    kind = KINDS[key]
    require(request.user, kind.perm)
    pending = request.session.get(_session_key(kind))
    if not pending or not default_storage.exists(pending["path"]):
        messages.error(request, _("Berkas impor tidak ditemukan atau sudah kedaluwarsa. Unggah ulang berkasnya."))
        return redirect(f"core:{key}_import")
    with default_storage.open(pending["path"], "rb") as handle:
        data = handle.read()
    _discard(request, kind)
    try:
        report = _check(request, kind, data, commit=True)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect(f"core:{key}_import")
    if not report.ok:  # the data changed since the dry run: nothing was saved
        return _page(request, kind, report=report, filename=pending["name"], failed_commit=True, status=400)
    messages.success(request, _("%(n)s %(noun)s berhasil diimpor.") % {"n": report.total, "noun": kind.noun})
    return redirect(kind.list_url)


@require_http_methods(["GET", "POST"])
def unit_import(request):
    return _upload(request, "unit")


@require_POST
def unit_import_confirm(request):
    return _confirm(request, "unit")


@require_http_methods(["GET", "POST"])
def user_import(request):
    return _upload(request, "user")


@require_POST
def user_import_confirm(request):
    return _confirm(request, "user")


@require_POST
def import_cancel(request, key: str):
    kind = _kind(key)
    require(request.user, kind.perm)
    _discard(request, kind)
    messages.info(request, _("Impor dibatalkan. Tidak ada data yang disimpan."))
    return redirect(kind.list_url)


def _notes(request, key: str) -> list[tuple[str, str]]:
    if key == "unit":
        categories = RankingCategory.objects.filter(pemda_id=request.user.pemda_id)
        return [
            ("kode", _("Wajib. Kode unik unit dalam Pemda, misalnya 1.02.01.")),
            ("nama", _("Wajib. Nama lengkap unit.")),
            ("singkatan", _("Opsional. Nama singkat, misalnya Dinkes.")),
            ("jenis", _("Wajib. Salah satu: %(v)s.") % {"v": ", ".join(str(label) for _c, label in Unit.Type.choices)}),
            ("kode_induk", _("Kode unit induk (wajib untuk Kelurahan, UPTD/Puskesmas, Bagian). Induk di baris atas.")),
            (
                "kategori",
                _("Opsional. Salah satu: %(v)s. Kosong = sesuai jenis.") % {"v": ", ".join(c.name for c in categories)},
            ),
            ("aktif", _("Opsional. ya atau tidak (kosong = ya).")),
        ]
    return [
        ("username", _("Wajib. Nama untuk masuk: huruf, angka dan . _ - saja.")),
        ("nama_lengkap", _("Wajib. Nama lengkap dengan gelar.")),
        ("email", _("Dianjurkan. Untuk tautan atur ulang kata sandi.")),
        ("nip", _("Opsional. 18 angka; format sel sebagai Teks.")),
        (
            "peran",
            _("Opsional. Salah satu: %(v)s.")
            % {"v": ", ".join(str(label) for _c, label in RoleAssignment.Role.choices)},
        ),
        ("kode_unit", _("Wajib untuk Operator OPD dan Kepala OPD: kode unit.")),
    ]


@require_GET
def import_template(request, key: str):
    """A ready-to-fill .xlsx: headers, example rows, and a sheet explaining every column."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    kind = _kind(key)
    require(request.user, kind.perm)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    columns = kind.resource.COLUMNS
    sheet.append(columns)
    for row in kind.example:
        sheet.append(list(row))
    for index in range(1, len(columns) + 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0B5CAB")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, max(len(str(r[index - 1])) for r in kind.example) + 4)
        for row_cells in sheet.iter_rows(min_row=2, max_row=500, min_col=index, max_col=index):
            row_cells[0].number_format = "@"  # text: keeps codes like 1.02.01 and 18-digit NIPs intact
    notes = workbook.create_sheet("Petunjuk")
    notes.append([_("Kolom"), _("Keterangan")])
    for name, text in _notes(request, key):
        notes.append([name, text])
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 16, 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind.filename}"'
    return response
