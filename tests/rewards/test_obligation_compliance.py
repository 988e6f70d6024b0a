"""Compliance numbers per unit and official, the ranking/rule metrics and their query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from rewards.models import Obligation, ObligationSubmission, Official
from rewards.selectors_obligations import compliance, obligation_metrics, official_monthly_misses

TODAY = dt.date(2026, 5, 10)  # Jan–Apr due for a monthly rule with offset 0


def make_obligation(pemda, code="inovasi", *, subject="pegawai", frequency="bulanan", offset=0, levels=None, units=()):
    obligation = Obligation.objects.create(
        pemda=pemda, code=code, name=code.title(), subject=subject, frequency=frequency, due_offset_days=offset,
        position_levels=levels if levels is not None else ["jpt", "administrator"], start_date=dt.date(2026, 1, 1),
    )  # fmt: skip
    obligation.units.set(units)
    return obligation


def make_official(unit, nip, level="jpt", **kwargs):
    return Official.objects.create(
        pemda_id=unit.pemda_id, unit=unit, name=f"Pegawai {nip[-3:]}", nip=nip, position_level=level, **kwargs
    )


def submit(obligation, user, *, official=None, unit=None, month=1, status="diterima", late=False, start=None):
    start = start or dt.date(2026, month, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return ObligationSubmission.objects.create(
        pemda_id=obligation.pemda_id, obligation=obligation, unit=unit or official.unit, official=official,
        period_start=start, period_end=end if obligation.frequency == "bulanan" else start + dt.timedelta(days=6),
        due_date=end, title="Inovasi", description="Uraian", status=status, submitted_by=user,
        submitted_at=timezone.now(), is_late=late,
    )  # fmt: skip


@pytest.fixture
def world(pemda, unit_a, unit_b, admin):
    innovation = make_obligation(pemda)
    ani = make_official(unit_a, "198001012005011001", "jpt")
    budi = make_official(unit_a, "198001012005011002", "administrator")
    make_official(unit_a, "198001012005011003", "pelaksana")  # level not concerned
    cici = make_official(unit_b, "198001012005011004", "administrator")
    make_official(unit_b, "198001012005011005", "jpt", is_active=False)  # inactive
    # Ani: Jan on time, Feb late, Mar returned, Apr missing; May accepted but not due yet
    submit(innovation, admin, official=ani, month=1)
    submit(innovation, admin, official=ani, month=2, late=True)
    submit(innovation, admin, official=ani, month=3, status="dikembalikan")
    submit(innovation, admin, official=ani, month=5)
    # Budi: all four accepted; Cici: Jan waiting for review, nothing else
    for month in (1, 2, 3, 4):
        submit(innovation, admin, official=budi, month=month)
    submit(innovation, admin, official=cici, month=1, status="diajukan")
    return {"innovation": innovation, "ani": ani, "budi": budi, "cici": cici}


def test_compliance_per_official_and_unit(pemda, unit_a, unit_b, world):
    data = compliance(pemda, 2026, today=TODAY)
    ani = data.officials[world["ani"].pk]
    assert (ani.due, ani.on_time, ani.late, ani.returned, ani.waiting, ani.missing) == (4, 1, 1, 1, 0, 1)
    assert ani.rate == D("50.00")
    assert data.officials[world["budi"].pk].rate == D("100.00")
    cici = data.officials[world["cici"].pk]
    assert (cici.due, cici.waiting, cici.missing, cici.rate) == (4, 1, 3, D("0.00"))
    assert len(data.officials) == 3  # the pelaksana and the inactive JPT are not concerned
    assert (data.units[unit_a.pk].due, data.units[unit_a.pk].accepted) == (8, 6)
    assert data.total.due == 12


def test_obligation_metrics(pemda, unit_a, unit_b, world, django_assert_num_queries):
    with django_assert_num_queries(5):
        metrics = obligation_metrics(pemda, 2026, today=TODAY)
    assert metrics[unit_a.pk]["kepatuhan_kewajiban"] == D("75.00")
    assert metrics[unit_a.pk]["kewajiban_tidak_dipenuhi"] == 2
    assert metrics[unit_a.pk]["kewajiban_terlambat"] == 1
    assert metrics[unit_b.pk]["kepatuhan_kewajiban"] == D("0.00")
    assert metrics[unit_b.pk]["kewajiban_tidak_dipenuhi"] == 4
    # through February: Ani 2/2, Budi 2/2
    assert obligation_metrics(pemda, 2026, through_month=2, today=TODAY)[unit_a.pk]["kepatuhan_kewajiban"] == 100
    # nothing due yet (January not over): None, never 0
    early = obligation_metrics(pemda, 2026, today=dt.date(2026, 1, 31))
    assert early[unit_a.pk] == {
        "kepatuhan_kewajiban": None, "kewajiban_tidak_dipenuhi": 0, "kewajiban_jatuh_tempo": 0,
        "kewajiban_terlambat": 0,
    }  # fmt: skip


def test_unit_obligation_weekly(pemda, unit_a, unit_b, admin):
    weekly = make_obligation(pemda, "kinerja-mingguan", subject="unit", frequency="mingguan", offset=1, units=[unit_a])
    submit(weekly, admin, unit=unit_a, start=dt.date(2026, 1, 5))
    # weeks ending in 2026 with due date before 20 Jan: ends 4 Jan (due 5), 11 Jan (12), 18 Jan (19)
    metrics = obligation_metrics(pemda, 2026, today=dt.date(2026, 1, 20))
    assert metrics[unit_a.pk]["kewajiban_jatuh_tempo"] == 3
    assert metrics[unit_a.pk]["kepatuhan_kewajiban"] == D("33.33")
    assert metrics[unit_b.pk]["kepatuhan_kewajiban"] is None  # not concerned


def test_official_monthly_misses(pemda, world, django_assert_num_queries):
    with django_assert_num_queries(5):
        misses = official_monthly_misses(pemda, 2026, "inovasi", today=TODAY)
    assert misses == {world["ani"].pk: [3, 4], world["budi"].pk: [], world["cici"].pk: [1, 2, 3, 4]}
    assert official_monthly_misses(pemda, 2026, "tidak-ada", today=TODAY) == {}


def test_queries_constant_as_rows_grow(pemda, unit_a, unit_b, world, admin, django_assert_num_queries):
    for i in range(10):
        official = make_official(unit_b, f"19900101201501{i:04d}", "jpt")
        submit(world["innovation"], admin, official=official, month=1)
    make_obligation(pemda, "kinerja", subject="unit", frequency="mingguan", levels=[])
    with django_assert_num_queries(5):
        obligation_metrics(pemda, 2026, today=TODAY)


def test_other_pemda_not_counted(pemda, other_pemda, other_unit, world, other_admin):
    foreign = make_obligation(other_pemda)
    submit(foreign, other_admin, official=make_official(other_unit, "198001012005011009"), month=1)
    assert set(obligation_metrics(pemda, 2026, today=TODAY)) == {o.unit_id for o in (world["ani"], world["cici"])}
    assert list(official_monthly_misses(other_pemda, 2026, "inovasi", today=TODAY).values()) == [[2, 3, 4]]
