"""LKE templates and worksheets as spreadsheets (.xlsx, openpyxl).

**Templates** (:func:`template_export`, :func:`template_import_preview`, :func:`template_import_commit`):
a sheet "Templat" (label in column A, value in column B: name, regulation, method, family, version,
notes) and a sheet "Kriteria" with a header row and one row per criterion::

    Kode Komponen | Komponen | Bobot Komponen | Kode Subkomponen | Subkomponen | Jenis Subkomponen |
    Bobot Subkomponen | Kode Kriteria | Kriteria | Jenis Jawaban | Bukti yang Diharapkan

A Pemda loads the official wording of its year (or a local variant) this way. The import is checked
first (per row and column, in Bahasa Indonesia, and then the whole layout with
``lke_template.template_problems``: weights that do not add up are refused); the commit creates a
new template, or the next version when the family exists, all-or-nothing.

**Worksheets** (:func:`worksheet_export`, :func:`worksheet_import`): one evaluation's criteria with
the answers of one side (``self``: the unit; ``evaluator``), for evaluators and units who work in
Excel. The import writes through ``lke_services.answer_self`` / ``answer_evaluate`` in one
transaction, so every stage window and access rule applies; any error and nothing is saved.

Every text cell written by the portal is escaped against formula injection (``= + - @``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from evaluations import lke_data
from evaluations.imports import FORMULA_PREFIXES, escape
from evaluations.lke_models import LkeCriterion, LkeTemplate
from evaluations.lke_template import (
    ANSWER_CHOICES,
    KINDS,
    Component,
    Criterion,
    SubComponent,
    Template,
    template_problems,
)
from evaluations.lke_template_services import next_version, require_manage
from evaluations.rules_defaults import LKE_METHODS
from sakip.lib.numbers import parse_number

XLSX_MAGIC = b"PK\x03\x04"
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Template sheet: (key, label) rows; criteria sheet: (key, label) columns. The sheet names and labels
# are the file format (matched on import), so they stay in Bahasa Indonesia whatever the UI language.
META = (
    ("name", "Nama templat"),
    ("regulation", "Dasar peraturan"),
    ("method", "Metode penilaian"),
    ("family", "Kode templat"),
    ("version", "Versi"),
    ("notes", "Catatan"),
)
COLUMNS = (
    ("component_code", "Kode Komponen"),
    ("component_name", "Komponen"),
    ("component_weight", "Bobot Komponen"),
    ("sub_code", "Kode Subkomponen"),
    ("sub_name", "Subkomponen"),
    ("kind", "Jenis Subkomponen"),
    ("sub_weight", "Bobot Subkomponen"),
    ("code", "Kode Kriteria"),
    ("text", "Kriteria"),
    ("answer_type", "Jenis Jawaban"),
    ("guidance", "Bukti yang Diharapkan"),
)
LABEL = dict(COLUMNS)


# --- reading helpers ----------------------------------------------------------------------------


def _text(value) -> str:
    """A cell as text; the apostrophe the export put before a formula-like text is removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return parse_number(_text(value))


def _bytes_of(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    if hasattr(file, "chunks"):
        return b"".join(file.chunks())
    return file.read()


def open_workbook(file):
    """The workbook of an uploaded .xlsx, or ``ValidationError`` (not .xlsx, too large, unreadable)."""
    data = _bytes_of(file)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {"file": _("Berkas terlalu besar; batasnya %(m)s MB.") % {"m": MAX_BYTES // 1024 // 1024}}
        )
    if not data.startswith(XLSX_MAGIC):
        raise ValidationError({"file": _("Berkas harus berupa lembar kerja Excel (.xlsx).")})
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a ZIP that is not a workbook  # noqa: BLE001
        raise ValidationError({"file": _("Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.")}) from None


def _header(ws, row: int, labels) -> None:
    fill = PatternFill("solid", fgColor="DDE7F0")
    for i, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=i, value=label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- template export ----------------------------------------------------------------------------


def template_export(template: LkeTemplate) -> bytes:
    """The template as .xlsx bytes (sheets "Templat" and "Kriteria"); four queries."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Templat"
    values = {
        "name": template.name,
        "regulation": template.regulation,
        "method": template.method,
        "family": template.family,
        "version": template.version,
        "notes": template.notes,
    }
    for r, (key, label) in enumerate(META, start=1):
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        ws.cell(row=r, column=2, value=escape(values[key]))
    ws.cell(row=3, column=3, value=_("Pilihan: %(m)s") % {"m": ", ".join(LKE_METHODS)})
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 70
    sheet = wb.create_sheet("Kriteria")
    _header(sheet, 1, [label for _k, label in COLUMNS])
    criteria = (
        LkeCriterion.objects.filter(subcomponent__component__template=template)
        .select_related("subcomponent__component")
        .order_by("subcomponent__component__order", "subcomponent__order", "order", "code")
    )
    for c in criteria:
        sub, comp = c.subcomponent, c.subcomponent.component
        sheet.append(
            [
                escape(comp.code),
                escape(comp.name),
                float(comp.weight),
                escape(sub.code),
                escape(sub.name),
                sub.kind,
                float(sub.weight),
                escape(c.code),
                escape(c.text),
                c.answer_type,
                escape(c.guidance),
            ]
        )
    for i, width in enumerate((10, 30, 10, 12, 30, 14, 12, 12, 70, 10, 50), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    return _save(wb)


# --- template import ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int  # 0: the file or the whole layout
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        where = _("Lembar %(s)s baris %(r)s") % {"s": self.sheet, "r": self.row}
        if self.column:
            where += ", " + _("kolom %(c)s") % {"c": self.column}
        return f"{where}: {self.message}"


@dataclass
class Preview:
    """A checked template upload. ``ok`` when :attr:`errors` is empty; then :attr:`template` is set."""

    errors: list[ImportProblem] = field(default_factory=list)
    name: str = ""
    regulation: str = ""
    method: str = ""
    family: str = ""
    notes: str = ""
    template: Template | None = None
    guidance: dict[str, str] = field(default_factory=dict)
    existing: LkeTemplate | None = None  # latest version of the family, when it exists
    version: int = 1  # the version the commit creates

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]

    @property
    def counts(self) -> dict[str, int]:
        t = self.template
        if t is None:
            return {"components": 0, "subcomponents": 0, "criteria": 0}
        return {"components": len(t.components), "subcomponents": len(t.subcomponents()), "criteria": len(t.criteria())}


def _method(raw: str) -> str | None:
    value = raw.strip()
    if value in LKE_METHODS:
        return value
    for code, label in LkeTemplate.Method.choices:
        if value.lower() == str(label).lower():
            return code
    return None


ANSWER_ALIASES = {"y/t": "yt", "a-e": "ae", "a–e": "ae", "aa-e": "grade", "aa–e": "grade"}


def _answer_type(raw: str) -> str | None:
    value = raw.strip().lower()
    value = ANSWER_ALIASES.get(value, value)
    return value if value in ANSWER_CHOICES else None


def _read_meta(wb, preview: Preview) -> None:
    if "Templat" not in wb.sheetnames:
        preview.errors.append(ImportProblem("Templat", 0, "", _('Lembar "Templat" tidak ditemukan.')))
        return
    by_label = {label.lower(): key for key, label in META}
    values: dict[str, str] = {}
    for row in wb["Templat"].iter_rows(min_row=1, max_row=30, max_col=2, values_only=True):
        key = by_label.get(_text(row[0]).lower()) if row else None
        if key:
            values[key] = _text(row[1] if len(row) > 1 else None)
    preview.name, preview.regulation = values.get("name", ""), values.get("regulation", "")
    preview.notes, preview.family = values.get("notes", ""), values.get("family", "")
    if not preview.name:
        preview.errors.append(ImportProblem("Templat", 1, "B", _("Nama templat wajib diisi.")))
    method = _method(values.get("method", ""))
    if method is None:
        preview.errors.append(
            ImportProblem(
                "Templat",
                3,
                "B",
                _("Metode penilaian tidak dikenal: %(m)s (pilihan: %(c)s).")
                % {"m": values.get("method", "") or "–", "c": ", ".join(LKE_METHODS)},
            )
        )
    preview.method = method or ""


REQUIRED = ("component_code", "component_name", "sub_code", "sub_name", "code", "text")


def _parse_row(number: int, data: dict, preview: Preview) -> dict | None:
    """One criterion row as clean values, or ``None`` after recording its problems."""
    before = len(preview.errors)

    def err(key: str, message: str) -> None:
        preview.errors.append(ImportProblem("Kriteria", number, LABEL[key], message))

    row = {key: _text(data[key]) for key in (*REQUIRED, "guidance")}
    for key in REQUIRED:
        if not row[key]:
            err(key, _("Wajib diisi."))
    for key in ("component_weight", "sub_weight"):
        row[key] = _number(data[key])
        if row[key] is None:
            err(key, _("Bobot harus berupa angka (mis. 4,5)."))
    row["kind"] = _text(data["kind"]).lower()
    if row["kind"] not in KINDS:
        err(
            "kind",
            _("Jenis subkomponen tidak dikenal: %(k)s (pilihan: keberadaan, kualitas, pemanfaatan, atau kosong).")
            % {"k": row["kind"]},
        )
    row["answer_type"] = _answer_type(_text(data["answer_type"]))
    if row["answer_type"] is None:
        err(
            "answer_type",
            _("Jenis jawaban tidak dikenal: %(t)s (pilihan: %(c)s).")
            % {"t": _text(data["answer_type"]) or "–", "c": ", ".join(ANSWER_CHOICES)},
        )
    return row if len(preview.errors) == before else None


def _read_criteria(wb, preview: Preview) -> None:
    if "Kriteria" not in wb.sheetnames:
        preview.errors.append(ImportProblem("Kriteria", 0, "", _('Lembar "Kriteria" tidak ditemukan.')))
        return
    components: dict[str, dict] = {}
    subs: dict[str, dict] = {}
    seen: dict[str, int] = {}
    rows = wb["Kriteria"].iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True)
    for number, values in enumerate(rows, start=2):
        data = {key: values[i] if i < len(values) else None for i, (key, _l) in enumerate(COLUMNS)}
        if all(v in (None, "") for v in data.values()):
            continue
        if number - 1 > MAX_ROWS:
            message = _("Terlalu banyak baris (paling banyak %(n)s).") % {"n": MAX_ROWS}
            preview.errors.append(ImportProblem("Kriteria", number, "", message))
            break
        row = _parse_row(number, data, preview)
        if row is None:
            continue
        if row["code"] in seen:
            message = _("Kode kriteria %(c)s sudah dipakai di baris %(r)s.") % {
                "c": row["code"],
                "r": seen[row["code"]],
            }
            preview.errors.append(ImportProblem("Kriteria", number, LABEL["code"], message))
            continue
        seen[row["code"]] = number
        comp = components.setdefault(
            row["component_code"],
            {"name": row["component_name"], "weight": row["component_weight"], "subs": [], "row": number},
        )
        if (comp["name"], comp["weight"]) != (row["component_name"], row["component_weight"]):
            message = _("Nama atau bobot komponen %(c)s berbeda dengan baris %(r)s.")
            values = {"c": row["component_code"], "r": comp["row"]}
            preview.errors.append(ImportProblem("Kriteria", number, LABEL["component_weight"], message % values))
        spec = (row["component_code"], row["sub_name"], row["kind"], row["sub_weight"])
        sub = subs.get(row["sub_code"])
        if sub is None:
            sub = subs[row["sub_code"]] = {"spec": spec, "criteria": [], "row": number}
            comp["subs"].append(row["sub_code"])
        elif sub["spec"] != spec:
            message = _("Komponen, nama, jenis atau bobot subkomponen %(c)s berbeda dengan baris %(r)s.")
            values = {"c": row["sub_code"], "r": sub["row"]}
            preview.errors.append(ImportProblem("Kriteria", number, LABEL["sub_weight"], message % values))
        sub["criteria"].append(Criterion(row["code"], row["text"], row["answer_type"]))
        preview.guidance[row["code"]] = row["guidance"]
    if not components and not preview.errors:
        preview.errors.append(ImportProblem("Kriteria", 2, "", _("Tidak ada baris kriteria yang terisi.")))

    def sub_of(code: str) -> SubComponent:
        _comp, name, kind, weight = subs[code]["spec"]
        return SubComponent(code, name, weight, tuple(subs[code]["criteria"]), kind)

    preview.template = Template(
        name=preview.name,
        method=preview.method,
        components=tuple(
            Component(code, c["name"], c["weight"], tuple(sub_of(s) for s in c["subs"]))
            for code, c in components.items()
        ),
    )


def template_import_preview(*, user, pemda, file, family: str | None = None) -> Preview:
    """Check an uploaded template (.xlsx) without saving anything; see the module docstring for the layout.

    Raises ``PermissionDenied`` without ``P.EVAL_MANAGE``. Every problem is in ``Preview.errors``
    (row and column in Bahasa Indonesia); when the rows are readable the whole layout is checked
    too (weights must add up, answer types must fit the method).
    """
    require_manage(user, pemda.pk)
    preview = Preview()
    try:
        wb = open_workbook(file)
    except ValidationError as exc:
        preview.errors.extend(ImportProblem("", 0, "", m) for m in exc.messages)
        return preview
    try:
        _read_meta(wb, preview)
        _read_criteria(wb, preview)
    finally:
        wb.close()
    preview.family = (family or preview.family or "").strip()
    try:
        validate_slug(preview.family)
        if len(preview.family) > 40:
            raise ValidationError("")
    except ValidationError:
        preview.errors.append(
            ImportProblem(
                "Templat", 4, "B", _("Kode templat wajib diisi dengan huruf, angka atau tanda hubung (mis. 88-2021).")
            )
        )
    if not preview.errors and preview.template is not None:
        preview.errors.extend(ImportProblem("Kriteria", 0, "", m) for m in template_problems(preview.template))
    if preview.family:
        latest = LkeTemplate.objects.filter(pemda=pemda, family=preview.family).order_by("-version").first()
        preview.existing = latest
        preview.version = next_version(latest) if latest else 1
    if preview.errors:
        preview.template = None
    return preview


@transaction.atomic
def template_import_commit(*, user, pemda, preview_or_file, family: str | None = None) -> LkeTemplate:
    """Store an uploaded template: a new family, or the next version of an existing one (``previous`` set).

    ``preview_or_file`` is a :class:`Preview` from :func:`template_import_preview` or the file itself
    (checked again here). Any problem raises ``ValidationError`` listing them all; nothing is saved.
    """
    require_manage(user, pemda.pk)
    if isinstance(preview_or_file, Preview):
        preview = preview_or_file
        if family and family != preview.family:
            try:
                validate_slug(family)
            except ValidationError:
                raise ValidationError(_("Kode templat hanya boleh berisi huruf, angka atau tanda hubung.")) from None
            preview.family = family
    else:
        preview = template_import_preview(user=user, pemda=pemda, file=preview_or_file, family=family)
    if not preview.ok or preview.template is None:
        raise ValidationError(preview.messages or [_("Berkas templat belum diperiksa.")])
    latest = LkeTemplate.objects.filter(pemda=pemda, family=preview.family).order_by("-version").first()
    return lke_data.save_pure_template(
        pemda=pemda,
        template=preview.template,
        family=preview.family,
        version=next_version(latest) if latest else 1,
        regulation=preview.regulation,
        notes=preview.notes,
        previous=latest,
        created_by=user,
        guidance=preview.guidance,
    )


# --- worksheets (own module; re-exported so callers need one import) ------------------------------

from evaluations.lke_template_io_worksheet import (  # noqa: E402, F401
    WorksheetImportResult,
    worksheet_export,
    worksheet_import,
)
