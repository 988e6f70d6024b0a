"""The foundation journey in Chromium: the Admin SAKIP sets up a unit and its operator through the
portal pages, and the operator then signs in and lands on their own home page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser

UNIT_CODE = "1.03.01"
UNIT_NAME = "Dinas Pekerjaan Umum dan Penataan Ruang"
OPERATOR_USERNAME = "operator_pupr"
OPERATOR_NAME = "Rahmat Hidayat"
OPERATOR_PASSWORD = "Banjar-PUPR-2025!"


def field(scope, label: str):
    """The form field with exactly this label (a required field's label ends in " *")."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def test_admin_adds_unit_and_operator_who_then_sees_their_home(page, login, admin, year):
    # The admin signs in through the form.
    login(page, admin.username, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")

    # A unit, through the unit pages.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Perangkat daerah").click()
    page.get_by_role("link", name="Tambah unit").first.click()
    field(page, "Kode").fill(UNIT_CODE)
    field(page, "Nama").fill(UNIT_NAME)
    field(page, "Singkatan").fill("Dinas PUPR")
    field(page, "Jenis").select_option("dinas")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text(f"Unit {UNIT_NAME} ditambahkan")
    expect(page.get_by_role("heading", level=1)).to_contain_text(UNIT_NAME)

    # An operator of that unit, through the user pages.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Pengguna & peran").click()
    page.get_by_role("link", name="Tambah pengguna").first.click()
    field(page, "Nama pengguna").fill(OPERATOR_USERNAME)
    field(page, "Nama lengkap").fill(OPERATOR_NAME)
    field(page, "Alamat email").fill("rahmat.pupr@banjarkab.go.id")
    field(page, "Kata sandi awal (opsional)").fill(OPERATOR_PASSWORD)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("dibuat")
    expect(page.get_by_role("heading", level=1)).to_contain_text(OPERATOR_NAME)

    # ... with the Operator OPD role on the new unit.
    role_form = page.locator("form", has=page.get_by_role("button", name="Tambah peran"))
    field(role_form, "Peran").select_option(label="Operator OPD")
    field(role_form, "Unit").select_option(label=f"{UNIT_CODE} – {UNIT_NAME}")
    page.get_by_role("button", name="Tambah peran").click()
    assigned = page.get_by_role("region", name="Peran").get_by_role("listitem")
    expect(assigned).to_have_count(1)
    expect(assigned).to_contain_text("Operator OPD")
    expect(assigned.get_by_role("link", name=UNIT_NAME)).to_be_visible()

    # The admin signs out.
    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()

    # The operator signs in and sees their own home page.
    login(page, OPERATOR_USERNAME, OPERATOR_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Selamat datang, {OPERATOR_NAME}")
    expect(page.locator("main")).to_contain_text("Operator OPD")
    expect(page.locator("main")).to_contain_text("Yang perlu Anda lakukan sekarang")
    menu = page.get_by_role("navigation", name="Navigasi utama")
    expect(menu.get_by_role("link", name="Beranda")).to_be_visible()
    expect(menu.get_by_role("link", name="Pengguna & peran")).to_have_count(0)  # admin pages are not theirs
