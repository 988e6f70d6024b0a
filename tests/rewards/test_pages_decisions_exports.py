# ruff: noqa: F401, F811  (fixtures imported from test_pages_decisions_fixtures)
"""Downloads: the register as xlsx (filters kept, formulae escaped, scoped per role, pinned
queries), the TPP adjustment list for payroll (month chosen; holds and cuts in force, not revoked),
the SK PDF (its text) and the award certificate (awards only); home tasks."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from rewards.models import DecisionType, Target
from sakip.core.home import tasks_for
from tests.rewards.test_pages_decisions_fixtures import award_a, decision_a, issue, make_proposal, snapshot

EXPORT = reverse("rewards:decision_export")
TPP = reverse("rewards:tpp_export")


def _rows(response, header_row=3):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[header_row - 1]
    return header, [dict(zip(header, r, strict=False)) for r in rows[header_row:]]


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_register_export_content_and_formula_escaping(client_for, pimpinan, unit_a, snapshot, decision_a):
    issue(pimpinan, unit_a, snapshot, sk_number="=HYPERLINK(\"http://x\")", kind=DecisionType.TEGURAN_LISAN,
          percent=None, months=None, basis_text="+cmd")  # fmt: skip
    r = client_for(pimpinan).get(EXPORT)
    assert "register-keputusan-" in r["Content-Disposition"]
    header, rows = _rows(r)
    assert header[:4] == ["No.", "Nomor SK", "Tanggal SK", "Jenis keputusan"]
    by_sk = {row["Nomor SK"]: row for row in rows}
    cut = by_sk[decision_a.sk_number]
    assert cut["Jenis keputusan"] == "Pemotongan TPP" and cut["Penghargaan/sanksi"] == "Sanksi"
    assert cut["Persentase (%)"] == 25 and cut["Lama (bulan)"] == 3
    assert cut["Tanggal SK"] == dt.datetime(2026, 3, 2) and cut["Berlaku sampai"] == dt.datetime(2026, 6, 30)
    assert cut["Dasar peringkat"] == snapshot.title and cut["Unit"] == "Dinas Kesehatan"
    assert '\'=HYPERLINK("http://x")' in by_sk  # text, not a formula
    assert by_sk['\'=HYPERLINK("http://x")']["Pertimbangan"] == "'+cmd"


def test_register_export_keeps_filters_and_scope(
    client_for, pimpinan, operator_b, unit_b, snapshot, decision_a, award_a
):
    _, rows = _rows(client_for(pimpinan).get(EXPORT, {"golongan": "reward"}))
    assert [r["Nomor SK"] for r in rows] == [award_a.sk_number]
    other = issue(pimpinan, unit_b, snapshot, sk_number="188.45/55/KUM/2026", kind=DecisionType.MUTASI,
                  percent=None, months=None)  # fmt: skip
    _, rows = _rows(client_for(operator_b).get(EXPORT))
    assert [r["Nomor SK"] for r in rows] == [other.sk_number]


def test_register_export_query_count_is_pinned(client_for, pimpinan, unit_a, snapshot, django_assert_max_num_queries):
    for n in range(40):
        issue(pimpinan, unit_a, snapshot, sk_number=f"188.45/{n}/KUM/2026")
    c = client_for(pimpinan)
    with django_assert_max_num_queries(10):
        r = c.get(EXPORT)
    assert len(_rows(r)[1]) == 40


def test_tpp_export_for_a_month(
    client_for, pimpinan, unit_a, unit_b, snapshot, decision_a, award_a, django_assert_max_num_queries
):
    head = issue(pimpinan, unit_b, snapshot, sk_number="188.45/60/KUM/2026", kind=DecisionType.PENUNDAAN_TPP,
                 percent=None, months=1, target=Target.HEAD, effective_start=dt.date(2026, 5, 1))  # fmt: skip
    revoked = issue(pimpinan, unit_b, snapshot, sk_number="188.45/61/KUM/2026", percent=Decimal("10"))
    from rewards import services

    services.decision_revoke(user=pimpinan, decision=revoked, reason="keliru")
    c = client_for(pimpinan)
    page = c.get(TPP, {"year": 2026, "month": 5})
    html = page.content.decode()
    assert page.status_code == 200
    assert decision_a.sk_number in html and head.sk_number in html
    assert award_a.sk_number not in html and revoked.sk_number not in html
    assert "Camat Astambul, S.STP." in html and "seluruhnya ditunda" in html
    with django_assert_max_num_queries(8):
        r = c.get(TPP, {"year": 2026, "month": 5, "unduh": "1"})
    assert "penyesuaian-tpp-2026-05.xlsx" in r["Content-Disposition"]
    header, rows = _rows(r)
    assert header[:6] == ["No.", "Sasaran", "Kode unit", "Unit", "Nama pejabat", "NIP"]
    assert header[6:] == ["Jabatan", "Jenis", "Persentase (%)", "Lama (bulan)", "Berlaku mulai", "Berlaku sampai",
                          "Nomor SK", "Tanggal SK"]  # fmt: skip
    by_sk = {row["Nomor SK"]: row for row in rows}
    assert set(by_sk) == {decision_a.sk_number, head.sk_number}
    assert by_sk[head.sk_number]["NIP"] == "198002022005011002" and by_sk[head.sk_number]["Sasaran"] == "Kepala unit"
    assert by_sk[decision_a.sk_number]["Persentase (%)"] == 25
    # July: the cut (April–June) and the hold (May) are over
    assert "Tidak ada penyesuaian TPP" in c.get(TPP, {"year": 2026, "month": 7}).content.decode()


def test_tpp_export_is_for_pemda_wide_readers(client_for, operator_a, evaluator, admin):
    assert client_for(operator_a).get(TPP).status_code == 403
    assert client_for(evaluator).get(TPP).status_code == 403
    assert client_for(admin).get(TPP).status_code == 200


def test_sk_pdf_text(client_for, pimpinan, operator_a, decision_a, snapshot):
    r = client_for(operator_a).get(reverse("rewards:decision_sk_pdf", args=[decision_a.uid]))
    assert r.status_code == 200 and r["Content-Disposition"].startswith('attachment; filename="sk-')
    text = _pdf_text(r)
    assert "KEPUTUSAN BUPATI BANJAR UJI" in text
    assert "NOMOR 188.45/12/KUM/2026" in text
    assert "Menimbang" in text and "capaian kinerja triwulan III rendah" in text and snapshot.title in text
    assert "Capaian rata-rata 45,10%" in text
    assert (
        "Undang-Undang Nomor 23 Tahun 2014" in text and "Nomor 94 Tahun 2021" in text and "Nomor 88 Tahun 2021" in text
    )
    assert "MEMUTUSKAN" in text
    assert "Memotong Tambahan Penghasilan Pegawai (TPP) Dinas Kesehatan sebesar 25% selama 3 (tiga) bulan" in text
    assert "1 April 2026 sampai dengan tanggal 30 Juni 2026" in text
    assert "16 Maret 2026" in text  # response deadline
    assert "2 Maret 2026" in text and "Bupati" in text


def test_certificate_only_for_awards(client_for, pimpinan, decision_a, award_a):
    c = client_for(pimpinan)
    assert c.get(reverse("rewards:decision_certificate_pdf", args=[decision_a.uid])).status_code == 404
    r = c.get(reverse("rewards:decision_certificate_pdf", args=[award_a.uid]))
    text = _pdf_text(r)
    assert "PIAGAM PENGHARGAAN" in text and "Dinas Kesehatan" in text
    assert "Peringkat I Kategori Perangkat Daerah Tahun 2025" in text
    page = PdfReader(io.BytesIO(r.content)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape


def test_revoked_sk_is_marked(client_for, pimpinan, decision_a):
    from rewards import services

    services.decision_revoke(user=pimpinan, decision=decision_a, reason="Salah sasaran")
    text = _pdf_text(client_for(pimpinan).get(reverse("rewards:decision_sk_pdf", args=[decision_a.uid])))
    assert "DICABUT" in text and "Salah sasaran" in text


def test_home_tasks(pimpinan, operator_a, operator_b, admin, snapshot, unit_a, decision_a):
    make_proposal(snapshot, unit_a)
    with time_machine.travel(dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC), tick=False):
        titles = [t.title for t in tasks_for(pimpinan)]
        assert "1 usulan reward/punishment menunggu keputusan" in titles
        mine = [t for t in tasks_for(operator_a) if "Tanggapi SK" in t.title]
        assert [t.title for t in mine] == ["Tanggapi SK 188.45/12/KUM/2026 sampai 16 Maret 2026"]
        assert mine[0].level == "todo" and mine[0].url == reverse("rewards:decision_detail", args=[decision_a.uid])
        assert not [t for t in tasks_for(operator_b) if "Tanggapi SK" in t.title]
        assert not [t for t in tasks_for(admin) if "usulan" in t.title or "Tanggapi" in t.title]
    with time_machine.travel(dt.datetime(2026, 3, 14, 3, 0, tzinfo=dt.UTC), tick=False):
        assert [t.level for t in tasks_for(operator_a) if "Tanggapi SK" in t.title] == ["urgent"]
    with time_machine.travel(dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC), tick=False):
        assert not [t for t in tasks_for(operator_a) if "Tanggapi SK" in t.title]
