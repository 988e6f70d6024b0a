"""The attendance system's spreadsheet export (.xlsx) of a month: parsing, checks per cell, template.

Expected columns (header row among the first ten rows, spelling and case tolerated):
``NIP`` · ``Nama`` · ``Hari tanpa keterangan`` · ``Menit terlambat/pulang cepat`` · ``Absen terlewat``.
NIP, days and minutes are required columns; Nama and Absen terlewat may be missing (absen terlewat
then counts 0). Checks that need the database (the NIP is an official of the Pemda, days within the
month, duplicates, the month not in the future) live in :mod:`rewards.services_discipline`.

Pure apart from openpyxl: no ORM here. Every problem is a :class:`CellError` with the spreadsheet
row number (as Excel shows it) and the column label.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from sakip.lib.numbers import parse_number

MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024
HEADER_SCAN = 10

# column key → the label used in messages and in the template
COLUMN_LABELS = {
    "nip": "NIP",
    "name": "Nama",
    "days_absent": "Hari tanpa keterangan",
    "minutes_late": "Menit terlambat/pulang cepat",
    "missed_checkins": "Absen terlewat",
}
REQUIRED = ("nip", "days_absent", "minutes_late")


def _norm(text) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def column_key(header) -> str | None:
    """The column a header names, tolerant of spelling and case (``None``: a column we ignore)."""
    h = _norm(header)
    if not h:
        return None
    if h in ("nip", "nipbaru", "nipnrp", "nomorindukpegawai") or h.startswith("nip"):
        return "nip"
    if h in ("nama", "namapegawai", "namalengkap", "name", "namaasn"):
        return "name"
    if "terlewat" in h or "lupaabsen" in h or "tidakabsen" in h or "tidakfinger" in h or "checkin" in h:
        return "missed_checkins"
    if "menit" in h or "terlambat" in h or "pulangcepat" in h or h in ("tlpsw", "tl", "psw"):
        return "minutes_late"
    if "tanpaketerangan" in h or "tanpaket" in h or "alpa" in h or "alpha" in h or h in ("tk", "haritk", "mangkir"):
        return "days_absent"
    return None


@dataclass
class CellError:
    row: int | None  # spreadsheet row (None: the whole file)
    column: str  # column label ("" for the whole row or file)
    message: str

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(_("baris %(n)s") % {"n": self.row})
        if self.column:
            where.append(_("kolom %(c)s") % {"c": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class SheetRow:
    row: int
    nip: str
    name: str = ""
    days_absent: int = 0
    minutes_late: int = 0
    missed_checkins: int = 0


@dataclass
class Sheet:
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


def _nip(value, row: int, errors: list[CellError]) -> str | None:
    label = COLUMN_LABELS["nip"]
    if value is None or str(value).strip() == "":
        errors.append(CellError(row, label, _("NIP wajib diisi.")))
        return None
    if isinstance(value, float):  # 18 digits do not fit a spreadsheet number: the last digits are lost
        shown = f"{value:.0f}"
        message = _("NIP “%(v)s” tersimpan sebagai angka (digit terakhir bisa berubah); simpan kolom NIP sebagai teks.")
        errors.append(CellError(row, label, message % {"v": shown}))
        return None
    text = str(value).strip().lstrip("'").replace(" ", "")
    if not re.fullmatch(r"\d{18}", text):
        errors.append(CellError(row, label, _("NIP “%(v)s” harus terdiri dari tepat 18 angka.") % {"v": text}))
        return None
    return text


def _count(value, key: str, row: int, errors: list[CellError]) -> int | None:
    """A whole number ≥ 0 (empty cell: 0); numbers typed as Indonesian text are accepted."""
    label = COLUMN_LABELS[key]
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # Indonesian thousands: 1.234 minutes
            text = text.replace(".", "")
        number = parse_number(text)
    if number is None:
        errors.append(CellError(row, label, _("“%(v)s” bukan angka.") % {"v": str(value)[:40]}))
        return None
    if number < 0:
        errors.append(CellError(row, label, _("Nilai tidak boleh negatif (%(v)s).") % {"v": str(value)[:40]}))
        return None
    if number != number.to_integral_value():
        errors.append(CellError(row, label, _("Harus bilangan bulat (%(v)s).") % {"v": str(value)[:40]}))
        return None
    if number > 1_000_000:
        errors.append(CellError(row, label, _("Nilai terlalu besar (%(v)s).") % {"v": str(value)[:40]}))
        return None
    return int(number)


def _header(ws) -> tuple[int, dict[str, int]] | None:
    for number, values in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SCAN, values_only=True), 1):
        columns: dict[str, int] = {}
        for index, header in enumerate(values):
            key = column_key(header)
            if key and key not in columns:
                columns[key] = index
        if "nip" in columns:
            return number, columns
    return None


def parse_sheet(data: bytes, file_name: str = "") -> Sheet:
    """Read the first worksheet of an .xlsx export into rows and cell errors (nothing is saved here)."""
    sheet = Sheet()
    if file_name and not file_name.lower().endswith((".xlsx", ".xlsm")):
        sheet.errors.append(CellError(None, "", _("Jenis berkas tidak didukung: unggah berkas Excel (.xlsx).")))
        return sheet
    if not data:
        sheet.errors.append(CellError(None, "", _("Berkas kosong.")))
        return sheet
    if len(data) > MAX_BYTES:
        sheet.errors.append(CellError(None, "", _("Berkas terlalu besar (paling besar 10 MB).")))
        return sheet
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, TypeError) as exc:  # not a zip / not xlsx
        del exc
        sheet.errors.append(CellError(None, "", _("Berkas tidak dapat dibaca sebagai Excel (.xlsx).")))
        return sheet
    except Exception:  # noqa: BLE001 - zipfile.BadZipFile and other corrupt-file errors
        sheet.errors.append(CellError(None, "", _("Berkas tidak dapat dibaca sebagai Excel (.xlsx).")))
        return sheet
    try:
        ws = wb.worksheets[0]
        found = _header(ws)
        if found is None:
            sheet.errors.append(
                CellError(None, "", _("Baris judul kolom tidak ditemukan: kolom NIP wajib ada pada 10 baris pertama."))
            )
            return sheet
        header_row, columns = found
        missing = [COLUMN_LABELS[k] for k in REQUIRED if k not in columns]
        if missing:
            sheet.errors.append(
                CellError(header_row, "", _("Kolom wajib tidak ada: %(c)s.") % {"c": ", ".join(missing)})
            )
            return sheet
        for number, values in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
            if not any(v not in (None, "") and str(v).strip() for v in values):
                continue
            if len(sheet.rows) + len({e.row for e in sheet.errors}) >= MAX_ROWS:
                sheet.errors.append(
                    CellError(number, "", _("Terlalu banyak baris (paling banyak %(n)s).") % {"n": MAX_ROWS})
                )
                break
            sheet_row = _row(values, columns, number, sheet.errors)
            if sheet_row is not None:
                sheet.rows.append(sheet_row)
    finally:
        wb.close()
    if not sheet.rows and not sheet.errors:
        sheet.errors.append(CellError(None, "", _("Berkas tidak berisi data absensi.")))
    return sheet


def _row(values, columns: dict[str, int], number: int, errors: list[CellError]) -> SheetRow | None:
    def cell(key):
        index = columns.get(key)
        return values[index] if index is not None and index < len(values) else None

    before = len(errors)
    nip = _nip(cell("nip"), number, errors)
    counts = {k: _count(cell(k), k, number, errors) for k in ("days_absent", "minutes_late", "missed_checkins")}
    if len(errors) > before or nip is None:
        return None
    name = str(cell("name") or "").strip()[:160]
    return SheetRow(number, nip, name, **counts)


def template_xlsx(officials=()) -> bytes:
    """An empty export template (the officials' NIP and names prefilled as text when given)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Absensi"
    headers = [COLUMN_LABELS[k] for k in ("nip", "name", "days_absent", "minutes_late", "missed_checkins")]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6EE")
    for official in officials:
        ws.append([official.nip, _escape(official.name), 0, 0, 0])
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "@"
    for letter, width in zip("ABCDE", (22, 40, 22, 30, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _escape(value: str) -> str:
    return "'" + value if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")) else value
