# ruff: noqa: F811  (fixtures imported from tests/rewards/test_obligation_fixtures.py)
"""Obligation pages: the to-do, submitting with a file, accepting/returning, forms refusing bad input,
the roster, access with query parameters, pinned query counts on the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rewards.models import Obligation, ObligationSubmission, Official
from rewards.services_officials import official_create
from tests.rewards.test_obligation_fixtures import APRIL, MAY, clock, ob, pdf  # noqa: F401

HOME = reverse("rewards:obligation_home")


def submit_url(ob, official, period=APRIL):
    url = reverse("rewards:obligation_submit", kwargs={"uid": ob["innovation"].uid})
    return f"{url}?periode={period:%Y-%m-%d}&pegawai={official.uid}"


def test_official_without_role_submits_and_head_accepts(ob, client_for, kepala_a):
    official = client_for(ob["ani_user"])
    page = official.get(HOME)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Belum diajukan, lewat batas" in body and submit_url(ob, ob["ani"]).replace("&", "&amp;") in body
    form = official.get(submit_url(ob, ob["ani"]))
    assert form.status_code == 200 and "1 April 2026" in form.content.decode()
    response = official.post(
        submit_url(ob, ob["ani"]),
        {"periode": "2026-04-01", "pegawai": str(ob["ani"].uid), "title": "Antrean daring", "description": "Uraian",
         "evidence": pdf()},
    )  # fmt: skip
    submission = ObligationSubmission.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "rewards:obligation_submission_detail", kwargs={"uid": submission.uid}
    )
    assert submission.is_late and submission.evidence
    head = client_for(kepala_a)
    detail = head.get(response.url).content.decode()
    assert "Terima" in detail and "Kembalikan" in detail
    refused = head.post(response.url, {"action": "return", "note": ""})
    assert refused.status_code == 200 and "Tulis catatan alasan pengembalian." in refused.content.decode()
    assert ObligationSubmission.objects.get().status == "diajukan"
    head.post(response.url, {"action": "accept", "note": "Bagus."})
    assert ObligationSubmission.objects.get().status == "diterima"
    evidence = official.get(reverse("rewards:obligation_submission_evidence", kwargs={"uid": submission.uid}))
    assert evidence.status_code == 200 and b"".join(evidence.streaming_content).startswith(b"%PDF")


def test_submit_form_refuses_bad_input(ob, client_for):
    official = client_for(ob["ani_user"])
    future = official.post(
        submit_url(ob, ob["ani"], dt.date(2026, 6, 1)),
        {"periode": "2026-06-01", "pegawai": str(ob["ani"].uid), "title": "x", "description": "y", "evidence_url": "https://a.id"},
    )  # fmt: skip
    assert future.status_code == 200 and "belum berjalan" in future.content.decode()
    no_evidence = official.post(
        submit_url(ob, ob["ani"]),
        {"periode": "2026-04-01", "pegawai": str(ob["ani"].uid), "title": "x", "description": "y"},
    )
    assert "Unggah berkas bukti atau isi tautannya." in no_evidence.content.decode()
    assert not ObligationSubmission.objects.exists()


def test_another_units_operator_and_other_pemda(ob, client_for, operator_b, other_admin, operator_a):
    assert client_for(operator_b).get(submit_url(ob, ob["ani"])).status_code == 404
    assert client_for(other_admin).get(submit_url(ob, ob["ani"])).status_code == 404
    assert client_for(operator_a).get(submit_url(ob, ob["ani"])).status_code == 200
    assert client_for(ob["ani_user"]).get(submit_url(ob, ob["kepala"])).status_code == 404


def test_resubmit_after_return(ob, client_for, kepala_a, operator_a):
    client_for(operator_a).post(
        submit_url(ob, ob["ani"], MAY),
        {"periode": "2026-05-01", "pegawai": str(ob["ani"].uid), "title": "A", "description": "B", "evidence_url": "https://a.id"},
    )  # fmt: skip
    submission = ObligationSubmission.objects.get()
    detail = reverse("rewards:obligation_submission_detail", kwargs={"uid": submission.uid})
    client_for(kepala_a).post(detail, {"action": "return", "note": "Tambahkan foto."})
    url = reverse("rewards:obligation_submission_resubmit", kwargs={"uid": submission.uid})
    page = client_for(ob["ani_user"]).get(url)
    assert page.status_code == 200 and "Tambahkan foto." in page.content.decode()
    client_for(ob["ani_user"]).post(url, {"title": "A2", "description": "B2", "evidence_url": "https://a.id/2"})
    submission.refresh_from_db()
    assert (submission.status, submission.title) == ("diajukan", "A2")


def test_obligation_form_without_due_rule_refused(ob, client_for, admin):
    response = client_for(admin).post(
        reverse("rewards:obligation_create"),
        {"code": "laporan", "name": "Laporan", "subject": "unit", "frequency": "", "due_offset_days": "",
         "start_date": "2026-01-01"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200 and "aturan batas waktu" in body and "belum disimpan" in body
    assert not Obligation.objects.filter(code="laporan").exists()
    ok = client_for(admin).post(
        reverse("rewards:obligation_create"),
        {"code": "laporan", "name": "Laporan", "subject": "unit", "frequency": "triwulanan", "due_offset_days": "10",
         "start_date": "2026-01-01"},
    )  # fmt: skip
    assert ok.status_code == 302 and Obligation.objects.get(code="laporan").due_offset_days == 10


def test_roster_pages(ob, client_for, admin, unit_a, kepala_a, operator_b):
    page = client_for(admin).get(reverse("rewards:official_list"), {"q": "ani"})
    assert "Ani Lestari" in page.content.decode() and "Cici" not in page.content.decode()
    assert "Cici" not in client_for(kepala_a).get(reverse("rewards:official_list")).content.decode()  # unit B
    response = client_for(admin).post(
        reverse("rewards:official_create"),
        {"unit": unit_a.pk, "name": "Baru", "nip": "12", "position_level": "jpt"},
    )
    assert "18 angka" in response.content.decode() and not Official.objects.filter(name="Baru").exists()
    client_for(admin).post(reverse("rewards:official_toggle", kwargs={"uid": ob["cici"].uid}))
    assert Official.objects.get(pk=ob["cici"].pk).is_active is False


def _bulk(ob, admin, count, start):
    rows = []
    for i in range(count):
        official = official_create(
            user=admin, unit=ob["ani"].unit, name=f"Pegawai {start + i}", nip=f"19900101202001{start + i:04d}",
            position_level="administrator",
        )  # fmt: skip
        for month in (1, 2, 3):
            rows.append(ObligationSubmission(
                pemda_id=official.pemda_id, obligation=ob["innovation"], unit=official.unit, official=official,
                period_start=dt.date(2026, month, 1), period_end=dt.date(2026, month, 28),
                due_date=dt.date(2026, month, 28),
                title="T", description="D", submitted_by=admin, submitted_at=timezone.now(),
                status="diterima" if month < 3 else "diajukan",
            ))  # fmt: skip
    ObligationSubmission.objects.bulk_create(rows)


@pytest.mark.parametrize(
    "url",
    [
        reverse("rewards:obligation_home"),
        reverse("rewards:obligation_submission_list"),
        reverse("rewards:obligation_compliance"),
        reverse("rewards:official_list"),
        reverse("rewards:obligation_list"),
    ],
)
def test_list_queries_do_not_grow(ob, client_for, kepala_a, admin, url, django_assert_max_num_queries):
    client = client_for(kepala_a)
    _bulk(ob, admin, 3, 0)
    client.get(url)  # warm caches (session, menu)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _bulk(ob, admin, 12, 100)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
    assert len(small) <= 30
