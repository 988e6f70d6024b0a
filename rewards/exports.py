"""Spreadsheets of decisions: the register (what the filters show) and the TPP adjustment list for
payroll (decisions holding or cutting TPP in force in a month).

Dates are real spreadsheet dates, numbers real numbers (percent as 25, not "25 %"); every text
cell that a spreadsheet would evaluate (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is written with a leading apostrophe, so a unit name or an SK number typed as
``=HYPERLINK(...)`` stays text. Callers pass decisions with ``unit`` and ``snapshot`` already
selected (``rewards.selectors.decisions_for``), so building a sheet runs no query per row.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import REWARD_TYPES, Decision, Target

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
DATE_FORMAT = "DD/MM/YYYY"


def escape_formula(value):
    """Text a spreadsheet would evaluate gets a leading apostrophe; other values are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _sheet(title: str, headers: list[str], rows: Iterable[list], *, caption: str = "") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    start = 1
    if caption:
        ws.cell(row=1, column=1, value=escape_formula(caption)).font = Font(bold=True, size=12)
        start = 3
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row=start, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(h) for h in headers]
    for r, values in enumerate(rows, start + 1):
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c, value=escape_formula(value))
            if hasattr(value, "year") and not isinstance(value, str):
                cell.number_format = DATE_FORMAT
                widths[c - 1] = max(widths[c - 1], 11)
            elif value is not None:
                widths[c - 1] = max(widths[c - 1], min(len(str(value)), 60))
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width + 2
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _official(d: Decision) -> tuple[str, str, str]:
    if d.target == Target.HEAD:
        return d.official_name, d.official_nip, d.official_position
    return "", "", ""


REGISTER_HEADERS = [
    N("No."),
    N("Nomor SK"),
    N("Tanggal SK"),
    N("Jenis keputusan"),
    N("Penghargaan/sanksi"),
    N("Kode unit"),
    N("Unit"),
    N("Sasaran"),
    N("Nama pejabat"),
    N("NIP"),
    N("Jabatan"),
    N("Persentase (%)"),
    N("Lama (bulan)"),
    N("Nilai (Rp)"),
    N("Berlaku mulai"),
    N("Berlaku sampai"),
    N("Dasar peringkat"),
    N("Pertimbangan"),
    N("Status"),
    N("Batas tanggapan"),
    N("Tanggapan unit"),
    N("Alasan pencabutan"),
]


def register_xlsx(decisions: Iterable[Decision], *, caption: str = "") -> bytes:
    """The decision register, one row per decision, in the order given."""
    headers = [_(h) for h in REGISTER_HEADERS]
    rows = []
    for n, d in enumerate(decisions, 1):
        name, nip, position = _official(d)
        rows.append(
            [
                n, d.sk_number, d.sk_date, d.get_kind_display(),
                _("Penghargaan") if d.kind in REWARD_TYPES else _("Sanksi"),
                d.unit.code, d.unit.name, d.get_target_display(), name, nip, position,
                _number(d.percent), d.months, _number(d.amount), d.effective_start, d.effective_end,
                d.snapshot.title if d.snapshot_id else "", d.basis_text, d.get_status_display(),
                d.response_deadline, d.response, d.revoke_reason,
            ]
        )  # fmt: skip
    return _sheet(_("Register keputusan"), headers, rows, caption=caption)


TPP_HEADERS = [
    N("No."),
    N("Sasaran"),
    N("Kode unit"),
    N("Unit"),
    N("Nama pejabat"),
    N("NIP"),
    N("Jabatan"),
    N("Jenis"),
    N("Persentase (%)"),
    N("Lama (bulan)"),
    N("Berlaku mulai"),
    N("Berlaku sampai"),
    N("Nomor SK"),
    N("Tanggal SK"),
]


def tpp_xlsx(decisions: Iterable[Decision], *, caption: str = "") -> bytes:
    """TPP adjustments for payroll: who (the unit, or the official by name and NIP), what (hold or
    cut), how much (percent; a hold is 100 % withheld for its months), how long and on which SK."""
    headers = [_(h) for h in TPP_HEADERS]
    rows = []
    for n, d in enumerate(decisions, 1):
        name, nip, position = _official(d)
        rows.append(
            [
                n, d.get_target_display(), d.unit.code, d.unit.name, name, nip, position, d.get_kind_display(),
                _number(d.percent), d.months, d.effective_start, d.effective_end, d.sk_number, d.sk_date,
            ]
        )  # fmt: skip
    return _sheet(_("Penyesuaian TPP"), headers, rows, caption=caption)
