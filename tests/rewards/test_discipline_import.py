# ruff: noqa: F811 (fixtures imported from test_discipline_helpers)
"""The attendance import: dry run, all-or-nothing commit, every bad input refused with an Indonesian
message and nothing saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rewards import discipline_io
from rewards import services_discipline as svc
from rewards.models import DisciplineImport, DisciplineRecord, Official, Proposal
from tests.rewards.test_discipline_helpers import (  # noqa: F401 (fixtures)
    NIP_A1,
    NIP_A2,
    NIP_B1,
    clock,
    official,
    officials,
    workbook,
)

pytestmark = pytest.mark.usefixtures("clock")


def _check(admin, data, *, year=2026, month=5, name="absensi.xlsx"):
    return svc.import_check(user=admin, pemda=admin.pemda, year=year, month=month, data=data, file_name=name)


def _commit(admin, data, *, year=2026, month=5, name="absensi.xlsx"):
    return svc.discipline_import(user=admin, pemda=admin.pemda, year=year, month=month, data=data, file_name=name)


def _messages(result):
    return [str(e) for e in result.errors]


def test_dry_run_shows_every_row_and_saves_nothing(admin, officials):
    result = _check(admin, workbook([(NIP_A1, "Budi", 2, 30, 1), (NIP_B1, "Ahmad", 0, 500, 0)], title_rows=2))
    assert result.ok
    assert [(r.nip, r.days_absent, r.minutes_late, r.missed_checkins, r.status) for r in result.rows] == [
        (NIP_A1, 2, 30, 1, "baru"),
        (NIP_B1, 0, 500, 0, "baru"),
    ]
    assert result.rows[0].row == 4  # two title rows, the header on row 3
    assert not DisciplineRecord.objects.exists() and not DisciplineImport.objects.exists()


def test_commit_saves_the_month_and_records_the_import(admin, officials):
    result = _commit(admin, workbook([(NIP_A1, "Budi", 2, 30, 1), (NIP_A2, "Siti", 0, 0, 0)]))
    batch = DisciplineImport.objects.get()
    assert (batch.year, batch.month, batch.rows, batch.file_name, batch.created_by) == (
        2026,
        5,
        2,
        "absensi.xlsx",
        admin,
    )
    assert result.batch == batch and len(batch.file_hash) == 64
    record = DisciplineRecord.objects.get(official=officials["a1"])
    assert (record.year, record.month, record.days_absent, record.minutes_late, record.missed_checkins) == (
        2026, 5, 2, 30, 1,
    )  # fmt: skip


def test_a_second_import_of_the_month_replaces_and_the_dry_run_says_so(admin, officials):
    _commit(admin, workbook([(NIP_A1, "Budi", 2, 30, 1), (NIP_A2, "Siti", 0, 0, 0)]))
    again = workbook([(NIP_A1, "Budi", 3, 30, 1), (NIP_A2, "Siti", 0, 0, 0), (NIP_B1, "Ahmad", 1, 0, 0)])
    result = _check(admin, again)
    assert [(r.nip, r.status, r.before) for r in result.rows] == [
        (NIP_A1, "mengganti", (2, 30, 1)),
        (NIP_A2, "sama", (0, 0, 0)),
        (NIP_B1, "baru", None),
    ]
    _commit(admin, again)
    assert DisciplineRecord.objects.count() == 3
    assert DisciplineRecord.objects.get(official=officials["a1"]).days_absent == 3
    assert DisciplineImport.objects.count() == 2


def test_a_bad_row_among_good_ones_saves_nothing(admin, officials):
    data = workbook([(NIP_A1, "Budi", 2, 30, 0), (NIP_A2, "Siti", 1, -5, 0), (NIP_B1, "Ahmad", 1, 0, 0)])
    with pytest.raises(ValidationError) as exc:
        _commit(admin, data)
    assert any("baris 3" in m and "Menit terlambat/pulang cepat" in m and "negatif" in m for m in exc.value.messages)
    assert not DisciplineRecord.objects.exists()
    assert not DisciplineImport.objects.exists()
    assert not Proposal.objects.exists()


def test_a_failure_after_the_first_writes_rolls_everything_back(admin, officials, monkeypatch):
    """All-or-nothing even when something breaks after the import row and records were written."""

    def boom(**kwargs):
        raise ValidationError("evaluasi gagal")

    monkeypatch.setattr(svc, "discipline_evaluate", boom)
    with pytest.raises(ValidationError):
        _commit(admin, workbook([(NIP_A1, "Budi", 12, 0, 0)]))
    assert not DisciplineRecord.objects.exists() and not DisciplineImport.objects.exists()


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("198501012010011009", "X", 1, 0, 0)], "NIP 198501012010011009 tidak terdaftar sebagai pegawai Pemda ini"),
        ([(NIP_A1, "Budi", -1, 0, 0)], "baris 2, kolom Hari tanpa keterangan: Nilai tidak boleh negatif"),
        ([(NIP_A1, "Budi", 0, "lima", 0)], "kolom Menit terlambat/pulang cepat: “lima” bukan angka"),
        ([(NIP_A1, "Budi", 1.5, 0, 0)], "kolom Hari tanpa keterangan: Harus bilangan bulat"),
        ([(NIP_A1, "Budi", 32, 0, 0)], "32 hari melebihi jumlah hari bulan ini (31)"),
        ([(NIP_A1, "Budi", 1, 0, 0), (NIP_A1, "Budi", 2, 0, 0)],
         "baris 3, kolom NIP: NIP 198501012010011001 sudah ada pada baris 2 (baris ganda)"),
        ([("12345", "Pendek", 1, 0, 0)], "NIP “12345” harus terdiri dari tepat 18 angka"),
        ([("", "Tanpa NIP", 1, 0, 0)], "NIP wajib diisi"),
    ],
    ids=["unknown-nip", "negative-days", "non-numeric-minutes", "fraction", "days-over-month", "duplicate",
         "short-nip", "empty-nip"],
)  # fmt: skip
def test_bad_rows_are_refused_with_row_and_column(admin, officials, rows, expected):
    result = _check(admin, workbook(rows))
    assert not result.ok
    assert any(expected in m for m in _messages(result)), _messages(result)
    with pytest.raises(ValidationError):
        _commit(admin, workbook(rows))
    assert not DisciplineRecord.objects.exists() and not DisciplineImport.objects.exists()


def test_nip_of_another_pemda_is_refused(admin, officials, other_unit):
    official(other_unit.pemda, other_unit, "196912122000121001", "Pegawai Pemda Lain")
    result = _check(admin, workbook([("196912122000121001", "Lain", 1, 0, 0)]))
    assert _messages(result) == [
        "baris 2, kolom NIP: NIP 196912122000121001 terdaftar pada Pemda lain, bukan pegawai Pemda ini."
    ]


def test_same_nip_in_two_pemdas_is_this_pemdas_official(admin, officials, other_unit):
    official(other_unit.pemda, other_unit, NIP_A1, "Kembaran di Pemda lain")
    result = _commit(admin, workbook([(NIP_A1, "Budi", 1, 0, 0)]))
    assert result.rows[0].name == "Budi Santoso, S.Kom."
    assert DisciplineRecord.objects.get().official == officials["a1"]


def test_a_future_month_is_refused(admin, officials):
    with pytest.raises(ValidationError) as exc:
        _check(admin, workbook([(NIP_A1, "Budi", 1, 0, 0)]), month=7)
    assert "Juli 2026 belum tiba" in exc.value.message_dict["month"][0]
    assert _check(admin, workbook([(NIP_A1, "Budi", 1, 0, 0)]), month=6).ok  # the current month is allowed


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "absensi.xlsx", "Berkas kosong."),
        (b"NIP;Nama\n1;2\n", "absensi.csv", "Jenis berkas tidak didukung: unggah berkas Excel (.xlsx)."),
        (b"bukan excel sama sekali", "absensi.xlsx", "Berkas tidak dapat dibaca sebagai Excel (.xlsx)."),
    ],
    ids=["empty", "wrong-type", "corrupt"],
)
def test_bad_files_are_refused(admin, officials, data, name, expected):
    assert _messages(_check(admin, data, name=name)) == [expected]


def test_a_workbook_without_rows_or_columns_is_refused(admin, officials):
    assert _messages(_check(admin, workbook([]))) == ["Berkas tidak berisi data absensi."]
    no_nip = workbook([("x", 1)], headers=("Nama", "Hari"))
    assert "kolom NIP wajib ada" in _messages(_check(admin, no_nip))[0]
    no_minutes = workbook([(NIP_A1, 1)], headers=("NIP", "Hari tanpa keterangan"))
    assert _messages(_check(admin, no_minutes)) == ["baris 1: Kolom wajib tidak ada: Menit terlambat/pulang cepat."]


def test_headers_are_matched_tolerantly(admin, officials):
    headers = ("nip baru", "NAMA PEGAWAI", "Hari Tanpa Ket.", "Menit TL/PSW", "Absen  Terlewat", "Keterangan")
    result = _check(admin, workbook([(NIP_A1, "Budi", "2", "1.234", None, "cuti")], headers=headers))
    assert result.ok, _messages(result)
    assert (result.rows[0].days_absent, result.rows[0].minutes_late, result.rows[0].missed_checkins) == (2, 1234, 0)


def test_a_nip_typed_as_a_number_that_lost_digits_is_explained(admin, officials):
    result = _check(admin, workbook([(1.98501012010011e17, "Budi", 1, 0, 0)]))
    assert "tersimpan sebagai angka" in _messages(result)[0]
    assert "simpan kolom NIP sebagai teks" in _messages(result)[0]


def test_only_the_admin_imports(pimpinan, operator_a, officials):
    for user in (pimpinan, operator_a):
        with pytest.raises(PermissionDenied):
            _check(user, workbook([(NIP_A1, "Budi", 1, 0, 0)]))


def test_template_lists_the_officials_with_nip_as_text(officials):
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(discipline_io.template_xlsx(Official.objects.order_by("nip")))).active
    assert [c.value for c in ws[1]] == ["NIP", "Nama", "Hari tanpa keterangan", "Menit terlambat/pulang cepat",
                                        "Absen terlewat"]  # fmt: skip
    assert ws["A2"].value == NIP_B1 and ws["A2"].number_format == "@"
