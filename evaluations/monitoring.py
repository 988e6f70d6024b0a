"""Monitoring of realisation reporting: the Pemda matrix of units × periods with completeness and
timeliness rates (read-only; the pages in ``evaluations/views/monitoring.py`` render it).

The matrix is built in a fixed number of queries (fiscal year, periods, units, reports), whatever
the number of units and periods: the cells are assembled in Python from one query of reports.

Cell states (each shown with colour *and* text, never colour alone):

* ``accepted`` – accepted by the Admin SAKIP (a late submission still says so);
* ``on_time`` – submitted or verified by the deadline;
* ``late`` – submitted or verified after the deadline;
* ``returned`` – returned to the unit with a note (counts as not reported until resubmitted);
* ``missing`` – the deadline has passed and nothing was submitted;
* ``open`` – not yet due and not submitted (neither counted as reported nor as missing).

Rates, in percent rounded half-up to 2 decimals, over the *due* periods (every state but ``open``):
completeness = reported ÷ due; timeliness = reported on time ÷ due (reported = accepted, on time
or late). No due period: the rate is ``None`` ("–").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.core.models import FiscalYear, Period, Unit
from sakip.lib.numbers import round_half_up

from . import periods
from .models import PeriodReport

Status = PeriodReport.Status

STATES: dict[str, str] = {
    "accepted": _("Diterima"),
    "on_time": _("Tepat waktu"),
    "late": _("Terlambat"),
    "returned": _("Dikembalikan"),
    "missing": _("Belum lapor"),
    "open": _("Belum jatuh tempo"),
}
# Short text inside a matrix cell (the full label is in the cell's title and the legend).
SHORT: dict[str, str] = {
    "accepted": "✓",
    "on_time": "TW",
    "late": "T",
    "returned": "K",
    "missing": "–",
    "open": "·",
}
REPORTED = frozenset({"accepted", "on_time", "late"})


def default_deadline(fiscal_year: FiscalYear, period: Period) -> dt.date:
    """The calendar's deadline of a period without a report: day ``deadline_day`` of the next month."""
    return periods.deadline_for(period.end_date, fiscal_year.deadline_day)


def cell_state(report: PeriodReport | None, deadline: dt.date, today: dt.date) -> str:
    if report is not None:
        if report.status == Status.ACCEPTED:
            return "accepted"
        if report.status == Status.RETURNED:
            return "returned"
        if report.status in (Status.SUBMITTED, Status.VERIFIED):
            return "late" if report.is_late else "on_time"
    return "missing" if today > deadline else "open"


def rate(part: int, whole: int) -> Decimal | None:
    return round_half_up(Decimal(part) * 100 / Decimal(whole), 2) if whole else None


@dataclass
class Cell:
    period: Period
    report: PeriodReport | None
    deadline: dt.date
    state: str

    @property
    def label(self) -> str:
        """The state in words; an accepted report also says whether it came in on time."""
        if self.state == "accepted":
            return f"{STATES['accepted']} · {_('terlambat') if self.late_accepted else _('tepat waktu')}"
        return str(STATES[self.state])

    @property
    def short(self) -> str:
        return "✓T" if self.late_accepted else SHORT[self.state]

    @property
    def late_accepted(self) -> bool:
        return self.state == "accepted" and bool(self.report and self.report.is_late)


@dataclass
class Rates:
    due: int = 0
    reported: int = 0
    on_time: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    def add(self, state: str, *, late: bool) -> None:
        self.counts[state] += 1
        if state == "open":
            return
        self.due += 1
        if state in REPORTED:
            self.reported += 1
            if not late:
                self.on_time += 1

    @property
    def completeness(self) -> Decimal | None:
        return rate(self.reported, self.due)

    @property
    def timeliness(self) -> Decimal | None:
        return rate(self.on_time, self.due)


@dataclass
class MatrixRow:
    unit: Unit
    cells: list[Cell]
    rates: Rates


@dataclass
class Matrix:
    fiscal_year: FiscalYear
    periods: list[Period]
    rows: list[MatrixRow]
    rates: Rates  # the Pemda: every cell of every shown unit
    today: dt.date


def today_for(pemda) -> dt.date:
    return timezone.now().astimezone(pemda.tz).date()


def reporting_periods(fiscal_year: FiscalYear) -> list[Period]:
    return list(fiscal_year.reporting_periods().order_by("number"))


def matrix(
    fiscal_year: FiscalYear,
    *,
    units=None,
    period_list: list[Period] | None = None,
    ranking_category: str = "",
    today: dt.date | None = None,
) -> Matrix:
    """Units × reporting periods of ``fiscal_year`` (active units of its Pemda unless ``units``).

    Four queries: the Pemda (time zone), the periods, the units, the reports.
    """
    pemda = fiscal_year.pemda
    today = today or today_for(pemda)
    shown = reporting_periods(fiscal_year) if period_list is None else period_list
    if units is None:
        units = Unit.objects.filter(pemda_id=fiscal_year.pemda_id, is_active=True)
        if ranking_category:
            units = units.filter(ranking_category__code=ranking_category)
        units = units.select_related("ranking_category").order_by("code", "name")
    units = list(units)
    reports = PeriodReport.objects.filter(
        pemda_id=fiscal_year.pemda_id, period__in=[p.pk for p in shown], unit__in=[u.pk for u in units]
    ).only("uid", "unit_id", "period_id", "status", "is_late", "deadline", "submitted_at", "accepted_at")
    by_key = {(r.unit_id, r.period_id): r for r in reports}
    deadlines = {p.pk: default_deadline(fiscal_year, p) for p in shown}
    total = Rates()
    rows = []
    for unit in units:
        rates, cells = Rates(), []
        for period in shown:
            report = by_key.get((unit.pk, period.pk))
            deadline = report.deadline if report is not None else deadlines[period.pk]
            state = cell_state(report, deadline, today)
            late = bool(report and report.is_late)
            rates.add(state, late=late)
            total.add(state, late=late)
            cells.append(Cell(period, report, deadline, state))
        rows.append(MatrixRow(unit, cells, rates))
    return Matrix(fiscal_year, shown, rows, total, today)


def latest_due_period(period_list: list[Period], today: dt.date) -> Period | None:
    """The last period that has ended by ``today`` (the default period of the dashboards)."""
    ended = [p for p in period_list if p.end_date < today]
    return ended[-1] if ended else (period_list[0] if period_list else None)
