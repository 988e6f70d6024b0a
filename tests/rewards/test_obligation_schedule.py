"""Due rules of obligations, table-driven (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from rewards.obligation_schedule import (
    DueRuleError,
    Occurrence,
    check_due_rule,
    is_late,
    occurrence_for,
    occurrences,
)

D = dt.date


@pytest.mark.parametrize(
    ("frequency", "offset", "start", "end", "expected"),
    [
        # weekly: Monday–Sunday, due Sunday + offset
        (
            "mingguan", 1, D(2026, 1, 1), D(2026, 1, 12),
            [
                Occurrence(D(2025, 12, 29), D(2026, 1, 4), D(2026, 1, 5)),
                Occurrence(D(2026, 1, 5), D(2026, 1, 11), D(2026, 1, 12)),
                Occurrence(D(2026, 1, 12), D(2026, 1, 18), D(2026, 1, 19)),
            ],
        ),
        ("mingguan", 0, D(2026, 3, 2), D(2026, 3, 8), [Occurrence(D(2026, 3, 2), D(2026, 3, 8), D(2026, 3, 8))]),
        # monthly: calendar month, leap February
        (
            "bulanan", 0, D(2028, 1, 15), D(2028, 3, 1),
            [
                Occurrence(D(2028, 1, 1), D(2028, 1, 31), D(2028, 1, 31)),
                Occurrence(D(2028, 2, 1), D(2028, 2, 29), D(2028, 2, 29)),
                Occurrence(D(2028, 3, 1), D(2028, 3, 31), D(2028, 3, 31)),
            ],
        ),
        (
            "bulanan", 10, D(2026, 12, 1), D(2027, 1, 1),
            [
                Occurrence(D(2026, 12, 1), D(2026, 12, 31), D(2027, 1, 10)),
                Occurrence(D(2027, 1, 1), D(2027, 1, 31), D(2027, 2, 10)),
            ],
        ),
        # quarterly
        (
            "triwulanan", 15, D(2026, 2, 1), D(2026, 7, 1),
            [
                Occurrence(D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 15)),
                Occurrence(D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 15)),
                Occurrence(D(2026, 7, 1), D(2026, 9, 30), D(2026, 10, 15)),
            ],
        ),
        # empty range
        ("bulanan", 0, D(2026, 5, 1), D(2026, 4, 1), []),
    ],
)  # fmt: skip
def test_occurrences(frequency, offset, start, end, expected):
    assert occurrences(frequency, offset, start, end) == expected


def test_weekly_year_has_53_or_52_periods():
    weeks = occurrences("mingguan", 0, D(2026, 1, 1), D(2026, 12, 31))
    assert all(o.period_start.weekday() == 0 and o.period_end.weekday() == 6 for o in weeks)
    assert len(weeks) == 53  # 29 Dec 2025 … the week of 28 Dec 2026


@pytest.mark.parametrize(
    ("frequency", "offset", "message"),
    [
        ("", 0, "pilih frekuensi"),
        (None, 0, "pilih frekuensi"),
        ("harian", 0, "pilih frekuensi"),
        ("bulanan", None, "isi jumlah hari"),
        ("bulanan", "", "isi jumlah hari"),
        ("bulanan", "dua", "angka bulat"),
        ("bulanan", -1, "antara 0 dan 60"),
        ("bulanan", 61, "antara 0 dan 60"),
    ],
)
def test_missing_or_bad_due_rule_refused(frequency, offset, message):
    with pytest.raises(DueRuleError) as err:
        check_due_rule(frequency, offset)
    assert message in str(err.value)
    with pytest.raises(DueRuleError):
        occurrences(frequency, offset, D(2026, 1, 1), D(2026, 2, 1))


@pytest.mark.parametrize(
    ("frequency", "start", "expected"),
    [
        ("bulanan", D(2026, 2, 1), Occurrence(D(2026, 2, 1), D(2026, 2, 28), D(2026, 3, 2))),
        ("bulanan", D(2026, 2, 2), None),
        ("mingguan", D(2026, 3, 2), Occurrence(D(2026, 3, 2), D(2026, 3, 8), D(2026, 3, 10))),
        ("mingguan", D(2026, 3, 3), None),
        ("triwulanan", D(2026, 4, 1), Occurrence(D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 2))),
        ("triwulanan", D(2026, 5, 1), None),
    ],
)
def test_occurrence_for(frequency, start, expected):
    assert occurrence_for(frequency, 2, start) == expected


@pytest.mark.parametrize(
    ("due", "on", "late"),
    [
        (D(2026, 1, 31), D(2026, 1, 31), False),
        (D(2026, 1, 31), D(2026, 2, 1), True),
        (D(2026, 1, 31), D(2026, 1, 2), False),
    ],
)
def test_is_late(due, on, late):
    assert is_late(due, on) is late


@pytest.mark.parametrize(
    ("frequency", "start", "end", "label"),
    [
        ("bulanan", D(2026, 10, 1), D(2026, 10, 31), "Oktober 2026"),
        ("triwulanan", D(2026, 10, 1), D(2026, 12, 31), "Triwulan IV 2026"),
        ("mingguan", D(2026, 11, 16), D(2026, 11, 22), "16 November 2026 – 22 November 2026"),
    ],
)
def test_period_label(frequency, start, end, label):
    from rewards.obligation_schedule import period_label

    assert period_label(frequency, start, end) == label
