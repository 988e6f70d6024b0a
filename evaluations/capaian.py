"""Reads that compute capaian (achievement) from the realisation data with the pure maths of
:mod:`evaluations.scoring` — the entry grid of a report, the server preview while typing, a unit's
capaian and the Pemda's overview.

Rules of the domain reference (§4, §5):

* **Which indicators**: every indicator of the unit's PK *in force at the end of the period*: the
  highest signed version whose ``effective_date`` is empty (the first version) or on/before the
  period end (:func:`agreement_for_period`). Realisations follow an indicator across versions by
  ``Indicator.lineage``.
* **Targets per reporting period**: quarterly reporting uses the quarter targets (TW I–IV). Monthly
  reporting uses the month targets when the indicator has them; otherwise the quarter target is
  spread over its months: a cumulative indicator gets a third of the quarter's amount per month, a
  last-value or average indicator the quarter's level in each of its months.
* **Capaian to date**: :func:`evaluations.scoring.period_capaian` over the periods 1..n of the year
  under the indicator's period rule (cumulative / last value / average); also against the annual
  target. Percent, unrounded; ``display`` rounds half-up to 2 decimals; categories on the rounded value.
* **Aggregates**: sasaran = mean of its indicators; unit = mean of its IKU weighted by bobot where
  every IKU has one (all indicators when the unit has no IKU); capped values (default cap 120).

Query counts do not depend on the number of indicators, units or periods (each function lists them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from agreements.models import Agreement, Indicator, IndicatorTarget
from evaluations import scoring
from evaluations.capaian_rules import CapaianRules, CategoryBand, RulesError
from evaluations.models import CapaianSetting, Evidence, PeriodReport, Realisation
from sakip.core.models import FiscalYear, Pemda, Period, Unit

THREE = Decimal(3)

# --- rules and calendar ---------------------------------------------------------------------


def rules_for(fiscal_year: FiscalYear) -> CapaianRules:
    """The Pemda's capaian rules for ``fiscal_year`` (:class:`CapaianSetting`), else the defaults.

    A stored configuration that cannot be used falls back to the defaults (the settings form
    validates with the same :meth:`CapaianRules.from_mapping`, so this only guards old data). One query.
    """
    setting = CapaianSetting.objects.filter(fiscal_year=fiscal_year).only("rules").first()
    if setting is None or not setting.rules:
        return CapaianRules()
    try:
        return CapaianRules.from_mapping(setting.rules)
    except (RulesError, TypeError, ValueError):
        return CapaianRules()


def reporting_kind(fiscal_year: FiscalYear) -> str:
    return Period.Kind.MONTH if fiscal_year.frequency == FiscalYear.Frequency.MONTHLY else Period.Kind.QUARTER


def reporting_periods(fiscal_year: FiscalYear) -> list[Period]:
    """The year's reporting periods (12 months or 4 quarters) in order. One query."""
    return list(fiscal_year.periods.filter(kind=reporting_kind(fiscal_year)).order_by("number"))


# --- the PK in force ------------------------------------------------------------------------


def _pick_in_force(signed: Sequence[Agreement], period_end: dt.date) -> Agreement | None:
    """From the signed versions of one PK, the one in force on ``period_end`` (see module doc)."""
    ordered = sorted(signed, key=lambda a: a.version)
    chosen = None
    for agreement in ordered:
        if agreement.version == 1 or agreement.effective_date is None or agreement.effective_date <= period_end:
            chosen = agreement
    return chosen or (ordered[0] if ordered else None)


def agreement_for_period(unit: Unit, fiscal_year: FiscalYear, period_end: dt.date) -> Agreement | None:
    """The unit's PK version in force at ``period_end`` (``None`` when no version is signed). One query."""
    signed = list(Agreement.objects.filter(fiscal_year=fiscal_year, unit=unit, status=Agreement.Status.SIGNED))
    return _pick_in_force(signed, period_end)


def agreements_for_period(fiscal_year: FiscalYear, period_end: dt.date) -> dict[int, Agreement]:
    """unit id → PK version in force at ``period_end`` for every unit of the year. One query."""
    by_unit: dict[int, list[Agreement]] = defaultdict(list)
    qs = Agreement.objects.filter(fiscal_year=fiscal_year, status=Agreement.Status.SIGNED, unit__isnull=False)
    for agreement in qs:
        by_unit[agreement.unit_id].append(agreement)
    found = {unit_id: _pick_in_force(versions, period_end) for unit_id, versions in by_unit.items()}
    return {unit_id: a for unit_id, a in found.items() if a is not None}


def _indicators_of(agreement_ids: Iterable[int]) -> list[Indicator]:
    """Indicators of the given PK versions with sasaran and targets, in PK order. Two queries."""
    return list(
        Indicator.objects.filter(sasaran__agreement_id__in=list(agreement_ids))
        .select_related("sasaran")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("kind", "number")))
        .order_by("sasaran__agreement_id", "sasaran__order", "sasaran_id", "order", "id")
    )


# --- targets --------------------------------------------------------------------------------


def _target_of(value, low, high) -> scoring.Target | None:
    if low is not None and high is not None:
        return scoring.Range(low, high) if low <= high else None
    return value


def annual_target(indicator: Indicator) -> scoring.Target | None:
    if indicator.polarity == Indicator.Polarity.RANGE:
        return _target_of(None, indicator.target_low, indicator.target_high)
    return indicator.target


def period_targets(indicator: Indicator, kind: str) -> list[scoring.Target | None]:
    """Targets of the reporting periods 1..n (12 months or 4 quarters) from prefetched ``targets``."""
    quarters: dict[int, scoring.Target | None] = {}
    months: dict[int, scoring.Target | None] = {}
    for t in indicator.targets.all():
        target = _target_of(t.value, t.low, t.high)
        (quarters if t.kind == IndicatorTarget.Kind.QUARTER else months)[t.number] = target
    if kind == Period.Kind.QUARTER:
        return [quarters.get(n) for n in range(1, 5)]
    if months:
        return [months.get(n) for n in range(1, 13)]
    out: list[scoring.Target | None] = []
    for month in range(1, 13):
        quarter = quarters.get((month + 2) // 3)
        if quarter is not None and indicator.period_rule == Indicator.PeriodRule.CUMULATIVE:
            if isinstance(quarter, scoring.Range):
                quarter = scoring.Range(quarter.low / THREE, quarter.high / THREE, quarter.lower_is_better)
            else:
                quarter = quarter / THREE
        out.append(quarter)
    return out


def target_to_date(targets: Sequence[scoring.Target | None], number: int, rule: str) -> scoring.Target | None:
    """The target of periods 1..``number`` under ``rule`` (cumulative: sum; last: that period's; average: mean)."""
    upto = list(targets[:number])
    if not upto:
        return None
    if rule == Indicator.PeriodRule.LAST:
        return upto[-1]
    try:
        return scoring._combine(upto, mean=rule == Indicator.PeriodRule.AVERAGE)
    except TypeError:
        return None


# --- one indicator --------------------------------------------------------------------------


@dataclass
class Achievement:
    """Capaian of one indicator up to one period: raw (percent, unrounded), capped, display, category."""

    result: scoring.PeriodCapaian
    raw: Decimal | None
    capped: Decimal | None
    display: Decimal | None
    annual: Decimal | None
    category: CategoryBand | None
    needs_explanation: bool

    @property
    def category_code(self) -> str:
        return self.category.code if self.category else ""

    @property
    def category_label(self) -> str:
        return self.category.label if self.category else ""

    @property
    def category_colour(self) -> str:
        return self.category.colour if self.category else ""


def achievement(
    indicator: Indicator,
    values: Sequence[Decimal | None],
    targets: Sequence[scoring.Target | None],
    number: int,
    rules: CapaianRules,
) -> Achievement:
    """Capaian of ``indicator`` to date from the values of periods 1..``number`` (pure, no query)."""
    try:
        result = scoring.period_capaian(
            values,
            targets,
            annual_target(indicator),
            polarity=indicator.polarity,
            period_rule=indicator.period_rule,
            upto=number,
            rules=rules,
        )
    except TypeError:  # inconsistent targets (range vs single): not assessed rather than an error page
        result = scoring.PeriodCapaian(None, None, None, None, None, (), tuple(range(1, number + 1)))
    raw = result.to_date
    return Achievement(
        result=result,
        raw=raw,
        capped=scoring.capped(raw, rules),
        display=scoring.display(raw),
        annual=result.annual,
        category=scoring.category(raw, rules),
        needs_explanation=scoring.needs_explanation(raw, rules),
    )


# --- the entry grid -------------------------------------------------------------------------


@dataclass
class GridRow:
    """One indicator in the entry grid of a report (``value`` etc. are those of this report)."""

    indicator: Indicator
    sasaran_name: str
    realisation: Realisation | None
    value: Decimal | None
    kendala: str
    upaya: str
    evidence: list[Evidence]
    target_period: scoring.Target | None
    target_to_date: scoring.Target | None
    target_annual: scoring.Target | None
    earlier: list[tuple[Period, Decimal | None]]  # earlier reporting periods of the year, in order
    capaian: Achievement
    kendala_required: bool
    number: int

    @property
    def lineage(self):
        return self.indicator.lineage

    @property
    def capaian_raw(self) -> Decimal | None:
        return self.capaian.raw

    @property
    def capaian_capped(self) -> Decimal | None:
        return self.capaian.capped

    @property
    def category(self) -> CategoryBand | None:
        return self.capaian.category

    @property
    def missing_explanation(self) -> bool:
        return self.kendala_required and not (self.kendala.strip() and self.upaya.strip())


def _year_values(unit_ids: Iterable[int], fiscal_year: FiscalYear, kind: str, *, with_evidence: bool = False):
    """(unit id, lineage) → {period number: Realisation} for the year. One query (+1 for evidence)."""
    qs = Realisation.objects.filter(
        report__unit_id__in=list(unit_ids), report__period__fiscal_year=fiscal_year, report__period__kind=kind
    ).select_related("report__period")
    if with_evidence:
        qs = qs.prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id")))
    out: dict[tuple[int, object], dict[int, Realisation]] = defaultdict(dict)
    for r in qs:
        out[(r.report.unit_id, r.indicator_lineage)][r.report.period.number] = r
    return out


def grid_rows(report: PeriodReport, *, rules: CapaianRules | None = None) -> list[GridRow]:
    """Every indicator in force for the report's unit at the period end, with targets, earlier values
    of the year, this report's value, kendala/upaya, evidence and capaian to date.

    Queries: period + year (1 if not loaded), rules (1), PK versions (1), indicators + targets (2),
    periods (1), realisations + evidence (2): constant whatever the number of indicators.
    """
    period = report.period
    fiscal_year = period.fiscal_year
    rules = rules or rules_for(fiscal_year)
    agreement = agreement_for_period(report.unit, fiscal_year, period.end_date)
    if agreement is None:
        return []
    kind = period.kind
    periods = reporting_periods(fiscal_year)
    indicators = _indicators_of([agreement.pk])
    values = _year_values([report.unit_id], fiscal_year, kind, with_evidence=True)
    rows = []
    for indicator in indicators:
        by_number = values.get((report.unit_id, indicator.lineage), {})
        series = [by_number[p.number].value if p.number in by_number else None for p in periods]
        targets = period_targets(indicator, kind)
        current = by_number.get(period.number)
        ach = achievement(indicator, series, targets, period.number, rules)
        rows.append(
            GridRow(
                indicator=indicator,
                sasaran_name=indicator.sasaran.name,
                realisation=current,
                value=current.value if current else None,
                kendala=current.kendala if current else "",
                upaya=current.upaya if current else "",
                evidence=list(current.evidence.all()) if current else [],
                target_period=targets[period.number - 1] if period.number <= len(targets) else None,
                target_to_date=target_to_date(targets, period.number, indicator.period_rule),
                target_annual=annual_target(indicator),
                earlier=[(p, series[i]) for i, p in enumerate(periods) if p.number < period.number],
                capaian=ach,
                kendala_required=ach.needs_explanation,
                number=period.number,
            )
        )
    return rows


def preview_capaian(indicator: Indicator, report: PeriodReport, value: Decimal | None) -> Achievement:
    """Capaian to date of ``indicator`` if this report's value were ``value`` (the server-side
    recomputation while the user types; nothing is saved). Four queries."""
    period = report.period
    fiscal_year = period.fiscal_year
    rules = rules_for(fiscal_year)
    kind = period.kind
    stored = dict(
        Realisation.objects.filter(
            report__unit_id=report.unit_id,
            report__period__fiscal_year=fiscal_year,
            report__period__kind=kind,
            indicator_lineage=indicator.lineage,
        ).values_list("report__period__number", "value")
    )
    stored[period.number] = value
    count = 12 if kind == Period.Kind.MONTH else 4
    series = [stored.get(n) for n in range(1, count + 1)]
    indicator = Indicator.objects.prefetch_related("targets").get(pk=indicator.pk)
    return achievement(indicator, series, period_targets(indicator, kind), period.number, rules)


# --- a unit ---------------------------------------------------------------------------------


@dataclass
class IndicatorCapaian:
    indicator: Indicator
    values: list[Decimal | None]  # per reporting period 1..n
    capaian: Achievement
    trend: list[Decimal | None] = field(default_factory=list)  # capaian to date after each period (raw)


@dataclass
class SasaranCapaian:
    name: str
    indicators: list[IndicatorCapaian]
    aggregate: scoring.Aggregate


@dataclass
class UnitCapaian:
    unit: Unit
    period: Period | None
    agreement: Agreement | None
    indicators: list[IndicatorCapaian]
    sasaran: list[SasaranCapaian]
    aggregate: scoring.Aggregate
    rules: CapaianRules

    @property
    def skipped(self) -> int:
        return self.aggregate.skipped

    @property
    def category(self) -> CategoryBand | None:
        return scoring.category(self.aggregate.value, self.rules)

    @property
    def display(self) -> Decimal | None:
        return scoring.display(self.aggregate.value)

    def count_in(self, code: str) -> int:
        return sum(1 for i in self.indicators if i.capaian.category_code == code)


def default_period(fiscal_year: FiscalYear, periods: Sequence[Period], today: dt.date | None = None) -> Period | None:
    """The latest reporting period that has ended by ``today`` (the first one if none has)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    ended = [p for p in periods if p.end_date < today]
    return ended[-1] if ended else (periods[0] if periods else None)


def _unit_result(
    unit: Unit,
    agreement: Agreement | None,
    indicators: list[Indicator],
    values: dict,
    period: Period | None,
    kind: str,
    count: int,
    rules: CapaianRules,
    *,
    with_trend: bool = False,
) -> UnitCapaian:
    number = period.number if period else count
    items: list[IndicatorCapaian] = []
    for indicator in indicators:
        by_number = values.get((unit.pk, indicator.lineage), {})
        series = [by_number[n].value if n in by_number else None for n in range(1, count + 1)]
        targets = period_targets(indicator, kind)
        ach = achievement(indicator, series, targets, number, rules)
        trend = (
            [achievement(indicator, series, targets, n, rules).raw for n in range(1, number + 1)] if with_trend else []
        )
        items.append(IndicatorCapaian(indicator, series, ach, trend))
    groups: dict[int, list[IndicatorCapaian]] = {}
    names: dict[int, str] = {}
    for item in items:
        groups.setdefault(item.indicator.sasaran_id, []).append(item)
        names[item.indicator.sasaran_id] = item.indicator.sasaran.name
    sasaran = [
        SasaranCapaian(names[sid], group, scoring.sasaran_capaian([i.capaian.raw for i in group], rules=rules))
        for sid, group in groups.items()
    ]
    iku = [i for i in items if i.indicator.is_iku] or items
    weights = [i.indicator.weight for i in iku]
    unit_agg = scoring.unit_capaian(
        [i.capaian.raw for i in iku], weights if any(w is not None for w in weights) else None, rules=rules
    )
    return UnitCapaian(unit, period, agreement, items, sasaran, unit_agg, rules)


def unit_capaian(
    unit: Unit, fiscal_year: FiscalYear, period: Period | None = None, *, with_trend: bool = True
) -> UnitCapaian:
    """Capaian of every indicator of ``unit`` up to ``period`` (default: the latest ended period),
    per sasaran and for the unit (IKU, bobot, cap), with the count of not-assessed items skipped.
    Seven queries, whatever the number of indicators."""
    rules = rules_for(fiscal_year)
    periods = reporting_periods(fiscal_year)
    kind = reporting_kind(fiscal_year)
    period = period or default_period(fiscal_year, periods)
    end = period.end_date if period else dt.date(fiscal_year.year, 12, 31)
    agreement = agreement_for_period(unit, fiscal_year, end)
    indicators = _indicators_of([agreement.pk]) if agreement else []
    values = _year_values([unit.pk], fiscal_year, kind) if agreement else {}
    return _unit_result(unit, agreement, indicators, values, period, kind, len(periods), rules, with_trend=with_trend)


def indicator_capaian(indicator: Indicator, unit: Unit, fiscal_year: FiscalYear, period: Period | None = None):
    """Capaian of one indicator (by its lineage) of ``unit``: the :class:`IndicatorCapaian` with trend."""
    result = unit_capaian(unit, fiscal_year, period)
    return next((i for i in result.indicators if i.indicator.lineage == indicator.lineage), None)


# --- the Pemda ------------------------------------------------------------------------------


@dataclass
class PemdaCapaian:
    fiscal_year: FiscalYear
    period: Period | None
    units: list[UnitCapaian]  # every active unit (with or without a PK in force)
    distribution: list[tuple[CategoryBand | None, int]]  # indicator count per category; None = not assessed
    rules: CapaianRules
    red_code: str = ""

    def most_red(self, limit: int = 10) -> list[tuple[UnitCapaian, int]]:
        """Units with the most indicators in the worst category, most first (only units with any)."""
        counted = [(u, u.count_in(self.red_code)) for u in self.units]
        counted = [(u, n) for u, n in counted if n]
        counted.sort(key=lambda x: (-x[1], x[0].unit.code))
        return counted[:limit]

    @property
    def aggregate(self) -> scoring.Aggregate:
        """Mean of the unit aggregates (capped), units without any assessed IKU skipped."""
        return scoring.aggregate([u.aggregate.value for u in self.units], rules=self.rules)


def pemda_capaian(pemda: Pemda, fiscal_year: FiscalYear, period: Period | None = None) -> PemdaCapaian:
    """Every active unit's capaian up to ``period`` (default: the latest ended period), the category
    distribution of all indicators and the ranking of units by red indicators.

    Queries: units (1), rules (1), periods (1), PK versions (1), indicators + targets (2),
    realisations (1): seven, whatever the number of units, indicators or periods.
    """
    rules = rules_for(fiscal_year)
    periods = reporting_periods(fiscal_year)
    kind = reporting_kind(fiscal_year)
    period = period or default_period(fiscal_year, periods)
    end = period.end_date if period else dt.date(fiscal_year.year, 12, 31)
    units = list(Unit.objects.filter(pemda=pemda, is_active=True).order_by("code", "name"))
    agreements = agreements_for_period(fiscal_year, end)
    indicators = _indicators_of([a.pk for a in agreements.values()]) if agreements else []
    by_agreement: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_agreement[indicator.sasaran.agreement_id].append(indicator)
    values = _year_values([u.pk for u in units], fiscal_year, kind) if agreements else {}
    results = []
    for unit in units:
        agreement = agreements.get(unit.pk)
        found = by_agreement.get(agreement.pk, []) if agreement else []
        results.append(_unit_result(unit, agreement, found, values, period, kind, len(periods), rules))
    return pemda_result(fiscal_year, period, results, rules)


def pemda_result(fiscal_year: FiscalYear, period, results: list[UnitCapaian], rules: CapaianRules) -> PemdaCapaian:
    """The Pemda's capaian from its units' results: indicator counts per category band (last: not
    assessed), the worst band as the red one."""
    counts: dict[str | None, int] = {b.code: 0 for b in rules.bands}
    counts[None] = 0
    for result in results:
        for item in result.indicators:
            counts[item.capaian.category_code or None] += 1
    distribution = [(b, counts[b.code]) for b in rules.bands] + [(None, counts[None])]
    return PemdaCapaian(fiscal_year, period, results, distribution, rules, red_code=rules.bands[-1].code)
