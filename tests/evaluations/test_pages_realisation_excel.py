"""Excel pages of a report: template download, upload with a dry run (errors by row and column,
nothing saved), commit of the checked file kept server-side, and the export of a year."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from evaluations import imports, services
from evaluations.models import Realisation
from tests.evaluations.realisation_factories import signed_pk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 5, 2, 0, tzinfo=dt.UTC)


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def report(year, unit_a, operator_a):
    signed_pk(year, unit_a, count=2)
    return services.report_get_or_create(unit=unit_a, period=year.periods.get(kind="month", number=2), by=operator_a)


def _filled(report, values) -> SimpleUploadedFile:
    wb = load_workbook(io.BytesIO(imports.realisation_template_xlsx(report)))
    ws = wb.active
    for offset, value in enumerate(values):
        ws.cell(row=imports.FIRST_ROW + offset, column=imports.COL["value"], value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("realisasi.xlsx", buffer.getvalue())


def test_template_downloads_as_xlsx(client_for, operator_a, report):
    response = client_for(operator_a).get(url("report_template", report.uid))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="realisasi-2025-02-')


def test_dry_run_shows_errors_by_row_and_column_and_saves_nothing(client_for, operator_a, report):
    response = client_for(operator_a).post(url("report_import", report.uid), {"file": _filled(report, ["abc", -5])})
    body = response.content.decode()
    assert "Ditemukan 2 kesalahan" in body
    assert f'<td class="num">{imports.FIRST_ROW}</td><td>Realisasi</td>' in body
    assert not Realisation.objects.exists()


def test_checked_file_is_kept_and_committed(client_for, operator_a, report):
    client = client_for(operator_a)
    response = client.post(url("report_import", report.uid), {"file": _filled(report, [80, "72,5"])})
    assert "lolos pemeriksaan" in response.content.decode()
    assert not Realisation.objects.exists()
    response = client.post(url("report_import_commit", report.uid), follow=True)
    assert "Realisasi dari Excel disimpan." in response.content.decode()
    assert sorted(Realisation.objects.values_list("value", flat=True)) == [D("72.5"), D(80)]
    again = client.post(url("report_import_commit", report.uid), follow=True)
    assert "sudah tidak tersedia" in again.content.decode()


def test_read_only_users_cannot_import_and_unit_users_cannot_export(client_for, pimpinan, operator_a, report):
    assert client_for(pimpinan).get(url("report_import", report.uid)).status_code == 403
    assert client_for(operator_a).get(url("export_year", 2025)).status_code == 403
    response = client_for(pimpinan).get(url("export_year", 2025))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('realisasi-2025.xlsx"')
    assert client_for(pimpinan).get(url("export_year", 2019)).status_code == 404
