# ruff: noqa: F811  (fixtures imported from realisation_factories)
"""Query counts pinned: the entry grid of a unit with 40 indicators and the Pemda data of 60 units ×
12 months do not grow with the data."""

import datetime as dt
from decimal import Decimal as D

import pytest

from agreements.models import Indicator
from evaluations import capaian, imports, periods
from evaluations.models import PeriodReport, Realisation
from tests.factories import UnitFactory

from .realisation_factories import signed_pk


def _fill_year(year, units_with_pk, months=12):
    month_periods = list(year.periods.filter(kind="month").order_by("number"))[:months]
    reports = PeriodReport.objects.bulk_create(
        [
            PeriodReport(
                pemda_id=unit.pemda_id,
                unit=unit,
                period=p,
                deadline=periods.deadline_for(p.end_date, 10),
                status=PeriodReport.Status.ACCEPTED,
            )
            for unit, _pk in units_with_pk
            for p in month_periods
        ]
    )
    by_unit = {}
    for report in reports:
        by_unit.setdefault(report.unit_id, []).append(report)
    rows = []
    for unit, pk in units_with_pk:
        indicators = list(Indicator.objects.filter(sasaran__agreement=pk))
        for i, report in enumerate(by_unit[unit.pk]):
            for indicator in indicators:
                rows.append(
                    Realisation(
                        pemda_id=unit.pemda_id,
                        report=report,
                        indicator=indicator,
                        indicator_lineage=indicator.lineage,
                        value=D(20 + i * 5),
                    )
                )
    Realisation.objects.bulk_create(rows)
    return by_unit


def _grid_queries(year, unit, count, django_assert_max_num_queries):
    pk = signed_pk(year, unit, count=count, sasaran_count=4)
    reports = _fill_year(year, [(unit, pk)], months=6)
    report = PeriodReport.objects.select_related("unit", "period__fiscal_year", "pemda").get(pk=reports[unit.pk][-1].pk)
    with django_assert_max_num_queries(9) as ctx:
        rows = capaian.grid_rows(report)
    assert len(rows) == count
    return len(ctx.captured_queries), rows


def test_entry_grid_of_40_indicators_runs_a_fixed_number_of_queries(
    year, unit_a, unit_b, django_assert_max_num_queries
):
    small, _rows = _grid_queries(year, unit_b, 2, django_assert_max_num_queries)
    large, rows = _grid_queries(year, unit_a, 40, django_assert_max_num_queries)
    assert large == small
    row = rows[0]
    assert row.value == D(45) and len(row.earlier) == 5 and row.capaian.display is not None


def test_template_of_40_indicators_runs_a_fixed_number_of_queries(year, unit_a, django_assert_max_num_queries):
    pk = signed_pk(year, unit_a, count=40)
    report = PeriodReport.objects.create(
        pemda_id=unit_a.pemda_id,
        unit=unit_a,
        period=year.periods.get(kind="month", number=1),
        deadline=dt.date(2025, 2, 10),
    )
    report = PeriodReport.objects.select_related("unit", "period__fiscal_year", "pemda").get(pk=report.pk)
    assert pk
    with django_assert_max_num_queries(9):
        imports.realisation_template_xlsx(report)


@pytest.mark.parametrize("units", [3, 60])
def test_pemda_capaian_of_60_units_by_12_months_runs_a_fixed_number_of_queries(
    pemda, year, units, django_assert_max_num_queries
):
    made = []
    for i in range(units):
        unit = UnitFactory(pemda=pemda, name=f"Unit Uji {i}", code=f"9.{i:02d}")
        made.append((unit, signed_pk(year, unit, count=3)))
    _fill_year(year, made)
    period = year.periods.get(kind="month", number=12)
    with django_assert_max_num_queries(8):
        result = capaian.pemda_capaian(pemda, year, period)
    assert len([u for u in result.units if u.agreement]) == units
    assert sum(count for _band, count in result.distribution) == units * 3


def test_year_export_runs_a_fixed_number_of_queries(pemda, year, admin, django_assert_max_num_queries):
    made = []
    for i in range(10):
        unit = UnitFactory(pemda=pemda, name=f"Unit Ekspor {i}", code=f"8.{i:02d}")
        made.append((unit, signed_pk(year, unit, count=4)))
    _fill_year(year, made, months=3)
    with django_assert_max_num_queries(8):
        imports.realisation_export_year(year, admin)
