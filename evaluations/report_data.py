"""The figures of a month's evaluation report and of the unit one-pagers (issue #7), gathered in bulk.

:func:`monthly_data` reads everything the report of month ``month`` of ``year`` shows, in a number
of queries that does not grow with the number of units (see the test):

* **reporting period** of the month: with monthly reporting the month itself; with quarterly
  reporting the latest quarter that ended on or before the month's last day (``None`` before the
  first quarter ends). The *previous* period is the one before it in the same fiscal year.
* **capaian** (:func:`evaluations.capaian.pemda_capaian`, the dashboard's maths) to the period and to
  each earlier period of the year (the trend and the change since the previous period);
* **submission status** and on-time rates (:func:`evaluations.monitoring.matrix`) over the
  reporting periods of the year up to the month's period, as of ``today`` (Pemda date);
* **kendala / upaya** of the period's realisations;
* **ranking**: the live composite ranking to the period (:func:`rewards.selectors.live_rankings`);
* **open follow-ups**: LKE recommendations of the Pemda not *selesai*, of published evaluations or
  of the Pemda's own result (what admin and pimpinan see);
* **decisions** of the month (SK date within the month).

A Pemda without a fiscal year for ``year`` still gets a report (``fiscal_year`` is ``None``; the
capaian parts are empty, follow-ups and decisions are shown).

:func:`figures` / :func:`unit_figures` (JSON-able, for the content hash) and
:func:`unit_page_context` live in :mod:`evaluations.report_data_figures` and are re-exported here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from evaluations import capaian, monitoring, scoring
from evaluations.capaian_rules import CapaianRules, CategoryBand
from evaluations.lke_admin_selectors import PUBLISHED
from evaluations.lke_models import Recommendation
from evaluations.report_data_capaian import capaian_by_period
from evaluations.report_data_figures import figures, target_text, unit_figures, unit_page_context
from sakip.core.models import FiscalYear, Pemda, Period, Unit, UnitHead
from sakip.lib.dates import month_name

__all__ = [
    "IndicatorRow",
    "MonthlyData",
    "TrendPoint",
    "UnitRow",
    "figures",
    "monthly_data",
    "reporting_period_for",
    "unit_figures",
    "unit_page_context",
]


@dataclass
class IndicatorRow:
    """One indicator of a unit in the month: capaian to date against the target to date."""

    name: str
    sasaran: str
    satuan: str
    is_iku: bool
    target: scoring.Target | None  # target to date (period rule)
    realisation: Decimal | None  # realisation to date (period rule)
    value: Decimal | None  # the value reported for the month's period
    capaian: Decimal | None  # display (rounded), before the cap
    category: CategoryBand | None
    is_red: bool
    kendala: str = ""
    upaya: str = ""

    @property
    def target_text(self) -> str:
        return target_text(self.target)

    @property
    def realisation_text(self) -> str:
        return target_text(self.realisation)


@dataclass
class UnitRow:
    unit: Unit
    head: UnitHead | None
    has_pk: bool
    capaian: Decimal | None  # unit aggregate, display
    previous: Decimal | None  # the same at the previous period
    category: CategoryBand | None
    indicators: list[IndicatorRow]
    state: str  # monitoring cell state of the month's period ("" without a period)
    state_label: str
    deadline: dt.date | None
    submitted_on: dt.date | None  # the Pemda's local date of the submission
    late: bool
    rates: monitoring.Rates  # year to date (periods up to the month's period)
    rank: int | None = None
    score: Decimal | None = None
    ranked: bool = False  # in the composite ranking (has a ranking category)
    followups: list[Recommendation] = field(default_factory=list)
    decisions: list = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        return None if self.capaian is None or self.previous is None else self.capaian - self.previous

    @property
    def reported(self) -> bool:
        return self.state in monitoring.REPORTED

    @property
    def red(self) -> list[IndicatorRow]:
        return [i for i in self.indicators if i.is_red]

    @property
    def red_count(self) -> int:
        return len(self.red)


@dataclass
class TrendPoint:
    period: Period
    average: Decimal | None  # Pemda average capaian (display)
    on_time: Decimal | None  # on-time rate of that period over the units (percent)


@dataclass
class MonthlyData:
    pemda: Pemda
    year: int
    month: int
    today: dt.date
    fiscal_year: FiscalYear | None = None
    period: Period | None = None
    previous_period: Period | None = None
    rules: CapaianRules = field(default_factory=CapaianRules)
    units: list[UnitRow] = field(default_factory=list)
    distribution: list[tuple[CategoryBand | None, int]] = field(default_factory=list)
    average: Decimal | None = None
    previous_average: Decimal | None = None
    period_rates: monitoring.Rates = field(default_factory=monitoring.Rates)  # the month's period
    year_rates: monitoring.Rates = field(default_factory=monitoring.Rates)  # periods of the year so far
    trend: list[TrendPoint] = field(default_factory=list)
    ranking: list[dict] = field(default_factory=list)  # [{rank, unit, unit_key, score}]
    unranked: list[Unit] = field(default_factory=list)  # in the ranking's scope but without a score
    outside_ranking: list[Unit] = field(default_factory=list)  # no ranking category
    followups: list[Recommendation] = field(default_factory=list)
    decisions: list = field(default_factory=list)

    @property
    def month_label(self) -> str:
        return f"{month_name(self.month)} {self.year}"

    @property
    def change(self) -> Decimal | None:
        if self.average is None or self.previous_average is None:
            return None
        return self.average - self.previous_average

    @property
    def red_code(self) -> str:
        return self.rules.bands[-1].code

    @property
    def red_label(self) -> str:
        return self.rules.bands[-1].label

    @property
    def red_units(self) -> list[UnitRow]:
        """Units with at least one indicator in the worst category, most red first (then by code)."""
        rows = [u for u in self.units if u.red_count]
        return sorted(rows, key=lambda u: (-u.red_count, u.unit.code, u.unit.name))

    @property
    def red_list(self) -> list[tuple[UnitRow, IndicatorRow]]:
        return [(u, i) for u in self.red_units for i in u.red]

    @property
    def not_reported(self) -> list[UnitRow]:
        return [u for u in self.units if self.period is not None and not u.reported]

    @property
    def indicator_count(self) -> int:
        return sum(count for _band, count in self.distribution)

    def unit_row(self, unit_id: int) -> UnitRow:
        for row in self.units:
            if row.unit.pk == unit_id:
                return row
        raise KeyError(unit_id)


# --- the reporting period of a month ---------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def reporting_period_for(fiscal_year: FiscalYear, periods: list[Period], month: int) -> Period | None:
    """The month's period (monthly reporting), else the latest quarter ended by the month's last day."""
    if capaian.reporting_kind(fiscal_year) == Period.Kind.MONTH:
        return next((p for p in periods if p.number == month), None)
    last_day = month_end(fiscal_year.year, month)
    ended = [p for p in periods if p.end_date <= last_day]
    return ended[-1] if ended else None


# --- gathering -------------------------------------------------------------------------------


def _indicator_rows(result: capaian.UnitCapaian, red_code: str, notes: dict, number: int) -> list[IndicatorRow]:
    rows = []
    for item in result.indicators:
        ind, ach = item.indicator, item.capaian
        value, kendala, upaya = notes.get((result.unit.pk, ind.lineage, number), (None, "", ""))
        rows.append(
            IndicatorRow(
                name=ind.name,
                sasaran=ind.sasaran.name,
                satuan=ind.satuan,
                is_iku=ind.is_iku,
                target=ach.result.target_to_date,
                realisation=ach.result.realisation,
                value=value,
                capaian=ach.display,
                category=ach.category,
                is_red=ach.category_code == red_code and bool(red_code),
                kendala=(kendala or "").strip(),
                upaya=(upaya or "").strip(),
            )
        )
    return rows


def _heads(pemda: Pemda, on: dt.date) -> dict[int, UnitHead]:
    """unit id → head in office on ``on`` (definitive before acting, latest start first). One query."""
    qs = (
        UnitHead.objects.filter(unit__pemda=pemda, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("unit_id", "acting", "-start_date")
    )
    out: dict[int, UnitHead] = {}
    for head in qs:
        out.setdefault(head.unit_id, head)
    return out


def open_followups(pemda: Pemda) -> list[Recommendation]:
    """Recommendations not *selesai* that admin and pimpinan see (published evaluations or the Pemda's
    own result), by due date (none last). One query."""
    qs = (
        Recommendation.objects.filter(pemda=pemda)
        .exclude(status=Recommendation.Status.SELESAI)
        .filter(Q(evaluation__isnull=True) | Q(evaluation__status__in=PUBLISHED))
        .select_related("owner")
    )
    return sorted(qs, key=lambda r: (r.due_date is None, r.due_date or dt.date.min, r.owner.code, r.pk))


def month_decisions(pemda: Pemda, year: int, month: int) -> list:
    """Reward and punishment decisions with the SK dated in the month. One query."""
    from rewards.models import Decision  # the report sits above rewards' data (lazy: layering)

    start, end = dt.date(year, month, 1), month_end(year, month)
    qs = Decision.objects.filter(pemda=pemda, sk_date__range=(start, end)).select_related("unit")
    return list(qs.order_by("sk_date", "unit__code", "id"))


def _ranking(data: MonthlyData, by_code: dict[str, UnitRow]) -> None:
    from rewards import selectors as reward_selectors  # lazy: rewards builds on evaluations

    live = reward_selectors.live_rankings(data.pemda, data.year, period=data.period)
    composite = reward_selectors.ranking_of(live)
    in_scope = {u["unit_key"] for u in live["units"]}
    for entry in composite["entries"]:
        row = by_code.get(entry["unit_key"])
        score = Decimal(entry["score"])
        data.ranking.append({"rank": entry["rank"], "unit": row.unit if row else None, "name": entry["unit_name"],
                             "unit_key": entry["unit_key"], "score": score})  # fmt: skip
        if row:
            row.rank, row.score = entry["rank"], score
    for code, row in by_code.items():
        row.ranked = code in in_scope
    data.unranked = [by_code[c].unit for c in composite["unranked"] if c in by_code]
    data.outside_ranking = [row.unit for code, row in by_code.items() if code not in in_scope]


def monthly_data(pemda: Pemda, year: int, month: int, *, today: dt.date | None = None) -> MonthlyData:
    """Everything the report of ``month``/``year`` shows (see the module docstring)."""
    today = today or monitoring.today_for(pemda)
    data = MonthlyData(pemda=pemda, year=year, month=month, today=today)
    data.fiscal_year = FiscalYear.objects.filter(pemda=pemda, year=year).select_related("pemda").first()
    data.followups = open_followups(pemda)
    data.decisions = month_decisions(pemda, year, month)
    heads = _heads(pemda, month_end(year, month))
    fy = data.fiscal_year
    periods = capaian.reporting_periods(fy) if fy else []
    data.period = reporting_period_for(fy, periods, month) if fy else None
    if fy is None or data.period is None:
        units = Unit.objects.filter(pemda=pemda, is_active=True).order_by("code", "name")
        data.units = [_empty_row(u, heads.get(u.pk)) for u in units]
        if fy is not None:
            data.rules = capaian.rules_for(fy)
    else:
        _gather_capaian(data, periods, heads)
    followups_by_unit: dict[int, list] = defaultdict(list)
    for rec in data.followups:
        followups_by_unit[rec.owner_id].append(rec)
    decisions_by_unit: dict[int, list] = defaultdict(list)
    for decision in data.decisions:
        decisions_by_unit[decision.unit_id].append(decision)
    for row in data.units:
        row.followups = followups_by_unit.get(row.unit.pk, [])
        row.decisions = decisions_by_unit.get(row.unit.pk, [])
    if data.period is not None:
        _ranking(data, {row.unit.code: row for row in data.units})
    return data


def _empty_row(unit: Unit, head: UnitHead | None) -> UnitRow:
    return UnitRow(unit, head, False, None, None, None, [], "", "", None, None, False, monitoring.Rates())


def _gather_capaian(data: MonthlyData, periods: list[Period], heads: dict[int, UnitHead]) -> None:
    fy, period = data.fiscal_year, data.period
    upto = [p for p in periods if p.number <= period.number]
    by_period, rows = capaian_by_period(data.pemda, fy, periods, upto)
    current = by_period[period.pk]
    data.rules = current.rules
    data.distribution = current.distribution
    data.average = scoring.display(current.aggregate.value)
    if len(upto) > 1:
        data.previous_period = upto[-2]
        previous = by_period[upto[-2].pk]
        data.previous_average = scoring.display(previous.aggregate.value)
        previous_by_unit = {u.unit.pk: u.display for u in previous.units}
    else:
        previous_by_unit = {}
    matrix = monitoring.matrix(fy, period_list=upto, today=data.today)
    cells = {row.unit.pk: row for row in matrix.rows}
    data.year_rates = matrix.rates
    column_rates = [monitoring.Rates() for _p in upto]
    for mrow in matrix.rows:
        for i, cell in enumerate(mrow.cells):
            column_rates[i].add(cell.state, late=bool(cell.report and cell.report.is_late))
    data.period_rates = column_rates[-1]
    data.trend = [
        TrendPoint(p, scoring.display(by_period[p.pk].aggregate.value), column_rates[i].timeliness)
        for i, p in enumerate(upto)
    ]
    for result in current.units:
        unit = result.unit
        mrow = cells.get(unit.pk)
        cell = mrow.cells[-1] if mrow else None
        report = cell.report if cell else None
        data.units.append(
            UnitRow(
                unit=unit,
                head=heads.get(unit.pk),
                has_pk=result.agreement is not None,
                capaian=result.display,
                previous=previous_by_unit.get(unit.pk),
                category=result.category,
                indicators=_indicator_rows(result, current.red_code, rows.notes, period.number),
                state=cell.state if cell else "",
                state_label=cell.label if cell else "",
                deadline=cell.deadline if cell else None,
                submitted_on=report.submitted_at.astimezone(data.pemda.tz).date()
                if report and report.submitted_at
                else None,
                late=bool(report and report.is_late),
                rates=mrow.rates if mrow else monitoring.Rates(),
            )
        )
