"""The rewards journey in Chromium (issue 6): the Bupati freezes the 2025 ranking, runs the rules,
accepts a proposal with an SK number, issues a TPP cut directly; the unit's operator sees the cut
(and not another unit's decision) and downloads the SK PDF, whose text states the measure."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from rewards import services
from tests.rewards.factories import published

pytestmark = pytest.mark.browser


@pytest.fixture
def ranked_year(pemda, year, unit_a, unit_b, admin):
    """AKIP 2025 published for Dinkes (80,50 BB) and Kecamatan Astambul (45,00 C); default rules."""
    published(unit_a, year, "80.50", "BB")
    published(unit_b, year, "45.00", "C")
    services.rules_install_defaults(pemda=pemda, user=admin)
    return year


def test_bupati_freezes_accepts_issues_tpp_cut_and_unit_downloads_sk(
    as_user, ranked_year, pimpinan, operator_a, unit_a, unit_b
):
    page = as_user(pimpinan)

    # 1. freeze the live ranking (rankings page)
    page.goto("/reward/peringkat/?tahun=2025")
    page.get_by_label("Judul").fill("Peringkat 2025 untuk rapat koordinasi")
    page.get_by_role("button", name="Bekukan peringkat").click()
    expect(page.get_by_text("Peringkat dibekukan sebagai")).to_be_visible()

    # 2. run the rules over the snapshot, then open the proposals
    page.get_by_role("button", name="Jalankan aturan").click()
    page.get_by_role("link", name="Lihat usulan").click()
    expect(page.get_by_role("heading", name="Usulan reward dan punishment")).to_be_visible()

    # 3. accept the written warning proposed for Kecamatan Astambul (predicate C)
    row = page.get_by_role("row").filter(has_text="Kec. Astambul").filter(has_text="Teguran tertulis")
    row.get_by_role("link", name=re.compile("Tinjau")).click()
    expect(page.get_by_role("heading", name=re.compile("Teguran tertulis"))).to_be_visible()
    page.get_by_label("Nomor SK").first.fill("800/45/BKPSDM/2026")
    page.get_by_role("button", name="Terima dan terbitkan").click()
    expect(page.get_by_text("Keputusan 800/45/BKPSDM/2026 diterbitkan")).to_be_visible()

    # 4. issue a TPP cut for Dinas Kesehatan directly
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Keputusan").click()
    page.get_by_role("link", name="Terbitkan keputusan").click()
    page.get_by_label("Jenis keputusan").select_option(label="Pemotongan TPP")
    page.get_by_role("combobox", name="Unit", exact=True).select_option(label=f"{unit_a.code} · {unit_a.name}")
    page.get_by_label("Dasar peringkat (snapshot)").select_option(index=1)
    page.get_by_label("Pertimbangan").fill("capaian kinerja Dinas Kesehatan tidak memenuhi target PK")
    page.get_by_label("Nomor SK").fill("800/46/BKPSDM/2026")
    page.get_by_label("Persentase pemotongan (%)").fill("25")
    page.get_by_label("Lama (bulan)").fill("3")
    page.get_by_role("button", name="Terbitkan keputusan").click()
    expect(page.get_by_role("heading", name="Pemotongan TPP — Dinkes")).to_be_visible()
    expect(page.get_by_text("25,00% · 3 bulan")).to_be_visible()

    # 5. the unit sees its decision (not the other unit's) and downloads the SK
    unit_page = as_user(operator_a)
    unit_page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Keputusan").click()
    expect(unit_page.get_by_role("heading", name="Keputusan tentang unit Anda")).to_be_visible()
    expect(unit_page.get_by_role("link", name="800/46/BKPSDM/2026")).to_be_visible()
    expect(unit_page.get_by_text("800/45/BKPSDM/2026")).to_have_count(0)
    unit_page.get_by_role("link", name="800/46/BKPSDM/2026").click()
    expect(unit_page.get_by_role("button", name="Kirim tanggapan")).to_be_visible()
    with unit_page.expect_download() as download_info:
        unit_page.get_by_role("link", name="Unduh SK (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("sk-800-46-bkpsdm-2026")
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "NOMOR 800/46/BKPSDM/2026" in text
    assert "Memotong Tambahan Penghasilan Pegawai (TPP) Dinas Kesehatan sebesar 25% selama 3 (tiga) bulan" in text
    assert "Peringkat 2025 untuk rapat koordinasi" in text
