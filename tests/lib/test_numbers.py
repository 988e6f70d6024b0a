"""Indonesian number helpers (pure, no database)."""

from decimal import Decimal

import pytest

from sakip.lib import numbers


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("61.765"), 2, "61,77"),  # half-up, not banker's rounding
        (Decimal("61.764"), 2, "61,76"),
        (Decimal("61.755"), 2, "61,76"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("3.5"), 0, "4"),
        (1250000, 0, "1.250.000"),
        (1250000.5, 2, "1.250.000,50"),
        ("87.5", 2, "87,50"),
        (0, 2, "0,00"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (Decimal("-1234.567"), 2, "-1.234,57"),
        (Decimal("-61.765"), 2, "-61,77"),  # half away from zero for negatives
        (Decimal("-0.4"), 0, "0"),
        (None, 2, "–"),
        ("", 2, "–"),
        ("abc", 2, "–"),
    ],
)
def test_format_number(value, places, expected):
    assert numbers.format_number(value, places) == expected


def test_format_number_keeps_own_decimals_and_strips_zeros():
    assert numbers.format_number(Decimal("1234.5"), None) == "1.234,5"
    assert numbers.format_number(Decimal("87.50"), 2, strip=True) == "87,5"
    assert numbers.format_number(Decimal("100.00"), 2, strip=True) == "100"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250000000, "Rp 1.250.000.000"),
        (Decimal("1250000.49"), "Rp 1.250.000"),
        (Decimal("1250000.50"), "Rp 1.250.001"),
        (0, "Rp 0"),
        (-500000, "Rp -500.000"),
        (None, "–"),
    ],
)
def test_format_rupiah(value, expected):
    assert numbers.format_rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("61.765"), "61,77%"), (100, "100,00%"), (Decimal("-5"), "-5,00%"), (None, "–")],
)
def test_format_percent(value, expected):
    assert numbers.format_percent(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250,5", Decimal("1250.5")),
        ("1250,5", Decimal("1250.5")),
        ("1250.5", Decimal("1250.5")),
        ("1.250.000", Decimal("1250000")),
        ("Rp 1.250.000", Decimal("1250000")),
        ("87,5%", Decimal("87.5")),
        ("-12,25", Decimal("-12.25")),
        ("  42 ", Decimal("42")),
        ("0", Decimal("0")),
        ("abc", None),
        ("", None),
        ("   ", None),
        (None, None),
        ("1,2,3", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_parse_number(text, expected):
    assert numbers.parse_number(text) == expected


def test_round_half_up_named_mode():
    assert numbers.round_half_up(Decimal("61.765")) == Decimal("61.77")
    assert numbers.round_half_up(Decimal("0.125"), 2) == Decimal("0.13")
    assert numbers.round_half_up(Decimal("7.5"), 0) == Decimal("8")


@pytest.mark.parametrize(("value", "expected"), [(5, Decimal(5)), ("1.5", Decimal("1.5")), ("x", None), (None, None)])
def test_to_decimal(value, expected):
    assert numbers.to_decimal(value) == expected
