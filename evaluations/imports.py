"""Excel for realisation: the period template, its upload (dry run, then all-or-nothing commit
through :func:`evaluations.services.realisation_save`) and the export of a whole year.

Template layout (one sheet "Realisasi"): row 1 title, row 2 unit and period, row 3 the report id
(checked on upload, so a template of another unit or period is refused), row 5 the header, data
from row 6. Column A holds the indicator's lineage id (hidden); the editable columns are
Realisasi, Kendala, Upaya and Alasan perubahan. Numbers may be typed as numbers or as Indonesian
text ("61,76"). Every text cell written by the portal is escaped against formula injection.
"""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from agreements.models import Indicator, IndicatorTarget
from sakip.core import permissions
from sakip.core.models import FiscalYear
from sakip.core.permissions import P

from . import capaian, services
from .models import PeriodReport, Realisation

HEADER_ROW, FIRST_ROW = 5, 6
COLUMNS = (
    ("id", "ID"),
    ("no", "No"),
    ("sasaran", "Sasaran"),
    ("indicator", "Indikator Kinerja"),
    ("satuan", "Satuan"),
    ("target_period", "Target Periode"),
    ("target_to_date", "Target s.d. Periode"),
    ("target_annual", "Target Tahunan"),
    ("value", "Realisasi"),
    ("kendala", "Kendala"),
    ("upaya", "Upaya"),
    ("reason", "Alasan Perubahan"),
)
COL = {key: i + 1 for i, (key, _label) in enumerate(COLUMNS)}
EDITABLE = ("value", "kendala", "upaya", "reason")
MAX_ROWS = 2000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (numbers untouched)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _target_cell(target):
    if target is None:
        return None
    if hasattr(target, "low"):
        return f"{_num(target.low)}–{_num(target.high)}"
    return float(target) if isinstance(target, Decimal) else target


def _num(value: Decimal) -> str:
    text = f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def _header(ws, labels) -> None:
    fill = PatternFill("solid", fgColor="DDE7F0")
    for i, label in enumerate(labels, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def realisation_template_xlsx(report: PeriodReport) -> bytes:
    """The period template of ``report``, pre-filled with every indicator in force, its targets and
    the values, kendala and upaya saved so far (.xlsx bytes). Queries as :func:`capaian.grid_rows`."""
    rows = capaian.grid_rows(report)
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    ws["A1"] = _("Realisasi Kinerja %(p)s") % {"p": report.period.label}
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = escape(f"{report.unit.name} ({report.unit.code})")
    ws["A3"] = str(report.uid)
    ws["B3"] = _("ID laporan – jangan diubah. Isi kolom Realisasi, Kendala, Upaya (dan Alasan bila sudah diajukan).")
    _header(ws, [label for _key, label in COLUMNS])
    for n, row in enumerate(rows, start=1):
        r = FIRST_ROW + n - 1
        values = {
            "id": str(row.indicator.lineage),
            "no": n,
            "sasaran": escape(row.sasaran_name),
            "indicator": escape(row.indicator.name),
            "satuan": escape(row.indicator.satuan),
            "target_period": _target_cell(row.target_period),
            "target_to_date": _target_cell(row.target_to_date),
            "target_annual": _target_cell(row.target_annual),
            "value": float(row.value) if row.value is not None else None,
            "kendala": escape(row.kendala) or None,
            "upaya": escape(row.upaya) or None,
            "reason": None,
        }
        for key, value in values.items():
            cell = ws.cell(row=r, column=COL[key], value=value)
            cell.alignment = Alignment(wrap_text=key in ("sasaran", "indicator", "kendala", "upaya"), vertical="top")
            if key in EDITABLE:
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor="FFF8DC")
    widths = {"id": 8, "no": 5, "sasaran": 32, "indicator": 40, "satuan": 10, "value": 14, "kendala": 36, "upaya": 36}
    for key, col in COL.items():
        ws.column_dimensions[get_column_letter(col)].width = widths.get(key, 14)
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=COL["value"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- upload ---------------------------------------------------------------------------------


@dataclass
class ImportRow:
    row: int
    indicator: Indicator
    value: object
    kendala: str
    upaya: str
    reason: str
    changed: bool


@dataclass
class ImportResult:
    """Outcome of an upload. ``errors``: (row number, column name, message in Bahasa Indonesia)."""

    dry_run: bool
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        changed = sum(1 for r in self.rows if r.changed)
        return {"rows": len(self.rows), "changed": changed, "unchanged": len(self.rows) - changed, "saved": self.saved}


def _label(key: str) -> str:
    return dict(COLUMNS)[key]


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return text[1:] if text.startswith("'") else text


def _read(report: PeriodReport, file, result: ImportResult) -> list[tuple[int, dict]]:
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not an .xlsx
        result.errors.append((0, "", _("Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.")))
        return []
    ws = wb["Realisasi"] if "Realisasi" in wb.sheetnames else wb.active
    marker = _text(ws.cell(row=3, column=1).value)
    if marker != str(report.uid):
        result.errors.append(
            (
                3,
                "A",
                _("Templat ini bukan untuk laporan %(r)s. Unduh templat dari halaman laporan ini.")
                % {"r": f"{report.unit.label} – {report.period.label}"},
            )
        )
        return []
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True), FIRST_ROW):
        if number - FIRST_ROW >= MAX_ROWS:
            result.errors.append((number, "", _("Terlalu banyak baris (paling banyak %(n)s).") % {"n": MAX_ROWS}))
            break
        data = {key: values[i] if i < len(values) else None for i, (key, _l) in enumerate(COLUMNS)}
        if all(v in (None, "") for v in data.values()):
            continue
        rows.append((number, data))
    wb.close()
    return rows


def realisation_import(report: PeriodReport, file, *, by, dry_run: bool = True) -> ImportResult:
    """Check (``dry_run``) or save the values of an uploaded period template.

    Every row is checked first: the indicator must be in force for the report, the value a number
    (not negative unless allowed), a reason given for a change once the report is submitted, and
    the report not locked. Any error: nothing is saved. Without errors and ``dry_run=False`` every
    changed row is saved through :func:`services.realisation_save` in one transaction; an error
    raised there rolls everything back and is reported with its row.
    """
    result = ImportResult(dry_run=dry_run)
    if by.pemda_id != report.pemda_id or not permissions.has_perm(by, P.REAL_EDIT, unit_id=report.unit_id):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    state = services.lock_state(report)
    if state.locked:
        result.errors.append((0, "", f"{state.reason} {state.unlock_hint}".strip()))
        return result
    grid = {row.indicator.lineage: row for row in capaian.grid_rows(report)}
    reviewed = report.status in (
        PeriodReport.Status.SUBMITTED,
        PeriodReport.Status.VERIFIED,
        PeriodReport.Status.ACCEPTED,
    )
    seen: set = set()
    for number, data in _read(report, file, result):
        raw_id = _text(data["id"])
        try:
            lineage = uuid.UUID(raw_id)
        except ValueError:
            lineage = None
        grid_row = grid.get(lineage)
        if grid_row is None:
            result.errors.append((number, _label("id"), _("Indikator pada baris ini tidak termasuk PK yang berlaku.")))
            continue
        if lineage in seen:
            result.errors.append((number, _label("id"), _("Indikator ini muncul lebih dari sekali.")))
            continue
        seen.add(lineage)
        raw_value = data["value"]
        if isinstance(raw_value, float):
            raw_value = Decimal(repr(raw_value))
        try:
            value = services.parse_value(
                raw_value if not isinstance(raw_value, str) else _text(raw_value), grid_row.indicator
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("value", exc.messages):
                result.errors.append((number, _label("value"), message))
            continue
        kendala, upaya, reason = _text(data["kendala"]), _text(data["upaya"]), _text(data["reason"])
        value_changed = value != grid_row.value
        changed = value_changed or kendala != grid_row.kendala or upaya != grid_row.upaya
        if value_changed and reviewed and not reason:
            result.errors.append(
                (number, _label("reason"), _("Laporan sudah diajukan; tuliskan alasan perubahan nilai."))
            )
            continue
        result.rows.append(ImportRow(number, grid_row.indicator, value, kendala, upaya, reason, changed))
    if not result.rows and not result.errors:
        result.errors.append((FIRST_ROW, "", _("Tidak ada baris indikator yang terisi pada templat.")))
    if result.errors or dry_run:
        return result
    _commit(report, result, by)
    return result


class _Rollback(Exception):
    pass


def _commit(report: PeriodReport, result: ImportResult, by) -> None:
    try:
        with transaction.atomic():
            for row in result.rows:
                if not row.changed:
                    continue
                try:
                    services.realisation_save(
                        report=report,
                        indicator=row.indicator,
                        value=row.value,
                        kendala=row.kendala,
                        upaya=row.upaya,
                        reason=row.reason,
                        by=by,
                    )
                except ValidationError as exc:
                    for message in exc.messages:
                        result.errors.append((row.row, _label("value"), message))
                    raise _Rollback from exc
                result.saved += 1
    except _Rollback:
        result.saved = 0


# --- export ---------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "Kode Unit",
    "Unit",
    "Periode",
    "Status Laporan",
    "Sasaran",
    "Indikator Kinerja",
    "Satuan",
    "IKU",
    "Target Periode",
    "Realisasi",
    "Capaian s.d. Periode (%)",
    "Kategori",
    "Kendala",
    "Upaya",
)


def realisation_export_year(fiscal_year: FiscalYear, user) -> bytes:
    """Every realisation of ``fiscal_year`` the user may read (all units for admin, evaluator and
    pimpinan; own units for operator/kepala) with targets, capaian to date and category (.xlsx).
    Text escaped against formulae. Five queries whatever the size of the year."""
    if user.pemda_id != fiscal_year.pemda_id or not permissions.has_perm(user, P.REAL_VIEW):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    rules = capaian.rules_for(fiscal_year)
    kind = capaian.reporting_kind(fiscal_year)
    reports = permissions.scope_to_units(
        PeriodReport.objects.filter(period__fiscal_year=fiscal_year, period__kind=kind), user, P.REAL_VIEW
    )
    realisations = list(
        Realisation.objects.filter(report__in=reports)
        .select_related("report__unit", "report__period", "indicator__sasaran")
        .prefetch_related(Prefetch("indicator__targets", queryset=IndicatorTarget.objects.order_by("kind", "number")))
        .order_by("report__unit__code", "report__period__number", "indicator__sasaran__order", "indicator__order")
    )
    series: dict[tuple, dict[int, Decimal | None]] = defaultdict(dict)
    for r in realisations:
        series[(r.report.unit_id, r.indicator_lineage)][r.report.period.number] = r.value
    count = 12 if kind == "month" else 4
    wb = Workbook()
    ws = wb.active
    ws.title = f"Realisasi {fiscal_year.year}"
    ws.append(list(EXPORT_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in realisations:
        number = r.report.period.number
        values = series[(r.report.unit_id, r.indicator_lineage)]
        targets = capaian.period_targets(r.indicator, kind)
        ach = capaian.achievement(r.indicator, [values.get(n) for n in range(1, count + 1)], targets, number, rules)
        ws.append(
            [
                escape(r.report.unit.code),
                escape(r.report.unit.name),
                r.report.period.label,
                str(r.report.get_status_display()),
                escape(r.indicator.sasaran.name),
                escape(r.indicator.name),
                escape(r.indicator.satuan),
                _("Ya") if r.indicator.is_iku else _("Tidak"),
                _target_cell(targets[number - 1] if number <= len(targets) else None),
                float(r.value) if r.value is not None else None,
                float(ach.display) if ach.display is not None else None,
                ach.category_label or "–",
                escape(r.kendala),
                escape(r.upaya),
            ]
        )
    for i, width in enumerate((22, 36, 16, 14, 36, 40, 10, 6, 14, 12, 12, 14, 36, 36), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
