# ruff: noqa: F811  (fixtures imported from tests/rewards/factories.py)
"""Proposals and decisions: accept / change / reject, direct decisions, bad input, responses, revocation."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from rewards import services
from rewards.models import Decision, Proposal
from sakip.core.models import Notification
from tests.rewards.factories import rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db
SK_DATE = dt.date(2025, 4, 21)


@pytest.fixture
def proposals(rewards_world, pemda, pimpinan, django_capture_on_commit_callbacks):
    services.rules_install_defaults(pemda=pemda)
    snapshot = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        services.rule_run_request(user=pimpinan, snapshot=snapshot)
    return {(p.rule_code, p.unit.code): p for p in Proposal.objects.select_related("unit", "snapshot")}


def issue(user, pemda, unit, snapshot, **overrides):
    values = {
        "kind": "pemotongan_tpp",
        "sk_number": "800/12/BKPSDM/2025",
        "sk_date": SK_DATE,
        "basis_text": "Nilai AKIP 45,00 (predikat C) dan capaian di bawah target.",
        "effective_start": dt.date(2025, 5, 1),
        "percent": "25",
        "months": 3,
    }
    values.update(overrides)
    return services.decision_issue(user=user, pemda=pemda, unit=unit, snapshot=snapshot, **values)


def test_accept_proposal_creates_decision_and_notifies_unit(proposals, pimpinan, operator_a, kepala_a):
    proposal = proposals[("peringkat_1_3", "1.02.01")]
    decision = services.proposal_accept(
        user=pimpinan, proposal=proposal, sk_number="003/PIAGAM/2025", sk_date=SK_DATE,
        effective_start=SK_DATE,
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.decided_by == pimpinan
    assert decision.kind == "piagam_penghargaan" and decision.proposal == proposal
    assert decision.snapshot == proposal.snapshot and decision.basis == proposal.basis
    assert "peringkat dalam kategori = 2" in decision.basis_text
    assert decision.response_deadline == SK_DATE + dt.timedelta(days=14)
    notified = set(
        Notification.objects.filter(key__startswith="rewards:issued").values_list("user__username", flat=True)
    )
    assert notified == {operator_a.username, kepala_a.username}


def test_accept_head_proposal_copies_the_head(proposals, pimpinan):
    proposal = proposals[("pk_tidak_tercapai", "1.02.01")]
    decision = services.proposal_accept(
        user=pimpinan, proposal=proposal, sk_number="800/1/2025", sk_date=SK_DATE, effective_start=dt.date(2025, 5, 1)
    )
    assert decision.target == "kepala_unit" and decision.kind == "masa_perbaikan" and decision.months == 6
    assert decision.official_name == "dr. Kepala Dinkes, M.Kes." and decision.official_nip == "197001011998031001"
    assert decision.effective_end == dt.date(2025, 10, 31)


def test_tpp_hold_from_proposal_gets_its_month(proposals, pimpinan):
    proposal = proposals[("capaian_di_bawah_50_3_bulan", "1.02.01")]
    decision = services.proposal_accept(
        user=pimpinan, proposal=proposal, sk_number="900/7/2025", sk_date=SK_DATE, effective_start=dt.date(2025, 5, 1)
    )
    assert (decision.kind, decision.months, decision.effective_end) == ("penundaan_tpp", 1, dt.date(2025, 5, 31))


def test_change_needs_a_reason_and_keeps_it(proposals, pimpinan):
    proposal = proposals[("terlambat_3_kali", "1.01.01")]
    with pytest.raises(ValidationError, match="Alasan perubahan wajib diisi"):
        services.proposal_change(
            user=pimpinan, proposal=proposal, kind="teguran_tertulis", parameters={}, sk_number="1/2025",
            sk_date=SK_DATE, effective_start=SK_DATE, reason=" ",
        )  # fmt: skip
    decision = services.proposal_change(
        user=pimpinan, proposal=proposal, kind="teguran_tertulis", parameters={}, sk_number="1/2025",
        sk_date=SK_DATE, effective_start=SK_DATE, reason="Dua laporan tidak disampaikan sama sekali.",
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "changed" and proposal.reason.startswith("Dua laporan")
    assert decision.kind == "teguran_tertulis"


def test_reject_needs_a_reason_and_cannot_be_decided_twice(proposals, pimpinan):
    proposal = proposals[("predikat_c_d", "7.01.02")]
    with pytest.raises(ValidationError, match="Alasan penolakan wajib diisi"):
        services.proposal_reject(user=pimpinan, proposal=proposal, reason="")
    services.proposal_reject(user=pimpinan, proposal=proposal, reason="Kecamatan baru dibentuk.")
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and not Decision.objects.exists()
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.proposal_accept(
            user=pimpinan, proposal=proposal, sk_number="x", sk_date=SK_DATE, effective_start=SK_DATE
        )


def test_only_pimpinan_decides_proposals(proposals, admin, operator_a, evaluator, other_admin):
    proposal = proposals[("peringkat_1_3", "1.02.01")]
    for user in (admin, operator_a, evaluator):
        with pytest.raises(PermissionDenied):
            services.proposal_reject(user=user, proposal=proposal, reason="tidak")
    with pytest.raises(Http404):
        services.proposal_reject(user=other_admin, proposal=proposal, reason="tidak")
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_direct_tpp_cut(proposals, pimpinan, pemda, unit_b):
    snapshot = next(iter(proposals.values())).snapshot
    decision = issue(pimpinan, pemda, unit_b, snapshot, response_days=7)
    assert decision.percent == D("25.00") and decision.months == 3
    assert decision.effective_end == dt.date(2025, 7, 31) and decision.response_deadline == dt.date(2025, 4, 28)
    assert decision.issued_by == pimpinan and decision.status == "issued"
    assert {"metric": "predikat", "value": "C", "months": [], "text": "predikat AKIP = C"} in decision.basis


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"sk_number": "  "}, "sk_number", "Nomor SK wajib diisi"),
        ({"basis_text": ""}, "basis_text", "Pertimbangan (dasar keputusan) wajib diisi"),
        ({"snapshot": None}, "snapshot", "Dasar keputusan wajib dipilih"),
        ({"percent": "150"}, "percent", "paling tinggi 100"),
        ({"percent": "0"}, "percent", "lebih dari 0"),
        ({"percent": None}, "percent", "wajib diisi"),
        ({"months": None}, "months", "Jumlah bulan wajib diisi"),
        ({"kind": "penundaan_tpp", "percent": None, "months": None}, "months", "Jumlah bulan wajib diisi"),
        ({"effective_end": dt.date(2025, 4, 1)}, "effective_end", "tidak boleh sebelum"),
        ({"kind": "naik_pangkat"}, "kind", "tidak dikenal"),
        ({"kind": "teguran_lisan", "percent": None, "months": None, "amount": "1000"}, "amount", "tidak berlaku"),
    ],
)
def test_bad_decisions_refused_nothing_saved(proposals, pimpinan, pemda, unit_b, overrides, field, message):
    snapshot = next(iter(proposals.values())).snapshot
    overrides = {"snapshot": snapshot, **overrides}
    before = Notification.objects.count()
    with pytest.raises(ValidationError) as error:
        issue(pimpinan, pemda, unit_b, **overrides)
    assert message in " ".join(error.value.message_dict[field])
    assert not Decision.objects.exists() and Notification.objects.count() == before


def test_same_sk_number_twice_for_the_same_unit_and_type_refused(proposals, pimpinan, pemda, unit_b):
    snapshot = next(iter(proposals.values())).snapshot
    issue(pimpinan, pemda, unit_b, snapshot)
    with pytest.raises(ValidationError, match="sudah dipakai"):
        issue(pimpinan, pemda, unit_b, snapshot)
    assert Decision.objects.count() == 1


def test_failed_decision_leaves_the_proposal_pending(proposals, pimpinan):
    proposal = proposals[("peringkat_1_3", "1.02.01")]
    with pytest.raises(ValidationError):
        services.proposal_accept(
            user=pimpinan, proposal=proposal, sk_number="", sk_date=SK_DATE, effective_start=SK_DATE
        )
    proposal.refresh_from_db()
    assert proposal.status == "pending" and not Decision.objects.exists()


def test_only_pimpinan_issues(proposals, pemda, unit_b, admin, operator_b, other_admin):
    snapshot = next(iter(proposals.values())).snapshot
    for user in (admin, operator_b):
        with pytest.raises(PermissionDenied):
            issue(user, pemda, unit_b, snapshot)
    with pytest.raises(Http404):
        issue(other_admin, pemda, unit_b, snapshot)
    assert not Decision.objects.exists()


@pytest.fixture
def cut(proposals, pimpinan, pemda, unit_a):
    return issue(pimpinan, pemda, unit_a, next(iter(proposals.values())).snapshot)


def test_unit_responds_once_within_the_window(cut, operator_a, kepala_a, pimpinan):
    # deadline 5 May 2025 (21 April + 14), inclusive, in the Pemda's time zone (WITA): 23.30 WITA is still in
    with time_machine.travel(dt.datetime(2025, 5, 5, 15, 30, tzinfo=dt.UTC), tick=False):
        services.decision_respond(user=operator_a, decision=cut, text="Kami mohon peninjauan kembali.")
    cut.refresh_from_db()
    assert cut.response.startswith("Kami mohon") and cut.responded_by == operator_a
    assert Notification.objects.filter(user=pimpinan, key__startswith="rewards:responded").exists()
    with pytest.raises(ValidationError, match="sudah disampaikan"):
        services.decision_respond(user=kepala_a, decision=cut, text="Lagi")


def test_response_after_the_window_refused(cut, operator_a):
    # 6 May 2025 00.30 WITA = 5 May 16.30 UTC: the deadline has passed in the Pemda's time zone
    late = time_machine.travel(dt.datetime(2025, 5, 5, 16, 30, tzinfo=dt.UTC), tick=False)
    with late, pytest.raises(ValidationError, match="Batas waktu tanggapan sudah lewat pada 5 Mei 2025"):
        services.decision_respond(user=operator_a, decision=cut, text="Terlambat")
    cut.refresh_from_db()
    assert cut.response == "" and cut.responded_at is None


def test_only_the_unit_responds(cut, operator_b, pimpinan, admin):
    with pytest.raises(Http404):
        services.decision_respond(user=operator_b, decision=cut, text="Bukan unit kami")
    for user in (pimpinan, admin):
        with pytest.raises(PermissionDenied):
            services.decision_respond(user=user, decision=cut, text="x")


def test_revoke_needs_reason_and_pimpinan(cut, pimpinan, admin, operator_a):
    with pytest.raises(ValidationError, match="Alasan pencabutan wajib diisi"):
        services.decision_revoke(user=pimpinan, decision=cut, reason="")
    with pytest.raises(PermissionDenied):
        services.decision_revoke(user=admin, decision=cut, reason="salah")
    services.decision_revoke(user=pimpinan, decision=cut, reason="Data capaian dikoreksi.")
    cut.refresh_from_db()
    assert cut.status == "revoked" and cut.revoked_by == pimpinan
    assert cut.history.count() >= 2  # everything is in the history
    with pytest.raises(ValidationError, match="sudah dicabut"):
        services.decision_respond(user=operator_a, decision=cut, text="x")


def test_add_months():
    assert services.add_months(dt.date(2025, 1, 1), 3) == dt.date(2025, 3, 31)
    assert services.add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 14)
