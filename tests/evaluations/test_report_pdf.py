"""The monthly report and unit one-pager PDFs (evaluations.report_documents): content read back
from the PDF text, page counts, the content hash in the footer. World: see test_report_data."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from evaluations import report_data, report_documents
from evaluations.models import Realisation
from evaluations.report_documents import content_hash
from evaluations.report_models import Report
from tests.evaluations.realisation_factories import indicators_of, signed_pk
from tests.evaluations.test_report_data import TODAY, build_world, clock  # noqa: F401
from tests.factories import UnitFactory
from tests.rewards.factories import month, report


def pages_text(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def world(clock, pemda, year, unit_a, unit_b, pimpinan):  # noqa: F811
    build_world(year, unit_a, unit_b, pimpinan)
    return report_data.monthly_data(pemda, 2025, 3, today=TODAY)


@pytest.fixture
def job(pemda):
    return Report.objects.create(pemda=pemda, year=2025, month=3, version=3, trigger=Report.Trigger.SCHEDULE)


def test_monthly_pdf_shows_every_part(world, job):
    pdf = report_documents.monthly_pdf(job, world)
    texts = pages_text(pdf.data)
    text = " ".join(texts)
    assert pdf.pages == len(texts)
    assert pdf.content_hash == content_hash(report_data.figures(world))
    assert "PEMERINTAH KABUPATEN UJI" in texts[0]  # letterhead
    assert "LAPORAN EVALUASI KINERJA BULANAN" in texts[0] and "Maret 2025" in texts[0]
    assert "3 · Terjadwal" in texts[0]  # version and trigger on the cover
    assert "Dibuat 20 April 2025 11.00 WITA" in texts[0]  # in the Pemda's time zone
    assert "Rata-rata capaian Pemda 70,00%" in texts[0] and "-20,00 poin dari 90,00%" in texts[0]
    assert "Sangat Tinggi 1 (50%)" in text  # distribution legend
    assert "Dinas Kesehatan" in text and "Kecamatan Astambul" in text
    assert "Indikator 2" in text and "Vaksin terlambat datang" in text and "Koordinasi dengan dinas provinsi" in text
    assert "Unit yang belum melapor — Maret 2025" in text and "Camat Astambul" in text
    assert "Agar IKU direviu" in text and "Agar belum terbit" not in text and "Agar selesai" not in text
    assert "800/15/BKPSDM/2025" in text and "800/16/BKPSDM/2025" not in text  # April's decision left out
    footer = f"Kabupaten Banjar Uji · Laporan bulanan Maret 2025 · Versi 3 · Hash isi {pdf.content_hash[:16]}"
    for number, page in enumerate(texts, start=1):
        assert footer in page and f"Halaman {number} dari {len(texts)}" in page


def test_monthly_pdf_without_fiscal_year_says_so(pemda, unit_a, job):
    data = report_data.monthly_data(pemda, 2031, 3, today=TODAY)
    text = " ".join(pages_text(report_documents.monthly_pdf(job, data).data))
    assert "Maret 2031" in text and "Tahun anggaran 2031 belum dibuat" in text


def test_unit_pdf_is_one_page_with_the_units_figures(world, job, unit_a):
    pdf = report_documents.unit_pdf(job, world, unit_a.pk)
    (text,) = pages_text(pdf.data)
    assert pdf.pages == 1 and "Halaman 1 dari 1" in text
    assert pdf.content_hash == content_hash(report_data.unit_figures(world, unit_a.pk))
    assert f"Hash isi {pdf.content_hash[:16]}" in text and "Versi 3" in text and "Maret 2025" in text
    assert "LAPORAN KINERJA BULANAN UNIT" in text and "Dinas Kesehatan" in text
    assert "dr. Kepala Dinkes, M.Kes." in text  # the head it is for
    assert "70,00%" in text and "-20,00" in text  # capaian and change
    assert "▲ Indikator 2" in text and "Vaksin terlambat datang" in text
    assert "Tepat waktu" in text and "1 rekomendasi" in text and "800/15/BKPSDM/2025" in text


def test_same_figures_give_the_same_hash(world, job, pemda, unit_a):
    again = report_data.monthly_data(pemda, 2025, 3, today=TODAY)
    newer = Report.objects.create(pemda=pemda, year=2025, month=3, version=4)
    assert (
        report_documents.monthly_pdf(newer, again).content_hash == report_documents.monthly_pdf(job, world).content_hash
    )
    first = report_documents.unit_pdf(job, world, unit_a.pk).content_hash
    assert report_documents.unit_pdf(newer, again, unit_a.pk).content_hash == first


def test_unit_pdfs_give_one_file_per_active_unit_with_progress(world, job, unit_a, unit_b):
    calls = []
    out = list(report_documents.unit_pdfs(job, world, progress=lambda i, n: calls.append((i, n))))
    assert [unit for unit, _pdf in out] == [unit_a, unit_b]
    assert calls == [(1, 2), (2, 2)]
    texts = [pages_text(pdf.data) for _unit, pdf in out]
    assert "Kecamatan Astambul" in texts[1][0] and "Belum lapor" in texts[1][0]
    assert all(len(t) == 1 and "Halaman 1 dari 1" in t[0] for t in texts)


def test_a_unit_with_twelve_indicators_fits_one_page(clock, pemda, year, job):  # noqa: F811
    unit = UnitFactory(pemda=pemda, name="Dinas Pekerjaan Umum dan Penataan Ruang", code="1.03.01")
    specs = [
        {"name": f"Persentase jalan kabupaten dalam kondisi mantap pada ruas prioritas {i + 1} wilayah",
         "target": D(100), "quarters": [D(25), D(50), D(75), D(100)]}
        for i in range(12)
    ]  # fmt: skip
    indicators = indicators_of(signed_pk(year, unit, indicators=specs))
    rep = report(unit, month(year, 3), values=[(ind, str(3 + i)) for i, ind in enumerate(indicators)])
    Realisation.objects.filter(report=rep).update(
        kendala="Cuaca ekstrem menghambat pekerjaan fisik di lapangan selama dua minggu",
        upaya="Penambahan jam kerja dan alat berat",
    )
    data = report_data.monthly_data(pemda, 2025, 3, today=TODAY)
    assert sum(i.is_red for i in data.unit_row(unit.pk).indicators) == 10  # each with its kendala row
    pdf = report_documents.unit_pdf(job, data, unit.pk)
    assert pdf.pages == 1
    (text,) = pages_text(pdf.data)
    assert "ruas prioritas 12 wilayah" in text and text.count("Cuaca ekstrem") == 10
