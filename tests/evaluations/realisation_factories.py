"""Fast builders for realisation tests: a signed PK written straight to the database (the PK
workflow itself is tested in tests/agreements), with consistent quarter targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from agreements.models import Agreement, Indicator, IndicatorTarget, Sasaran


def signed_pk(fiscal_year, unit, *, indicators=None, count: int = 0, sasaran_count: int = 1) -> Agreement:
    """A signed PK version 1 of ``unit``. ``indicators``: list of dicts (name, polarity, period_rule,
    target, quarters, months, allow_negative, is_iku); or ``count`` generic positive last-value ones."""
    agreement = Agreement.objects.create(
        pemda_id=unit.pemda_id,
        fiscal_year=fiscal_year,
        unit=unit,
        version=1,
        status=Agreement.Status.SIGNED,
        signed_on=dt.date(fiscal_year.year, 1, 20),
    )
    sasaran = [
        Sasaran.objects.create(pemda_id=unit.pemda_id, agreement=agreement, order=i, name=f"Sasaran {i + 1}")
        for i in range(sasaran_count)
    ]
    specs = list(indicators or [])
    specs += [
        {"name": f"Indikator {i + 1}", "target": D(100), "quarters": [D(25), D(50), D(75), D(100)]}
        for i in range(count)
    ]
    targets = []
    for i, spec in enumerate(specs):
        ind = Indicator.objects.create(
            pemda_id=unit.pemda_id,
            sasaran=sasaran[i % len(sasaran)],
            order=i,
            name=spec["name"],
            satuan=spec.get("satuan", "%"),
            polarity=spec.get("polarity", "positive"),
            period_rule=spec.get("period_rule", "last"),
            is_iku=spec.get("is_iku", True),
            target=spec.get("target"),
            target_low=spec.get("low"),
            target_high=spec.get("high"),
            weight=spec.get("weight"),
            allow_negative=spec.get("allow_negative", False),
        )
        for n, value in enumerate(spec.get("quarters") or [], start=1):
            targets.append(IndicatorTarget(indicator=ind, kind="quarter", number=n, value=value))
        for n, value in enumerate(spec.get("months") or [], start=1):
            targets.append(IndicatorTarget(indicator=ind, kind="month", number=n, value=value))
    IndicatorTarget.objects.bulk_create(targets)
    return agreement


def indicators_of(agreement: Agreement) -> list[Indicator]:
    return list(Indicator.objects.filter(sasaran__agreement=agreement).order_by("sasaran__order", "order"))


# --- fixtures (import them into a test module to use them) -----------------------------------

import pytest  # noqa: E402
import time_machine  # noqa: E402

# 5 April 2025, 11.00 WITA (the test Pemda): March 2025 is open (deadline 10 April, grace 5 days: locked from 16 April).
IN_MARCH_WINDOW = dt.datetime(2025, 4, 5, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(IN_MARCH_WINDOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pk_a(year, unit_a):
    """Unit A's signed PK 2025: stunting (negative, last value), a cumulative count, a positive rate."""
    return signed_pk(
        year,
        unit_a,
        indicators=[
            {
                "name": "Prevalensi stunting",
                "polarity": "negative",
                "target": D("14"),
                "quarters": [D(17), D(16), D(15), D(14)],
            },
            {
                "name": "Jumlah puskesmas terakreditasi",
                "satuan": "unit",
                "period_rule": "cumulative",
                "target": D(12),
                "quarters": [D(3), D(3), D(3), D(3)],
            },
            {"name": "Cakupan imunisasi", "target": D(95), "quarters": [D(90), D(92), D(94), D(95)]},
        ],
    )


@pytest.fixture
def march(year):
    return year.periods.get(kind="month", number=3)


@pytest.fixture
def report_a(clock, pk_a, unit_a, march, operator_a):
    from evaluations import services

    return services.report_get_or_create(unit=unit_a, period=march, by=operator_a)
