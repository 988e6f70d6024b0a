"""The monthly report journey in Chromium (issue 7): the Bupati opens Laporan bulanan, generates
October 2025 on demand, sees the report's progress panel until it is ready (with the eager test
settings the task runs during the request), downloads the PDF, whose text names the month, and finds
the new version in the archive; the unit's operator downloads the unit's one-pager from the home page."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.evaluations.realisation_factories import signed_pk

pytestmark = pytest.mark.browser


def pdf_text(download) -> str:
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_bupati_generates_a_month_and_downloads_it(as_user, pimpinan, operator_a, year, unit_a, unit_b):
    signed_pk(year, unit_a, count=3)
    page = as_user(pimpinan)

    # 1. the archive, from the menu: nothing yet
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Laporan bulanan").click()
    expect(page.get_by_role("heading", name="Laporan evaluasi bulanan")).to_be_visible()
    expect(page.get_by_text("Belum ada laporan bulanan")).to_be_visible()

    # 2. generate October 2025 on demand
    page.get_by_label("Bulan").select_option(label="Oktober 2025")
    page.get_by_role("button", name="Buat laporan").click()

    # 3. the report's page: the progress panel, until the report is ready
    expect(page.get_by_role("heading", name="Laporan evaluasi bulanan — Oktober 2025")).to_be_visible()
    expect(page.get_by_text("Laporan Oktober 2025 versi 1 sedang dibuat.")).to_be_visible()
    panel = page.locator("#report-progress")
    expect(panel).to_be_visible()
    expect(panel.get_by_text("Laporan siap diunduh.")).to_be_visible()
    expect(panel).not_to_have_attribute("hx-trigger", re.compile("every"))  # polling stopped
    expect(page.get_by_role("heading", name="Laporan satu halaman per unit")).to_be_visible()

    # 4. download the PDF: its text names the month
    with page.expect_download() as download_info:
        panel.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    assert download.suggested_filename == "laporan-bulanan-2025-10-v1.pdf"
    text = pdf_text(download)
    assert "Oktober 2025" in text or "OKTOBER 2025" in text

    # 5. the archive lists it as done
    page.get_by_role("link", name="Kembali ke arsip").click()
    row = page.get_by_role("row").filter(has_text="Oktober 2025")
    expect(row.get_by_text("Selesai")).to_be_visible()
    expect(row.get_by_role("link", name="Unduh PDF")).to_be_visible()

    # 6. the unit's operator finds the unit's one-pager on the home page
    unit_page = as_user(operator_a)
    expect(unit_page.get_by_role("heading", name="Laporan bulanan unit")).to_be_visible()
    with unit_page.expect_download() as unit_download:
        unit_page.get_by_role("link", name="Unduh laporan satu halaman").click()
    assert unit_download.value.suggested_filename == f"laporan-bulanan-2025-10-v1-{unit_a.code.replace('.', '-')}.pdf"
