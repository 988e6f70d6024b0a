"""Excel template and import of one PK's rows (indicators and programs).

For views (the pages engineer) — plain functions:

* :func:`pk_template_xlsx` ``(agreement) -> bytes``: the .xlsx template, prefilled with the PK's
  current rows so that it doubles as a way to edit a PK in Excel.
* :func:`pk_import` ``(agreement, file, *, by, dry_run) -> ImportReport``: read an uploaded
  template; ``dry_run=True`` checks everything and saves nothing; ``dry_run=False`` saves
  all-or-nothing (nothing at all when any row has an error). Raises ``PermissionDenied`` when
  ``by`` may not edit the PK and ``ValidationError`` when the PK is not a draft ("PK yang sudah
  ditandatangani tidak dapat diubah …"), before the file is read.

The file is the whole content of the PK: sasaran are matched by name, indicators by sasaran +
name (kept, so their lineage across PK versions survives), programs by code; rows are created or
updated through ``agreements.services`` (the same rules as the pages and the API), and sasaran,
indicators and programs that are no longer in the file are deleted. ``ImportReport.counts`` says how
many of each.

Sheet "Indikator" (one row per indicator, header in row 1): ``sasaran, indikator, satuan,
polaritas (positif/negatif/rentang), aturan_periode (kumulatif/nilai akhir/rata-rata), iku
(ya/tidak), target, target_bawah, target_atas, tw1..tw4, bulan1..bulan12 (optional), definisi,
formula, sumber_data, baseline, bobot``. Range indicators fill target_bawah/target_atas and write
period targets as "70 - 80". Sheet "Program": ``kode, nama, tingkat (program/kegiatan/sub kegiatan),
anggaran``; the parent of a kegiatan / sub kegiatan is the row whose code is its prefix.
Numbers may use the decimal comma ("61,76").
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from . import services
from . import validation as v
from .models import Agreement, AgreementEvent, Indicator, Program, Sasaran

INDICATOR_SHEET, PROGRAM_SHEET = "Indikator", "Program"
MONTH_COLUMNS = [f"bulan{n}" for n in range(1, 13)]
QUARTER_COLUMNS = ["tw1", "tw2", "tw3", "tw4"]
INDICATOR_COLUMNS = [
    "sasaran",
    "indikator",
    "satuan",
    "polaritas",
    "aturan_periode",
    "iku",
    "target",
    "target_bawah",
    "target_atas",
    *QUARTER_COLUMNS,
    *MONTH_COLUMNS,
    "definisi",
    "formula",
    "sumber_data",
    "baseline",
    "bobot",
]
PROGRAM_COLUMNS = ["kode", "nama", "tingkat", "anggaran"]
REQUIRED_INDICATOR = ["sasaran", "indikator", "satuan"]
MAX_ROWS = 2000

POLARITY_IN = {
    "positif": Indicator.Polarity.POSITIVE,
    "positive": Indicator.Polarity.POSITIVE,
    "negatif": Indicator.Polarity.NEGATIVE,
    "negative": Indicator.Polarity.NEGATIVE,
    "rentang": Indicator.Polarity.RANGE,
    "range": Indicator.Polarity.RANGE,
}
POLARITY_OUT = {Indicator.Polarity.POSITIVE: "positif", Indicator.Polarity.NEGATIVE: "negatif", "range": "rentang"}
RULE_IN = {
    "kumulatif": Indicator.PeriodRule.CUMULATIVE,
    "cumulative": Indicator.PeriodRule.CUMULATIVE,
    "nilai akhir": Indicator.PeriodRule.LAST,
    "nilai_akhir": Indicator.PeriodRule.LAST,
    "last": Indicator.PeriodRule.LAST,
    "rata-rata": Indicator.PeriodRule.AVERAGE,
    "rata_rata": Indicator.PeriodRule.AVERAGE,
    "rata rata": Indicator.PeriodRule.AVERAGE,
    "average": Indicator.PeriodRule.AVERAGE,
}
RULE_OUT = {"cumulative": "kumulatif", "last": "nilai akhir", "average": "rata-rata"}
LEVEL_IN = {
    "program": Program.Level.PROGRAM,
    "kegiatan": Program.Level.KEGIATAN,
    "sub kegiatan": Program.Level.SUB_KEGIATAN,
    "subkegiatan": Program.Level.SUB_KEGIATAN,
    "sub_kegiatan": Program.Level.SUB_KEGIATAN,
}
LEVEL_OUT = {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub kegiatan"}
YES, NO = {"ya", "y", "yes", "1", "true", "iku"}, {"", "tidak", "t", "no", "n", "0", "false", "bukan"}

# Service error keys → template columns.
INDICATOR_FIELD_COLUMNS = {
    "name": "indikator",
    "satuan": "satuan",
    "polarity": "polaritas",
    "period_rule": "aturan_periode",
    "is_iku": "iku",
    "target": "target",
    "target_low": "target_bawah",
    "target_high": "target_atas",
    "definition": "definisi",
    "formula": "formula",
    "data_source": "sumber_data",
    "baseline": "baseline",
    "weight": "bobot",
    **{f"tw{n}": f"tw{n}" for n in range(1, 5)},
    **{f"bulan{n}": f"bulan{n}" for n in range(1, 13)},
}
PROGRAM_FIELD_COLUMNS = {"code": "kode", "name": "nama", "level": "tingkat", "budget": "anggaran", "parent": "kode"}
RANGE_RE = re.compile(r"^\s*(-?[\d.,]+)\s*(?:-|–|—|s\.?d\.?|sampai)\s*(-?[\d.,]+)\s*$", re.IGNORECASE)


class RowError(NamedTuple):
    """One problem: spreadsheet row (1 = header; 0 = the file itself), column name, message.
    The sheet follows from the column (program columns are ``kode, nama, tingkat, anggaran``)."""

    row: int
    column: str
    message: str

    @property
    def sheet(self) -> str:
        return PROGRAM_SHEET if self.column in PROGRAM_COLUMNS else INDICATOR_SHEET

    def __str__(self) -> str:
        if self.row == 0:
            return self.message
        where = _("Baris %(row)d, kolom %(col)s") % {"row": self.row, "col": self.column}
        if self.sheet == PROGRAM_SHEET:
            where = _("Lembar Program, baris %(row)d, kolom %(col)s") % {"row": self.row, "col": self.column}
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """Result of :func:`pk_import`. ``counts`` keys: ``sasaran_created``, ``sasaran_updated``,
    ``sasaran_deleted``, ``indicators_created`` / ``_updated`` / ``_deleted``, ``programs_created`` /
    ``_updated`` / ``_deleted``, ``rows`` (indicator rows read), ``program_rows``."""

    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = True
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]

    def add(self, row: int, column: str, message: str) -> None:
        message = str(message)
        if row and message:  # after "Baris 5, kolom tw4:" a message continues the sentence
            message = message[:1].lower() + message[1:]
        self.errors.append(RowError(row, column, message))

    def bump(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


# --- template -------------------------------------------------------------------------------


def _text_cell(ws, row: int, col: int, value) -> None:
    """Write a value; text that looks like a formula is stored as text, never as a formula."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def _num(value):
    return None if value is None else value


def _period_cell(indicator_targets: dict, kind: str, n: int, is_range: bool):
    t = indicator_targets.get((kind, n))
    if t is None:
        return None
    if is_range:
        if t.low is None and t.high is None:
            return None
        return f"{v.fmt(t.low)} - {v.fmt(t.high)}"
    return t.value


def pk_template_xlsx(agreement: Agreement) -> bytes:
    """The .xlsx template of ``agreement`` with its current rows (see module docstring)."""
    wb = Workbook()
    ws = wb.active
    ws.title = INDICATOR_SHEET
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for col, name in enumerate(INDICATOR_COLUMNS, 1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font, cell.fill = header_font, header_fill
    ws.freeze_panes = "C2"
    row = 2
    sasaran_list = agreement.sasaran.order_by("order", "id").prefetch_related("indicators__targets")
    for s in sasaran_list:
        for ind in sorted(s.indicators.all(), key=lambda i: (i.order, i.id)):
            is_range = ind.polarity == Indicator.Polarity.RANGE
            targets = {(t.kind, t.number): t for t in ind.targets.all()}
            has_months = any(k == "month" for k, _n in targets)
            values = {
                "sasaran": s.name,
                "indikator": ind.name,
                "satuan": ind.satuan,
                "polaritas": POLARITY_OUT.get(ind.polarity, ind.polarity),
                "aturan_periode": RULE_OUT.get(ind.period_rule, ind.period_rule),
                "iku": "ya" if ind.is_iku else "tidak",
                "target": _num(ind.target),
                "target_bawah": _num(ind.target_low),
                "target_atas": _num(ind.target_high),
                "definisi": ind.definition,
                "formula": ind.formula,
                "sumber_data": ind.data_source,
                "baseline": _num(ind.baseline),
                "bobot": _num(ind.weight),
            }
            for n in range(1, 5):
                values[f"tw{n}"] = _period_cell(targets, "quarter", n, is_range)
            if has_months:
                for n in range(1, 13):
                    values[f"bulan{n}"] = _period_cell(targets, "month", n, is_range)
            for col, name in enumerate(INDICATOR_COLUMNS, 1):
                _text_cell(ws, row, col, values.get(name))
            row += 1
    for col, width in ((1, 40), (2, 40), (3, 12), (4, 11), (5, 14)):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    for column, options in (
        ("polaritas", "positif,negatif,rentang"),
        ("aturan_periode", "kumulatif,nilai akhir,rata-rata"),
        ("iku", "ya,tidak"),
    ):
        letter = ws.cell(row=1, column=INDICATOR_COLUMNS.index(column) + 1).column_letter
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        dv.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        ws.add_data_validation(dv)

    wp = wb.create_sheet(PROGRAM_SHEET)
    for col, name in enumerate(PROGRAM_COLUMNS, 1):
        cell = wp.cell(row=1, column=col, value=name)
        cell.font, cell.fill = header_font, header_fill
    level_rank = {Program.Level.PROGRAM: 0, Program.Level.KEGIATAN: 1, Program.Level.SUB_KEGIATAN: 2}
    programs = sorted(agreement.programs.all(), key=lambda p: (p.code, level_rank.get(p.level, 3)))
    for r, p in enumerate(programs, 2):
        for col, value in enumerate((p.code, p.name, LEVEL_OUT.get(p.level, p.level), p.budget), 1):
            _text_cell(wp, r, col, value)
    wp.column_dimensions["A"].width, wp.column_dimensions["B"].width = 22, 60
    dv = DataValidation(type="list", formula1='"program,kegiatan,sub kegiatan"', allow_blank=True)
    dv.add(f"C2:C{MAX_ROWS + 1}")
    wp.add_data_validation(dv)

    wi = wb.create_sheet(_("Petunjuk"))
    for r, line in enumerate(
        [
            _("Templat PK %(pk)s") % {"pk": str(agreement)},
            _("Satu baris per indikator. Jangan ubah baris judul (baris 1)."),
            _("polaritas: positif, negatif atau rentang. aturan_periode: kumulatif, nilai akhir atau rata-rata."),
            _("Kumulatif: TW I–IV dijumlahkan sama dengan target. Nilai akhir: TW IV sama dengan target."),
            _("Rata-rata: rata-rata TW I–IV sama dengan target."),
            _("Indikator rentang: isi target_bawah dan target_atas; target triwulan ditulis 70 - 80."),
            _("bulan1–bulan12 boleh dikosongkan; bila diisi, isi kedua belas bulan."),
            _("Angka boleh memakai koma desimal (61,76)."),
            _("Lembar Program: tingkat program, kegiatan atau sub kegiatan; kode Permendagri 90/2019."),
            _("Isi berkas menggantikan isi PK: baris yang tidak ada di berkas akan dihapus dari PK."),
        ],
        1,
    ):
        wi.cell(row=r, column=1, value=line)
    wi.column_dimensions["A"].width = 110
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- import ---------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _read_sheet(wb, name: str, columns: list[str], report: ImportReport, required: bool) -> list[tuple[int, dict]]:
    if name not in wb.sheetnames:
        if required:
            report.add(0, "", _("Lembar “%(s)s” tidak ditemukan. Gunakan templat dari portal.") % {"s": name})
        return []
    ws = wb[name]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        if required:
            report.add(0, "", _("Lembar “%(s)s” kosong.") % {"s": name})
        return []
    names = [_cell_text(h).lower() for h in header]
    missing = [
        c for c in columns if c not in names and not c.startswith("bulan") and c not in ("formula", "baseline", "bobot")
    ]
    if missing:
        report.add(1, missing[0], _("Kolom %(cols)s tidak ada pada baris judul.") % {"cols": ", ".join(missing)})
        return []
    index = {c: names.index(c) for c in columns if c in names}
    out = []
    for number, values in enumerate(rows, 2):
        if values is None or all(x is None or _cell_text(x) == "" for x in values):
            continue
        if len(out) >= MAX_ROWS:
            report.add(number, columns[0], _("Terlalu banyak baris (paling banyak %(n)d).") % {"n": MAX_ROWS})
            break
        out.append((number, {c: (values[i] if i < len(values) else None) for c, i in index.items()}))
    return out


def _parse_number(report: ImportReport, row: int, column: str, value):
    try:
        return v.to_decimal(value)
    except v.NotANumber:
        report.add(row, column, _("bukan angka (%(v)s)") % {"v": _cell_text(value)[:40]})
        return None


def _parse_range(report: ImportReport, row: int, column: str, value):
    if value is None or _cell_text(value) == "":
        return None
    match = RANGE_RE.match(_cell_text(value))
    if not match:
        report.add(row, column, _("tulis rentang sebagai batas bawah - batas atas, misalnya 70 - 80"))
        return None
    low = _parse_number(report, row, column, match.group(1))
    high = _parse_number(report, row, column, match.group(2))
    return (low, high)


@dataclass
class _IndicatorRow:
    row: int
    sasaran: str
    data: dict
    quarters: list
    months: list | None


def _parse_indicator_rows(rows, report: ImportReport) -> list[_IndicatorRow]:
    parsed: list[_IndicatorRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in rows:
        before = len(report.errors)
        text = {
            c: _cell_text(cells.get(c))
            for c in (
                "sasaran",
                "indikator",
                "satuan",
                "polaritas",
                "aturan_periode",
                "iku",
                "definisi",
                "formula",
                "sumber_data",
            )
        }
        for column in REQUIRED_INDICATOR:
            if not text[column]:
                report.add(number, column, _("wajib diisi"))
        polarity = POLARITY_IN.get(text["polaritas"].lower() or "positif")
        if polarity is None:
            report.add(number, "polaritas", _("isi positif, negatif atau rentang"))
        rule = RULE_IN.get(text["aturan_periode"].lower() or "nilai akhir")
        if rule is None:
            report.add(number, "aturan_periode", _("isi kumulatif, nilai akhir atau rata-rata"))
        iku = text["iku"].lower()
        if iku not in YES and iku not in NO:
            report.add(number, "iku", _("isi ya atau tidak"))
        is_range = polarity == Indicator.Polarity.RANGE
        data = {
            "name": text["indikator"],
            "satuan": text["satuan"],
            "polarity": polarity or Indicator.Polarity.POSITIVE,
            "period_rule": rule or Indicator.PeriodRule.LAST,
            "is_iku": iku in YES,
            "definition": text["definisi"],
            "formula": text["formula"],
            "data_source": text["sumber_data"],
            "target": _parse_number(report, number, "target", cells.get("target")),
            "target_low": _parse_number(report, number, "target_bawah", cells.get("target_bawah")),
            "target_high": _parse_number(report, number, "target_atas", cells.get("target_atas")),
            "baseline": _parse_number(report, number, "baseline", cells.get("baseline")),
            "weight": _parse_number(report, number, "bobot", cells.get("bobot")),
        }
        parse = _parse_range if is_range else _parse_number
        quarters = [parse(report, number, c, cells.get(c)) for c in QUARTER_COLUMNS]
        month_values = [cells.get(c) for c in MONTH_COLUMNS]
        months = None
        if any(x is not None and _cell_text(x) != "" for x in month_values):
            months = [parse(report, number, c, cells.get(c)) for c in MONTH_COLUMNS]
        key = (v.normalize_name(text["sasaran"]), v.normalize_name(text["indikator"]))
        if text["indikator"] and key in seen:
            report.add(
                number,
                "indikator",
                _("indikator “%(i)s” sudah ada pada baris %(r)d untuk sasaran yang sama")
                % {"i": text["indikator"], "r": seen[key]},
            )
        seen.setdefault(key, number)
        if len(report.errors) == before:
            parsed.append(_IndicatorRow(number, text["sasaran"], data, quarters, months))
    return parsed


def _report_validation(report: ImportReport, row: int, exc: ValidationError, columns: dict, default: str) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            for message in errors:
                report.add(row, columns.get(key, default), message)
    else:
        for message in exc.messages:
            report.add(row, default, message)


def _attempt(report: ImportReport, row: int, columns: dict, default: str, fn):
    """Run one service call in a savepoint; a refusal becomes row errors, the import goes on."""
    try:
        with transaction.atomic():
            return fn()
    except ValidationError as exc:
        _report_validation(report, row, exc, columns, default)
        return None


def pk_import(agreement: Agreement, file, *, by, dry_run: bool = True) -> ImportReport:
    """Check (``dry_run``) or apply an uploaded PK template; see the module docstring.

    ``file``: a path, bytes or a file-like object (e.g. an ``UploadedFile``). All-or-nothing: with
    any error, or with ``dry_run``, nothing is saved (``report.saved`` is ``False``)."""
    services._require(services.can_edit(by, agreement))
    services.ensure_draft(agreement)
    report = ImportReport(dry_run=dry_run)
    try:
        if isinstance(file, bytes):
            file = io.BytesIO(file)
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a non-xlsx upload
        report.add(0, "", _("Berkas tidak dapat dibaca sebagai Excel (.xlsx). Gunakan templat dari portal."))
        return report
    indicator_rows = _read_sheet(wb, INDICATOR_SHEET, INDICATOR_COLUMNS, report, required=True)
    program_rows = _read_sheet(wb, PROGRAM_SHEET, PROGRAM_COLUMNS, report, required=False)
    wb.close()
    report.counts.update(rows=len(indicator_rows), program_rows=len(program_rows))
    if report.errors:
        return report
    parsed = _parse_indicator_rows(indicator_rows, report)
    programs = _parse_program_rows(program_rows, report)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        services.ensure_draft(locked)
        _apply_indicators(locked, parsed, report, by)
        _apply_programs(locked, programs, report, by)
        if report.errors or dry_run:
            transaction.set_rollback(True)
        else:
            AgreementEvent.objects.create(
                pemda_id=locked.pemda_id,
                agreement=locked,
                action=AgreementEvent.Action.IMPORT,
                from_status=locked.status,
                to_status=locked.status,
                actor=by,
                note=_("%(n)d baris indikator, %(p)d baris program") % {"n": len(parsed), "p": len(programs)},
            )
            report.saved = True
    report.errors.sort(key=lambda e: (e.sheet != INDICATOR_SHEET, e.row))
    return report


def _apply_indicators(agreement: Agreement, rows: list[_IndicatorRow], report: ImportReport, by) -> None:
    existing_s = {v.normalize_name(s.name): s for s in agreement.sasaran.all()}
    kept_s: set[int] = set()
    kept_i: set[int] = set()
    order_s: dict[str, int] = {}
    order_i: dict[int, int] = {}
    for r in rows:
        key = v.normalize_name(r.sasaran)
        sasaran = existing_s.get(key)
        if key not in order_s:
            order_s[key] = len(order_s) + 1
            if sasaran is None:
                sasaran = _attempt(
                    report,
                    r.row,
                    {"name": "sasaran"},
                    "sasaran",
                    lambda r=r, key=key: services.sasaran_create(
                        agreement=agreement, name=r.sasaran, order=order_s[key], by=by
                    ),
                )
                if sasaran is None:
                    continue
                existing_s[key] = sasaran
                report.bump("sasaran_created")
            else:
                if sasaran.order != order_s[key] or sasaran.name != r.sasaran:
                    _attempt(
                        report,
                        r.row,
                        {"name": "sasaran"},
                        "sasaran",
                        lambda s=sasaran, r=r, key=key: services.sasaran_update(
                            sasaran=s, data={"name": r.sasaran, "order": order_s[key]}, by=by
                        ),
                    )
                    report.bump("sasaran_updated")
        if sasaran is None:
            continue
        kept_s.add(sasaran.pk)
        order_i[sasaran.pk] = order_i.get(sasaran.pk, 0) + 1
        data = {**r.data, "order": order_i[sasaran.pk]}
        current = next(
            (i for i in sasaran.indicators.all() if v.normalize_name(i.name) == v.normalize_name(r.data["name"])), None
        )
        months = r.months if r.months is not None else []
        if current is None:
            ind = _attempt(
                report,
                r.row,
                INDICATOR_FIELD_COLUMNS,
                "indikator",
                lambda s=sasaran, d=data, r=r, m=months: services.indicator_create(
                    sasaran=s, data=d, quarter_targets=r.quarters, month_targets=m or None, by=by
                ),
            )
            if ind is not None:
                kept_i.add(ind.pk)
                report.bump("indicators_created")
        else:
            kept_i.add(current.pk)
            ind = _attempt(
                report,
                r.row,
                INDICATOR_FIELD_COLUMNS,
                "indikator",
                lambda c=current, d=data, r=r, m=months: services.indicator_update(
                    indicator=c, data=d, quarter_targets=r.quarters, month_targets=m, by=by
                ),
            )
            if ind is not None:
                report.bump("indicators_updated")
    if report.errors:
        return
    for ind in Indicator.objects.filter(sasaran__agreement=agreement).exclude(pk__in=kept_i):
        services.indicator_delete(indicator=ind, by=by)
        report.bump("indicators_deleted")
    for s in Sasaran.objects.filter(agreement=agreement).exclude(pk__in=kept_s):
        _attempt(report, 1, {}, "sasaran", lambda s=s: services.sasaran_delete(sasaran=s, by=by))
        report.bump("sasaran_deleted")


@dataclass
class _ProgramRow:
    row: int
    data: dict


def _parse_program_rows(rows, report: ImportReport) -> list[_ProgramRow]:
    parsed, seen = [], {}
    for number, cells in rows:
        before = len(report.errors)
        code, name = _cell_text(cells.get("kode")), _cell_text(cells.get("nama"))
        if not code:
            report.add(number, "kode", _("wajib diisi"))
        if not name:
            report.add(number, "nama", _("wajib diisi"))
        level = LEVEL_IN.get(_cell_text(cells.get("tingkat")).lower() or "program")
        if level is None:
            report.add(number, "tingkat", _("isi program, kegiatan atau sub kegiatan"))
        budget = _parse_number(report, number, "anggaran", cells.get("anggaran"))
        if code in seen:
            report.add(number, "kode", _("kode %(c)s sudah ada pada baris %(r)d") % {"c": code, "r": seen[code]})
        seen.setdefault(code, number)
        if len(report.errors) == before:
            parsed.append(_ProgramRow(number, {"code": code, "name": name, "level": level, "budget": budget}))
    return parsed


def _apply_programs(agreement: Agreement, rows: list[_ProgramRow], report: ImportReport, by) -> None:
    rank = {Program.Level.PROGRAM: 0, Program.Level.KEGIATAN: 1, Program.Level.SUB_KEGIATAN: 2}
    existing = {p.code: p for p in agreement.programs.all()}
    by_code: dict[str, Program] = {}
    kept: set[int] = set()
    for order, r in enumerate(sorted(rows, key=lambda r: (rank[r.data["level"]], r.row)), 1):
        data = {**r.data, "order": order}
        parent = None
        if data["level"] != Program.Level.PROGRAM:
            candidates = [c for c in by_code if data["code"].startswith(c + ".")]
            parent = by_code[max(candidates, key=len)] if candidates else None
        current = existing.get(data["code"])
        if current is not None and current.parent_id != (parent.pk if parent else None):
            current = None  # moved in the tree: recreate under its new parent
        if current is None:
            program = _attempt(
                report,
                r.row,
                PROGRAM_FIELD_COLUMNS,
                "kode",
                lambda d=data, p=parent: _create_program(agreement, d, p, existing, by),
            )
            if program is not None:
                report.bump("programs_created")
        else:
            program = _attempt(
                report,
                r.row,
                PROGRAM_FIELD_COLUMNS,
                "kode",
                lambda c=current, d=data: services.program_update(program=c, data=d, by=by),
            )
            if program is not None:
                report.bump("programs_updated")
        if program is not None:
            by_code[program.code] = program
            kept.add(program.pk)
    if report.errors:
        return
    for p in Program.objects.filter(agreement=agreement).exclude(pk__in=kept).order_by("-level"):
        if Program.objects.filter(pk=p.pk).exists():
            services.program_delete(program=p, by=by)
            report.bump("programs_deleted")


def _create_program(agreement, data, parent, existing, by) -> Program:
    stale = existing.pop(data["code"], None)
    if stale is not None and Program.objects.filter(pk=stale.pk).exists():
        services.program_delete(program=stale, by=by)
    return services.program_create(agreement=agreement, data=data, parent=parent, by=by)
