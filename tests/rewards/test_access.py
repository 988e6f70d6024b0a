# ruff: noqa: F811  (fixtures imported from tests/rewards/factories.py)
"""Who sees what of rewards: selectors scoped by role, unit and Pemda; pinned queries on the register."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from rewards import selectors, services
from rewards.models import Decision
from tests.rewards.factories import rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(rewards_world, pemda, pimpinan, unit_a, unit_b, unit_c, django_capture_on_commit_callbacks):
    services.rules_install_defaults(pemda=pemda)
    snapshot = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        services.rule_run_request(user=pimpinan, snapshot=snapshot)
    common = {"user": pimpinan, "pemda": pemda, "snapshot": snapshot, "sk_date": dt.date(2025, 4, 21),
              "effective_start": dt.date(2025, 5, 1), "basis_text": "Dasar peringkat 2025."}  # fmt: skip
    a = services.decision_issue(kind="piagam_penghargaan", unit=unit_a, sk_number="1/2025", **common)
    b = services.decision_issue(kind="teguran_tertulis", unit=unit_b, sk_number="2/2025", **common)
    c = services.decision_issue(kind="pemotongan_tpp", unit=unit_c, sk_number="3/2025", percent=25, months=3, **common)
    return {"a": a, "b": b, "c": c, "snapshot": snapshot}


def test_pimpinan_and_admin_see_every_decision(register, pimpinan, admin):
    for user in (pimpinan, admin):
        assert {d.sk_number for d in selectors.decisions_for(user)} == {"1/2025", "2/2025", "3/2025"}


def test_a_unit_sees_only_its_own_decisions(register, operator_a, kepala_a, operator_b):
    for user in (operator_a, kepala_a):
        assert [d.sk_number for d in selectors.decisions_for(user)] == ["1/2025"]
        assert selectors.decision_for(user, register["a"].uid) == register["a"]
        with pytest.raises(Http404):
            selectors.decision_for(user, register["b"].uid)
    assert [d.sk_number for d in selectors.decisions_for(operator_b)] == ["2/2025"]


def test_evaluator_sees_no_decisions(register, evaluator):
    with pytest.raises(PermissionDenied):
        selectors.decisions_for(evaluator)
    with pytest.raises(PermissionDenied):
        selectors.decision_for(evaluator, register["a"].uid)


def test_another_pemda_gets_404(register, other_admin):
    assert list(selectors.decisions_for(other_admin)) == []
    with pytest.raises(Http404):
        selectors.decision_for(other_admin, register["a"].uid)
    with pytest.raises(Http404):
        selectors.snapshot_for(other_admin, register["snapshot"].uid)
    assert list(selectors.snapshots_for(other_admin)) == []
    assert list(selectors.proposals_for(other_admin)) == []
    with pytest.raises(Http404):
        selectors.decision_for(other_admin, "not-a-uuid")


def test_rankings_and_snapshots_for_admin_evaluator_pimpinan_only(register, admin, evaluator, pimpinan, operator_a):
    for user in (admin, evaluator, pimpinan):
        assert selectors.snapshot_for(user, register["snapshot"].uid) == register["snapshot"]
    with pytest.raises(PermissionDenied):
        selectors.snapshots_for(operator_a)
    with pytest.raises(PermissionDenied):
        selectors.snapshot_for(operator_a, register["snapshot"].uid)


def test_proposals_for_pimpinan_and_admin(register, pimpinan, admin, evaluator, operator_a):
    assert selectors.proposals_for(pimpinan, status="pending").count() == 9
    assert selectors.proposals_for(admin, year=2025).count() == 9
    assert selectors.proposals_for(pimpinan, year=2024).count() == 0
    for user in (evaluator, operator_a):
        with pytest.raises(PermissionDenied):
            selectors.proposals_for(user)


def test_register_filters(register, pimpinan, unit_b):
    assert [d.sk_number for d in selectors.decisions_for(pimpinan, kind="teguran_tertulis")] == ["2/2025"]
    assert [d.sk_number for d in selectors.decisions_for(pimpinan, unit=unit_b)] == ["2/2025"]
    assert selectors.decisions_for(pimpinan, year=2024).count() == 0
    assert [d.sk_number for d in selectors.decisions_for(pimpinan, q="pendidikan")] == ["3/2025"]
    services.decision_revoke(user=pimpinan, decision=register["c"], reason="Salah hitung.")
    assert [d.sk_number for d in selectors.decisions_for(pimpinan, status="revoked")] == ["3/2025"]


def test_tpp_adjustments_in_force(register, pimpinan, pemda):
    assert selectors.tpp_adjustments(pemda, year=2025, month=4) == []
    (row,) = selectors.tpp_adjustments(pemda, year=2025, month=7)
    assert (row.unit_code, row.percent, row.months, row.sk_number) == ("1.01.01", 25, 3, "3/2025")
    assert selectors.tpp_adjustments(pemda, year=2025, month=8) == []
    services.decision_revoke(user=pimpinan, decision=register["c"], reason="Dicabut.")
    assert selectors.tpp_adjustments(pemda, year=2025, month=6) == []


def test_leader_summary(register, pimpinan, operator_a):
    summary = selectors.leader_summary(pimpinan, 2025)
    assert summary["proposals_waiting"] == 9 and summary["decisions_count"] == {"issued": 3, "revoked": 0}
    assert summary["snapshot"] == register["snapshot"] and len(summary["recent"]) == 3
    assert [e["unit_key"] for e in summary["top"]][:1] == ["1.01.01"]
    with pytest.raises(PermissionDenied):
        selectors.leader_summary(operator_a, 2025)


def test_can_respond(register, operator_a, operator_b, pimpinan):
    assert selectors.can_respond(operator_a, register["a"])
    assert not selectors.can_respond(operator_b, register["a"])
    assert not selectors.can_respond(pimpinan, register["a"])


def test_register_queries_are_pinned(register, pimpinan, pemda, unit_a, django_assert_max_num_queries):
    common = {"user": pimpinan, "pemda": pemda, "snapshot": register["snapshot"], "sk_date": dt.date(2025, 4, 22),
              "effective_start": dt.date(2025, 5, 1), "basis_text": "Tambahan."}  # fmt: skip
    for n in range(5):
        services.decision_issue(kind="teguran_lisan", unit=unit_a, sk_number=f"9{n}/2025", **common)
    pimpinan = type(pimpinan).objects.get(pk=pimpinan.pk)
    with django_assert_max_num_queries(3):
        rows = [
            (d.unit.name, d.snapshot.title, d.issued_by.username, d.proposal) for d in selectors.decisions_for(pimpinan)
        ]
    assert len(rows) == Decision.objects.count() == 8
