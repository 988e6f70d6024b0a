"""The figures of a monthly report as JSON-able data (for the content hash) and the context of one
unit's page (``templates/reports/_unit_page.html``), from a :class:`evaluations.report_data.MonthlyData`.

Figures hold what the documents show — numbers as exact strings, dates as ISO text — and nothing
about the rendering (no version, no print time), so two renders of the same figures carry the same
content hash. Imported by :mod:`evaluations.report_data`, which re-exports the public functions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from evaluations import scoring
from sakip.lib.numbers import format_number

if TYPE_CHECKING:  # pragma: no cover
    from evaluations.report_data import IndicatorRow, MonthlyData, UnitRow


def _s(value) -> str | None:
    return None if value is None else str(value)


def _d(value) -> str | None:
    return None if value is None else value.isoformat()


def target_text(target) -> str:
    """A target in Indonesian format: ``95``, ``1.250,5`` or a range ``10–20``; ``–`` when none."""
    if target is None:
        return "–"
    if isinstance(target, scoring.Range):
        return f"{format_number(target.low, 2, strip=True)}–{format_number(target.high, 2, strip=True)}"
    return format_number(target, 2, strip=True)


def _target_json(target):
    if isinstance(target, scoring.Range):
        return [_s(target.low), _s(target.high)]
    return _s(target)


def _indicator(row: IndicatorRow) -> dict:
    return {
        "name": row.name,
        "sasaran": row.sasaran,
        "target": _target_json(row.target),
        "realisation": _s(row.realisation),
        "value": _s(row.value),
        "capaian": _s(row.capaian),
        "category": row.category.code if row.category else None,
        "red": row.is_red,
        "kendala": row.kendala,
        "upaya": row.upaya,
    }


def _unit(row: UnitRow, *, indicators: bool) -> dict:
    out = {
        "code": row.unit.code,
        "name": row.unit.name,
        "capaian": _s(row.capaian),
        "previous": _s(row.previous),
        "category": row.category.code if row.category else None,
        "state": row.state,
        "late": row.late,
        "red": row.red_count,
        "rank": row.rank,
        "score": _s(row.score),
        "followups": len(row.followups),
        "decisions": [d.sk_number for d in row.decisions],
    }
    if indicators:
        out["indicators"] = [_indicator(i) for i in row.indicators]
        out["head"] = row.head.name if row.head else None
        out["on_time"] = _s(row.rates.timeliness)
    return out


def figures(data: MonthlyData) -> dict:
    """JSON-able figures of the whole monthly report."""
    return {
        "document": "monthly",
        "pemda": data.pemda.name,
        "year": data.year,
        "month": data.month,
        "fiscal_year": data.fiscal_year is not None,
        "period": data.period.label if data.period else None,
        "distribution": [[band.code if band else None, count] for band, count in data.distribution],
        "average": _s(data.average),
        "previous_average": _s(data.previous_average),
        "on_time_period": _s(data.period_rates.timeliness),
        "on_time_year": _s(data.year_rates.timeliness),
        "trend": [[p.period.number, _s(p.average), _s(p.on_time)] for p in data.trend],
        "units": [_unit(row, indicators=True) for row in data.units],
        "not_reported": [row.unit.code for row in data.not_reported],
        "ranking": [[e["rank"], e["unit_key"], _s(e["score"])] for e in data.ranking],
        "unranked": [u.code for u in data.unranked],
        "followups": [[str(r.uid), r.owner.code, r.status, _d(r.due_date)] for r in data.followups],
        "decisions": [[d.sk_number, _d(d.sk_date), d.kind, d.status, d.unit.code] for d in data.decisions],
    }


def unit_figures(data: MonthlyData, unit_id: int) -> dict:
    """JSON-able figures of one unit's page."""
    row = data.unit_row(unit_id)
    return {
        "document": "unit_monthly",
        "pemda": data.pemda.name,
        "year": data.year,
        "month": data.month,
        "period": data.period.label if data.period else None,
        "unit": _unit(row, indicators=True),
        "ranked_units": len(data.ranking),
    }


def unit_page_context(data: MonthlyData, unit_id: int) -> dict:
    """Context of ``templates/reports/_unit_page.html`` (one unit's page in the month)."""
    row = data.unit_row(unit_id)
    indicators = [
        {"row": i, "target": target_text(i.target), "realisation": target_text(i.realisation)} for i in row.indicators
    ]
    change = row.change
    return {
        "data": data,
        "pemda": data.pemda,
        "row": row,
        "unit": row.unit,
        "indicators": indicators,
        "red": row.red,
        "change": change,
        "change_sign": "" if change is None else ("+" if change > 0 else ("±" if change == 0 else "")),
        "ranked_count": len(data.ranking),
        "month_label": data.month_label,
        "bands": data.rules.bands,
        "red_threshold": _red_threshold(data),
    }


def _red_threshold(data: MonthlyData) -> Decimal | None:
    """The lower bound of the second-worst band: below it an indicator is red (51 by default)."""
    bands = data.rules.bands
    return bands[-2].lower if len(bands) > 1 else None
