"""The PP 94/2021 discipline ladder (rewards/discipline.py): table-driven, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rewards import discipline as d

LADDER = d.default_ladder()


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, None),
        (2, None),
        (3, "teguran_lisan"),
        (4, "teguran_tertulis"),
        (6, "teguran_tertulis"),
        (7, "tidak_puas"),
        (10, "tidak_puas"),
        (11, "tpp_25_6"),
        (13, "tpp_25_6"),
        (14, "tpp_25_9"),
        (16, "tpp_25_9"),
        (17, "tpp_25_12"),
        (20, "tpp_25_12"),
        (21, "demosi"),
        (24, "demosi"),
        (25, "pembebasan"),
        (27, "pembebasan"),
        (28, "pemberhentian"),
        (60, "pemberhentian"),
    ],
)
def test_the_default_ladder_follows_pp_94_2021(days, expected):
    step = d.step_for(Decimal(days), LADDER)
    assert (step.code if step else None) == expected


def test_the_tpp_steps_carry_25_percent_for_6_9_12_months():
    tpp = [(s.code, s.percent, s.months) for s in LADDER.steps if s.outcome == "pemotongan_tpp"]
    assert tpp == [("tpp_25_6", Decimal(25), 6), ("tpp_25_9", Decimal(25), 9), ("tpp_25_12", Decimal(25), 12)]
    assert [(s.outcome, s.months) for s in LADDER.steps if s.min_days >= 21] == [
        ("demosi", 12),
        ("pembebasan_jabatan", 12),
        ("pemberhentian", None),
    ]


@pytest.mark.parametrize(
    ("month", "days"),
    [
        (d.Month("x", 1, days_absent=2, minutes_late=449), Decimal("2.9978")),
        (d.Month("x", 1, days_absent=0, minutes_late=900), Decimal(2)),
        (d.Month("x", 1, days_absent=1, missed_checkins=8), Decimal(1)),  # check-ins ignored by default
    ],
)
def test_lateness_counts_as_absence_at_450_minutes_a_day(month, days):
    assert d.equivalent_days(month, LADDER).quantize(Decimal("0.0001")) == days


def test_partial_days_do_not_reach_a_step():
    assert d.step_for(Decimal("2.99"), LADDER) is None
    assert d.step_for(Decimal("3.00"), LADDER).code == "teguran_lisan"


def test_missed_checkins_count_when_the_pemda_says_so():
    ladder = d.parse_ladder(d.DEFAULT_LADDER_ROWS, minutes_per_day=None, checkins_per_day=4)
    assert d.equivalent_days(d.Month("x", 1, days_absent=1, minutes_late=900, missed_checkins=8), ladder) == 3


def test_evaluate_reports_each_step_once_in_the_month_it_is_reached():
    records = [
        d.Month("198001012005011001", 1, days_absent=2),
        d.Month("198001012005011001", 2, days_absent=1),  # 3 → teguran lisan in February
        d.Month("198001012005011001", 3, days_absent=0),  # no new step
        d.Month("198001012005011001", 4, days_absent=9),  # 12 → TPP cut 6 months (skips two steps)
        d.Month("198001012005011001", 5, days_absent=1),  # 13: same step, not reported again
        d.Month("199002022015022002", 3, days_absent=1, minutes_late=900),  # 3 in March
    ]
    found = [(o.official[-3:], o.month, o.step.code, o.days, o.months_counted) for o in d.evaluate(records, LADDER)]
    assert found == [
        ("001", 2, "teguran_lisan", Decimal("3.00"), (1, 2)),
        ("001", 4, "tpp_25_6", Decimal("12.00"), (1, 2, 3, 4)),
        ("002", 3, "teguran_lisan", Decimal("3.00"), (3,)),
    ]
    # evaluating again, or only up to March, gives the same (or fewer) outcomes: nothing new
    assert d.evaluate(records, LADDER) == d.evaluate(list(reversed(records)), LADDER)
    assert [o.step.code for o in d.evaluate(records, LADDER, through_month=3)] == ["teguran_lisan", "teguran_lisan"]


def test_duplicate_months_and_bad_months_are_refused():
    with pytest.raises(d.LadderError, match="dua kali"):
        d.evaluate([d.Month("x", 2, 1), d.Month("x", 2, 3)], LADDER)
    with pytest.raises(d.LadderError, match="13"):
        d.evaluate([d.Month("x", 13, 1)], LADDER)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "kosong"),
        ([{"code": "a", "min_days": 3, "outcome": "hukuman_mati"}], "tidak dikenal"),
        ([{"code": "a", "min_days": "tiga", "outcome": "teguran_lisan"}], "bilangan bulat"),
        ([{"code": "a", "min_days": 0, "outcome": "teguran_lisan"}], "paling sedikit 1"),
        ([{"code": "", "min_days": 3, "outcome": "teguran_lisan"}], "kode wajib"),
        (
            [
                {"code": "a", "min_days": 5, "outcome": "teguran_lisan"},
                {"code": "b", "min_days": 5, "outcome": "teguran_tertulis"},
            ],
            "lebih tinggi",
        ),
        (
            [
                {"code": "a", "min_days": 3, "outcome": "teguran_lisan"},
                {"code": "a", "min_days": 5, "outcome": "teguran_tertulis"},
            ],
            "dua kali",
        ),
        ([{"code": "a", "min_days": 3, "outcome": "pemotongan_tpp", "percent": "0", "months": 6}], "persentase"),
        ([{"code": "a", "min_days": 3, "outcome": "pemotongan_tpp", "percent": "101", "months": 6}], "persentase"),
        ([{"code": "a", "min_days": 3, "outcome": "pemotongan_tpp", "percent": "25", "months": 0}], "1–60 bulan"),
        ([{"code": "a", "min_days": 3, "outcome": "demosi"}], "1–60 bulan"),
    ],
)
def test_bad_ladders_are_refused_with_the_reason(rows, message):
    with pytest.raises(d.LadderError) as error:
        d.parse_ladder(rows)
    assert any(message in m for m in error.value.messages), error.value.messages


def test_bad_conversions_are_refused():
    with pytest.raises(d.LadderError, match="bilangan bulat positif"):
        d.parse_ladder(d.DEFAULT_LADDER_ROWS, minutes_per_day=0)
