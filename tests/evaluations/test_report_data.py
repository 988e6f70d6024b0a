"""Figures of the monthly evaluation report (evaluations.report_data), on a small world:

* unit A (Dinas Kesehatan): two last-value IKU (month target 25 each, the quarter level);
  February 25 / 20 (capaian 100 / 80, unit 90), March 25 / 10 (100 / 40, unit 70: one red
  indicator with kendala and upaya), both reports on time;
* unit B (Kecamatan Astambul): no PK, no report: it did not report March;
* a decision with its SK dated in March, an open follow-up of a published evaluation (plus one
  finished and one of an unpublished evaluation, both left out).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine

from evaluations import report_data
from evaluations.lke_models import Evaluation, Recommendation
from evaluations.models import Realisation
from evaluations.report_documents import content_hash
from tests.evaluations.realisation_factories import indicators_of, signed_pk
from tests.factories import UnitFactory, make_year
from tests.rewards.factories import NOW, month, published, report
from tests.rewards.test_pages_decisions_fixtures import issue, make_snapshot

TODAY = dt.date(2025, 4, 20)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _pk(year, unit, n=2):
    return signed_pk(
        year,
        unit,
        indicators=[
            {"name": f"Indikator {i + 1}", "target": D(100), "quarters": [D(25), D(50), D(75), D(100)]}
            for i in range(n)
        ],
    )


def build_world(year, unit_a, unit_b, pimpinan):
    ind1, ind2 = indicators_of(_pk(year, unit_a))
    report(unit_a, month(year, 2), values=[(ind1, "25"), (ind2, "20")])
    march = report(unit_a, month(year, 3), values=[(ind1, "25"), (ind2, "10")])
    Realisation.objects.filter(report=march, indicator=ind2).update(
        kendala="Vaksin terlambat datang", upaya="Koordinasi dengan dinas provinsi"
    )
    evaluation = published(unit_a, year, "70.00", "BB")
    hidden = published(unit_b, year, "60.00", "B", status=Evaluation.Status.EVALUATING)
    common = {"pemda": unit_a.pemda, "due_date": dt.date(2025, 6, 30)}
    Recommendation.objects.create(evaluation=evaluation, owner=unit_a, text="Agar IKU direviu", **common)
    Recommendation.objects.create(
        evaluation=evaluation, owner=unit_a, text="Agar selesai", status=Recommendation.Status.SELESAI, **common
    )
    Recommendation.objects.create(evaluation=hidden, owner=unit_b, text="Agar belum terbit", **common)
    snapshot = make_snapshot(unit_a.pemda, pimpinan, unit_a, unit_b, year=2025)
    issue(pimpinan, unit_a, snapshot, sk_number="800/15/BKPSDM/2025", sk_date=dt.date(2025, 3, 14),
          effective_start=dt.date(2025, 4, 1))  # fmt: skip
    issue(pimpinan, unit_b, snapshot, sk_number="800/16/BKPSDM/2025", sk_date=dt.date(2025, 4, 2),
          effective_start=dt.date(2025, 4, 2))  # fmt: skip


@pytest.fixture
def world(clock, pemda, year, unit_a, unit_b, pimpinan):
    build_world(year, unit_a, unit_b, pimpinan)
    return report_data.monthly_data(pemda, 2025, 3, today=TODAY)


def test_month_period_and_units(world, unit_a, unit_b):
    assert world.month_label == "Maret 2025"
    assert world.period.number == 3 and world.previous_period.number == 2
    assert [row.unit for row in world.units] == [unit_a, unit_b]
    a, b = world.units
    assert (a.capaian, a.previous, a.change) == (D("70.00"), D("90.00"), D("-20.00"))
    assert a.category.code == "sedang" and a.state == "on_time" and a.reported
    assert b.capaian is None and not b.has_pk and b.state == "missing" and not b.reported


def test_summary_figures(world):
    counts = {band.code if band else None: n for band, n in world.distribution}
    assert counts == {"sangat_tinggi": 1, "tinggi": 0, "sedang": 0, "rendah": 0, "sangat_rendah": 1, None: 0}
    assert (world.average, world.previous_average, world.change) == (D("70.00"), D("90.00"), D("-20.00"))
    # March: A on time, B missing -> 50 %; the year to March: A 2 of 3 (January missing), B 0 of 3.
    assert world.period_rates.timeliness == D("50.00")
    assert world.year_rates.timeliness == D("33.33")
    assert [(p.period.number, p.average, p.on_time) for p in world.trend] == [
        (1, None, D("0.00")),
        (2, D("90.00"), D("50.00")),
        (3, D("70.00"), D("50.00")),
    ]


def test_red_list_and_not_reported(world, unit_a, unit_b):
    assert [row.unit for row in world.red_units] == [unit_a]
    ((row, indicator),) = world.red_list
    assert indicator.name == "Indikator 2" and indicator.capaian == D("40.00")
    assert indicator.kendala == "Vaksin terlambat datang" and indicator.upaya == "Koordinasi dengan dinas provinsi"
    assert [row.unit for row in world.not_reported] == [unit_b]


def test_ranking_followups_and_decisions(world, unit_a, unit_b):
    a, b = world.units
    assert [(e["rank"], e["unit"]) for e in world.ranking][:1] == [(1, unit_a)]
    assert a.rank == 1 and a.score is not None
    assert [r.text for r in world.followups] == ["Agar IKU direviu"]
    assert len(a.followups) == 1 and b.followups == []
    assert [d.sk_number for d in world.decisions] == ["800/15/BKPSDM/2025"]
    assert [d.sk_number for d in a.decisions] == ["800/15/BKPSDM/2025"] and b.decisions == []


def test_figures_are_json_and_stable(world, pemda, unit_a):
    import json

    data = report_data.figures(world)
    json.dumps(data)  # JSON-serialisable as is
    assert data["not_reported"] == ["7.01.02"] and data["average"] == "70.00"
    unit = report_data.unit_figures(world, unit_a.pk)
    assert unit["unit"]["capaian"] == "70.00" and unit["unit"]["red"] == 1
    again = report_data.monthly_data(pemda, 2025, 3, today=TODAY)
    assert content_hash(report_data.figures(again)) == content_hash(data)
    assert content_hash(report_data.unit_figures(again, unit_a.pk)) == content_hash(unit)


def test_first_period_has_no_change(clock, pemda, year, unit_a, unit_b, pimpinan):
    build_world(year, unit_a, unit_b, pimpinan)
    data = report_data.monthly_data(pemda, 2025, 1, today=TODAY)
    assert data.previous_period is None and data.change is None
    assert all(row.change is None for row in data.units)


def test_quarterly_reporting_uses_the_latest_ended_quarter(pemda):
    fy = make_year(pemda, 2025)
    fy.frequency = "quarterly"
    fy.save()
    data = report_data.monthly_data(pemda, 2025, 5, today=TODAY)
    assert data.period.kind == "quarter" and data.period.number == 1
    assert report_data.monthly_data(pemda, 2025, 2, today=TODAY).period is None


def test_no_fiscal_year_still_gives_data(pemda, unit_a):
    data = report_data.monthly_data(pemda, 2031, 3, today=TODAY)
    assert data.fiscal_year is None and data.period is None
    assert [row.unit for row in data.units] == [unit_a] and data.not_reported == []
    assert report_data.figures(data)["fiscal_year"] is False


def _units(pemda, year, n):
    for i in range(n):
        unit = UnitFactory(pemda=pemda, name=f"Dinas Tambahan {i}", code=f"9.{i:02d}")
        ind1, ind2 = indicators_of(_pk(year, unit))
        report(unit, month(year, 3), values=[(ind1, "20"), (ind2, "5")])


def _count(pemda, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as ctx:
        data = report_data.monthly_data(pemda, 2025, 3, today=TODAY)
        report_data.figures(data)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_units(
    clock,
    pemda,
    year,
    unit_a,
    unit_b,
    pimpinan,
    django_assert_max_num_queries,
):
    build_world(year, unit_a, unit_b, pimpinan)
    two = _count(pemda, django_assert_max_num_queries, 80)
    _units(pemda, year, 4)
    six = _count(pemda, django_assert_max_num_queries, two)
    assert six == two
    assert two < 80, two


def test_capaian_of_every_period_equals_the_dashboards(clock, pemda, year, unit_a, unit_b, pimpinan):
    from evaluations import capaian
    from evaluations.report_data_capaian import capaian_by_period

    build_world(year, unit_a, unit_b, pimpinan)
    periods = capaian.reporting_periods(year)
    by_period, _rows = capaian_by_period(pemda, year, periods, periods[:4])
    for period in periods[:4]:
        expected, got = capaian.pemda_capaian(pemda, year, period), by_period[period.pk]
        assert got.aggregate == expected.aggregate and got.distribution == expected.distribution
        assert [u.aggregate for u in got.units] == [u.aggregate for u in expected.units]
