"""Indonesian date helpers (pure, no database)."""

import datetime as dt

import pytest

from sakip.lib import dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 2, 4), "4 Februari 2025"),
        (dt.date(2025, 1, 31), "31 Januari 2025"),
        (dt.date(2024, 2, 29), "29 Februari 2024"),
        (dt.date(2026, 5, 1), "1 Mei 2026"),
        (dt.date(2025, 8, 17), "17 Agustus 2025"),
        (dt.date(2025, 12, 31), "31 Desember 2025"),
        (dt.datetime(2025, 3, 9, 23, 59), "9 Maret 2025"),
        (None, "–"),
    ],
)
def test_format_date(value, expected):
    assert dates.format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 2, 4), "Selasa, 4 Februari 2025"),
        (dt.date(2025, 8, 17), "Minggu, 17 Agustus 2025"),
        (dt.date(2026, 1, 2), "Jumat, 2 Januari 2026"),
    ],
)
def test_format_date_with_day(value, expected):
    assert dates.format_date(value, with_day=True) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2025, 2, 4, 14, 5), "4 Februari 2025 14.05"),
        (dt.datetime(2025, 2, 4, 0, 0), "4 Februari 2025 00.00"),
        (None, "–"),
    ],
)
def test_format_datetime(value, expected):
    assert dates.format_datetime(value) == expected


def test_month_names_cover_the_year():
    assert [dates.month_name(m) for m in (1, 6, 7, 11)] == ["Januari", "Juni", "Juli", "November"]
    assert len(dates.MONTHS_ID) == 12


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        (2025, 1, 10, dt.date(2025, 2, 10)),
        (2025, 11, 10, dt.date(2025, 12, 10)),
        (2025, 12, 10, dt.date(2026, 1, 10)),  # December's report is due in January of the next year
    ],
)
def test_next_month_day(year, month, day, expected):
    assert dates.next_month_day(year, month, day) == expected


def test_add_days_crosses_month_and_leap_day():
    assert dates.add_days(dt.date(2024, 2, 28), 1) == dt.date(2024, 2, 29)
    assert dates.add_days(dt.date(2025, 2, 28), 1) == dt.date(2025, 3, 1)
    assert dates.add_days(dt.date(2025, 3, 10), 5) == dt.date(2025, 3, 15)
