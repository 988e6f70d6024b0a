"""Excel pages: template download, dry run with errors by row and column, commit, year export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from agreements import imports
from agreements.models import Indicator

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(name, *args):
    return reverse(f"agreements:{name}", args=args)


def upload(data: bytes) -> dict:
    return {"file": SimpleUploadedFile("pk.xlsx", data, content_type=XLSX)}


def edited_template(agreement, **changes) -> bytes:
    wb = load_workbook(io.BytesIO(imports.pk_template_xlsx(agreement)))
    ws = wb[imports.INDICATOR_SHEET]
    header = [c.value for c in ws[1]]
    for column, value in changes.items():
        ws.cell(row=2, column=header.index(column) + 1, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_template_download(client_for, draft_a, operator_a):
    response = client_for(operator_a).get(url("pk_template", draft_a.uid))
    assert response["Content-Type"] == XLSX and response.content[:2] == b"PK"
    assert "templat-pk-2025-dinkes.xlsx" in response["Content-Disposition"]


def test_dry_run_lists_errors_by_row_and_column_and_saves_nothing(client_for, draft_a, operator_a):
    client = client_for(operator_a)
    response = client.post(url("pk_import", draft_a.uid), upload(edited_template(draft_a, target="empat belas")))
    page = response.content.decode()
    report = response.context["report"]
    assert report.errors and report.errors[0].row == 2 and report.errors[0].column == "target"
    assert "Tidak ada yang disimpan" in page and '<td class="mono">target</td>' in page
    assert Indicator.objects.get(name="Prevalensi stunting").target == 14.5


def test_dry_run_then_commit_imports_the_checked_file(client_for, draft_a, operator_a):
    client = client_for(operator_a)
    data = edited_template(draft_a, target="14", tw4="14")
    response = client.post(url("pk_import", draft_a.uid), upload(data))
    assert not response.context["report"].errors and "Simpan ke PK" in response.content.decode()
    assert Indicator.objects.get(name="Prevalensi stunting").target == 14.5  # dry run saved nothing
    stashed = client.session[f"pk_import:{draft_a.uid}"]["path"]
    response = client.post(url("pk_import_commit", draft_a.uid))
    assert response.status_code == 302 and response["Location"] == url("pk_edit", draft_a.uid)
    assert Indicator.objects.get(name="Prevalensi stunting").target == 14
    assert f"pk_import:{draft_a.uid}" not in client.session
    from django.core.files.storage import default_storage

    assert not default_storage.exists(stashed)


def test_commit_without_a_checked_file_asks_to_upload_again(client_for, draft_a, operator_a):
    response = client_for(operator_a).post(url("pk_import_commit", draft_a.uid), follow=True)
    assert "Unggah ulang berkasnya" in response.content.decode()


def test_import_into_signed_pk_is_refused_in_indonesian(client_for, signed_a, operator_a):
    response = client_for(operator_a).post(url("pk_import", signed_a.uid), upload(b"x"), follow=True)
    assert "PK yang sudah ditandatangani tidak dapat diubah" in response.content.decode()


def test_non_xlsx_upload_is_refused(client_for, draft_a, operator_a):
    data = {"file": SimpleUploadedFile("pk.csv", b"a,b", content_type="text/csv")}
    response = client_for(operator_a).post(url("pk_import", draft_a.uid), data)
    assert "Berkas harus berformat .xlsx" in response.content.decode()


def test_year_export_for_admin_and_pimpinan_only(
    client_for, draft_a, admin, pimpinan, operator_a, django_assert_max_num_queries
):
    client = client_for(admin)
    with django_assert_max_num_queries(12):
        response = client.get(url("pk_export_year", 2025))
    assert response["Content-Type"] == XLSX
    assert client_for(pimpinan).get(url("pk_export_year", 2025)).status_code == 200
    assert client_for(operator_a).get(url("pk_export_year", 2025)).status_code == 403
    assert client_for(admin).get(url("pk_export_year", 2031)).status_code == 404
