"""Capaian (achievement) maths, pure: plain functions over ``Decimal``, no models, no ORM.

Units: every capaian is a **percent** (100 = target met exactly), kept at full ``Decimal``
precision; only :func:`display` (``round_half_up`` to 2 decimals) rounds, and categories and the
kendala threshold are decided on that rounded value. ``None`` means "not assessed" (shown as "–"):
it is never 0 and is left out of averages. Domain reference §5; configuration in
:class:`~evaluations.capaian_rules.CapaianRules` (defaults in ``rules_defaults.DEFAULTS``).

Formulas for a single comparison of realisation R with target T (:func:`capaian`):

========  ==================================================================================
positive  R / T × 100
negative  ``2t_minus_r`` (default): (2T − R) / T × 100 — R = 0 gives 200 before the cap;
          ``t_over_r``: T / R × 100 when T > 0 and R > 0; where T / R has no meaning (R ≤ 0, or
          T < 0) the ``2t_minus_r`` value is used instead, so R = 0 also gives 200.
range     [L, U]: L ≤ R ≤ U → 100; above U → the formula of the range's direction with T = U;
          below L → with T = L. A normal range (higher is better) uses the positive formula:
          R / U × 100 above (> 100), R / L × 100 below (< 100). A lower-is-better range
          (``Range.lower_is_better``) mirrors it with the negative method: below L gives
          (2L − R) / L × 100 (> 100), above U gives (2U − R) / U × 100 (< 100).
========  ==================================================================================

Choices where the domain reference is open (documented here, kept configurable or explicit):

- **Never below 0**: every formula is clipped at 0, not only the negative one; a negative percent
  has no meaning for categories, averages or rankings.
- **Negative values** (indicators that allow them, e.g. economic growth): with a negative target
  the ratio formulas invert the meaning, so for T < 0 the equivalent form measured against |T| is
  used: positive 100 × (1 + (R − T) / |T|), negative 100 × (1 + (T − R) / |T|). For T > 0 these
  are exactly R / T × 100 and (2T − R) / T × 100. Example: T = −2, R = −1, positive → 150.
- **Zero target** (T = 0, or a range bound of 0 that R falls beyond): ``rules.zero_target``;
  default ``"not_assessed"`` → ``None``; ``"binary"`` → 100 if met (positive R ≥ 0, negative
  R ≤ 0) else 0.
- A missing realisation or a missing target (``None``) is not assessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from evaluations.capaian_rules import (
    DEFAULT_BANDS,
    DEFAULT_RULES,
    CapaianRules,
    CategoryBand,
    RulesError,
    band_problems,
    capped,
    category,
    display,
    needs_explanation,
)
from evaluations.rules_defaults import DEFAULTS, NEGATIVE_T_OVER_R, ZERO_TARGET_NOT_ASSESSED

POSITIVE, NEGATIVE, RANGE = "positive", "negative", "range"  # Indicator.Polarity values
CUMULATIVE, LAST, AVERAGE = "cumulative", "last", "average"  # Indicator.PeriodRule values
HUNDRED = Decimal(100)
ZERO = Decimal(0)

__all__ = [
    "AVERAGE",
    "CUMULATIVE",
    "DEFAULTS",
    "DEFAULT_BANDS",
    "DEFAULT_RULES",
    "LAST",
    "NEGATIVE",
    "POSITIVE",
    "RANGE",
    "Aggregate",
    "CapaianRules",
    "CategoryBand",
    "PeriodCapaian",
    "Range",
    "RulesError",
    "aggregate",
    "band_problems",
    "capaian",
    "capped",
    "category",
    "display",
    "needs_explanation",
    "period_capaian",
    "sasaran_capaian",
    "unit_capaian",
]


@dataclass(frozen=True)
class Range:
    """A range target [low, high] (both inclusive, in the indicator's unit).

    ``lower_is_better`` marks a negative-polarity range: being below ``low`` is over-achievement.
    """

    low: Decimal
    high: Decimal
    lower_is_better: bool = False

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("Range.low must not exceed Range.high")


Target = Decimal | Range


def _num(value: Decimal | int | None) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"capaian maths takes Decimal or int, not {type(value).__name__}")
    return Decimal(value)


def _positive(r: Decimal, t: Decimal) -> Decimal:
    if t > 0:
        return r * HUNDRED / t
    return HUNDRED + (r - t) * HUNDRED / abs(t)


def _negative(r: Decimal, t: Decimal, method: str) -> Decimal:
    if method == NEGATIVE_T_OVER_R and t > 0 and r > 0:
        return t * HUNDRED / r
    if t > 0:
        return (2 * t - r) * HUNDRED / t
    return HUNDRED + (t - r) * HUNDRED / abs(t)


def _single(r: Decimal, t: Decimal, *, lower_is_better: bool, rules: CapaianRules) -> Decimal | None:
    if t == 0:
        if rules.zero_target == ZERO_TARGET_NOT_ASSESSED:
            return None
        met = r <= 0 if lower_is_better else r >= 0
        return HUNDRED if met else ZERO
    value = _negative(r, t, rules.negative_method) if lower_is_better else _positive(r, t)
    return max(value, ZERO)


def capaian(
    realisation: Decimal | int | None,
    target: Target | int | None,
    *,
    polarity: str = POSITIVE,
    rules: CapaianRules = DEFAULT_RULES,
) -> Decimal | None:
    """Capaian in percent of one realisation against one target, unrounded, before any cap.

    ``polarity`` is ``"positive"``, ``"negative"`` or ``"range"`` (then ``target`` is a
    :class:`Range`). Returns ``None`` ("not assessed") for a missing realisation or target and, by
    default, for a zero target. Never below 0. See the module docstring for every formula.
    """
    r = _num(realisation)
    if r is None or target is None:
        return None
    if polarity == RANGE:
        if not isinstance(target, Range):
            raise TypeError("a range indicator needs a Range target")
        if target.low <= r <= target.high:
            return HUNDRED
        bound = target.high if r > target.high else target.low
        return _single(r, bound, lower_is_better=target.lower_is_better, rules=rules)
    if isinstance(target, Range):
        raise TypeError("only a range indicator takes a Range target")
    if polarity not in (POSITIVE, NEGATIVE):
        raise ValueError(f"unknown polarity {polarity!r}")
    t = _num(target)
    assert t is not None
    return _single(r, t, lower_is_better=polarity == NEGATIVE, rules=rules)


# --- Period rules (§5.3) -----------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodCapaian:
    """Capaian to date of one indicator under its period rule (percents unrounded, before the cap).

    - ``realisation``: the realisation to date the rule yields (indicator's unit);
    - ``target_to_date``: the target it is compared with, from the period targets of the same
      periods; ``to_date``: capaian against it;
    - ``annual``: capaian of the same realisation against the annual target (for a cumulative
      indicator this is the progress towards the year's target);
    - ``reported`` / ``missing``: 1-based period numbers with and without a realisation.
    """

    realisation: Decimal | None
    target_to_date: Target | None
    annual_target: Target | None
    to_date: Decimal | None
    annual: Decimal | None
    reported: tuple[int, ...]
    missing: tuple[int, ...]


def _combine(targets: list[Target | None], *, mean: bool) -> Target | None:
    if not targets or any(t is None for t in targets):
        return None
    count = Decimal(len(targets))
    if all(isinstance(t, Range) for t in targets):
        ranges = [t for t in targets if isinstance(t, Range)]
        low = sum((t.low for t in ranges), ZERO)
        high = sum((t.high for t in ranges), ZERO)
        if mean:
            low, high = low / count, high / count
        return Range(low, high, ranges[0].lower_is_better)
    if any(isinstance(t, Range) for t in targets):
        raise TypeError("period targets mix Range and single values")
    numbers = [_num(t) for t in targets if not isinstance(t, Range)]
    total = sum((n for n in numbers if n is not None), ZERO)
    return total / count if mean else total


def period_capaian(
    realisations: Sequence[Decimal | int | None],
    period_targets: Sequence[Target | int | None],
    annual_target: Target | int | None,
    *,
    polarity: str = POSITIVE,
    period_rule: str = LAST,
    upto: int | None = None,
    rules: CapaianRules = DEFAULT_RULES,
) -> PeriodCapaian:
    """Apply the period rule to the periods 1..``upto`` (default: every period given).

    ``realisations[i]`` and ``period_targets[i]`` belong to period i + 1 (quarter or month);
    ``None`` is a period without a reported value. Missing periods are **skipped, never counted as
    0**, on both sides of the comparison: the target to date is built from the targets of the
    reported periods only.

    - ``cumulative``: realisation = sum of the reported periods; target to date = sum of those
      periods' targets (period targets are the amounts of each period);
    - ``last``: the latest reported value against the target of that period (a level);
    - ``average``: the mean of the reported periods against the mean of their targets.

    A reported period whose target is missing makes the target to date ``None`` (not assessed);
    the comparison with the annual target still stands.
    """
    if period_rule not in (CUMULATIVE, LAST, AVERAGE):
        raise ValueError(f"unknown period rule {period_rule!r}")
    count = len(realisations) if upto is None else upto
    values = [_num(v) for v in list(realisations[:count])] + [None] * max(0, count - len(realisations))
    targets = list(period_targets[:count]) + [None] * max(0, count - len(period_targets))
    reported = tuple(i + 1 for i, v in enumerate(values) if v is not None)
    missing = tuple(i + 1 for i, v in enumerate(values) if v is None)
    annual_t = annual_target if isinstance(annual_target, Range) else _num(annual_target)
    if not reported:
        return PeriodCapaian(None, None, annual_t, None, None, reported, missing)
    got = [v for v in values if v is not None]
    matched = [targets[i - 1] for i in reported]
    if period_rule == CUMULATIVE:
        realisation: Decimal = sum(got, ZERO)
        target_to_date = _combine(matched, mean=False)
    elif period_rule == LAST:
        realisation = got[-1]
        target_to_date = _combine(matched[-1:], mean=False)
    else:
        realisation = sum(got, ZERO) / Decimal(len(got))
        target_to_date = _combine(matched, mean=True)
    return PeriodCapaian(
        realisation=realisation,
        target_to_date=target_to_date,
        annual_target=annual_t,
        to_date=capaian(realisation, target_to_date, polarity=polarity, rules=rules),
        annual=capaian(realisation, annual_t, polarity=polarity, rules=rules),
        reported=reported,
        missing=missing,
    )


# --- Aggregation (§5.5) ------------------------------------------------------------------------


@dataclass(frozen=True)
class Aggregate:
    """A mean capaian (percent, full precision, of **capped** values) and what went into it.

    ``skipped`` counts the not-assessed items left out; ``weighted`` says whether bobot was used;
    ``weights_incomplete`` flags a set where only some items carry a bobot (the plain mean is used
    then, and the page should say that the bobot are incomplete).
    """

    value: Decimal | None
    assessed: int
    skipped: int
    weighted: bool = False
    weights_incomplete: bool = False


def aggregate(
    values: Sequence[Decimal | None],
    weights: Sequence[Decimal | int | None] | None = None,
    *,
    rules: CapaianRules = DEFAULT_RULES,
) -> Aggregate:
    """Mean of capaian values after the cap; not-assessed (``None``) values are skipped and counted.

    Weights (bobot, any positive scale; they need not add up to 100):

    - none set → plain mean;
    - set on **every** item → Σ(bobot × capped capaian) / Σ bobot over the assessed items, so the
      bobot of a skipped item is shared out proportionally; a bobot of 0 leaves the item out; if
      every assessed item has bobot 0 the value is ``None``;
    - set on only **some** items → plain mean and ``weights_incomplete=True`` (mixing would have to
      invent a bobot for the others). Decided over all items, assessed or not, so the method does
      not change as periods are reported.
    """
    if weights is not None and len(weights) != len(values):
        raise ValueError("values and weights differ in length")
    ws = [_num(w) for w in weights] if weights is not None else [None] * len(values)
    if any(w is not None and w < 0 for w in ws):
        raise ValueError("a bobot cannot be negative")
    pairs = [
        (min(v, rules.cap) if rules.cap is not None else v, w) for v, w in zip(values, ws, strict=True) if v is not None
    ]
    skipped = len(values) - len(pairs)
    set_count = sum(w is not None for w in ws)
    weighted = bool(ws) and set_count == len(ws)
    incomplete = 0 < set_count < len(ws)
    if not pairs:
        return Aggregate(None, 0, skipped, weighted, incomplete)
    if weighted:
        total_weight = sum((w for _, w in pairs if w is not None), ZERO)
        if total_weight == 0:
            return Aggregate(None, len(pairs), skipped, weighted, incomplete)
        value = sum((v * w for v, w in pairs if w is not None), ZERO) / total_weight
    else:
        value = sum((v for v, _ in pairs), ZERO) / Decimal(len(pairs))
    return Aggregate(value, len(pairs), skipped, weighted, incomplete)


def sasaran_capaian(values: Sequence[Decimal | None], *, rules: CapaianRules = DEFAULT_RULES) -> Aggregate:
    """Capaian of a sasaran: plain mean of its indicators' capped capaian (percent)."""
    return aggregate(values, None, rules=rules)


def unit_capaian(
    iku_values: Sequence[Decimal | None],
    weights: Sequence[Decimal | int | None] | None = None,
    *,
    rules: CapaianRules = DEFAULT_RULES,
) -> Aggregate:
    """Capaian of a unit: mean of its IKU's capped capaian, weighted by bobot where set (percent)."""
    return aggregate(iku_values, weights, rules=rules)
