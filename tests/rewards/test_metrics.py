# ruff: noqa: F811  (fixtures imported from tests/rewards/factories.py)
"""Figures of rankings gathered from realisation and evaluation data (rewards/metrics.py), and the
ranking data built from them."""

from decimal import Decimal as D

import pytest

from evaluations.lke_models import Evaluation
from rewards import metrics, selectors
from rewards.ranking import UnitMetrics
from tests.rewards.factories import month, published, report, rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db


def by_code(rows):
    return {row.unit_key: row for row in rows}


def test_unit_metrics_from_published_scores_capaian_and_reports(rewards_world, pemda):
    rows = by_code(metrics.unit_metrics(pemda, 2025))
    assert list(rows) == ["1.01.01", "1.02.01", "7.01.02"]  # unit code order
    a, b, c = rows["1.02.01"], rows["7.01.02"], rows["1.01.01"]
    assert isinstance(a, UnitMetrics)
    assert (a.akip, a.previous_akip, a.predicate) == (D("80.50"), D("70.00"), "BB")
    assert (c.akip, c.previous_akip, c.predicate) == (D("65.00"), D("66.00"), "B")  # final counts too
    assert (b.akip, b.previous_akip, b.predicate) == (D("45.00"), None, "C")
    assert (a.category, b.category, c.category) == ("pd", "kecamatan", "pd")
    # capaian: one last-value IKU, quarter target 25 per month of Q1; A realised 10 → 40 %, C 40 → 160 capped 120
    assert a.capaian == D(40) and a.has_pk and a.pk_missed is True
    assert c.capaian == D(120) and c.pk_missed is False
    assert b.capaian is None and not b.has_pk and b.pk_missed is None  # not assessed: never a trigger
    assert a.monthly_capaian[:4] == (D(40), D(40), D(40), None) and len(a.monthly_capaian) == 12
    # Jan–Mar due by 20 April: A all on time; C one late and two never submitted
    assert (a.on_time, a.late_count, a.due_count) == (D(100), 0, 3)
    assert (c.on_time, c.late_count, c.due_count) == (D(0), 3, 3)
    assert (b.on_time, b.late_count) == (D(0), 3)


def test_unpublished_evaluation_is_missing(rewards_world, pemda, unit_a):
    Evaluation.objects.filter(unit=unit_a, round__fiscal_year__year=2025).update(status=Evaluation.Status.REVIEW)
    row = by_code(metrics.unit_metrics(pemda, 2025))["1.02.01"]
    assert row.akip is None and row.predicate is None


def test_period_limits_capaian_and_timeliness(rewards_world, pemda, year):
    rows = by_code(metrics.unit_metrics(pemda, 2025, period=month(year, 1)))
    c = rows["1.01.01"]
    assert c.due_count == 1 and c.late_count == 1 and c.on_time == D(0)
    assert c.monthly_capaian[:2] == (D(120), None)


def test_units_without_ranking_category_are_left_out(rewards_world, pemda, unit_c):
    unit_c.ranking_category = None
    unit_c.save()
    assert "1.01.01" not in by_code(metrics.unit_metrics(pemda, 2025))


def test_figures_round_trip_through_json(rewards_world, pemda):
    for row in metrics.unit_metrics(pemda, 2025):
        assert metrics.UnitFigures.from_json(row.to_json()) == row


def test_live_rankings_per_category_with_breakdown(rewards_world, pemda):
    data = selectors.live_rankings(pemda, 2025)
    assert data["period"] is None and data["capaian_period"]["number"] == 3  # latest ended month by 20 April
    assert [c["code"] for c in data["rankings"]["categories"]] == ["pd", "kecamatan"]
    pd = data["rankings"]["by_category"]["pd"]
    composite = pd["komposit"]["entries"]
    # A: 80,5×0,5 + (40/120×100)×0,35 + 100×0,15 = 40,25 + 11,666… + 15 = 66,92; C: 32,5 + 35 + 0 = 67,50
    assert [(e["unit_key"], e["rank"], e["score"]) for e in composite] == [
        ("1.01.01", 1, "67.50"),
        ("1.02.01", 2, "66.92"),
    ]
    assert {p["metric"] for p in composite[0]["breakdown"]} == {"akip", "capaian", "ketepatan_waktu"}
    assert composite[0]["unit_uid"]
    improved = pd["most_improved"]["entries"]
    assert [(e["unit_key"], e["score"]) for e in improved] == [("1.02.01", "10.50"), ("1.01.01", "-1.00")]
    assert data["rankings"]["by_category"]["kecamatan"]["most_improved"]["unranked"] == ["7.01.02"]
    assert [e["unit_key"] for e in data["rankings"]["overall"]["akip"]["entries"]] == ["1.02.01", "1.01.01", "7.01.02"]


def test_unit_metrics_queries_do_not_grow_with_units(rewards_world, pemda, year, django_assert_max_num_queries):
    with django_assert_max_num_queries(14) as ctx:
        metrics.unit_metrics(pemda, 2025)
    few = len(ctx.captured_queries)
    from tests.evaluations.realisation_factories import signed_pk
    from tests.factories import UnitFactory

    for n in range(4):
        unit = UnitFactory(pemda=pemda, code=f"2.0{n}.01")
        published(unit, year, "60", "B")
        pk = signed_pk(year, unit, count=2)
        report(unit, month(year, 1), values=[(i, "5") for i in pk.sasaran.first().indicators.all()])
    with django_assert_max_num_queries(few):
        rows = metrics.unit_metrics(pemda, 2025)
    assert len(rows) == 7
    with django_assert_max_num_queries(few + 1):
        selectors.live_rankings(pemda, 2025)
