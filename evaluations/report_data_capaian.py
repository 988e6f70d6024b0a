"""The Pemda's capaian at every reporting period of the year up to the report's period, read once.

:func:`evaluations.capaian.pemda_capaian` reads the year's realisations on every call; the monthly
report needs its result for each period of the year so far (trend, change since the previous
period), so this module reads units, PK versions, indicators and realisations once and applies the
same maths (``capaian._pick_in_force`` / ``capaian._unit_result``, as ``rewards.metrics`` does) per
period. The result of each period equals ``pemda_capaian(pemda, fiscal_year, period)`` (tested).

The realisations are read as plain rows (no model instances): with 60 units × 12 indicators × 10
months the model-instance read of ``capaian._year_values`` alone takes most of a second.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from agreements.models import Agreement, Indicator
from evaluations import capaian
from evaluations.models import Realisation
from sakip.core.models import FiscalYear, Pemda, Period, Unit


@dataclass(frozen=True)
class _Value:
    """What ``capaian._unit_result`` reads of a realisation."""

    value: Decimal | None


@dataclass
class YearRows:
    values: dict  # (unit id, lineage) → {period number: _Value}
    notes: dict  # (unit id, lineage, period number) → (value, kendala, upaya)


def year_rows(unit_ids: list[int], fiscal_year: FiscalYear, kind: str) -> YearRows:
    """The year's realisations of the units as plain rows. One query."""
    qs = Realisation.objects.filter(
        report__unit_id__in=unit_ids, report__period__fiscal_year=fiscal_year, report__period__kind=kind
    ).values_list("report__unit_id", "indicator_lineage", "report__period__number", "value", "kendala", "upaya")
    values: dict = defaultdict(dict)
    notes: dict = {}
    for unit_id, lineage, number, value, kendala, upaya in qs:
        values[(unit_id, lineage)][number] = _Value(value)
        if kendala or upaya or value is not None:
            notes[(unit_id, lineage, number)] = (value, kendala, upaya)
    return YearRows(values, notes)


def capaian_by_period(
    pemda: Pemda, fiscal_year: FiscalYear, periods: list[Period], upto: list[Period]
) -> tuple[dict[int, capaian.PemdaCapaian], YearRows]:
    """period id → :class:`capaian.PemdaCapaian` for each period of ``upto``, and the year's rows.

    Queries: rules (1), units (1), PK versions (1), indicators + targets (2), realisations (1).
    """
    rules = capaian.rules_for(fiscal_year)
    kind = capaian.reporting_kind(fiscal_year)
    units = list(Unit.objects.filter(pemda=pemda, is_active=True).order_by("code", "name"))
    versions: dict[int, list[Agreement]] = defaultdict(list)
    qs = Agreement.objects.filter(fiscal_year=fiscal_year, status=Agreement.Status.SIGNED, unit__isnull=False)
    for agreement in qs:
        versions[agreement.unit_id].append(agreement)
    in_force: dict[int, dict[int, Agreement]] = {}
    for period in upto:
        picked = {uid: capaian._pick_in_force(v, period.end_date) for uid, v in versions.items()}
        in_force[period.pk] = {uid: a for uid, a in picked.items() if a is not None}
    used = {a.pk for chosen in in_force.values() for a in chosen.values()}
    by_agreement: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in capaian._indicators_of(sorted(used)) if used else []:
        by_agreement[indicator.sasaran.agreement_id].append(indicator)
    rows = year_rows([u.pk for u in units], fiscal_year, kind) if used else YearRows({}, {})
    out = {}
    for period in upto:
        agreements = in_force[period.pk]
        results = []
        for unit in units:
            agreement = agreements.get(unit.pk)
            found = by_agreement.get(agreement.pk, []) if agreement else []
            results.append(capaian._unit_result(unit, agreement, found, rows.values, period, kind, len(periods), rules))
        out[period.pk] = capaian.pemda_result(fiscal_year, period, results, rules)
    return out, rows
