"""Excel import of the officials roster: dry run, all-or-nothing commit, errors by row and column."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rewards.models import Official
from rewards.services_officials import officials_import

HEADER = ["nip", "nama", "kode_unit", "jenjang", "jabatan", "username"]


def xlsx(*rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = (
    ("198001012005011001", "Ani, S.E.", "1.02.01", "JPT", "Kepala Dinas", "kepala_a"),
    ("198001012005011002", "Budi", "7.01.02", "administrator", "", ""),
)


def test_dry_run_then_commit(admin, pemda, unit_a, unit_b, kepala_a):
    data = xlsx(*GOOD)
    report = officials_import(user=admin, pemda=pemda, data=data, commit=False)
    assert report.ok and (report.total, report.created) == (2, 2)
    assert not Official.objects.exists()
    report = officials_import(user=admin, pemda=pemda, data=data, commit=True)
    assert report.ok and Official.objects.count() == 2
    assert Official.objects.get(nip="198001012005011001").user == kepala_a
    again = officials_import(
        user=admin,
        pemda=pemda,
        data=xlsx(("198001012005011002", "Budi S.", "7.01.02", "Pengawas", "", "")),
        commit=True,
    )
    assert (again.created, again.updated) == (0, 1)
    assert Official.objects.get(nip="198001012005011002").position_level == "pengawas"


def test_errors_by_row_and_nothing_saved(admin, pemda, unit_a):
    data = xlsx(
        GOOD[0],
        ("198001012005011001", "Dobel", "1.02.01", "JPT", "", ""),
        ("123", "NIP pendek", "1.02.01", "JPT", "", ""),
        ("198001012005011003", "Unit salah", "9.99", "Raja", "", "tidak_ada"),
        (198001012005011004.0, "NIP angka", "1.02.01", "JPT", "", ""),
    )
    report = officials_import(user=admin, pemda=pemda, data=data, commit=True)
    found = {(i.row, i.column) for i in report.issues}
    assert {(3, "nip"), (4, "nip"), (5, "kode_unit"), (5, "jenjang"), (5, "username"), (6, "nip")} <= found
    assert not Official.objects.exists() and report.created == 0


def test_access(operator_a, pemda, client_for, admin):
    with pytest.raises(PermissionDenied):
        officials_import(user=operator_a, pemda=pemda, data=xlsx(*GOOD), commit=True)
    assert client_for(operator_a).get(reverse("rewards:official_import")).status_code == 403
    template = client_for(admin).get(reverse("rewards:official_import_template"))
    assert template.status_code == 200 and template.content.startswith(b"PK")


def test_pages(admin, client_for, unit_a, unit_b):
    client = client_for(admin)
    bad = client.post(reverse("rewards:official_import"), {"file": SimpleUploadedFile("x.xlsx", b"bukan excel")})
    assert bad.status_code == 400 and "bukan spreadsheet Excel" in bad.content.decode()
    checked = client.post(
        reverse("rewards:official_import"), {"file": SimpleUploadedFile("pegawai.xlsx", xlsx(*GOOD[1:]))}
    )
    assert "lolos pemeriksaan" in checked.content.decode() and not Official.objects.exists()
    done = client.post(reverse("rewards:official_import_confirm"))
    assert done.status_code == 302 and Official.objects.count() == 1
