# ruff: noqa: F811  (fixtures imported from realisation_factories)
"""Excel: the period template, dry run with errors by row and column, all-or-nothing commit, export."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from evaluations import imports, services
from evaluations.models import PeriodReport, Realisation, RealisationChange

from .realisation_factories import clock, indicators_of, march, pk_a, report_a  # noqa: F401


def _template(report):
    return load_workbook(io.BytesIO(imports.realisation_template_xlsx(report)))


def _upload(wb) -> io.BytesIO:
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def _row(ws, name):
    for r in range(imports.FIRST_ROW, ws.max_row + 1):
        if ws.cell(r, imports.COL["indicator"]).value == name:
            return r
    raise AssertionError(name)


def test_template_lists_every_indicator_with_targets(report_a):
    ws = _template(report_a)["Realisasi"]
    assert ws["A3"].value == str(report_a.uid)
    r = _row(ws, "Prevalensi stunting")
    assert ws.cell(r, imports.COL["target_period"]).value == 17
    assert ws.cell(r, imports.COL["target_annual"]).value == 14
    assert ws.max_row == imports.FIRST_ROW + 2


def test_dry_run_lists_errors_by_row_and_column_and_saves_nothing(report_a, operator_a):
    wb = _template(report_a)
    ws = wb["Realisasi"]
    ws.cell(_row(ws, "Prevalensi stunting"), imports.COL["value"], "enam belas")
    ws.cell(_row(ws, "Cakupan imunisasi"), imports.COL["value"], -3)
    ws.cell(_row(ws, "Jumlah puskesmas terakreditasi"), imports.COL["value"], "2,5")
    result = imports.realisation_import(report_a, _upload(wb), by=operator_a, dry_run=False)
    assert not result.ok
    assert [(row, col) for row, col, _m in result.errors] == [
        (_row(ws, "Prevalensi stunting"), "Realisasi"),
        (_row(ws, "Cakupan imunisasi"), "Realisasi"),
    ]
    assert "harus berupa angka" in result.errors[0][2]
    assert "tidak boleh negatif" in result.errors[1][2]
    assert not Realisation.objects.exists()


def test_valid_upload_commits_through_the_service(report_a, operator_a):
    wb = _template(report_a)
    ws = wb["Realisasi"]
    ws.cell(_row(ws, "Prevalensi stunting"), imports.COL["value"], "16,4")
    ws.cell(_row(ws, "Cakupan imunisasi"), imports.COL["value"], 91.5)
    dry = imports.realisation_import(report_a, _upload(wb), by=operator_a, dry_run=True)
    assert dry.ok and dry.counts["changed"] == 2 and not Realisation.objects.exists()
    done = imports.realisation_import(report_a, _upload(wb), by=operator_a, dry_run=False)
    assert done.ok and done.saved == 2
    values = dict(Realisation.objects.values_list("indicator__name", "value"))
    assert values == {"Prevalensi stunting": D("16.4"), "Cakupan imunisasi": D("91.5")}
    assert RealisationChange.objects.count() == 2


def test_commit_rolls_back_everything_when_a_row_fails(report_a, pk_a, operator_a, monkeypatch):
    wb = _template(report_a)
    ws = wb["Realisasi"]
    for name in ("Prevalensi stunting", "Cakupan imunisasi"):
        ws.cell(_row(ws, name), imports.COL["value"], 20)
    real_save = services.realisation_save
    calls = []

    def failing_second(**kwargs):
        calls.append(kwargs["indicator"].name)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError("gagal simulasi")
        return real_save(**kwargs)

    monkeypatch.setattr(services, "realisation_save", failing_second)
    result = imports.realisation_import(report_a, _upload(wb), by=operator_a, dry_run=False)
    assert not result.ok and result.saved == 0
    assert result.errors[0][2] == "gagal simulasi"
    assert not Realisation.objects.exists() and not RealisationChange.objects.exists()


def test_import_refused_after_the_lock(report_a, operator_a):
    wb = _template(report_a)
    ws = wb["Realisasi"]
    ws.cell(_row(ws, "Prevalensi stunting"), imports.COL["value"], 16)
    PeriodReport.objects.filter(pk=report_a.pk).update(status=PeriodReport.Status.ACCEPTED)
    report_a.refresh_from_db()
    result = imports.realisation_import(report_a, _upload(wb), by=operator_a, dry_run=False)
    assert not result.ok and "terkunci" in result.errors[0][2]
    assert not Realisation.objects.exists()


def test_template_of_another_report_or_not_excel_is_refused(report_a, operator_a):
    wb = _template(report_a)
    wb["Realisasi"]["A3"] = "00000000-0000-0000-0000-000000000000"
    result = imports.realisation_import(report_a, _upload(wb), by=operator_a, dry_run=True)
    assert "bukan untuk laporan" in result.errors[0][2]
    result = imports.realisation_import(report_a, io.BytesIO(b"bukan excel"), by=operator_a, dry_run=True)
    assert "bukan lembar kerja" in result.errors[0][2]


def test_operator_of_another_unit_cannot_import(report_a, operator_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        imports.realisation_import(report_a, _upload(_template(report_a)), by=operator_b, dry_run=True)


def test_year_export_escapes_formulae_and_is_scoped(report_a, pk_a, operator_a, admin, operator_b, year):
    stunting = indicators_of(pk_a)[0]
    services.realisation_save(
        report=report_a, indicator=stunting, value="16", kendala='=HYPERLINK("x")', upaya="+1", by=operator_a
    )
    ws = load_workbook(io.BytesIO(imports.realisation_export_year(year, admin))).active
    assert ws.max_row == 2
    row = [c.value for c in ws[2]]
    assert row[5] == "Prevalensi stunting" and row[9] == 16
    assert row[12] == '\'=HYPERLINK("x")' and row[13] == "'+1"
    assert row[10] == pytest.approx(105.88)  # (2 × 17 − 16) / 17 × 100 against the March target 17
    other = load_workbook(io.BytesIO(imports.realisation_export_year(year, operator_b))).active
    assert other.max_row == 1
