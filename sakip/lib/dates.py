"""Indonesian date helpers (pure; no ORM). Example: ``format_date(date(2025, 2, 4)) == "4 Februari 2025"``.

While English is the active language (language switcher) month and day names are English
(``4 February 2025``); Bahasa Indonesia, the default, is unchanged.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language

MONTHS_ID = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS_EN = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def format_date(value: dt.date | dt.datetime | None, *, with_day: bool = False) -> str:
    """``4 Februari 2025`` (optionally ``Selasa, 4 Februari 2025``); ``–`` for ``None``."""
    if value is None:
        return "–"
    english = _english()
    text = f"{value.day} {(MONTHS_EN if english else MONTHS_ID)[value.month]} {value.year}"
    if with_day:
        text = f"{(DAYS_EN if english else DAYS_ID)[value.weekday()]}, {text}"
    return text


def format_datetime(value: dt.datetime | None) -> str:
    """``4 Februari 2025 14.05`` (Indonesian time separator is a dot)."""
    if value is None:
        return "–"
    separator = ":" if _english() else "."
    return f"{format_date(value)} {value.hour:02d}{separator}{value.minute:02d}"


def month_name(number: int) -> str:
    return (MONTHS_EN if _english() else MONTHS_ID)[number]


def _english() -> bool:
    return (get_language() or "").startswith("en")


def add_days(value: dt.date, days: int) -> dt.date:
    return value + dt.timedelta(days=days)


def next_month_day(year: int, month: int, day: int) -> dt.date:
    """Day ``day`` of the month after ``year``/``month`` (deadline rule "tanggal 10 bulan berikutnya")."""
    if month == 12:
        return dt.date(year + 1, 1, day)
    return dt.date(year, month + 1, day)
