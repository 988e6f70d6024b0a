"""The PK journey in Chromium: the operator drafts (a sasaran and an indicator with quarterly targets
in the inline editor, without page reloads) and submits, the head of the unit approves, the
pimpinan records the signing, and the PK's PDF downloads."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement

pytestmark = pytest.mark.browser


def test_operator_drafts_head_approves_pimpinan_signs_and_pdf_downloads(
    as_user, year, unit_a, operator_a, kepala_a, pimpinan, tmp_path
):
    page = as_user(operator_a)
    page.get_by_role("link", name="Perjanjian Kinerja").click()
    expect(page.get_by_role("heading", name="Perjanjian Kinerja Tahun 2025")).to_be_visible()
    page.get_by_role("button", name="Mulai susun PK").click()
    expect(page.get_by_role("heading", name="Susun PK 2025")).to_be_visible()
    editor_url = page.url

    # A sasaran: the row form opens in place; Enter saves it.
    page.get_by_role("button", name="Tambah sasaran").click()
    page.get_by_label("Sasaran strategis").fill("Meningkatnya derajat kesehatan masyarakat")
    page.get_by_label("Sasaran strategis").press("Enter")
    expect(page.get_by_role("heading", name="Meningkatnya derajat kesehatan masyarakat")).to_be_visible()

    # An indicator with a typo first: the error shows next to the box, then the fix saves the row.
    page.get_by_role("button", name="Tambah indikator").click()
    form = page.locator("tr.pk-form-row form")
    form.get_by_label("Indikator kinerja").fill("Cakupan pelayanan kesehatan dasar")
    form.get_by_label("Satuan").fill("%")
    form.get_by_label("Target tahunan").fill("90")
    for label, value in (("TW I", "60"), ("TW II", "7O"), ("TW III", "80"), ("TW IV", "90")):
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_label("TW IV", exact=True).press("Enter")
    expect(page.locator("tr.pk-form-row")).to_contain_text("Masukkan angka")
    page.locator("tr.pk-form-row form").get_by_label("TW II", exact=True).fill("70")
    page.locator("tr.pk-form-row form").get_by_label("TW II", exact=True).press("Enter")
    row = page.locator("tr.pk-ind-row", has_text="Cakupan pelayanan kesehatan dasar")
    expect(row).to_contain_text("60")
    expect(row).to_contain_text("90")
    assert page.url == editor_url  # no page reload happened

    page.get_by_role("button", name="Selesai, ajukan").click()
    expect(page.get_by_text("PK diajukan kepada kepala unit.")).to_be_visible()
    agreement = Agreement.objects.get(unit=unit_a)
    assert agreement.status == "submitted"

    head = as_user(kepala_a)
    head.goto(f"/pk/{agreement.uid}/")
    head.get_by_role("button", name="Setujui").click()
    expect(head.get_by_text("PK disetujui.")).to_be_visible()

    leader = as_user(pimpinan)
    leader.goto(f"/pk/{agreement.uid}/")
    leader.get_by_label("Tanggal penandatanganan").fill("2025-01-20")
    leader.get_by_label("Tempat").fill("Martapura")
    leader.get_by_role("button", name="Catat penandatanganan").click()
    expect(leader.get_by_text("Penandatanganan PK dicatat.")).to_be_visible()
    expect(leader.locator(".page-head .badge-success")).to_contain_text("Ditandatangani")

    with leader.expect_download() as download_info:
        leader.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    target = Path(tmp_path) / download.suggested_filename
    download.save_as(target)
    assert download.suggested_filename == "pk-2025-dinkes.pdf"
    assert target.read_bytes().startswith(b"%PDF")
