"""The discipline journey in Chromium (issue 9): the Admin SAKIP imports a month's attendance export
(built here with openpyxl), sees every row in the dry run, commits; a sanction proposal appears; the
Bupati accepts it with an SK number and the decision about the official exists."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from rewards.models import Decision, Official, Proposal, Target
from sakip.lib.dates import month_name

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Rekap Absensi Bulanan"])
    ws.append(["NIP", "Nama", "Hari Tanpa Keterangan", "Menit Terlambat/Pulang Cepat", "Absen Terlewat"])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _last_ended_month(pemda):
    today = timezone.now().astimezone(pemda.tz).date()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def test_admin_imports_attendance_and_bupati_accepts_the_sanction(as_user, pemda, unit_a, unit_b, admin, pimpinan):
    budi = Official.objects.create(
        pemda=pemda, unit=unit_a, nip="198501012010011001", name="Budi Santoso, S.Kom.", position_level="pelaksana",
        position="Pengelola Data Kesehatan",
    )  # fmt: skip
    Official.objects.create(
        pemda=pemda, unit=unit_b, nip="197803032005011003", name="Ahmad Fauzi", position_level="pelaksana"
    )
    year, month = _last_ended_month(pemda)
    data = _export([(budi.nip, budi.name, 11, 120, 2), ("197803032005011003", "Ahmad Fauzi", 1, 30, 0)])

    # 1. the admin uploads the export: the dry run lists both rows, nothing saved yet
    page = as_user(admin)
    page.goto("/reward/disiplin/")
    page.get_by_role("link", name="Impor rekap absensi").first.click()
    page.get_by_label("Tahun").fill(str(year))
    page.get_by_label("Bulan").select_option(label=month_name(month))
    page.get_by_label("Berkas rekap absensi (.xlsx)").set_input_files(
        {"name": "rekap-absensi.xlsx", "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Periksa berkas (uji coba)").click()
    expect(page.get_by_text("2 baru, 0 mengganti impor sebelumnya, 0 tidak berubah.")).to_be_visible()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows.filter(has_text="Budi Santoso, S.Kom.")).to_contain_text("11")
    expect(rows.filter(has_text="Ahmad Fauzi")).to_contain_text("baru")
    assert not Proposal.objects.exists()

    # 2. commit: the month is saved and a proposal is waiting
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.get_by_text(f"Rekap absensi {month_name(month)} {year} disimpan: 2 pegawai.")).to_be_visible()
    expect(page.get_by_text("1 usulan sanksi disiplin baru menunggu keputusan pimpinan.")).to_be_visible()
    expect(page.get_by_role("link", name="11–13 hari: pemotongan TPP 25% selama 6 bulan")).to_be_visible()

    # 3. the Bupati opens the proposal from the list and accepts it with an SK number
    boss = as_user(pimpinan)
    boss.goto("/reward/usulan/")
    row = boss.get_by_role("row").filter(has_text="Budi Santoso, S.Kom.")
    expect(row).to_contain_text("Rekap absensi")
    row.get_by_role("link", name=re.compile("Tinjau")).click()
    expect(boss.get_by_role("heading", name=re.compile("Pemotongan TPP"))).to_be_visible()
    expect(boss.get_by_text("Hari tidak masuk tanpa keterangan (kumulatif)")).to_be_visible()
    boss.get_by_label("Nomor SK").first.fill("800/120/BKPSDM/2026")
    boss.get_by_role("button", name="Terima dan terbitkan").click()
    expect(boss.get_by_text("Keputusan 800/120/BKPSDM/2026 diterbitkan")).to_be_visible()
    expect(boss.get_by_text("Budi Santoso, S.Kom.").first).to_be_visible()

    decision = Decision.objects.get(sk_number="800/120/BKPSDM/2026")
    assert (decision.official, decision.target, decision.snapshot, decision.kind) == (
        budi, Target.OFFICIAL, None, "pemotongan_tpp",
    )  # fmt: skip
    assert decision.proposal.status == Proposal.Status.ACCEPTED
