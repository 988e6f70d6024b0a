"""Target rules of agreements/validation.py, table-driven, without a database."""

from decimal import Decimal as D

import pytest

from agreements import validation as v


def ts(rule="cumulative", target=None, quarters=(None,) * 4, months=(), polarity="positive", **kw):
    return v.TargetSet(
        polarity=polarity, period_rule=rule, target=target, quarters=tuple(quarters), months=tuple(months), **kw
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("61,76", D("61.76")),
        ("61.76", D("61.76")),
        ("1.250.000", D("1250000")),
        ("1.250,5", D("1250.5")),
        ("1,250.5", D("1250.5")),
        ("Rp 1.250.000.000", D("1250000000")),
        (12, D(12)),
        (0.1, D("0.1")),
        (D("3.5"), D("3.5")),
        ("-2,5", D("-2.5")),
    ],
)
def test_to_decimal_reads_indonesian_and_spreadsheet_numbers(raw, expected):
    assert v.to_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "dua puluh", "12a", "1,2,3", "NaN", "Infinity", True, object()])
def test_to_decimal_refuses_text(raw):
    with pytest.raises(v.NotANumber, match="bukan angka"):
        v.to_decimal(raw)


@pytest.mark.parametrize(
    ("case", "expected_fields"),
    [
        # cumulative: quarters add up to the annual target
        (ts("cumulative", D(100), [D(25), D(25), D(25), D(25)]), []),
        (ts("cumulative", D(100), [D(25), D(25), D(25), D(20)]), ["tw4"]),
        (ts("cumulative", D("10.5"), [D("2.5"), D(3), D(3), D(2)]), []),
        # last value: TW IV equals the annual target, earlier quarters are free
        (ts("last", D("14.5"), [D(17), D(16), D("15.2"), D("14.5")]), []),
        (ts("last", D("14.5"), [D(17), D(16), D("15.2"), D(14)]), ["tw4"]),
        # average: the mean (rounded to the annual target's places, min 2) equals the annual target
        (ts("average", D(80), [D(70), D(80), D(85), D(85)]), []),
        (ts("average", D("70.33"), [D(70), D(70), D(71), D("70.33")]), []),
        (ts("average", D(80), [D(70), D(80), D(80), D(80)]), ["tw4"]),
        # incomplete drafts are not judged for consistency
        (ts("cumulative", D(100), [D(25), None, D(25), D(25)]), []),
        (ts("cumulative", None, [D(25), D(25), D(25), D(20)]), []),
        # negative values refused unless allowed
        (ts("last", D(-1), [D(1), D(1), D(1), D(-1)]), ["target", "tw4"]),
        (ts("last", D(-1), [D(1), D(1), D(1), D(-1)], allow_negative=True), []),
        # precision
        (ts("last", D("1.12345"), [None] * 4), ["target"]),
        # a single-target indicator carries no range bounds
        (ts("last", D(5), target_low=D(1)), ["target_low"]),
    ],
)
def test_quarter_targets_follow_the_period_rule(case, expected_fields):
    assert [field for field, _ in v.target_problems(case)] == expected_fields


def test_message_says_what_is_wrong_in_indonesian():
    [(field, message)] = v.target_problems(ts("cumulative", D(100), [D(25), D(25), D(25), D(20)]))
    assert field == "tw4"
    assert message == "jumlah target TW I–IV (95) harus sama dengan target tahunan (100)"


MONTHS_CUM = [D(1)] * 12  # 3 per quarter, 12 per year


@pytest.mark.parametrize(
    ("case", "expected_fields"),
    [
        (ts("cumulative", D(12), [D(3)] * 4, MONTHS_CUM), []),
        # months add up to the year but not to TW I and TW II
        (ts("cumulative", D(12), [D(3)] * 4, [D(2), D(1), D(1), D(0), D(1), D(1)] + [D(1)] * 6), ["bulan3", "bulan6"]),
        # months do not add up to the year
        (ts("cumulative", D(12), [D(3)] * 4, [D(1)] * 11 + [D(2)]), ["bulan12", "bulan12"]),
        # last value: March/June/September/December equal the quarter, December the year
        (
            ts(
                "last",
                D(90),
                [D(60), D(70), D(80), D(90)],
                [D(50), D(55), D(60), D(62), D(66), D(70), D(72), D(76), D(80), D(85), D(88), D(90)],
            ),
            [],
        ),
        (
            ts(
                "last",
                D(90),
                [D(60), D(70), D(80), D(90)],
                [D(50), D(55), D(61), D(62), D(66), D(70), D(72), D(76), D(80), D(85), D(88), D(89)],
            ),
            ["bulan12", "bulan3", "bulan12"],
        ),
        # average over months
        (ts("average", D(80), [D(80)] * 4, [D(79), D(80), D(81)] * 4), []),
        (ts("average", D(80), [D(80)] * 4, [D(70), D(80), D(81)] + [D(80)] * 9), ["bulan12", "bulan3"]),
    ],
)
def test_month_targets_agree_with_the_year_and_each_quarter(case, expected_fields):
    assert [field for field, _ in v.target_problems(case)] == expected_fields


@pytest.mark.parametrize(
    ("case", "expected_fields"),
    [
        (ts("last", None, [(D(70), D(80))] * 4, polarity="range", target_low=D(70), target_high=D(80)), []),
        (ts("last", None, [None] * 4, polarity="range", target_low=D(80), target_high=D(70)), ["target_high"]),
        (ts("last", None, [None] * 4, polarity="range", target_low=D(80), target_high=D(80)), ["target_high"]),
        (
            ts(
                "last",
                None,
                [(D(70), D(80))] * 3 + [(D(81), D(80))],
                polarity="range",
                target_low=D(70),
                target_high=D(80),
            ),
            ["tw4", "tw4"],
        ),
        (
            ts(
                "last",
                None,
                [(D(70), D(80))] * 3 + [(D(70), D(85))],
                polarity="range",
                target_low=D(70),
                target_high=D(80),
            ),
            ["tw4"],
        ),
        (ts("cumulative", None, [(D(1), D(2))] * 4, polarity="range", target_low=D(4), target_high=D(8)), []),
        (
            ts(
                "cumulative",
                None,
                [(D(1), None)] + [(D(1), D(2))] * 3,
                polarity="range",
                target_low=D(4),
                target_high=D(8),
            ),
            ["tw1"],
        ),
        (ts("last", D(5), [None] * 4, polarity="range", target_low=D(1), target_high=D(8)), ["target"]),
    ],
)
def test_range_targets(case, expected_fields):
    assert [field for field, _ in v.target_problems(case)] == expected_fields


@pytest.mark.parametrize(
    ("case", "expected_fields"),
    [
        (ts("last", D(5), [D(1), D(2), D(3), D(5)]), []),
        (ts("last", None, [D(1), None, D(3), D(5)]), ["target", "tw2"]),
        (ts("last", D(5), [D(1), D(2), D(3), D(5)], [None] * 11 + [D(5)]), ["bulan1"]),
        (ts("last", None, [None] * 4, polarity="range", target_low=D(1)), ["target_high", "tw1", "tw2", "tw3", "tw4"]),
    ],
)
def test_completeness_before_submit(case, expected_fields):
    assert [field for field, _ in v.completeness_problems(case)] == expected_fields


@pytest.mark.parametrize(
    ("names", "dupes"),
    [
        (["Prevalensi stunting", "Angka kematian ibu"], []),
        (["Prevalensi stunting", "prevalensi  STUNTING "], ["prevalensi  STUNTING "]),
        (["a", "A", "a"], ["A"]),
    ],
)
def test_duplicate_names_ignore_case_and_spacing(names, dupes):
    assert v.duplicate_names(names) == dupes
