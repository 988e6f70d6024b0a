"""Due rules of obligations (pure): the occurrences of a recurring obligation between two dates.

A period is a calendar week (Monday–Sunday), month or quarter; an occurrence is due ``due_offset_days``
after the last day of its period (0 = the last day itself). :func:`occurrences` lists the periods
that overlap ``[start, end]``; :func:`check_due_rule` refuses an obligation without a usable rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from django.utils.translation import gettext as _

WEEKLY = "mingguan"
MONTHLY = "bulanan"
QUARTERLY = "triwulanan"
FREQUENCIES = (WEEKLY, MONTHLY, QUARTERLY)
MAX_OFFSET_DAYS = 60


class DueRuleError(ValueError):
    """An obligation's due rule is missing or out of range (message in Bahasa Indonesia)."""


class Occurrence(NamedTuple):
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date


def check_due_rule(frequency, due_offset_days) -> tuple[str, int]:
    """The validated ``(frequency, offset)``; raises :class:`DueRuleError` otherwise."""
    if frequency not in FREQUENCIES:
        raise DueRuleError(
            _("Kewajiban harus memiliki aturan batas waktu: pilih frekuensi mingguan, bulanan atau triwulanan.")
        )
    if due_offset_days is None or due_offset_days == "":
        raise DueRuleError(_("Kewajiban harus memiliki aturan batas waktu: isi jumlah hari setelah akhir periode."))
    try:
        offset = int(due_offset_days)
    except (TypeError, ValueError):
        raise DueRuleError(_("Batas waktu harus berupa jumlah hari (angka bulat).")) from None
    if offset < 0 or offset > MAX_OFFSET_DAYS:
        raise DueRuleError(
            _("Batas waktu harus antara 0 dan %(max)d hari setelah akhir periode.") % {"max": MAX_OFFSET_DAYS}
        )
    return frequency, offset


def period_of(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The period of ``frequency`` that contains ``day``."""
    if frequency == WEEKLY:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if frequency == MONTHLY:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if frequency == QUARTERLY:
        first = (day.month - 1) // 3 * 3 + 1
        last = first + 2
        return dt.date(day.year, first, 1), dt.date(day.year, last, calendar.monthrange(day.year, last)[1])
    raise DueRuleError(_("Frekuensi kewajiban tidak dikenal."))


def occurrences(frequency: str, due_offset_days: int, start: dt.date, end: dt.date) -> list[Occurrence]:
    """Every period of ``frequency`` overlapping ``[start, end]`` with its due date, oldest first."""
    frequency, offset = check_due_rule(frequency, due_offset_days)
    if end < start:
        return []
    result: list[Occurrence] = []
    period_start, period_end = period_of(frequency, start)
    while period_start <= end:
        result.append(Occurrence(period_start, period_end, period_end + dt.timedelta(days=offset)))
        period_start, period_end = period_of(frequency, period_end + dt.timedelta(days=1))
    return result


def occurrence_for(frequency: str, due_offset_days: int, period_start: dt.date) -> Occurrence | None:
    """The occurrence that begins on ``period_start`` (``None`` if no period begins that day)."""
    frequency, offset = check_due_rule(frequency, due_offset_days)
    start, end = period_of(frequency, period_start)
    if start != period_start:
        return None
    return Occurrence(start, end, end + dt.timedelta(days=offset))


def period_label(frequency: str, period_start: dt.date, period_end: dt.date) -> str:
    """ "Oktober 2026", "Triwulan IV 2026" or "16 November 2026 – 22 November 2026" (for pages)."""
    from sakip.lib.dates import ROMAN, format_date, month_name

    if frequency == MONTHLY:
        return f"{month_name(period_start.month)} {period_start.year}"
    if frequency == QUARTERLY:
        return _("Triwulan %(q)s %(y)s") % {"q": ROMAN[(period_start.month - 1) // 3 + 1], "y": period_start.year}
    return f"{format_date(period_start)} – {format_date(period_end)}"


def is_late(due_date: dt.date, submitted_on: dt.date) -> bool:
    """Late = submitted after the due date (the due date itself is on time)."""
    return submitted_on > due_date
