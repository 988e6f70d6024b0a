"""The obligation journey in Chromium (issue 9): an official with a portal account (and no role)
submits an innovation from their to-do with a link as evidence; the head of the unit finds it in the
review queue and accepts it; the official then sees it accepted."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rewards.services_obligations import INNOVATION_CODE, obligations_install_defaults
from rewards.services_officials import official_create

pytestmark = pytest.mark.browser


@pytest.fixture
def innovation_world(pemda, unit_a, admin, kepala_a):
    from tests.conftest import _user

    today = timezone.now().astimezone(pemda.tz).date()
    obligations_install_defaults(user=admin, pemda=pemda, start_date=dt.date(today.year, 1, 1))
    account = _user(pemda, "ani_pegawai")
    official_create(
        user=admin, unit=unit_a, name="Ani Lestari, S.E.", nip="198001012005012001", position_level="administrator",
        position="Sekretaris Dinas Kesehatan", linked_user=account,
    )  # fmt: skip
    return account


def test_official_submits_innovation_and_head_accepts(as_user, innovation_world, kepala_a):
    page = as_user(innovation_world)

    # 1. the official's to-do lists the innovation of recent months; submit one with a link
    page.goto("/reward/kewajiban/")
    expect(page.get_by_role("heading", name="Yang perlu dipenuhi")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Satu inovasi per bulan").filter(has_text="Ani Lestari").first
    row.get_by_role("link", name=re.compile("^Ajukan")).click()
    expect(page.get_by_role("heading", name=re.compile("Satu inovasi per bulan"))).to_be_visible()
    page.get_by_label("Judul").fill("Antrean daring puskesmas lewat WhatsApp")
    page.get_by_label("Uraian").fill("Pendaftaran pasien tanpa antre di loket; uji coba di dua puskesmas.")
    page.get_by_label("atau tautan bukti").fill("https://banjarkab.go.id/inovasi/antrean")
    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_text(re.compile("Pengajuan tersimpan"))).to_be_visible()
    expect(page.get_by_text("Menunggu penilaian kepala unit atau Admin SAKIP.")).to_be_visible()

    # 2. the head of the unit opens the review queue and accepts it
    head = as_user(kepala_a)
    head.goto("/reward/kewajiban/")
    head.get_by_role("link", name=re.compile("pengajuan menunggu penilaian Anda")).click()
    queue_row = head.get_by_role("row").filter(has_text="Antrean daring puskesmas")
    queue_row.get_by_role("link", name=re.compile("^Nilai")).click()
    head.get_by_label("Catatan").fill("Inovasi yang baik; lanjutkan ke puskesmas lain.")
    head.get_by_role("button", name="Terima").click()
    expect(head.get_by_text("Pengajuan diterima.")).to_be_visible()

    # 3. the official sees it accepted
    page.goto("/reward/kewajiban/pengajuan/")
    accepted = page.get_by_role("row").filter(has_text="Antrean daring puskesmas")
    expect(accepted.get_by_text("Diterima")).to_be_visible()

    from rewards.models import ObligationSubmission

    submission = ObligationSubmission.objects.get(obligation__code=INNOVATION_CODE)
    assert submission.status == "diterima" and submission.decided_by == kepala_a
