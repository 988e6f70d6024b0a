"""Fixtures of the PK tests: a year, a draft PK of unit A with content, helpers to move it on."""

import datetime as dt
from decimal import Decimal as D

import pytest

from agreements import services


@pytest.fixture
def draft_a(year, unit_a, operator_a):
    """PK 2025 of unit A (Dinas Kesehatan): one sasaran, two indicators with consistent targets, one program."""
    pk = services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_a)
    s = services.sasaran_create(agreement=pk, name="Meningkatnya derajat kesehatan masyarakat", by=operator_a)
    services.indicator_create(
        sasaran=s,
        data={
            "name": "Prevalensi stunting",
            "satuan": "%",
            "polarity": "negative",
            "period_rule": "last",
            "is_iku": True,
            "target": D("14.5"),
        },
        quarter_targets=[D("17"), D("16"), D("15.2"), D("14.5")],
        by=operator_a,
    )
    services.indicator_create(
        sasaran=s,
        data={"name": "Jumlah puskesmas terakreditasi", "satuan": "unit", "period_rule": "cumulative", "target": 8},
        quarter_targets=[1, 2, 2, 3],
        by=operator_a,
    )
    services.program_create(
        agreement=pk,
        data={"code": "1.02.02", "name": "Program Pemenuhan Upaya Kesehatan", "budget": D("1250000000")},
        by=operator_a,
    )
    return pk


@pytest.fixture
def submitted_a(draft_a, operator_a):
    return services.agreement_submit(agreement=draft_a, by=operator_a)


@pytest.fixture
def approved_a(submitted_a, kepala_a):
    return services.agreement_approve(agreement=submitted_a, by=kepala_a)


@pytest.fixture
def signed_a(approved_a, pimpinan):
    return services.agreement_sign(agreement=approved_a, by=pimpinan, signed_on=dt.date(2025, 1, 20))
