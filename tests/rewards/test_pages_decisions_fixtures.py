"""Shared data of the decision page tests (imported as fixtures by the test_pages_decisions* modules).

The snapshot is made directly (the ranking maths and ``snapshot_freeze`` are tested elsewhere);
decisions and proposal outcomes go through ``rewards.services`` as the pages do.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from rewards import services
from rewards.models import DecisionType, Proposal, RankingSnapshot, Target

SK_DATE = dt.date(2026, 3, 2)


def make_snapshot(pemda, user, *units, year=2025, title="Peringkat 2025 (dibekukan 2 Maret 2026)"):
    rows = [
        {"unit_id": u.pk, "unit_uid": str(u.uid), "unit_name": u.name, "category": "pd",
         "category_name": "Perangkat Daerah", "akip": "72.50", "capaian": "91.20", "on_time": "100.00"}
        for u in units
    ]  # fmt: skip
    return RankingSnapshot.objects.create(
        pemda=pemda, year=year, title=title, weights={"akip": "50", "capaian": "35", "ketepatan_waktu": "15"},
        data={"units": rows, "rankings": {}}, content_hash="a" * 64, frozen_at=timezone.now(), frozen_by=user,
    )  # fmt: skip


def make_proposal(snapshot, unit, *, kind=DecisionType.PENUNDAAN_TPP, parameters=None, basis=None, code="capaian_50"):
    default_basis = [
        {"metric": "capaian_bulanan", "value": "41.5", "months": [7, 8, 9], "text": "Capaian Juli–September < 50%"}
    ]
    return Proposal.objects.create(
        pemda=snapshot.pemda, snapshot=snapshot, rule_code=code, unit=unit, kind=kind,
        rule_name="Capaian di bawah 50% tiga bulan berturut-turut",
        parameters=parameters if parameters is not None else {"bulan": 1},
        basis=basis if basis is not None else default_basis,
    )  # fmt: skip


def issue(user, unit, snapshot, **overrides):
    data = {
        "pemda": unit.pemda, "kind": DecisionType.PEMOTONGAN_TPP, "unit": unit, "snapshot": snapshot,
        "sk_number": "188.45/12/KUM/2026", "sk_date": SK_DATE, "basis_text": "capaian kinerja triwulan III rendah",
        "effective_start": dt.date(2026, 4, 1), "percent": Decimal("25"), "months": 3, "response_days": 14,
        "basis": [{"metric": "capaian", "value": "45.10", "months": [], "text": "Capaian rata-rata 45,10%"}],
    }  # fmt: skip
    data.update(overrides)
    return services.decision_issue(user=user, **data)


@pytest.fixture
def snapshot(pemda, pimpinan, unit_a, unit_b, year):
    return make_snapshot(pemda, pimpinan, unit_a, unit_b)


@pytest.fixture
def proposal_a(snapshot, unit_a):
    return make_proposal(snapshot, unit_a)


@pytest.fixture
def decision_a(pimpinan, unit_a, snapshot):
    return issue(pimpinan, unit_a, snapshot)


@pytest.fixture
def award_a(pimpinan, unit_a, snapshot):
    return issue(
        pimpinan, unit_a, snapshot, kind=DecisionType.PIAGAM, percent=None, months=None, sk_number="188.45/13/KUM/2026",
        basis=[{"metric": "peringkat", "value": 1, "months": [], "text": "Peringkat 1 kategori Perangkat Daerah"}],
        basis_text="Dinas Kesehatan meraih peringkat pertama", target=Target.UNIT,
    )  # fmt: skip
