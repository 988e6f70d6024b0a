"""The PK PDF in the official format, checked from the text extracted with pypdf."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agreements import services
from sakip.core import services as core_services

pytestmark = pytest.mark.django_db


def pdf_text(client, agreement) -> tuple[list[str], bytes]:
    response = client.get(reverse("agreements:pk_pdf", args=[agreement.uid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    pages = [re.sub(r"[ \t]+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]
    return pages, data


def test_signed_pk_pdf_has_title_parties_nip_place_date_and_tables(client_for, signed_a, pimpinan):
    pages, _ = pdf_text(client_for(pimpinan), signed_a)
    first, everything = pages[0], "\n".join(pages)
    assert "PERJANJIAN KINERJA TAHUN 2025" in first
    assert "PERUBAHAN" not in first
    assert "dr. Kepala Dinkes, M.Kes." in first and "NIP. 197001011998031001" in first
    assert "Bupati Banjar Uji" in first  # pihak kedua by position
    assert "selanjutnya disebut pihak pertama" in first and "Pihak kedua akan melakukan supervisi" in first
    assert "Martapura, 20 Januari 2025" in first
    assert "DRAF" not in everything
    assert "Halaman 1 dari" in first
    assert "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025" in everything
    assert "Meningkatnya derajat kesehatan" in everything and "Prevalensi stunting" in everything
    assert "14,5 %" in everything and "8 unit" in everything
    assert "Program Pemenuhan Upaya Kesehatan" in everything and "1.250.000.000" in everything
    assert "Rp 1.250.000.000" in everything
    assert "Tidak" not in everything  # the "No" column is not mistranslated


def test_kepala_daerah_has_no_nip_line(client_for, signed_a, pimpinan):
    pimpinan.nip = "196501011990031001"
    pimpinan.save()
    first = pdf_text(client_for(pimpinan), signed_a)[0][0]
    assert first.count("NIP.") == 1  # only pihak pertama


def test_names_are_frozen_at_signing(client_for, signed_a, unit_a, pimpinan):
    unit_a.heads.update(name="Pejabat Baru Setelah Tanda Tangan")
    first = pdf_text(client_for(pimpinan), signed_a)[0][0]
    assert "dr. Kepala Dinkes, M.Kes." in first and "Pejabat Baru" not in first


def test_acting_head_has_plt_prefix(client_for, approved_a, unit_a, pimpinan):
    unit_a.heads.update(end_date=dt.date(2025, 1, 9))
    core_services.unit_head_assign(
        unit=unit_a,
        data={
            "name": "Ir. Pelaksana Tugas",
            "nip": "198001012005011001",
            "title": "Kepala Dinas Kesehatan",
            "acting": "Plt.",
            "start_date": dt.date(2025, 1, 10),
        },
    )
    services.agreement_sign(agreement=approved_a, by=pimpinan, signed_on=dt.date(2025, 1, 15))
    first = pdf_text(client_for(pimpinan), approved_a)[0][0]
    assert "Plt. Kepala Dinas Kesehatan" in first and "PLT. KEPALA DINAS KESEHATAN" in first


def test_draft_has_watermark_and_current_head(client_for, draft_a, operator_a):
    pages, _ = pdf_text(client_for(operator_a), draft_a)
    assert "DRAF" in pages[0] and "dr. Kepala Dinkes, M.Kes." in pages[0]


def test_revision_title_and_reason(client_for, signed_a, operator_a, kepala_a, pimpinan):
    revision = services.agreement_revise(
        agreement=signed_a, by=operator_a, reason="budget", effective_date=dt.date(2025, 9, 1)
    )
    pages, _ = pdf_text(client_for(pimpinan), revision)
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025" in pages[0]
    assert "1 September 2025" in pages[0]


def test_pemda_pk_has_one_signature_block(client_for, year, admin, pimpinan):
    pk = services.agreement_create(fiscal_year=year, unit=None, by=admin)
    s = services.sasaran_create(agreement=pk, name="Meningkatnya kesejahteraan masyarakat", by=admin)
    services.indicator_create(
        sasaran=s,
        data={"name": "Indeks Pembangunan Manusia", "satuan": "poin", "target": "72,5"},
        quarter_targets=[72, 72, 72, "72,5"],
        by=admin,
    )
    services.agreement_submit(agreement=pk, by=admin)
    services.agreement_approve(agreement=pk, by=admin)
    services.agreement_sign(agreement=pk, by=pimpinan, signed_on=dt.date(2025, 1, 5))
    pages, _ = pdf_text(client_for(admin), pk)
    first = pages[0]
    assert "PIHAK KEDUA" not in first and "pihak kedua" not in first
    assert "BUPATI BANJAR UJI" in first and "Martapura, 5 Januari 2025" in first
    assert "72,5 poin" in "\n".join(pages)


def test_pk_pdf_stays_indonesian_when_the_user_reads_in_english(client_for, signed_a, pimpinan):
    """The PK is an official document: an English-reading user still downloads the Indonesian text."""
    client = client_for(pimpinan)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Performance Agreement" in client.get(reverse("agreements:pk_detail", args=[signed_a.uid])).content.decode()
    pages, _ = pdf_text(client, signed_a)
    assert "PERJANJIAN KINERJA TAHUN 2025" in pages[0]
    assert "Martapura, 20 Januari 2025" in pages[0] and "Halaman 1 dari" in pages[0]
    assert "PERFORMANCE AGREEMENT" not in "\n".join(pages).upper()
