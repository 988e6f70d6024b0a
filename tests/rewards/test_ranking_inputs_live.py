"""Live rankings, snapshots, pages and the rule input with the issue #9 metrics (assessments and
obligation compliance; the obligations module is stubbed so the figures are exact)."""

# ruff: noqa: F811  (fixtures imported from tests.rewards.factories)

from __future__ import annotations

import io
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rewards import selectors, services
from rewards import services_assessments as svc
from rewards.models import AssessmentType, RankingSnapshot
from rewards.services_rankings import snapshot_to_rules_input
from tests.rewards.factories import rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db

WEIGHTS = {"akip": 40, "capaian": 20, "ketepatan_waktu": 10, "penilaian_spip": 20, "kepatuhan_kewajiban": 10}


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def stub_obligations(monkeypatch, rewards_world):
    """Obligation figures per unit: A 50 % (2 missed), C 100 % (0), B nothing due."""
    a, b, c = rewards_world.units
    figures = {
        a.pk: {"kepatuhan_kewajiban": D("50"), "kewajiban_tidak_dipenuhi": 2},
        c.pk: {"kepatuhan_kewajiban": D("100"), "kewajiban_tidak_dipenuhi": 0},
        b.pk: {"kepatuhan_kewajiban": None, "kewajiban_tidak_dipenuhi": 0},
    }
    calls = []

    def fake(pemda, year, *, through_month=None, today=None):
        calls.append((year, through_month))
        return figures

    monkeypatch.setattr("rewards.selectors_obligations.obligation_metrics", fake)
    return calls


@pytest.fixture
def inputs(rewards_world, stub_obligations, admin, pemda):
    a, b, c = rewards_world.units
    svc.ensure_default_types(pemda)
    spip = AssessmentType.objects.get(pemda=pemda, code="spip")
    svc.assessment_save(user=admin, unit=a, assessment_type=spip, year=2025, value="3")
    svc.assessment_save(user=admin, unit=c, assessment_type=spip, year=2025, value="4")
    services.weights_save(user=admin, pemda=pemda, year=2025, weights=WEIGHTS)
    return rewards_world


def test_live_ranking_uses_assessments_and_obligations(inputs, pemda, stub_obligations):
    data = selectors.live_rankings(pemda, 2025)
    assert data["weights"] == {k: str(D(v)) for k, v in WEIGHTS.items()}
    assert {m["code"]: m["label"] for m in data["rankings"]["metrics"]} == {
        "penilaian_spip": "Maturitas SPIP",
        "kepatuhan_kewajiban": "Kepatuhan kewajiban",
    }
    units = {u["unit_key"]: u for u in data["units"]}
    a, _b, c = inputs.units
    assert units[a.code]["extra"] == {
        "kepatuhan_kewajiban": "50",
        "kewajiban_tidak_dipenuhi": 2,
        "penilaian_spip": "3.00",
    }
    pd = data["rankings"]["by_category"][c.ranking_category.code]["komposit"]["entries"]
    # A: 80,5×0,4 + (40/120×100)×0,2 + 100×0,1 + 60×0,2 + 50×0,1 = 32,2 + 6,667 + 10 + 12 + 5 = 65,87
    # C: 65×0,4 + 100×0,2 + on-time×0,1 + 80×0,2 + 100×0,1
    scores = {e["unit_key"]: e["score"] for e in pd}
    assert scores[a.code] == "65.87"
    parts = {p["metric"]: p for p in pd[0]["breakdown"]}
    assert set(parts) == {"akip", "capaian", "ketepatan_waktu", "penilaian_spip", "kepatuhan_kewajiban"}
    assert stub_obligations and stub_obligations[0] == (2025, None)


def test_unit_without_the_assessment_others_have_is_unranked(inputs, pemda, admin):
    a, _b, c = inputs.units
    AssessmentType.objects.get(pemda=pemda, code="spip").results.filter(unit=c).delete()
    data = selectors.live_rankings(pemda, 2025)
    ranking = data["rankings"]["by_category"][c.ranking_category.code]["komposit"]
    assert [e["unit_key"] for e in ranking["entries"]] == [a.code]
    assert ranking["unranked"] == [c.code]


def test_snapshot_stores_metrics_and_feeds_rules(inputs, pemda, pimpinan):
    snapshot = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025, title="Dengan penilaian")
    assert snapshot.weights["penilaian_spip"] == "20"
    a, _b, _c = inputs.units
    units = {u.unit_key: u for u in snapshot_to_rules_input(snapshot).units}
    assert units[a.code].extra == {
        "kepatuhan_kewajiban": D("50"),
        "kewajiban_tidak_dipenuhi": 2,
        "penilaian_spip": D("3.00"),
    }


def test_pages_show_the_new_metrics(inputs, pemda, pimpinan, admin, client_for):
    page = text(client_for(pimpinan).get(reverse("rewards:ranking_home"), {"tahun": 2025}))
    assert "Maturitas SPIP" in page and "Kepatuhan kewajiban" in page
    assert "50,00%" in page  # obligation compliance as percent in the breakdown
    snapshot = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025, title="Dengan penilaian")
    detail = text(client_for(pimpinan).get(reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid})))
    assert "Maturitas SPIP" in detail
    pdf = client_for(pimpinan).get(reverse("rewards:ranking_board_pdf", kwargs={"uid": snapshot.uid}))
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Maturitas SPIP" in words and "Kepatuhan kewajiban" in words


def test_old_snapshot_without_metrics_still_renders(inputs, pemda, pimpinan, client_for):
    snapshot = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025, title="Lama")
    data = snapshot.data
    data["rankings"].pop("metrics")
    for row in data["units"]:
        row.pop("extra")
    RankingSnapshot.objects.filter(pk=snapshot.pk).update(data=data)
    response = client_for(pimpinan).get(reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid}))
    assert response.status_code == 200
    assert "Penilaian spip" in text(response)  # a readable label from the code
    assert snapshot_to_rules_input(RankingSnapshot.objects.get(pk=snapshot.pk)).units[0].extra == {}


def test_weights_page_lists_and_saves_the_new_metrics(rewards_world, stub_obligations, admin, pemda, client_for):
    client = client_for(admin)
    page = text(client.get(reverse("rewards:weights_edit"), {"tahun": 2025}))
    for label in ("Kepatuhan Standar Pelayanan Publik", "Maturitas SPIP", "Indeks Kepuasan Masyarakat (IKM)"):
        assert label in page
    assert "Kepatuhan kewajiban" in page
    data = {"tahun": 2025, "akip": "50", "capaian": "30", "ketepatan_waktu": "10", "penilaian_ikm": "5"}
    refused = client.post(reverse("rewards:weights_edit"), data)
    assert refused.status_code == 400 and "Jumlah bobot harus 100 (sekarang 95,00)" in text(refused)
    saved = client.post(reverse("rewards:weights_edit"), data | {"kepatuhan_kewajiban": "5"})
    assert saved.status_code == 302
    assert selectors.weights_for(pemda, 2025) == {
        "akip": D(50),
        "capaian": D(30),
        "ketepatan_waktu": D(10),
        "penilaian_ikm": D(5),
        "kepatuhan_kewajiban": D(5),
    }
    again = client.get(reverse("rewards:weights_edit"), {"tahun": 2025})
    assert 'name="penilaian_ikm" value="5' in again.content.decode()


def test_ranking_api_carries_the_new_metrics(inputs, admin, pimpinan):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(pimpinan)
    data = client.get("/api/v1/reward-rankings/", {"year": 2025}).json()
    assert data["weights"]["penilaian_spip"] == "20"
    assert {m["code"] for m in data["rankings"]["metrics"]} == {"penilaian_spip", "kepatuhan_kewajiban"}
    a, _b, _c = inputs.units
    unit = next(u for u in data["units"] if u["unit_key"] == a.code)
    assert unit["extra"]["penilaian_spip"] == "3.00"
    entry = next(
        e
        for kinds in data["rankings"]["by_category"].values()
        for e in kinds["komposit"]["entries"]
        if e["unit_key"] == a.code
    )
    assert "penilaian_spip" in {p["metric"] for p in entry["breakdown"]}
    admin_client = APIClient()
    admin_client.force_authenticate(admin)
    weights = {"akip": "50", "capaian": "30", "ketepatan_waktu": "10", "penilaian_ikm": "10"}
    saved = admin_client.put("/api/v1/reward-weights/2025/", {"weights": weights}, format="json")
    assert saved.status_code == 200 and saved.json()["weights"]["penilaian_ikm"] == "10.00"
    refused = admin_client.put(
        "/api/v1/reward-weights/2025/", {"weights": weights | {"penilaian_x": "5"}}, format="json"
    )
    assert refused.status_code == 400 and "tidak dikenal" in str(refused.json())
