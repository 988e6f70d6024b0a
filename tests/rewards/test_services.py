# ruff: noqa: F811  (fixtures imported from tests/rewards/factories.py)
"""Services of rankings and rules: weights, snapshots (immutable, hashed), rules, rule runs."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from evaluations.models import PeriodReport
from rewards import selectors, services
from rewards.models import Proposal, RankingSetting, RankingSnapshot, RewardRule, RuleRun
from rewards.rules_defaults import DEFAULT_RULES, DEFAULT_WEIGHTS
from tests.rewards.factories import month, report, rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db


# --- weights -------------------------------------------------------------------------------------


def test_weights_default_then_saved(pemda, admin):
    assert selectors.weights_for(pemda, 2025) == DEFAULT_WEIGHTS
    services.weights_save(
        user=admin, pemda=pemda, year=2025, weights={"akip": 60, "capaian": "30", "ketepatan_waktu": 10}
    )
    assert selectors.weights_for(pemda, 2025) == {"akip": D(60), "capaian": D(30), "ketepatan_waktu": D(10)}
    assert selectors.weights_for(pemda, 2024) == DEFAULT_WEIGHTS


@pytest.mark.parametrize(
    "weights, message",
    [
        ({"akip": 60, "capaian": 30, "ketepatan_waktu": 20}, "Jumlah bobot harus 100"),
        ({"akip": 100, "kepuasan": 0}, "tidak dikenal"),
        ({"akip": -10, "capaian": 110}, "tidak boleh negatif"),
    ],
)
def test_bad_weights_refused(pemda, admin, weights, message):
    with pytest.raises(ValidationError) as error:
        services.weights_save(user=admin, pemda=pemda, year=2025, weights=weights)
    assert message in str(error.value)
    assert not RankingSetting.objects.exists()


def test_only_admin_sets_weights(pemda, pimpinan, other_admin):
    with pytest.raises(PermissionDenied):
        services.weights_save(user=pimpinan, pemda=pemda, year=2025, weights=DEFAULT_WEIGHTS)
    with pytest.raises(Http404):
        services.weights_save(user=other_admin, pemda=pemda, year=2025, weights=DEFAULT_WEIGHTS)


# --- snapshots -----------------------------------------------------------------------------------


def test_snapshot_freezes_figures_rankings_and_hash(rewards_world, pemda, pimpinan):
    snap = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025, note="Rakor triwulan I")
    assert snap.frozen_by == pimpinan and snap.weights == {k: str(v) for k, v in DEFAULT_WEIGHTS.items()}
    units = {u["unit_key"]: u for u in snap.data["units"]}
    assert units["1.01.01"]["late_count"] == 3 and units["1.02.01"]["pk_missed"] is True
    assert units["1.02.01"]["monthly_capaian"][:3] == ["40", "40", "40"]
    assert units["7.01.02"]["predicate"] == "C"
    assert snap.data["rankings"]["by_category"]["pd"]["komposit"]["entries"][0]["unit_key"] == "1.01.01"
    assert len(snap.content_hash) == 64 and services.snapshot_intact(snap)
    assert "2025" in snap.title


def test_snapshot_does_not_move_when_data_change(rewards_world, pemda, admin, year, unit_c):
    snap = services.snapshot_freeze(user=admin, pemda=pemda, year=2025)
    before = RankingSnapshot.objects.get(pk=snap.pk)
    report(unit_c, month(year, 2), values=[(rewards_world.ind_c, "1")])  # C reports February now
    live = {u["unit_key"]: u for u in selectors.live_rankings(pemda, 2025)["units"]}
    assert live["1.01.01"]["late_count"] == 2
    again = RankingSnapshot.objects.get(pk=snap.pk)
    assert again.data == before.data and services.snapshot_intact(again)
    again.data["units"][0]["akip"] = "99"  # tampering is detected
    assert not services.snapshot_intact(again)


def test_snapshot_access(rewards_world, pemda, operator_a, evaluator, other_admin):
    with pytest.raises(PermissionDenied):
        services.snapshot_freeze(user=evaluator, pemda=pemda, year=2025)
    with pytest.raises(PermissionDenied):
        services.snapshot_freeze(user=operator_a, pemda=pemda, year=2025)
    with pytest.raises(Http404):
        services.snapshot_freeze(user=other_admin, pemda=pemda, year=2025)
    assert not RankingSnapshot.objects.exists()


def test_snapshot_for_a_period_of_another_year_refused(rewards_world, pemda, admin, year_2024):
    with pytest.raises(ValidationError, match="Periode tidak termasuk tahun 2025"):
        services.snapshot_freeze(user=admin, pemda=pemda, year=2025, period=month(year_2024, 3))
    assert not RankingSnapshot.objects.exists()


def test_snapshot_without_ranked_units_refused(pemda, admin, year):
    with pytest.raises(ValidationError, match="Belum ada unit yang memiliki kategori peringkat"):
        services.snapshot_freeze(user=admin, pemda=pemda, year=2025)


def test_snapshot_to_rules_input_ranks_within_category(rewards_world, pemda, admin):
    snap = services.snapshot_freeze(user=admin, pemda=pemda, year=2025)
    units = {u.unit_key: u for u in services.snapshot_to_rules_input(snap).units}
    assert (units["1.01.01"].rank, units["1.02.01"].rank, units["7.01.02"].rank) == (1, 2, 1)
    assert units["1.02.01"].improvement == D("10.50") and units["1.02.01"].improvement_rank == 1
    assert units["7.01.02"].improvement is None
    assert units["1.01.01"].capaian == D(120) and units["1.01.01"].late_count == 3


# --- rules ---------------------------------------------------------------------------------------


def test_install_defaults_is_idempotent(pemda, admin):
    created = services.rules_install_defaults(pemda=pemda, user=admin)
    assert [r.code for r in created] == [r["code"] for r in DEFAULT_RULES]
    assert services.rules_install_defaults(pemda=pemda) == []
    assert RewardRule.objects.filter(pemda=pemda).count() == len(DEFAULT_RULES)


GOOD = {
    "conditions": [{"metric": "nilai_akip", "comparator": "<", "threshold": "50"}],
    "outcome": {"type": "pemotongan_tpp", "parameters": {"persen": "25", "bulan": 3}},
}


def test_rule_save_and_update(pemda, admin):
    rule = services.rule_save(user=admin, pemda=pemda, code="akip_rendah", name="AKIP di bawah 50", definition=GOOD)
    assert rule.definition == GOOD and rule.is_active
    rule = services.rule_save(
        user=admin, pemda=pemda, code="akip_rendah", name="AKIP < 50", definition=GOOD, is_active=False, rule=rule
    )
    assert rule.name == "AKIP < 50" and not rule.is_active
    assert services.rule_toggle(user=admin, rule=rule).is_active


@pytest.mark.parametrize(
    "definition, message",
    [
        ({**GOOD, "conditions": [{"metric": "kepuasan", "comparator": "<", "threshold": "50"}]}, "tidak dikenal"),
        (
            {**GOOD, "outcome": {"type": "pemotongan_tpp", "parameters": {"persen": "150", "bulan": 3}}},
            "paling tinggi 100",
        ),
        ({**GOOD, "outcome": {"type": "hukuman_mati"}}, "tidak dikenal"),
        ({"outcome": {"type": "teguran_lisan"}}, "tidak lengkap"),
    ],
)
def test_bad_rule_refused_with_indonesian_message(pemda, admin, definition, message):
    with pytest.raises(ValidationError) as error:
        services.rule_save(user=admin, pemda=pemda, code="x", name="Aturan x", definition=definition)
    assert message in str(error.value)
    assert not RewardRule.objects.exists()


def test_rule_code_unique_and_admin_only(pemda, admin, pimpinan):
    services.rule_save(user=admin, pemda=pemda, code="a", name="A", definition=GOOD)
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.rule_save(user=admin, pemda=pemda, code="a", name="A lagi", definition=GOOD)
    with pytest.raises(PermissionDenied):
        services.rule_save(user=pimpinan, pemda=pemda, code="b", name="B", definition=GOOD)
    rule = RewardRule.objects.get(code="a")
    with pytest.raises(PermissionDenied):
        services.rule_delete(user=pimpinan, rule=rule)
    services.rule_delete(user=admin, rule=rule)
    assert not RewardRule.objects.exists()


# --- rule runs -----------------------------------------------------------------------------------


@pytest.fixture
def frozen(rewards_world, pemda, admin, pimpinan):
    services.rules_install_defaults(pemda=pemda)
    return services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025)


def test_rule_run_creates_proposals_with_basis(frozen, pimpinan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.rule_run_request(user=pimpinan, snapshot=frozen)
    run.refresh_from_db()
    assert run.status == RuleRun.Status.DONE and run.attempts == 1
    found = {(p.rule_code, p.unit.code, p.target) for p in Proposal.objects.filter(snapshot=frozen)}
    assert found == {
        ("peringkat_1_3", "1.01.01", "unit"),
        ("peringkat_1_3", "1.02.01", "unit"),
        ("peringkat_1_3", "7.01.02", "unit"),
        ("most_improved", "1.02.01", "unit"),
        ("predikat_c_d", "7.01.02", "unit"),
        ("capaian_di_bawah_50_3_bulan", "1.02.01", "unit"),
        ("terlambat_3_kali", "1.01.01", "unit"),
        ("terlambat_3_kali", "7.01.02", "unit"),
        ("pk_tidak_tercapai", "1.02.01", "kepala_unit"),
    }
    assert run.proposals_created == len(found)
    tpp = Proposal.objects.get(rule_code="capaian_di_bawah_50_3_bulan")
    assert tpp.kind == "penundaan_tpp" and tpp.parameters == {"bulan": 1}
    assert tpp.basis[0]["months"] == [1, 2, 3] and "Januari 40,00" in tpp.basis[0]["text"]


def test_rule_run_twice_makes_one_set_of_proposals(frozen, pimpinan, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.rule_run_request(user=pimpinan, snapshot=frozen)
    count = Proposal.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.rule_run_request(user=admin, snapshot=frozen)
    second.refresh_from_db()
    assert Proposal.objects.count() == count and second.status == "done" and second.proposals_created == 0


def test_claim_is_conditional(frozen, pimpinan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.rule_run_request(user=pimpinan, snapshot=frozen)
    assert services.rule_run_execute(run.pk).status == "done"
    assert services.rule_run_execute(run.pk) is None  # a second delivery does nothing
    run.refresh_from_db()
    assert run.attempts == 1


def test_bad_stored_rule_fails_the_run(frozen, pimpinan, django_capture_on_commit_callbacks):
    RewardRule.objects.filter(code="predikat_c_d").update(
        definition={
            "conditions": [{"metric": "kepuasan", "comparator": "<", "threshold": 1}],
            "outcome": {"type": "mutasi"},
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = services.rule_run_request(user=pimpinan, snapshot=frozen)
    run.refresh_from_db()
    assert run.status == "failed" and "kepuasan" in run.error
    assert not Proposal.objects.exists()


def test_sweep_resets_stuck_runs(frozen, pimpinan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.rule_run_request(user=pimpinan, snapshot=frozen)
    assert services.rule_run_execute  # claimed by a worker that died:
    RuleRun.objects.filter(pk=run.pk).update(
        status="running", started_at=dt.datetime(2025, 4, 20, 1, 0, tzinfo=dt.UTC), attempts=1
    )
    assert services.rule_runs_sweep() == 1
    run.refresh_from_db()
    assert run.status == "pending"
    RuleRun.objects.filter(pk=run.pk).update(
        status="running", started_at=dt.datetime(2025, 4, 20, 1, 0, tzinfo=dt.UTC), attempts=3
    )
    services.rule_runs_sweep()
    run.refresh_from_db()
    assert run.status == "failed"


def test_only_admin_or_pimpinan_requests_runs(frozen, evaluator, operator_a):
    for user in (evaluator, operator_a):
        with pytest.raises(PermissionDenied):
            services.rule_run_request(user=user, snapshot=frozen)
    assert not RuleRun.objects.exists()
    assert PeriodReport.objects.exists()
