"""Rankings of units (issue 6, domain reference §8), pure: plain functions over ``Decimal``, no ORM.

Input is one :class:`UnitMetrics` row per unit. Scales:

- ``akip``: the AKIP (LKE) score, points 0–100; ``previous_akip`` the same for the previous year.
- ``capaian``: the unit's average capaian for the year or period, percent, raw (before the cap).
- ``on_time``: the on-time rate, **percent 0–100** (not a 0–1 fraction), so all three metrics share
  one scale.

**Normalisation** to 0–100: AKIP and on-time rate as they are; capaian is clipped to
``[0, cap]`` and scaled: ``min(capaian, cap) / cap × 100`` (default cap 120 %: 120 % → 100,
90 % → 75). Without a cap (``None``) the scale is 100 % and anything above counts as 100.

**Composite index**: ``Σ normalised × effective weight / 100`` at full precision, then rounded half-up
to 2 decimals; ranks compare the rounded value. Weights are the admin's (points, sum 100; default
``rules_defaults.DEFAULT_WEIGHTS`` 50 / 35 / 15). **Missing metric** — the composite compares like
with like:

- a weighted metric that **no unit of the ranked group** has yet (e.g. the AKIP score before the
  evaluation is published) is left out for everyone: the weights are re-normalised over the
  metrics available (effective weight = weight × 100 / Σ weights available), the missing part is
  flagged ``missing`` with effective weight and contribution 0, and every entry is flagged
  ``renormalised``;
- a unit that lacks a weighted metric **other units of the group have** (e.g. a unit that was not
  evaluated) is not ranked (``Ranking.unranked``): re-normalising only its weights would rank it on
  an easier scale than the others and could place it above evaluated units.

A unit with no weighted metric at all is not ranked. In a single-metric ranking a unit without that
metric is not ranked either — missing is never 0.

**Tie-break** (documented rule): equal ranked value (rounded to 2 decimals) → higher AKIP score →
higher capaian (capped) → higher on-time rate, each compared rounded to 2 decimals, a missing value
below any present one. Units still equal on all of these **share the rank** (standard competition
ranking "1, 2, 2, 4") and are listed by unit code (``unit_key``, compared as text).

**Most improved**: increase = AKIP − previous AKIP (both rounded to 2 decimals); units without either
score are not ranked; ties → higher current AKIP → shared rank.

**Further metrics** (issue 9): a :class:`MetricSpec` names a metric beyond the three above (an external
assessment ``penilaian_<code>`` or obligation compliance ``kepatuhan_kewajiban``) with its scale; the
row carries its raw value in ``UnitMetrics.extra``. It is normalised by :func:`scale_to_100`
(``(v − low) / (high − low) × 100``, clipped to the range; ``100 −`` that when lower is better) and
weighted like the others; the like-with-like rule above applies to it unchanged. Functions taking
weights take ``specs`` (the metrics the Pemda has) so such weights validate.

Breakdown values are kept exact; display rounds them with ``sakip.lib.numbers.format_number``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from rewards.rules_defaults import (
    CAPAIAN_CAP,
    DEFAULT_WEIGHTS,
    METRIC_AKIP,
    METRIC_CAPAIAN,
    METRIC_TIMELINESS,
    RANKING_METRICS,
    TIE_BREAK,
)
from sakip.lib.numbers import format_number, round_half_up, to_decimal

HUNDRED = Decimal(100)
KIND_COMPOSITE = "komposit"
KIND_MOST_IMPROVED = "most_improved"
PART_PREVIOUS = "akip_sebelumnya"  # breakdown parts of the most-improved ranking
PART_INCREASE = "kenaikan_akip"


class RewardsError(ValueError):
    """Ranking input, weights or rules that cannot be used; ``messages`` in Bahasa Indonesia."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class UnitMetrics:
    unit_key: str  # the unit's code; last tie-break for display order
    unit_name: str
    category: str  # ranking category: "perangkat_daerah", "kecamatan", "uptd", …
    akip: Decimal | None = None  # points 0–100
    capaian: Decimal | None = None  # percent, raw average
    on_time: Decimal | None = None  # percent 0–100
    previous_akip: Decimal | None = None  # points 0–100, previous year
    # further metrics by code (issue 9): penilaian_<type>, kepatuhan_kewajiban, kewajiban_tidak_dipenuhi
    extra: Mapping[str, Decimal | int | None] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class MetricSpec:
    """A ranking metric beyond AKIP, capaian and on-time rate, with the scale it is normalised from."""

    code: str
    label: str
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(100)
    higher_is_better: bool = True
    unit: str = ""  # "%" for percent, "" otherwise (display only)
    places: int = 2  # decimals shown (0 for a level such as SPIP maturity; display only)

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "low": str(self.low),
            "high": str(self.high),
            "higher_is_better": self.higher_is_better,
            "unit": self.unit,
            "places": self.places,
        }

    @classmethod
    def from_json(cls, data: Mapping) -> MetricSpec:
        return cls(
            str(data["code"]),
            str(data.get("label") or data["code"]),
            Decimal(str(data.get("low", 0))),
            Decimal(str(data.get("high", 100))),
            bool(data.get("higher_is_better", True)),
            str(data.get("unit", "")),
            int(data.get("places", 2)),
        )


def scale_to_100(value: Decimal | None, low: Decimal, high: Decimal, higher_is_better: bool = True) -> Decimal | None:
    """``value`` on the 0–100 scale (exact): clipped to ``[low, high]``, then ``(v − low) / (high − low) × 100``;
    ``100 −`` that when lower is better. ``None`` stays ``None``."""
    if value is None:
        return None
    if high <= low:
        raise RewardsError([_("Rentang metrik tidak sah (nilai terendah harus lebih kecil dari tertinggi).")])
    share = (min(max(value, low), high) - low) / (high - low) * HUNDRED
    return share if higher_is_better else HUNDRED - share


def _spec(specs: Sequence[MetricSpec], metric: str) -> MetricSpec | None:
    return next((s for s in specs if s.code == metric), None)


@dataclass(frozen=True)
class MetricPart:
    metric: str
    value: Decimal | None  # on its own scale (points / percent); None = missing
    normalised: Decimal | None = None  # 0–100, exact
    weight: Decimal | None = None  # admin weight, points of 100 (composite only)
    effective_weight: Decimal | None = None  # after re-normalisation; 0 when missing (composite only)
    contribution: Decimal | None = None  # normalised × effective weight / 100, exact (composite only)
    missing: bool = False


@dataclass(frozen=True)
class RankEntry:
    rank: int  # competition ranking: 1, 2, 2, 4
    unit_key: str
    unit_name: str
    category: str
    score: Decimal  # the ranked value, rounded half-up to 2 decimals
    breakdown: tuple[MetricPart, ...]
    renormalised: bool = False  # composite with a missing weighted metric


@dataclass(frozen=True)
class Ranking:
    kind: str  # a metric of RANKING_METRICS, "komposit" or "most_improved"
    category: str | None  # None: all units together
    entries: tuple[RankEntry, ...]
    unranked: tuple[str, ...] = ()  # unit keys without the ranked value, in key order


def metric_label(metric: str, specs: Sequence[MetricSpec] = ()) -> str:
    labels = {
        METRIC_AKIP: _("nilai AKIP"),
        METRIC_CAPAIAN: _("capaian"),
        METRIC_TIMELINESS: _("ketepatan waktu"),
    }
    spec = _spec(specs, metric)
    return spec.label if spec is not None else labels.get(metric, metric)


def _unknown_metric(metric: str, specs: Sequence[MetricSpec] = ()) -> str:
    return _("Metrik “%(m)s” tidak dikenal; pilih salah satu dari: %(known)s.") % {
        "m": metric,
        "known": ", ".join(RANKING_METRICS + tuple(s.code for s in specs)),
    }


def validate_weights(weights: Mapping[str, object], specs: Sequence[MetricSpec] = ()) -> dict[str, Decimal]:
    """Weights per metric as ``Decimal`` points, or :class:`RewardsError`.

    The three base metrics are always in the result (absent → 0); a further metric of ``specs`` only
    when its weight is above 0. Refused: an unknown metric, a value that is not a number, a negative
    weight, a total other than 100.
    """
    problems: list[str] = []
    parsed: dict[str, Decimal] = {}
    known = RANKING_METRICS + tuple(s.code for s in specs)
    for metric, raw in weights.items():
        if metric not in known:
            problems.append(_unknown_metric(metric, specs))
            continue
        value = None if isinstance(raw, bool) else to_decimal(raw)
        if value is None or not value.is_finite():
            problems.append(_("Bobot %(m)s harus berupa angka.") % {"m": metric_label(metric, specs)})
        elif value < 0:
            problems.append(_("Bobot %(m)s tidak boleh negatif.") % {"m": metric_label(metric, specs)})
        else:
            parsed[metric] = value
    if not problems and sum(parsed.values(), Decimal(0)) != HUNDRED:
        total = format_number(sum(parsed.values(), Decimal(0)), 2)
        problems.append(_("Jumlah bobot harus 100 (sekarang %(t)s).") % {"t": total})
    if problems:
        raise RewardsError(problems)
    out = {metric: parsed.get(metric, Decimal(0)) for metric in RANKING_METRICS}
    out.update({s.code: parsed[s.code] for s in specs if parsed.get(s.code, Decimal(0)) > 0})
    return out


def validate_rows(rows: Iterable[UnitMetrics]) -> tuple[UnitMetrics, ...]:
    """The rows, or :class:`RewardsError` for a repeated unit or a value outside its scale."""
    rows = tuple(rows)
    problems: list[str] = []
    seen: set[str] = set()
    for row in rows:
        if row.unit_key in seen:
            problems.append(_("Unit %(u)s tercantum lebih dari sekali.") % {"u": row.unit_key})
        seen.add(row.unit_key)
        for label, value, high in (
            (_("Nilai AKIP"), row.akip, HUNDRED),
            (_("Nilai AKIP tahun sebelumnya"), row.previous_akip, HUNDRED),
            (_("Ketepatan waktu"), row.on_time, HUNDRED),
            (_("Capaian"), row.capaian, None),
        ):
            if value is not None and (value < 0 or (high is not None and value > high)):
                problems.append(
                    _("%(f)s unit %(u)s (%(v)s) di luar rentang yang diizinkan.")
                    % {"f": label, "u": row.unit_key, "v": format_number(value, 2)}
                )
    if problems:
        raise RewardsError(problems)
    return rows


def ranked_value(row: UnitMetrics, metric: str, cap: Decimal | None = CAPAIAN_CAP) -> Decimal | None:
    """The value a ranking compares: the metric rounded half-up to 2 decimals (capaian capped first)."""
    if metric == METRIC_AKIP:
        value = row.akip
    elif metric == METRIC_TIMELINESS:
        value = row.on_time
    elif metric == METRIC_CAPAIAN:
        value = None if row.capaian is None else min(row.capaian, cap or HUNDRED)
    else:
        raise RewardsError([_unknown_metric(metric)])
    return None if value is None else round_half_up(value, 2)


def normalise(
    metric: str, value: Decimal | None, cap: Decimal | None = CAPAIAN_CAP, specs: Sequence[MetricSpec] = ()
) -> Decimal | None:
    """A metric value on the 0–100 scale (exact): capaian ``min(max(c, 0), cap) / cap × 100``, AKIP and
    on-time rate as they are, a further metric by its spec (:func:`scale_to_100`)."""
    if value is None:
        return None
    if metric == METRIC_CAPAIAN:
        scale = cap or HUNDRED
        return min(max(value, Decimal(0)), scale) / scale * HUNDRED
    if metric in RANKING_METRICS:
        return min(max(value, Decimal(0)), HUNDRED)
    spec = _spec(specs, metric)
    if spec is not None:
        return scale_to_100(Decimal(value), spec.low, spec.high, spec.higher_is_better)
    raise RewardsError([_unknown_metric(metric, specs)])


def _raw(row: UnitMetrics, metric: str) -> Decimal | None:
    if metric == METRIC_AKIP:
        return row.akip
    if metric == METRIC_CAPAIAN:
        return row.capaian
    if metric == METRIC_TIMELINESS:
        return row.on_time
    value = (getattr(row, "extra", None) or {}).get(metric)
    return None if value is None else Decimal(value)


def _desc(value: Decimal | None) -> tuple[int, Decimal]:
    """Sort key: higher first, missing after every present value."""
    return (1, Decimal(0)) if value is None else (0, -value)


def _tie_key(row: UnitMetrics, cap: Decimal | None, skip: str | None = None) -> tuple:
    return tuple(_desc(ranked_value(row, metric, cap)) for metric in TIE_BREAK if metric != skip)


def _in_category(rows: Iterable[UnitMetrics], category: str | None) -> tuple[UnitMetrics, ...]:
    return tuple(row for row in validate_rows(rows) if category is None or row.category == category)


def _rank(
    kind: str,
    category: str | None,
    scored: list[tuple[tuple, UnitMetrics, Decimal, tuple[MetricPart, ...], bool]],
    unranked: Iterable[UnitMetrics],
) -> Ranking:
    """Competition ranks from ``(rank key, row, score, breakdown, renormalised)``; equal keys share a rank."""
    scored.sort(key=lambda item: (item[0], item[1].unit_key))
    entries: list[RankEntry] = []
    previous_key = None
    for position, (key, row, score, breakdown, renormalised) in enumerate(scored, start=1):
        rank = entries[-1].rank if entries and key == previous_key else position
        previous_key = key
        entries.append(RankEntry(rank, row.unit_key, row.unit_name, row.category, score, breakdown, renormalised))
    return Ranking(kind, category, tuple(entries), tuple(sorted(row.unit_key for row in unranked)))


def rank_by_metric(
    rows: Iterable[UnitMetrics],
    metric: str,
    *,
    capaian_cap: Decimal | None = CAPAIAN_CAP,
    category: str | None = None,
) -> Ranking:
    """Rank by one metric (AKIP score, capped average capaian or on-time rate), higher first.

    The breakdown lists every metric (value and normalised value), the ranked one first.
    """
    if metric not in RANKING_METRICS:
        raise RewardsError([_unknown_metric(metric)])
    scored, unranked = [], []
    order = (metric,) + tuple(m for m in RANKING_METRICS if m != metric)
    for row in _in_category(rows, category):
        score = ranked_value(row, metric, capaian_cap)
        if score is None:
            unranked.append(row)
            continue
        parts = tuple(
            MetricPart(m, _raw(row, m), normalise(m, _raw(row, m), capaian_cap), missing=_raw(row, m) is None)
            for m in order
        )
        key = (_desc(score),) + _tie_key(row, capaian_cap, skip=metric)
        scored.append((key, row, score, parts, False))
    return _rank(metric, category, scored, unranked)


def composite(
    row: UnitMetrics,
    weights: Mapping[str, Decimal],
    capaian_cap: Decimal | None = CAPAIAN_CAP,
    specs: Sequence[MetricSpec] = (),
) -> tuple[Decimal | None, tuple[MetricPart, ...], bool]:
    """``(composite rounded half-up to 2 decimals or None, breakdown, renormalised)`` for one unit.

    ``weights`` must already be validated (:func:`validate_weights`); the breakdown lists the three
    base metrics, then every further weighted metric.
    """
    present = sum((w for m, w in weights.items() if _raw(row, m) is not None), Decimal(0))
    total = sum(weights.values(), Decimal(0))
    parts: list[MetricPart] = []
    exact = Decimal(0)
    for metric in RANKING_METRICS + tuple(m for m in weights if m not in RANKING_METRICS):
        weight = weights.get(metric, Decimal(0))
        value = _raw(row, metric)
        normalised = normalise(metric, value, capaian_cap, specs)
        if normalised is None or present == 0:
            parts.append(MetricPart(metric, value, normalised, weight, Decimal(0), Decimal(0), value is None))
            continue
        effective = weight * HUNDRED / present
        contribution = normalised * effective / HUNDRED
        exact += contribution
        parts.append(MetricPart(metric, value, normalised, weight, effective, contribution))
    if present == 0:
        return None, tuple(parts), False
    return round_half_up(exact, 2), tuple(parts), present != total


def rank_composite(
    rows: Iterable[UnitMetrics],
    weights: Mapping[str, object] | None = None,
    *,
    capaian_cap: Decimal | None = CAPAIAN_CAP,
    category: str | None = None,
    specs: Sequence[MetricSpec] = (),
) -> Ranking:
    """Rank by the composite index (default weights AKIP 50, capaian 35, on-time 15), higher first.

    ``specs``: the further metrics the weights may name (see the module docstring)."""
    checked = validate_weights(DEFAULT_WEIGHTS if weights is None else weights, specs)
    group = _in_category(rows, category)
    # Weighted metrics that at least one unit of the group has: a unit lacking one of them is not
    # compared on an easier scale (see the module docstring), it is left unranked.
    available = {m for m, w in checked.items() if w > 0 and any(_raw(row, m) is not None for row in group)}
    scored, unranked = [], []
    for row in group:
        if any(_raw(row, m) is None for m in available):
            unranked.append(row)
            continue
        score, parts, renormalised = composite(row, checked, capaian_cap, specs)
        if score is None:
            unranked.append(row)
            continue
        scored.append(((_desc(score),) + _tie_key(row, capaian_cap), row, score, parts, renormalised))
    return _rank(KIND_COMPOSITE, category, scored, unranked)


def rank_most_improved(rows: Iterable[UnitMetrics], *, category: str | None = None) -> Ranking:
    """Rank by AKIP increase over the previous year (points, both scores rounded to 2 decimals first).

    Units without this year's or last year's score are not ranked. Decreases are ranked too (last);
    a rule decides whether an increase must be positive to be rewarded.
    """
    scored, unranked = [], []
    for row in _in_category(rows, category):
        if row.akip is None or row.previous_akip is None:
            unranked.append(row)
            continue
        current, previous = round_half_up(row.akip, 2), round_half_up(row.previous_akip, 2)
        increase = current - previous
        parts = (
            MetricPart(METRIC_AKIP, row.akip),
            MetricPart(PART_PREVIOUS, row.previous_akip),
            MetricPart(PART_INCREASE, increase),
        )
        scored.append(((_desc(increase), _desc(current)), row, increase, parts, False))
    return _rank(KIND_MOST_IMPROVED, category, scored, unranked)


def categories(rows: Iterable[UnitMetrics]) -> tuple[str, ...]:
    """The ranking categories present, sorted by code."""
    return tuple(sorted({row.category for row in rows}))


def per_category(
    ranker: Callable[..., Ranking],
    rows: Iterable[UnitMetrics],
    *args,
    order: Sequence[str] | None = None,
    **kwargs,
) -> tuple[Ranking, ...]:
    """One ranking per category (``order`` or sorted codes): ``per_category(rank_composite, rows, weights)``."""
    rows = validate_rows(rows)
    return tuple(ranker(rows, *args, category=code, **kwargs) for code in (order or categories(rows)))


def ranks_by_unit(rankings: Iterable[Ranking]) -> dict[str, int]:
    """``unit_key -> rank`` over rankings (e.g. one per category), for building a rule snapshot."""
    return {entry.unit_key: entry.rank for ranking in rankings for entry in ranking.entries}


def entries_by_unit(rankings: Iterable[Ranking]) -> dict[str, RankEntry]:
    return {entry.unit_key: entry for ranking in rankings for entry in ranking.entries}
