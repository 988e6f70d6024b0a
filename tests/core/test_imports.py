"""Excel import of units and users: dry run with row/column errors, then all-or-nothing commit."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.core.models import Unit, User

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["kode", "nama", "singkatan", "jenis", "kode_induk", "kategori", "aktif"]
USER_HEADERS = ["username", "nama_lengkap", "email", "nip", "peran", "kode_unit"]


def xlsx(headers, rows, name="data.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def upload(client, url, file):
    return client.post(url, {"file": file})


GOOD_UNITS = [
    ("3.01", "Kecamatan Sambung Makmur", "Kec. SM", "Kecamatan", "", "", "ya"),
    ("3.01.01", "Kelurahan Sambung", "", "kelurahan", "3.01", "", ""),
    ("1.02.01.01", "Puskesmas Martapura", "PKM", "Puskesmas", "1.02.01", "UPTD", "ya"),
]


def test_unit_import_dry_run_saves_nothing_then_confirm_saves_all(admin, unit_a, client_for):
    c = client_for(admin)
    response = upload(c, "/unit/impor/", xlsx(UNIT_HEADERS, GOOD_UNITS))
    assert response.status_code == 200
    assert response.context["report"].ok and response.context["report"].total == 3
    assert not Unit.objects.filter(code="3.01").exists()
    response = c.post("/unit/impor/simpan/")
    assert response.status_code == 302 and response["Location"] == "/unit/"
    kel = Unit.objects.get(pemda=admin.pemda, code="3.01.01")
    assert kel.parent.code == "3.01" and kel.type == "kelurahan" and kel.ranking_category.code == "kecamatan"
    pkm = Unit.objects.get(code="1.02.01.01")
    assert pkm.type == "uptd" and pkm.parent == unit_a
    assert kel.history.first().history_user == admin
    # the stored file is single-use
    assert c.post("/unit/impor/simpan/").status_code == 302
    assert Unit.objects.filter(pemda=admin.pemda).count() == 4


def test_unit_import_lists_every_error_by_row_and_column(admin, unit_a, other_unit, client_for):
    rows = [
        ("1.02.01", "Duplikat Dinkes", "", "Dinas", "", "", ""),  # row 2: code used
        ("5.01", "Jenis Salah", "", "Kantor", "", "", ""),  # row 3: unknown type
        ("5.02", "Kelurahan Yatim", "", "Kelurahan", "", "", ""),  # row 4: needs kecamatan parent
        ("5.03", "UPTD Lintas", "", "UPTD", "9.99", "", ""),  # row 5: parent unknown in this Pemda
        ("5.04", "Baik", "", "Badan", "", "", "mungkin"),  # row 6: bad boolean
        ("5.06", "Badan Baik", "", "Badan", "", "", ""),  # row 7: fine on its own
        ("5.06", "Kode ganda", "", "Badan", "", "", ""),  # row 8: code duplicated within the file
    ]
    response = upload(client_for(admin), "/unit/impor/", xlsx(UNIT_HEADERS, rows))
    report = response.context["report"]
    messages = [str(issue) for issue in report.issues]
    assert "Baris 2, kolom kode: Kode unit 1.02.01 sudah dipakai oleh Dinas Kesehatan." in messages
    assert any(m.startswith("Baris 3, kolom jenis: Jenis Kantor tidak dikenal.") for m in messages)
    assert any(m.startswith("Baris 4, kolom kode_induk: Kelurahan harus berada di bawah") for m in messages)
    assert any(m.startswith("Baris 5, kolom kode_induk: Unit dengan kode 9.99 tidak ditemukan") for m in messages)
    assert any(m.startswith("Baris 6, kolom aktif:") for m in messages)
    assert not any(m.startswith("Baris 7") for m in messages)
    assert "Baris 8, kolom kode: Kode unit 5.06 sudah dipakai oleh Badan Baik." in messages
    assert "Tidak ada data yang disimpan." in response.content.decode()
    assert not Unit.objects.filter(code__startswith="5.").exists()
    assert "sakip-import-unit" not in client_for(admin).session


def test_unit_import_refuses_parent_of_another_pemda(admin, other_unit, client_for):
    rows = [("1.02.01.09", "Puskesmas X", "", "UPTD", other_unit.code, "", "")]
    report = upload(client_for(admin), "/unit/impor/", xlsx(UNIT_HEADERS, rows)).context["report"]
    assert str(report.issues[0]).startswith("Baris 2, kolom kode_induk: Unit dengan kode 1.02.01 tidak ditemukan")


def test_commit_is_all_or_nothing_when_data_changed_after_dry_run(admin, pemda, client_for):
    from sakip.core import services

    c = client_for(admin)
    assert upload(c, "/unit/impor/", xlsx(UNIT_HEADERS, GOOD_UNITS[:2])).context["report"].ok
    services.unit_create(pemda=pemda, data={"code": "3.01.01", "name": "Diambil duluan", "type": "badan"})
    response = c.post("/unit/impor/simpan/")
    assert response.status_code == 400
    assert "Baris 3, kolom kode: Kode unit 3.01.01 sudah dipakai" in response.content.decode()
    assert not Unit.objects.filter(code="3.01").exists()  # row 2 was valid but is rolled back too


def test_file_that_is_not_a_spreadsheet_is_refused_whatever_its_name(admin, client_for):
    fake = SimpleUploadedFile("unit.xlsx", b"kode,nama,jenis\n1,Dinas,dinas\n")
    response = upload(client_for(admin), "/unit/impor/", fake)
    assert response.status_code == 400
    assert "bukan spreadsheet Excel (.xlsx)" in response.context["form"].errors["file"][0]


def test_zip_that_is_not_a_workbook_is_refused(admin, client_for):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    response = upload(client_for(admin), "/unit/impor/", SimpleUploadedFile("a.xlsx", buffer.getvalue()))
    assert "bukan spreadsheet Excel" in response.context["form"].errors["file"][0]


def test_file_missing_required_columns_is_refused(admin, client_for):
    response = upload(client_for(admin), "/unit/impor/", xlsx(["kode", "singkatan"], [("1", "x")]))
    assert response.status_code == 400
    assert "Kolom wajib tidak ditemukan di baris pertama: nama, jenis." in response.context["form"].errors["file"][0]


def test_file_with_headers_only_is_refused(admin, client_for):
    response = upload(client_for(admin), "/unit/impor/", xlsx(UNIT_HEADERS, []))
    assert "tidak berisi data" in response.context["form"].errors["file"][0]


def test_confirm_without_dry_run_saves_nothing(admin, client_for):
    response = client_for(admin).post("/unit/impor/simpan/", follow=True)
    assert "Unggah ulang berkasnya" in response.content.decode()


def test_operator_cannot_import(operator_a, client_for):
    c = client_for(operator_a)
    assert c.get("/unit/impor/").status_code == 403
    assert upload(c, "/unit/impor/", xlsx(UNIT_HEADERS, GOOD_UNITS)).status_code == 403
    assert c.post("/pengguna/impor/simpan/").status_code == 403
    assert c.get("/impor/unit/templat.xlsx").status_code == 403


def test_template_is_a_workbook_with_headers_and_example(admin, client_for):
    for key, headers in (("unit", UNIT_HEADERS), ("user", USER_HEADERS)):
        response = client_for(admin).get(f"/impor/{key}/templat.xlsx")
        assert response.status_code == 200
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(workbook["Data"].iter_rows(values_only=True))
        assert list(rows[0]) == headers and len(rows) >= 2
        assert "Petunjuk" in workbook.sheetnames
    assert client_for(admin).get("/impor/lain/templat.xlsx").status_code == 404


def test_template_imports_cleanly(admin, unit_a, client_for):
    """The example rows of the unit template are valid input for a Pemda that has Dinas Kesehatan 1.02.01."""
    c = client_for(admin)
    content = c.get("/impor/unit/templat.xlsx").content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook["Data"].delete_rows(2)  # the first example row is Dinas Kesehatan itself
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = upload(c, "/unit/impor/", SimpleUploadedFile("t.xlsx", buffer.getvalue())).context["report"]
    assert report.ok, [str(i) for i in report.issues]


def test_user_import_creates_users_with_roles(admin, unit_a, client_for):
    rows = [
        ("op.dinkes", "Siti Rahmah", "siti@contoh.go.id", "198805122010012003", "Operator OPD", "1.02.01"),
        ("eval1", "Ahmad", "ahmad@contoh.go.id", "", "evaluator", ""),
        ("tanpaperan", "Tanpa Peran", "", "", "", ""),
    ]
    c = client_for(admin)
    assert upload(c, "/pengguna/impor/", xlsx(USER_HEADERS, rows)).context["report"].ok
    assert not User.objects.filter(username="op.dinkes").exists()
    assert c.post("/pengguna/impor/simpan/").status_code == 302
    op = User.objects.get(username="op.dinkes")
    assert op.pemda == admin.pemda and op.nip == "198805122010012003" and not op.has_usable_password()
    assert op.roles.get().unit == unit_a
    assert User.objects.get(username="eval1").roles.get().role == "evaluator"
    assert not User.objects.get(username="tanpaperan").roles.exists()


def test_user_import_reports_row_and_column_errors(admin, operator_a, client_for):
    rows = [
        ("baru1", "Baru Satu", "", "19880512", "", ""),  # row 2: malformed NIP
        ("operator_a", "Duplikat", "", "", "", ""),  # row 3: username taken
        ("baru3", "Baru Tiga", "", "", "Operator OPD", ""),  # row 4: operator without unit
        ("baru4", "Baru Empat", "", "", "Raja", ""),  # row 5: unknown role
        ("baru5", "Baru Lima", "", 1.98805122010012e17, "", ""),  # row 6: NIP typed as a number
        ("baru6", "Baru Enam", "", "", "Kepala OPD", "0.00"),  # row 7: unknown unit
    ]
    report = upload(client_for(admin), "/pengguna/impor/", xlsx(USER_HEADERS, rows)).context["report"]
    messages = [str(i) for i in report.issues]
    assert "Baris 2, kolom nip: NIP harus terdiri dari tepat 18 angka tanpa spasi." in messages
    assert "Baris 3, kolom username: Nama pengguna operator_a sudah dipakai." in messages
    assert "Baris 4, kolom kode_unit: Peran ini wajib dikaitkan dengan satu unit." in messages
    assert any(m.startswith("Baris 5, kolom peran: Peran Raja tidak dikenal.") for m in messages)
    assert any(m.startswith("Baris 6, kolom nip: NIP terbaca sebagai angka") for m in messages)
    assert any(m.startswith("Baris 7, kolom kode_unit: Unit dengan kode 0.00 tidak ditemukan") for m in messages)
    assert not User.objects.filter(username__startswith="baru").exists()


def test_cancel_discards_the_pending_file(admin, client_for):
    c = client_for(admin)
    upload(c, "/unit/impor/", xlsx(UNIT_HEADERS, GOOD_UNITS))
    assert c.post("/impor/unit/batal/").status_code == 302
    c.post("/unit/impor/simpan/")
    assert not Unit.objects.filter(code="3.01").exists()
