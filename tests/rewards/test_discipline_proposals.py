# ruff: noqa: F811 (fixtures imported from test_discipline_helpers)
"""Evaluation of the year's records into proposals (idempotent), and a proposal about an official
accepted by pimpinan into a decision without a ranking snapshot, with its SK PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from rewards import services
from rewards import services_discipline as svc
from rewards.models import Decision, DisciplineSetting, Proposal, Target
from rewards.views.decisions_documents import document_context
from tests.rewards.test_discipline_helpers import NIP_A1, NIP_A2, NIP_B1, clock, officials, workbook  # noqa: F401

pytestmark = pytest.mark.usefixtures("clock")


def _import(admin, month, rows):
    data = workbook(rows)
    return svc.discipline_import(user=admin, pemda=admin.pemda, year=2026, month=month, data=data, file_name="a.xlsx")


def _months(admin):
    """A1 reaches 3 days in February (teguran lisan) and 11 in April (TPP 25 % 6 months, skipping the
    steps in between); A2 reaches 4 days in March through lateness (900 minutes = 2 days); B1 stays at 2."""
    _import(admin, 1, [(NIP_A1, "", 1, 0, 0), (NIP_A2, "", 0, 0, 0), (NIP_B1, "", 1, 0, 0)])
    _import(admin, 2, [(NIP_A1, "", 2, 0, 0), (NIP_A2, "", 1, 0, 0), (NIP_B1, "", 1, 0, 0)])
    _import(admin, 3, [(NIP_A1, "", 0, 0, 0), (NIP_A2, "", 1, 900, 0), (NIP_B1, "", 0, 449, 0)])
    return _import(admin, 4, [(NIP_A1, "", 8, 0, 0), (NIP_A2, "", 0, 0, 0), (NIP_B1, "", 0, 0, 0)])


def test_imports_create_one_proposal_per_step_reached(admin, officials):
    last = _months(admin)
    proposals = Proposal.objects.order_by("source_key")
    assert [(p.source_key, p.kind, p.parameters) for p in proposals] == [
        (f"disiplin:2026:{NIP_A1}:teguran_lisan", "teguran_lisan", {}),
        (f"disiplin:2026:{NIP_A1}:tpp_25_6", "pemotongan_tpp", {"persen": "25", "bulan": 6}),
        (f"disiplin:2026:{NIP_A2}:teguran_tertulis", "teguran_tertulis", {}),
    ]
    assert [p.source_key for p in last.proposals] == [f"disiplin:2026:{NIP_A1}:tpp_25_6"]
    tpp = proposals.get(kind="pemotongan_tpp")
    assert (tpp.snapshot, tpp.official, tpp.unit, tpp.target, tpp.status) == (
        None, officials["a1"], officials["a1"].unit, Target.OFFICIAL, Proposal.Status.PENDING,
    )  # fmt: skip
    assert (tpp.rule_code, tpp.rule_name) == ("disiplin_tpp_25_6", "11–13 hari: pemotongan TPP 25% selama 6 bulan")
    (basis,) = tpp.basis
    assert basis["metric"] == "hari_tanpa_keterangan" and Decimal(basis["value"]) == 11
    assert basis["months"] == [1, 2, 3, 4]
    assert "11 hari tidak masuk kerja tanpa keterangan" in basis["text"] and "April" in basis["text"]


def test_importing_and_evaluating_again_adds_nothing(admin, officials):
    _months(admin)
    _import(admin, 4, [(NIP_A1, "", 8, 0, 0), (NIP_A2, "", 0, 0, 0), (NIP_B1, "", 0, 0, 0)])
    assert svc.discipline_evaluate(user=admin, pemda=admin.pemda, year=2026) == []
    assert svc.discipline_evaluate(user=admin, pemda=admin.pemda, year=2026) == []
    assert Proposal.objects.count() == 3


def test_a_decided_proposal_is_not_proposed_again(admin, pimpinan, officials):
    _months(admin)
    proposal = Proposal.objects.get(kind="teguran_lisan")
    services.proposal_reject(user=pimpinan, proposal=proposal, reason="Sudah dibina langsung oleh atasan.")
    assert svc.discipline_evaluate(user=admin, pemda=admin.pemda, year=2026) == []
    assert Proposal.objects.filter(kind="teguran_lisan").count() == 1


def test_a_ladder_switched_off_proposes_nothing(admin, officials):
    svc.setting_for(admin.pemda)
    DisciplineSetting.objects.update(is_active=False)
    _months(admin)
    assert not Proposal.objects.exists()


def test_missed_checkins_count_when_the_setting_says_so(admin, officials):
    steps = list(svc.setting_for(admin.pemda).steps)
    svc.discipline_setting_save(user=admin, pemda=admin.pemda, steps=steps, minutes_per_day=450, checkins_per_day=4)
    _import(admin, 1, [(NIP_B1, "", 1, 0, 8)])  # 1 day + 8 missed check-ins (2 days) = 3 days
    assert list(Proposal.objects.values_list("source_key", flat=True)) == [f"disiplin:2026:{NIP_B1}:teguran_lisan"]


def _accept(pimpinan, proposal, **extra):
    return services.proposal_accept(
        user=pimpinan, proposal=proposal, sk_number="800/77/BKPSDM/2026", sk_date=dt.date(2026, 6, 15),
        effective_start=dt.date(2026, 7, 1), **extra,
    )  # fmt: skip


def test_pimpinan_accepts_a_discipline_proposal_into_a_decision_about_the_official(admin, pimpinan, officials):
    _months(admin)
    proposal = Proposal.objects.get(kind="pemotongan_tpp")
    decision = _accept(pimpinan, proposal)
    decision.refresh_from_db()
    assert (decision.snapshot, decision.official, decision.target, decision.kind) == (
        None, officials["a1"], Target.OFFICIAL, "pemotongan_tpp",
    )  # fmt: skip
    assert (decision.official_name, decision.official_nip, decision.official_position) == (
        "Budi Santoso, S.Kom.", NIP_A1, "Pengelola Data",
    )  # fmt: skip
    assert (decision.percent, decision.months, decision.effective_end) == (Decimal(25), 6, dt.date(2026, 12, 31))
    assert decision.basis == proposal.basis
    assert decision.basis_text == (
        "Berdasarkan Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil, jumlah hari "
        "tidak masuk kerja tanpa alasan yang sah tersebut mencapai ketentuan “11–13 hari: pemotongan TPP 25% "
        "selama 6 bulan”"
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    words = document_context(decision)
    assert "Budi Santoso, S.Kom., NIP 198501012010011001" in words["measure"]
    assert "sebesar 25% selama 6 (enam) bulan" in words["measure"]
    assert any("Nomor 94 Tahun 2021" in item for item in words["mengingat"])


def test_accept_with_change_and_reject_work_without_a_snapshot(admin, pimpinan, officials):
    _months(admin)
    changed = services.proposal_change(
        user=pimpinan, proposal=Proposal.objects.get(kind="teguran_tertulis"), kind="teguran_lisan", parameters={},
        sk_number="800/78/BKPSDM/2026", sk_date=dt.date(2026, 6, 15), effective_start=dt.date(2026, 6, 15),
        reason="Keterlambatan karena tugas luar yang belum tercatat.",
    )  # fmt: skip
    assert (changed.kind, changed.official, changed.snapshot) == ("teguran_lisan", officials["a2"], None)
    rejected = services.proposal_reject(
        user=pimpinan, proposal=Proposal.objects.get(kind="teguran_lisan"), reason="Sudah dibina atasan."
    )
    assert rejected.status == Proposal.Status.REJECTED
    assert Decision.objects.count() == 1


def test_the_sk_pdf_of_a_discipline_decision_renders(admin, pimpinan, officials, client_for):
    _months(admin)
    decision = _accept(pimpinan, Proposal.objects.get(kind="pemotongan_tpp"))
    response = client_for(pimpinan).get(reverse("rewards:decision_sk_pdf", kwargs={"uid": decision.uid}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "PEMOTONGAN TPP KEPADA BUDI SANTOSO, S.KOM." in text
    assert "S.KOM.." not in text  # the name's own full stop ends the sentence


def test_the_review_page_and_list_show_the_official(admin, pimpinan, officials, client_for):
    _months(admin)
    proposal = Proposal.objects.get(kind="pemotongan_tpp")
    client = client_for(pimpinan)
    page = client.get(reverse("rewards:proposal_review", kwargs={"uid": proposal.uid})).content.decode()
    assert "Budi Santoso, S.Kom." in page and NIP_A1 in page
    assert "Hari tidak masuk tanpa keterangan (kumulatif)" in page
    listing = client.get(reverse("rewards:proposal_list")).content.decode()
    assert "Rekap absensi" in listing and "Budi Santoso, S.Kom." in listing
    response = client.post(
        reverse("rewards:proposal_review", kwargs={"uid": proposal.uid}),
        {"action": "accept", "accept-sk_number": "800/79/BKPSDM/2026", "accept-sk_date": "2026-06-15",
         "accept-effective_start": "2026-07-01", "accept-response_days": "14"},
    )  # fmt: skip
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{decision.uid}/")
    detail = client.get(response["Location"]).content.decode()
    assert "Pegawai" in detail and "Budi Santoso, S.Kom." in detail


def test_the_api_shows_proposals_and_decisions_without_a_snapshot(admin, pimpinan, officials, client_for):
    _months(admin)
    decision = _accept(pimpinan, Proposal.objects.get(kind="pemotongan_tpp"))
    client = client_for(pimpinan)
    proposals = client.get("/api/v1/reward-proposals/").json()
    rows = proposals["results"] if isinstance(proposals, dict) else proposals
    assert {r["snapshot"] for r in rows} == {None} and {r["year"] for r in rows} == {None}
    data = client.get(f"/api/v1/reward-decisions/{decision.uid}/").json()
    assert data["snapshot"] is None and data["target"] == "pegawai" and data["official_nip"] == NIP_A1


def test_a_discipline_decision_is_the_officials_own_not_the_units(
    admin, pimpinan, officials, operator_a, kepala_a, client_for
):
    """Personal data: the unit's operator and kepala neither see nor are told of a sanction about one of
    its officials; the official's own account is told and sees it; pimpinan and admin see it."""
    from sakip.core.models import Notification
    from tests.factories import UserFactory

    account = UserFactory(pemda=admin.pemda, username="budi")
    officials["a1"].user = account
    officials["a1"].save()
    _months(admin)
    decision = _accept(pimpinan, Proposal.objects.get(kind="pemotongan_tpp"))
    from rewards.selectors import decisions_for

    assert decision not in decisions_for(operator_a) and decision not in decisions_for(kepala_a)
    assert decision in decisions_for(pimpinan) and decision in decisions_for(admin)
    url = reverse("rewards:decision_detail", args=[decision.uid])
    assert client_for(operator_a).get(url).status_code == 404
    told = set(Notification.objects.filter(key=f"rewards:issued:{decision.uid}").values_list("user", flat=True))
    assert told == {account.pk}
