"""The realisation journey in Chromium: the operator fills this month's values (capaian recomputed
by the server while typing, autosaved, Enter moves to the next value), uploads one evidence file and
submits; the head of the unit verifies; the admin accepts; the value is then locked (the box is
disabled and says why); the monitoring matrix shows the unit's month accepted on time."""

import datetime as dt
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from evaluations.models import Evidence, PeriodReport
from tests.evaluations.realisation_factories import signed_pk
from tests.factories import make_year

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def this_year(pemda, unit_a):
    """The real current year (the live server runs on the real clock): this month is open and on time."""
    today = dt.date.today()
    fiscal_year = make_year(pemda, today.year, current=True)
    signed_pk(
        fiscal_year,
        unit_a,
        indicators=[
            {"name": "Persentase balita ditimbang", "target": D(90), "quarters": [D(90)] * 4},
            {"name": "Cakupan imunisasi dasar lengkap", "target": D(95), "quarters": [D(95)] * 4},
        ],
    )
    return fiscal_year


def test_operator_fills_submits_head_verifies_admin_accepts_and_matrix_shows_on_time(
    as_user, this_year, unit_a, operator_a, kepala_a, admin, tmp_path
):
    month = dt.date.today().month
    month_label = this_year.periods.get(kind="month", number=month).label

    page = as_user(operator_a)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Realisasi").click()
    expect(page.get_by_role("heading", name=f"Realisasi kinerja Tahun {this_year.year}")).to_be_visible()
    month_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=month_label, exact=True))
    month_row.get_by_role("link", name="Isi realisasi").click()
    expect(page.get_by_role("heading", name=f"Realisasi {month_label}")).to_be_visible()
    grid_url = page.url

    # Typing recomputes the capaian on the server (no save yet); Enter moves on and autosaves.
    first = page.get_by_role("textbox", name="Realisasi (%)").first
    first.fill("45")
    row1 = page.locator("section.rg-item").first
    expect(row1.locator(".rg-cap")).to_contain_text("50,00%")
    expect(row1.locator(".rg-cap")).to_contain_text("Sangat Rendah")
    expect(row1.locator(".rg-need")).to_contain_text("kendala dan upaya wajib diisi")
    first.fill("85,5")
    expect(row1.locator(".rg-cap")).to_contain_text("95,00%")
    first.press("Enter")
    second = page.get_by_role("textbox", name="Realisasi (%)").nth(1)
    expect(second).to_be_focused()
    expect(row1.locator(".rg-status")).to_contain_text("Tersimpan")
    second.fill("abc")
    second.press("Tab")
    row2 = page.locator("section.rg-item").nth(1)
    expect(row2.locator(".rg-status")).to_contain_text("Masukkan angka")
    second.fill("90")
    second.press("Tab")
    expect(row2.locator(".rg-status")).to_contain_text("Tersimpan")

    # One evidence file for the first indicator.
    pdf = tmp_path / "laporan-posyandu.pdf"
    pdf.write_bytes(PDF)
    row1.locator("input[type=file]").set_input_files(str(pdf))
    row1.get_by_role("button", name="Unggah").click()
    expect(row1.get_by_role("link", name="laporan-posyandu.pdf")).to_be_visible()
    assert Evidence.objects.count() == 1

    page.get_by_role("button", name="Selesai, ajukan").click()
    expect(page.get_by_text("Realisasi diajukan kepada kepala unit.")).to_be_visible()

    head = as_user(kepala_a)
    head.goto(grid_url)
    head.get_by_role("button", name="Verifikasi").click()
    expect(head.get_by_text("Realisasi diverifikasi")).to_be_visible()

    boss = as_user(admin)
    boss.goto(grid_url)
    boss.get_by_role("button", name="Terima laporan").click()
    expect(boss.get_by_text("Laporan diterima.")).to_be_visible()
    report = PeriodReport.objects.get(unit=unit_a)
    assert report.status == PeriodReport.Status.ACCEPTED and not report.is_late

    # The operator's value is now locked, and says why and who can unlock.
    page.goto(grid_url)
    value = page.get_by_role("textbox", name="Realisasi (%)").first
    expect(value).to_be_disabled()
    expect(value).to_have_value("85,5")
    expect(page.locator("#lock-note")).to_contain_text("sudah diterima Admin SAKIP sehingga terkunci")
    expect(page.locator("#lock-note")).to_contain_text("Hanya Admin SAKIP")

    # The monitoring matrix: the unit's month accepted on time.
    boss.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Monitoring").click()
    unit_row = boss.get_by_role("row").filter(has=boss.get_by_role("rowheader", name="Dinkes"))
    expect(unit_row.get_by_text(f"{month_label}: Diterima · tepat waktu")).to_be_attached()
