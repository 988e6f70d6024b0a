"""Excel: template round trip, dry run with errors by row and column, all-or-nothing, signed PK refused,
year export with formulae escaped and a pinned query count."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook, load_workbook

from agreements import imports, resources, services
from agreements.models import AgreementEvent, Indicator, IndicatorTarget, Program, Sasaran

pytestmark = pytest.mark.django_db


def workbook(rows, programs=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "Indikator"
    ws.append(imports.INDICATOR_COLUMNS)
    for row in rows:
        ws.append([row.get(c) for c in imports.INDICATOR_COLUMNS])
    wp = wb.create_sheet("Program")
    wp.append(imports.PROGRAM_COLUMNS)
    for p in programs:
        wp.append(list(p))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ind(**kw):
    base = {
        "sasaran": "Meningkatnya derajat kesehatan masyarakat",
        "indikator": "Prevalensi stunting",
        "satuan": "%",
        "polaritas": "negatif",
        "aturan_periode": "nilai akhir",
        "iku": "ya",
        "target": 14.5,
        "tw1": 17,
        "tw2": 16,
        "tw3": "15,2",
        "tw4": 14.5,
    }
    return {**base, **kw}


def snapshot(pk):
    return (
        list(Sasaran.objects.filter(agreement=pk).values_list("name", "order")),
        list(Indicator.objects.filter(sasaran__agreement=pk).order_by("id").values_list("name", "target", "lineage")),
        list(IndicatorTarget.objects.filter(indicator__sasaran__agreement=pk).order_by("id").values_list("value")),
        list(Program.objects.filter(agreement=pk).order_by("id").values_list("code", "budget")),
    )


def test_template_round_trip_changes_nothing(draft_a, operator_a):
    before = snapshot(draft_a)
    report = imports.pk_import(draft_a, imports.pk_template_xlsx(draft_a), by=operator_a, dry_run=False)
    assert report.ok and report.saved
    assert report.counts["indicators_updated"] == 2 and "indicators_created" not in report.counts
    assert snapshot(draft_a) == before  # lineage kept
    assert draft_a.events.filter(action=AgreementEvent.Action.IMPORT).count() == 1


def test_template_has_both_sheets_and_rows(draft_a):
    wb = load_workbook(io.BytesIO(imports.pk_template_xlsx(draft_a)))
    assert wb.sheetnames[:2] == ["Indikator", "Program"]
    rows = list(wb["Indikator"].iter_rows(values_only=True))
    assert rows[0][:3] == ("sasaran", "indikator", "satuan")
    assert {r[1] for r in rows[1:]} == {"Prevalensi stunting", "Jumlah puskesmas terakreditasi"}
    assert list(wb["Program"].iter_rows(values_only=True))[1][:3] == (
        "1.02.02",
        "Program Pemenuhan Upaya Kesehatan",
        "program",
    )


def test_dry_run_lists_every_error_by_row_and_column_and_saves_nothing(draft_a, operator_a):
    before = snapshot(draft_a)
    data = workbook(
        [
            ind(),
            ind(
                indikator="Cakupan imunisasi",
                aturan_periode="kumulatif",
                target=100,
                tw1=25,
                tw2=25,
                tw3=25,
                tw4="dua puluh",
            ),
            ind(indikator="Jumlah posyandu", aturan_periode="kumulatif", target=100, tw1=25, tw2=25, tw3=25, tw4=20),
            ind(),  # duplicate of row 2
            ind(indikator="Tanpa satuan", satuan=None, polaritas="naik"),
        ],
        programs=[("1.02.02", "Program Upaya Kesehatan", "program", "abc")],
    )
    report = imports.pk_import(draft_a, data, by=operator_a, dry_run=True)
    assert not report.ok and not report.saved
    assert report.messages == [
        "Baris 3, kolom tw4: bukan angka (dua puluh)",
        "Baris 4, kolom tw4: jumlah target TW I–IV (95) harus sama dengan target tahunan (100).",
        "Baris 5, kolom indikator: indikator “Prevalensi stunting” sudah ada pada baris 2 untuk sasaran yang sama",
        "Baris 6, kolom satuan: wajib diisi",
        "Baris 6, kolom polaritas: isi positif, negatif atau rentang",
        "Lembar Program, baris 2, kolom anggaran: bukan angka (abc)",
    ]
    assert (3, "tw4") in [(e.row, e.column) for e in report.errors]
    assert snapshot(draft_a) == before


def test_commit_with_an_error_saves_nothing_halfway(draft_a, operator_a):
    before = snapshot(draft_a)
    data = workbook(
        [
            ind(),
            ind(
                indikator="Indikator baru yang valid",
                satuan="%",
                aturan_periode="nilai akhir",
                target=90,
                tw1=80,
                tw2=85,
                tw3=88,
                tw4=90,
            ),
            ind(indikator="Salah", aturan_periode="nilai akhir", target=90, tw1=80, tw2=85, tw3=88, tw4=89),
        ],
        programs=[("1.02.02", "Program Upaya Kesehatan", "program", 1000)],
    )
    report = imports.pk_import(draft_a, data, by=operator_a, dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(4, "tw4")]
    assert not report.saved
    assert snapshot(draft_a) == before
    assert not Indicator.objects.filter(name="Indikator baru yang valid").exists()


def test_commit_replaces_content_through_services(draft_a, operator_a):
    lineage = Indicator.objects.get(name="Prevalensi stunting").lineage
    data = workbook(
        [
            ind(),
            ind(
                sasaran="Meningkatnya mutu layanan",
                indikator="Indeks kepuasan",
                satuan="indeks",
                polaritas="rentang",
                aturan_periode="nilai akhir",
                target=None,
                target_bawah=76.61,
                target_atas=88.3,
                tw1="70 - 80",
                tw2="72 - 82",
                tw3="74 - 85",
                tw4="76,61 - 88,3",
            ),
        ],
        programs=[
            ("1.02.02", "Program Upaya Kesehatan", "program", "Rp 1.500.000.000"),
            ("1.02.02.2.01", "Kegiatan", "kegiatan", 500000000),
        ],
    )
    dry = imports.pk_import(draft_a, data, by=operator_a, dry_run=True)
    assert dry.ok and not dry.saved
    report = imports.pk_import(draft_a, data, by=operator_a, dry_run=False)
    assert report.ok and report.saved
    assert report.counts["indicators_deleted"] == 1 and report.counts["indicators_created"] == 1
    assert Indicator.objects.get(name="Prevalensi stunting").lineage == lineage
    kegiatan = Program.objects.get(agreement=draft_a, code="1.02.02.2.01")
    assert kegiatan.parent.code == "1.02.02" and kegiatan.parent.budget == 1500000000


def test_import_into_signed_pk_is_refused(signed_a, operator_a):
    before = snapshot(signed_a)
    with pytest.raises(ValidationError, match="PK yang sudah ditandatangani tidak dapat diubah"):
        imports.pk_import(signed_a, imports.pk_template_xlsx(signed_a), by=operator_a, dry_run=True)
    assert snapshot(signed_a) == before


def test_import_by_other_unit_is_refused(draft_a, operator_b):
    with pytest.raises(PermissionDenied):
        imports.pk_import(draft_a, imports.pk_template_xlsx(draft_a), by=operator_b, dry_run=True)


def test_not_an_excel_file(draft_a, operator_a):
    report = imports.pk_import(draft_a, b"bukan excel", by=operator_a, dry_run=True)
    assert report.messages == ["Berkas tidak dapat dibaca sebagai Excel (.xlsx). Gunakan templat dari portal."]


def test_export_escapes_formulae(draft_a, operator_a, admin, year):
    ind_obj = Indicator.objects.get(name="Prevalensi stunting")
    services.indicator_update(
        indicator=ind_obj,
        data={"definition": '=HYPERLINK("http://contoh.invalid","klik")', "data_source": "@SUM(A1)"},
        by=operator_a,
    )
    wb = load_workbook(io.BytesIO(resources.pk_export_year(year, admin)))
    ws = wb.active
    header = [c.value for c in ws[1]]
    values = list(ws.iter_rows(min_row=2))
    cells = {c.value for row in values for c in row}
    assert '\'=HYPERLINK("http://contoh.invalid","klik")' in cells and "'@SUM(A1)" in cells
    assert all(c.data_type != "f" for row in values for c in row)
    row = next(r for r in values if r[header.index("indikator")].value == "Prevalensi stunting")
    assert row[header.index("tw3")].value == 15.2  # numbers stay numbers


def test_export_needs_export_permission(year, operator_a, draft_a):
    with pytest.raises(PermissionDenied):
        resources.pk_export_year(year, operator_a)


def test_export_query_count_is_pinned(year, draft_a, admin, operator_a, django_assert_max_num_queries):
    services.sasaran_create(agreement=draft_a, name="Sasaran kedua", by=operator_a)
    with django_assert_max_num_queries(5):
        resources.pk_export_year(year, admin)


def test_template_text_that_looks_like_a_formula_stays_text(draft_a, operator_a):
    ind_obj = Indicator.objects.get(name="Prevalensi stunting")
    services.indicator_update(indicator=ind_obj, data={"formula": "=A1/B1*100"}, by=operator_a)
    ws = load_workbook(io.BytesIO(imports.pk_template_xlsx(draft_a)))["Indikator"]
    cell = next(c for row in ws.iter_rows(min_row=2) for c in row if c.value == "=A1/B1*100")
    assert cell.data_type == "s"
