"""The figures rankings and rules work on, gathered per unit in bulk from realisation and evaluation data.

:func:`unit_metrics` returns one :class:`UnitFigures` per active unit **that has a ranking category**
(units without one, e.g. an Inspektorat the Pemda keeps out of the ranking, are left out): it is a
:class:`rewards.ranking.UnitMetrics` (so the pure rankers take it as is) with the extras the rules
need. Definitions (units in brackets):

* ``akip`` / ``predicate`` (points 0–100 / AA…D): the published, responded or final LKE evaluation of the
  evaluated ``year`` (``evaluations.lke_selectors.published_scores``); ``previous_akip`` the same for
  ``year - 1``. An evaluation still in progress counts as missing.
* ``capaian`` (percent): the unit's aggregate capaian to date up to ``period`` (default: the latest
  reporting period that has ended, i.e. December for a past year), exactly as the capaian dashboard
  computes it (``evaluations.capaian``: PK in force, IKU, bobot, capped per indicator at the Pemda's
  cap). ``None`` without a signed PK or without any assessed IKU.
* ``monthly_capaian`` (percent per month, January first, 12 values): the unit aggregate of the
  capaian to date after each month, up to ``period``; later months are ``None``. Only for monthly
  reporting years; a quarterly year gives ``()`` (the monthly rules then do not apply).
* ``on_time`` (percent 0–100) and ``late_count``: over the reporting periods due by today (Pemda time
  zone) up to ``period``, as the monitoring matrix counts them (``evaluations.monitoring``): on-time =
  reported by the deadline ÷ due. ``late_count`` = reports submitted after their deadline (whatever
  their later status) + due periods with nothing submitted yet.
* ``pk_missed`` (yes/no): **the unit's average capaian of the year (to ``period``) is below 100 %**,
  i.e. on average its PK targets were not met; ``None`` (not assessed) without a signed PK or any
  assessed IKU, because a missing figure must never trigger a sanction.
* ``extra`` (issue 9): ``penilaian_<type code>`` the unit's external assessment of ``year`` (on the
  type's own scale), ``kepatuhan_kewajiban`` (percent) and ``kewajiban_tidak_dipenuhi`` (count) from
  ``rewards.selectors_obligations.obligation_metrics`` to the period's month; absent when there is no
  figure. :func:`metric_specs` names the ranking metrics they give (scale, label).

Queries do not grow with the number of units, indicators or periods (about a dozen; see the test).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from evaluations import capaian, monitoring, scoring
from evaluations.capaian_rules import CapaianRules
from evaluations.lke_selectors import published_scores
from rewards import ranking
from rewards.ranking import UnitMetrics
from rewards.rules_defaults import (
    DEFAULT_WEIGHTS,
    METRIC_AKIP,
    METRIC_CAPAIAN,
    METRIC_OBLIGATIONS,
    METRIC_OBLIGATIONS_MISSED,
    METRIC_TIMELINESS,
)
from sakip.core.models import FiscalYear, Pemda, Period, Unit

HUNDRED = Decimal(100)
MONTHS = 12


@dataclass(frozen=True)
class UnitFigures(UnitMetrics):
    """One unit's figures: the :class:`UnitMetrics` of the rankings plus what rules and pages need."""

    unit_id: int = 0
    unit_uid: str = ""
    category_name: str = ""
    category_order: int = 0
    predicate: str | None = None
    monthly_capaian: tuple[Decimal | None, ...] = ()
    capaian_skipped: int = 0  # not-assessed IKU left out of the average
    has_pk: bool = False
    due_count: int = 0  # reporting periods due so far
    late_count: int | None = None
    pk_missed: bool | None = None

    def to_json(self) -> dict:
        """JSON-able figures (Decimals as strings) as stored in a snapshot."""
        return {
            "unit_id": self.unit_id,
            "unit_uid": self.unit_uid,
            "unit_key": self.unit_key,
            "unit_name": self.unit_name,
            "category": self.category,
            "category_name": self.category_name,
            "category_order": self.category_order,
            "akip": _s(self.akip),
            "previous_akip": _s(self.previous_akip),
            "predicate": self.predicate,
            "capaian": _s(self.capaian),
            "capaian_skipped": self.capaian_skipped,
            "monthly_capaian": [_s(v) for v in self.monthly_capaian],
            "on_time": _s(self.on_time),
            "due_count": self.due_count,
            "late_count": self.late_count,
            "has_pk": self.has_pk,
            "pk_missed": self.pk_missed,
            "extra": {k: v if isinstance(v, int) else _s(v) for k, v in sorted(self.extra.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> UnitFigures:
        return cls(
            unit_key=data["unit_key"],
            unit_name=data["unit_name"],
            category=data["category"],
            akip=_d(data.get("akip")),
            capaian=_d(data.get("capaian")),
            on_time=_d(data.get("on_time")),
            previous_akip=_d(data.get("previous_akip")),
            unit_id=data.get("unit_id", 0),
            unit_uid=data.get("unit_uid", ""),
            category_name=data.get("category_name", ""),
            category_order=data.get("category_order", 0),
            predicate=data.get("predicate"),
            monthly_capaian=tuple(_d(v) for v in data.get("monthly_capaian", ())),
            capaian_skipped=data.get("capaian_skipped", 0),
            has_pk=data.get("has_pk", False),
            due_count=data.get("due_count", 0),
            late_count=data.get("late_count"),
            pk_missed=data.get("pk_missed"),
            extra={k: v if isinstance(v, int) else _d(v) for k, v in (data.get("extra") or {}).items()},
        )


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _d(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


@dataclass
class Gathered:
    """What :func:`gather` found: the figures, the year's capaian cap and the period used."""

    rows: list[UnitFigures]
    fiscal_year: FiscalYear | None
    period: Period | None
    capaian_cap: Decimal | None
    today: dt.date
    categories: list[tuple[str, str]] = field(default_factory=list)  # (code, name) in display order
    specs: list[ranking.MetricSpec] = field(default_factory=list)  # further ranking metrics of the Pemda


def ranked_units(pemda: Pemda) -> list[Unit]:
    """Active units of the Pemda with a ranking category, in code order. One query."""
    return list(
        Unit.objects.filter(pemda=pemda, is_active=True, ranking_category__isnull=False)
        .select_related("ranking_category")
        .order_by("code", "name")
    )


def fiscal_year_of(pemda: Pemda, year: int) -> FiscalYear | None:
    return FiscalYear.objects.filter(pemda=pemda, year=year).select_related("pemda").first()


def _reporting_period(periods: list[Period], period: Period | None) -> Period | None:
    """``period`` itself when it is a reporting period, else the last reporting period ending by its end."""
    if period is None:
        return None
    if any(p.pk == period.pk for p in periods):
        return next(p for p in periods if p.pk == period.pk)
    ended = [p for p in periods if p.end_date <= period.end_date]
    return ended[-1] if ended else None


def _scores(pemda: Pemda, year: int) -> dict[int, tuple[Decimal | None, str]]:
    return {row.unit.pk: (row.score, row.predicate or None) for row in published_scores(pemda, year)}


def _capaian(fiscal_year: FiscalYear, units: list[Unit], period: Period | None, periods: list[Period]):
    """unit id → (aggregate, monthly series, skipped, has PK), reusing ``evaluations.capaian``. Six queries."""
    rules = capaian.rules_for(fiscal_year)
    kind = capaian.reporting_kind(fiscal_year)
    period = period or capaian.default_period(fiscal_year, periods)
    end = period.end_date if period else dt.date(fiscal_year.year, 12, 31)
    agreements = capaian.agreements_for_period(fiscal_year, end)
    indicators = capaian._indicators_of([a.pk for a in agreements.values()]) if agreements else []
    by_agreement: dict[int, list] = {}
    for indicator in indicators:
        by_agreement.setdefault(indicator.sasaran.agreement_id, []).append(indicator)
    values = capaian._year_values([u.pk for u in units], fiscal_year, kind) if agreements else {}
    monthly = kind == Period.Kind.MONTH
    out = {}
    for unit in units:
        agreement = agreements.get(unit.pk)
        found = by_agreement.get(agreement.pk, []) if agreement else []
        result = capaian._unit_result(
            unit, agreement, found, values, period, kind, len(periods), rules, with_trend=monthly
        )
        series: tuple[Decimal | None, ...] = ()
        if monthly:
            iku = [i for i in result.indicators if i.indicator.is_iku] or result.indicators
            weights = [i.indicator.weight for i in iku]
            weights = weights if any(w is not None for w in weights) else None
            done = len(iku[0].trend) if iku else 0
            series = tuple(
                scoring.unit_capaian([i.trend[n] for i in iku], weights, rules=rules).value if n < done else None
                for n in range(MONTHS)
            )
        out[unit.pk] = (result.aggregate.value, series, result.aggregate.skipped, agreement is not None)
    return out, rules.cap, period


def _timeliness(fiscal_year: FiscalYear, units: list[Unit], period: Period | None, periods: list[Period], today):
    """unit id → (on-time rate, late count, due count) from the monitoring matrix. One query."""
    shown = [p for p in periods if period is None or p.end_date <= period.end_date]
    grid = monitoring.matrix(fiscal_year, units=units, period_list=shown, today=today)
    out = {}
    for row in grid.rows:
        late = sum(
            1
            for cell in row.cells
            if cell.state == "missing" or (cell.state != "open" and cell.report is not None and cell.report.is_late)
        )
        out[row.unit.pk] = (row.rates.timeliness, late, row.rates.due)
    return out


def metric_specs(pemda: Pemda, types=None) -> list[ranking.MetricSpec]:
    """The further ranking metrics of the Pemda: one per assessment type, then obligation compliance."""
    from rewards.selectors_assessments import type_specs

    return [*type_specs(pemda, types), obligation_spec()]


def obligation_spec() -> ranking.MetricSpec:
    """Obligation compliance as a ranking metric: percent 0–100, higher is better."""
    return ranking.MetricSpec(METRIC_OBLIGATIONS, _("Kepatuhan kewajiban"), unit="%")


def _obligations(pemda: Pemda, year: int, period: Period | None) -> dict[int, dict]:
    """unit id → {kepatuhan_kewajiban, kewajiban_tidak_dipenuhi} from the obligations module, if present."""
    try:
        from rewards.selectors_obligations import obligation_metrics
    except ImportError:  # pragma: no cover - the obligations module lands separately
        return {}
    through = period.end_date.month if period is not None and period.end_date.year == year else None
    return obligation_metrics(pemda, year, through_month=through) or {}


def _extra(pemda: Pemda, year: int, period: Period | None) -> tuple[dict[int, dict], list[ranking.MetricSpec]]:
    from rewards.selectors_assessments import assessment_values

    types, values = assessment_values(pemda, year)
    for unit_id, found in _obligations(pemda, year, period).items():
        row = values.setdefault(unit_id, {})
        for key in (METRIC_OBLIGATIONS, METRIC_OBLIGATIONS_MISSED):
            value = found.get(key)
            if value is not None:
                row[key] = value if isinstance(value, int) else Decimal(str(value))
    return values, metric_specs(pemda, types)


def gather(pemda: Pemda, year: int, *, period: Period | None = None, today: dt.date | None = None) -> Gathered:
    """Every ranked unit's figures for ``year`` (to ``period``), see the module docstring for definitions."""
    today = today or monitoring.today_for(pemda)
    units = ranked_units(pemda)
    extra, specs = _extra(pemda, year, period)
    current, previous = _scores(pemda, year), _scores(pemda, year - 1)
    fiscal_year = fiscal_year_of(pemda, year)
    cap = CapaianRules().cap
    used_period = period
    capaian_by_unit, timeliness = {}, {}
    if fiscal_year is not None and units:
        periods = capaian.reporting_periods(fiscal_year)
        reporting = _reporting_period(periods, period)
        capaian_by_unit, cap, used_period = _capaian(fiscal_year, units, reporting, periods)
        timeliness = _timeliness(fiscal_year, units, reporting, periods, today)
        used_period = period or used_period
    rows = []
    categories: dict[str, tuple[int, str]] = {}
    for unit in units:
        category = unit.ranking_category
        categories[category.code] = (category.order, category.name)
        akip, predicate = current.get(unit.pk, (None, None))
        previous_akip = previous.get(unit.pk, (None, None))[0]
        average, series, skipped, has_pk = capaian_by_unit.get(unit.pk, (None, (), 0, False))
        on_time, late, due = timeliness.get(unit.pk, (None, None, 0))
        rows.append(
            UnitFigures(
                unit_key=unit.code,
                unit_name=unit.name,
                category=category.code,
                akip=akip,
                capaian=average,
                on_time=on_time,
                previous_akip=previous_akip,
                unit_id=unit.pk,
                unit_uid=str(unit.uid),
                category_name=category.name,
                category_order=category.order,
                predicate=predicate,
                monthly_capaian=series,
                capaian_skipped=skipped,
                has_pk=has_pk,
                due_count=due,
                late_count=late if fiscal_year is not None else None,
                pk_missed=None if average is None else average < HUNDRED,
                extra=extra.get(unit.pk, {}),
            )
        )
    ordered = sorted(categories.items(), key=lambda item: (item[1][0], item[1][1], item[0]))
    cats = [(code, name) for code, (_o, name) in ordered]
    return Gathered(rows, fiscal_year, used_period, cap, today, cats, specs)


def unit_metrics(pemda: Pemda, year: int, *, period: Period | None = None) -> list[UnitFigures]:
    """One :class:`UnitFigures` (a ``ranking.UnitMetrics``) per ranked unit, in unit code order."""
    return gather(pemda, year, period=period).rows


# --- rankings as JSON-able data ------------------------------------------------------------------

RANKED_KINDS = (ranking.KIND_COMPOSITE, METRIC_AKIP, METRIC_CAPAIAN, METRIC_TIMELINESS)


def _part_json(part: ranking.MetricPart) -> dict:
    return {
        "metric": part.metric,
        "value": _s(part.value),
        "normalised": _s(part.normalised),
        "weight": _s(part.weight),
        "effective_weight": _s(part.effective_weight),
        "contribution": _s(part.contribution),
        "missing": part.missing,
    }


def ranking_json(result: ranking.Ranking, uids: dict[str, str] | None = None) -> dict:
    """A :class:`rewards.ranking.Ranking` as JSON-able data (Decimals as strings, exact)."""
    uids = uids or {}
    return {
        "kind": result.kind,
        "category": result.category,
        "entries": [
            {
                "rank": entry.rank,
                "unit_key": entry.unit_key,
                "unit_uid": uids.get(entry.unit_key, ""),
                "unit_name": entry.unit_name,
                "category": entry.category,
                "score": str(entry.score),
                "renormalised": entry.renormalised,
                "breakdown": [_part_json(part) for part in entry.breakdown],
            }
            for entry in result.entries
        ],
        "unranked": list(result.unranked),
    }


def build_rankings(
    rows: list[UnitFigures], weights: dict | None, *, capaian_cap: Decimal | None, categories=None, specs=()
) -> dict:
    """Every ranking of the rows as JSON-able data.

    ``{"weights", "capaian_cap", "categories": [{code, name}], "overall": {kind: ranking},
    "by_category": {code: {kind: ranking}}}`` where kind is ``komposit``, ``akip``, ``capaian``,
    ``ketepatan_waktu`` (overall and per category) and ``most_improved`` (per category and overall).
    Each ranking: ``{kind, category, entries: [{rank, unit_key, unit_uid, unit_name, category,
    score, renormalised, breakdown: [{metric, value, normalised, weight, effective_weight,
    contribution, missing}]}], unranked: [unit keys]}``; ranks, tie-break and normalisation are those
    of :mod:`rewards.ranking`. ``weights`` must be valid (:func:`rewards.ranking.validate_weights`).
    ``specs`` (issue 9): further metrics the weights may name; stored as ``metrics: [{code, label, low,
    high, higher_is_better, unit}]`` so a frozen snapshot keeps their labels and scales.
    """
    checked = ranking.validate_weights(weights or DEFAULT_WEIGHTS, specs)
    uids = {row.unit_key: row.unit_uid for row in rows}
    if categories is None:
        seen: dict[str, tuple[int, str]] = {}
        for row in rows:
            seen[row.category] = (row.category_order, row.category_name or row.category)
        categories = [(c, n) for c, (_o, n) in sorted(seen.items(), key=lambda i: (i[1][0], i[1][1], i[0]))]

    def all_kinds(category: str | None) -> dict:
        out = {
            ranking.KIND_COMPOSITE: ranking.rank_composite(
                rows, checked, capaian_cap=capaian_cap, category=category, specs=specs
            )
        }
        for metric in (METRIC_AKIP, METRIC_CAPAIAN, METRIC_TIMELINESS):
            out[metric] = ranking.rank_by_metric(rows, metric, capaian_cap=capaian_cap, category=category)
        out[ranking.KIND_MOST_IMPROVED] = ranking.rank_most_improved(rows, category=category)
        return {kind: ranking_json(result, uids) for kind, result in out.items()}

    return {
        "weights": {metric: str(value) for metric, value in checked.items()},
        "capaian_cap": _s(capaian_cap),
        "metrics": [spec.to_json() for spec in specs if spec.code in checked],
        "categories": [{"code": code, "name": name} for code, name in categories],
        "overall": all_kinds(None),
        "by_category": {code: all_kinds(code) for code, _name in categories},
    }
