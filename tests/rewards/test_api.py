# ruff: noqa: F811  (fixtures imported from tests/rewards/factories.py)
"""Rewards API: rankings, weights, snapshots, rules, runs, proposals and decisions; errors in Bahasa
Indonesia; pinned query counts on the lists."""

import pytest
from rest_framework.test import APIClient

from rewards import services
from rewards.models import Decision, Proposal, RankingSnapshot, RewardRule
from tests.rewards.factories import rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def api():
    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def rows(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


@pytest.fixture
def frozen(rewards_world, pemda, pimpinan, api):
    services.rules_install_defaults(pemda=pemda)
    response = api(pimpinan).post(f"{API}reward-snapshots/", {"year": 2025, "title": "Peringkat 2025"}, format="json")
    assert response.status_code == 201, response.content
    return RankingSnapshot.objects.get(uid=response.json()["uid"])


def test_live_ranking_whole_and_one_category(rewards_world, evaluator, api):
    data = api(evaluator).get(f"{API}reward-rankings/", {"year": 2025}).json()
    assert data["year"] == 2025 and len(data["units"]) == 3
    assert data["rankings"]["by_category"]["pd"]["komposit"]["entries"][0]["unit_key"] == "1.01.01"
    one = api(evaluator).get(f"{API}reward-rankings/", {"year": 2025, "category": "pd", "kind": "akip"}).json()
    assert [e["unit_key"] for e in one["rankings"]["selected"]["entries"]] == ["1.02.01", "1.01.01"]
    bad = api(evaluator).get(f"{API}reward-rankings/", {"year": 2025, "kind": "gaji"})
    assert bad.status_code == 400 and "tidak dikenal" in bad.json()["kind"][0]


def test_live_ranking_to_a_month(rewards_world, admin, api):
    data = api(admin).get(f"{API}reward-rankings/", {"year": 2025, "month": 1}).json()
    assert data["period"]["number"] == 1
    units = {u["unit_key"]: u for u in data["units"]}
    assert units["1.01.01"]["due_count"] == 1


def test_weights_get_and_put(rewards_world, admin, pimpinan, api):
    assert api(pimpinan).get(f"{API}reward-weights/2025/").json()["weights"]["akip"] == "50.00"
    response = api(admin).put(
        f"{API}reward-weights/2025/", {"weights": {"akip": 40, "capaian": 40, "ketepatan_waktu": 20}}, format="json"
    )
    assert response.status_code == 200 and response.json()["weights"]["capaian"] == "40.00"
    bad = api(admin).put(f"{API}reward-weights/2025/", {"weights": {"akip": 40}}, format="json")
    assert bad.status_code == 400 and "Jumlah bobot harus 100" in bad.json()["weights"][0]
    assert api(pimpinan).put(f"{API}reward-weights/2025/", {"weights": {"akip": 100}}, format="json").status_code == 403


def test_freeze_and_read_snapshot(frozen, admin, evaluator, api):
    detail = api(evaluator).get(f"{API}reward-snapshots/{frozen.uid}/").json()
    assert detail["content_hash"] == frozen.content_hash and len(detail["data"]["units"]) == 3
    listed = rows(api(admin).get(f"{API}reward-snapshots/", {"year": 2025}))
    assert [s["uid"] for s in listed] == [str(frozen.uid)] and "data" not in listed[0]
    assert api(evaluator).post(f"{API}reward-snapshots/", {"year": 2025}, format="json").status_code == 403


def test_run_rules_then_decide_proposals(frozen, pimpinan, api, django_capture_on_commit_callbacks):
    client = api(pimpinan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{API}reward-snapshots/{frozen.uid}/run-rules/")
    assert response.status_code == 202
    run = client.get(f"{API}reward-rule-runs/{response.json()['uid']}/").json()
    assert run["status"] == "done" and run["proposals_created"] == 9
    pending = rows(client.get(f"{API}reward-proposals/", {"status": "pending", "snapshot": str(frozen.uid)}))
    assert len(pending) == 9
    piagam = Proposal.objects.get(rule_code="peringkat_1_3", unit__code="1.02.01")
    accepted = client.post(
        f"{API}reward-proposals/{piagam.uid}/accept/",
        {"sk_number": "003/2025", "sk_date": "2025-04-21", "effective_start": "2025-04-21"},
        format="json",
    )
    assert accepted.status_code == 201 and accepted.json()["kind"] == "piagam_penghargaan"
    assert client.get(f"{API}reward-proposals/{piagam.uid}/").json()["decision"] == accepted.json()["uid"]
    late = Proposal.objects.get(rule_code="terlambat_3_kali", unit__code="1.01.01")
    changed = client.post(
        f"{API}reward-proposals/{late.uid}/change/",
        {"kind": "teguran_tertulis", "sk_number": "004/2025", "sk_date": "2025-04-21",
         "effective_start": "2025-04-21", "reason": "Dua bulan tidak melapor."},
        format="json",
    )  # fmt: skip
    assert changed.status_code == 201 and changed.json()["kind"] == "teguran_tertulis"
    cd = Proposal.objects.get(rule_code="predikat_c_d")
    no_reason = client.post(f"{API}reward-proposals/{cd.uid}/reject/", {"reason": ""}, format="json")
    assert no_reason.status_code == 400 and "Alasan penolakan wajib diisi" in no_reason.json()["reason"][0]
    rejected = client.post(f"{API}reward-proposals/{cd.uid}/reject/", {"reason": "Unit baru."}, format="json")
    assert rejected.json()["status"] == "rejected"


def test_admin_reads_proposals_but_cannot_decide(frozen, admin, api):
    services.rule_run_execute(services.rule_run_request(user=admin, snapshot=frozen).pk)
    proposal = Proposal.objects.first()
    assert api(admin).get(f"{API}reward-proposals/{proposal.uid}/").status_code == 200
    response = api(admin).post(f"{API}reward-proposals/{proposal.uid}/reject/", {"reason": "x"}, format="json")
    assert response.status_code == 403


def test_rules_crud(rewards_world, admin, pimpinan, api):
    client = api(admin)
    assert len(client.post(f"{API}reward-rules/install-defaults/").json()) == 6
    definition = {"conditions": [{"metric": "kepuasan", "comparator": "<", "threshold": "50"}],
                  "outcome": {"type": "teguran_lisan"}}  # fmt: skip
    bad = client.post(f"{API}reward-rules/", {"code": "x", "name": "X", "definition": definition}, format="json")
    assert bad.status_code == 400 and "Metrik “kepuasan” tidak dikenal." in bad.json()["definition"]
    definition["conditions"][0]["metric"] = "nilai_akip"
    made = client.post(f"{API}reward-rules/", {"code": "x", "name": "X", "definition": definition}, format="json")
    assert made.status_code == 201
    uid = made.json()["uid"]
    updated = client.put(f"{API}reward-rules/{uid}/", {"code": "x", "name": "X baru", "definition": definition,
                                                        "is_active": True, "order": 5}, format="json")  # fmt: skip
    assert updated.json()["name"] == "X baru"
    assert (
        client.post(f"{API}reward-rules/{uid}/toggle/", {"is_active": False}, format="json").json()["is_active"]
        is False
    )
    assert api(pimpinan).delete(f"{API}reward-rules/{uid}/").status_code == 403
    assert client.delete(f"{API}reward-rules/{uid}/").status_code == 204
    assert RewardRule.objects.count() == 6


def test_issue_respond_revoke(frozen, pimpinan, operator_a, operator_b, api):
    payload = {"kind": "pemotongan_tpp", "unit": str(frozen.data["units"][1]["unit_uid"]), "snapshot": str(frozen.uid),
               "sk_number": "800/5/2025", "sk_date": "2025-04-21", "effective_start": "2025-05-01",
               "basis_text": "Capaian rendah.", "percent": "150", "months": 3}  # fmt: skip
    bad = api(pimpinan).post(f"{API}reward-decisions/", payload, format="json")
    assert bad.status_code == 400 and "paling tinggi 100" in bad.json()["percent"][0]
    no_basis = api(pimpinan).post(f"{API}reward-decisions/", {**payload, "percent": "25", "snapshot": None},
                                  format="json")  # fmt: skip
    assert no_basis.status_code == 400 and "snapshot" in no_basis.json()
    assert not Decision.objects.exists()
    made = api(pimpinan).post(f"{API}reward-decisions/", {**payload, "percent": "25"}, format="json")
    assert made.status_code == 201 and made.json()["effective_end"] == "2025-07-31"
    uid = made.json()["uid"]
    assert (
        api(operator_a).post(f"{API}reward-decisions/", {**payload, "percent": "25"}, format="json").status_code == 403
    )
    assert api(operator_b).get(f"{API}reward-decisions/{uid}/").status_code == 404
    answered = api(operator_a).post(f"{API}reward-decisions/{uid}/respond/", {"text": "Kami keberatan."}, format="json")
    assert answered.status_code == 200 and answered.json()["response"] == "Kami keberatan."
    revoked = api(pimpinan).post(f"{API}reward-decisions/{uid}/revoke/", {"reason": "Dikoreksi."}, format="json")
    assert revoked.json()["status"] == "revoked"
    assert [d["uid"] for d in rows(api(operator_a).get(f"{API}reward-decisions/", {"status": "revoked"}))] == [uid]
    assert rows(api(operator_b).get(f"{API}reward-decisions/")) == []


def test_list_queries_are_pinned(frozen, pimpinan, pemda, api, django_assert_max_num_queries):
    import datetime as dt

    services.rule_run_execute(services.rule_run_request(user=pimpinan, snapshot=frozen).pk)
    for proposal in Proposal.objects.filter(status="pending")[:6]:
        services.proposal_accept(user=pimpinan, proposal=proposal, sk_number=f"SK-{proposal.pk}",
                                 sk_date=dt.date(2025, 4, 21), effective_start=dt.date(2025, 5, 1))  # fmt: skip
    client = api(pimpinan)
    client.get(f"{API}reward-rules/")  # the session is saved once after login
    for url, limit in (
        ("reward-decisions/", 8),
        ("reward-proposals/", 8),
        ("reward-snapshots/", 8),
        ("reward-rules/", 8),
        ("reward-rule-runs/", 8),
    ):
        with django_assert_max_num_queries(limit):
            assert client.get(f"{API}{url}").status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(f"{API}reward-rankings/", {"year": 2025}).status_code == 200
