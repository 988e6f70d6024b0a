"""Builders for rewards tests: published LKE scores, signed PKs with realisations, period reports.

The LKE and realisation workflows are tested in tests/evaluations; here the records are written
straight to the database with the same shape those workflows leave behind.

``rewards_world`` (fixture): the personas' Pemda with 2024 and 2025, three ranked units

* unit A (Dinas Kesehatan, category ``pd``): AKIP 2025 80,50 (BB), 2024 70,00; capaian Jan–Mar 2025
  40/40/40 % (one last-value IKU, quarter target 25 → 10 realised), every report on time;
* unit C (Dinas Pendidikan, ``pd``): AKIP 2025 65,00 (B), 2024 66,00; capaian 120 %; January late,
  February and March never submitted;
* unit B (Kecamatan Astambul, ``kecamatan``): AKIP 2025 45,00 (C), no 2024 score, no PK.

The clock is frozen at 20 April 2025 (March due on 10 April), so Jan–Mar are due.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
import time_machine

from evaluations import periods as period_rules
from evaluations.lke_models import Evaluation, EvaluationRound
from evaluations.models import PeriodReport, Realisation
from sakip.core.models import Period
from tests.evaluations.lke_factories import make_template
from tests.evaluations.realisation_factories import indicators_of, signed_pk
from tests.factories import UnitFactory, UnitHeadFactory, make_year

NOW = dt.datetime(2025, 4, 20, 3, 0, tzinfo=dt.UTC)  # 20 April 2025, 11.00 WITA


def published(unit, fiscal_year, score, predicate, *, status=Evaluation.Status.PUBLISHED, template=None):
    """A published (or ``status``) evaluation of ``unit`` in the round of ``fiscal_year``."""
    round = EvaluationRound.objects.filter(pemda_id=unit.pemda_id, fiscal_year=fiscal_year).first()
    if round is None:
        y = fiscal_year.year + 1
        round = EvaluationRound.objects.create(
            pemda_id=unit.pemda_id,
            fiscal_year=fiscal_year,
            template=template or make_template(unit.pemda, name=f"LKE {fiscal_year.year}", version=fiscal_year.year),
            name=f"LKE {fiscal_year.year}",
            status=EvaluationRound.Status.OPEN,
            self_start=dt.date(y, 1, 2), self_end=dt.date(y, 1, 31), eval_start=dt.date(y, 2, 1),
            eval_end=dt.date(y, 2, 28), review_start=dt.date(y, 3, 1), review_end=dt.date(y, 3, 15),
            response_start=dt.date(y, 3, 16), response_end=dt.date(y, 3, 31),
        )  # fmt: skip
    return Evaluation.objects.create(
        pemda_id=unit.pemda_id, round=round, unit=unit, status=status, score=D(score), predicate=predicate
    )


def report(unit, period, *, late=False, status=PeriodReport.Status.SUBMITTED, values=()):
    """A period report (submitted unless ``status``) with ``values``: [(indicator, value)]."""
    fiscal_year = period.fiscal_year
    deadline = period_rules.deadline_for(period.end_date, fiscal_year.deadline_day)
    submitted = dt.datetime.combine(deadline + dt.timedelta(days=3 if late else -2), dt.time(3), dt.UTC)
    rep = PeriodReport.objects.create(
        pemda_id=unit.pemda_id,
        unit=unit,
        period=period,
        status=status,
        deadline=deadline,
        is_late=late,
        submitted_at=None if status == PeriodReport.Status.DRAFT else submitted,
    )
    for indicator, value in values:
        Realisation.objects.create(
            pemda_id=unit.pemda_id,
            report=rep,
            indicator=indicator,
            indicator_lineage=indicator.lineage,
            value=None if value is None else D(value),
        )
    return rep


def month(fiscal_year, number: int) -> Period:
    return fiscal_year.periods.get(kind="month", number=number)


@pytest.fixture
def rewards_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def unit_c(pemda):
    unit = UnitFactory(pemda=pemda, name="Dinas Pendidikan", short_name="Disdik", code="1.01.01")
    UnitHeadFactory(unit=unit, name="Drs. Kepala Disdik", nip="197501012000031003", start_date=dt.date(2020, 1, 1))
    return unit


@pytest.fixture
def year_2024(pemda):
    return make_year(pemda, 2024, current=False)


@pytest.fixture
def rewards_world(rewards_clock, pemda, year, year_2024, unit_a, unit_b, unit_c):
    template = make_template(pemda, name="LKE uji")
    published(unit_a, year, "80.50", "BB", template=template)
    published(unit_c, year, "65.00", "B", status=Evaluation.Status.FINAL)
    published(unit_b, year, "45.00", "C")
    published(unit_a, year_2024, "70.00", "B", template=template)
    published(unit_c, year_2024, "66.00", "B")
    pk_a = signed_pk(year, unit_a, count=1)
    pk_c = signed_pk(year, unit_c, count=1)
    (ind_a,) = indicators_of(pk_a)
    (ind_c,) = indicators_of(pk_c)
    for n in (1, 2, 3):
        report(unit_a, month(year, n), values=[(ind_a, "10")])
    report(unit_c, month(year, 1), late=True, values=[(ind_c, "40")])
    return SimpleNamespace(year=year, year_2024=year_2024, units=(unit_a, unit_b, unit_c), ind_a=ind_a, ind_c=ind_c)
