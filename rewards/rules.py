"""Reward and punishment rules (issue 6, domain reference §8), pure: data in, proposals out, no ORM.

A :class:`Rule` is data: conditions (metric, comparator, threshold, optional window over the monthly
series), a scope (categories, rank range) and an outcome (a §8 proposal type with its parameters and
whether it concerns the unit or the head of the unit). :func:`evaluate` applies rules to a
:class:`Snapshot` of per-unit figures and returns :class:`Proposal` objects carrying the figures
that triggered them (the basis cited in the SK).

Semantics:

- Numbers (points, percent) are compared after rounding half-up to 2 decimals, the value the portal
  shows: capaian 49.995 is 50.00 and is not "below 50". Ranks and counts are whole numbers.
- ``between`` is inclusive at both ends; ``in`` takes predicate letters; ``is`` takes yes/no.
- A missing figure never satisfies a condition (no proposal on missing data). In a monthly window a
  month without capaian breaks a consecutive run and is not counted.
- All conditions of a rule must hold (AND). Ranks are within the unit's ranking category.
- Order: rules in the order given, then units by category and unit code.

Defaults: ``rules_defaults.DEFAULT_RULES`` (the examples of issue 6), built by :func:`parse_rules`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from evaluations.rules_defaults import PREDICATE_BANDS
from rewards.ranking import RewardsError
from rewards.rules_defaults import (
    COMPARATORS_BY_KIND,
    DEFAULT_RULES,
    KIND_INTEGER,
    KIND_SERIES,
    METRIC_ASSESSMENT_PREFIX,
    OUTCOME_PARAMETERS,
    RULE_METRIC_LABELS,
    TARGET_UNIT,
    TARGETS,
    WINDOW_CONSECUTIVE,
    WINDOWS,
    rule_metric_kind,
)
from sakip.lib.dates import month_name
from sakip.lib.numbers import format_number, round_half_up, to_decimal

LETTERS = tuple(row[0] for row in PREDICATE_BANDS)


class RuleError(RewardsError):
    """A rule that cannot be used; ``messages`` in Bahasa Indonesia."""


@dataclass(frozen=True)
class Window:
    kind: str  # WINDOW_CONSECUTIVE or WINDOW_IN_YEAR
    months: int  # 1–12


@dataclass(frozen=True)
class Condition:
    metric: str  # a key of rules_defaults.RULE_METRICS
    comparator: str  # "<", "<=", ">", ">=", "==", "between", "in", "is"
    threshold: object  # Decimal | int | (low, high) | tuple of letters | bool
    window: Window | None = None  # only (and always) for the monthly series


@dataclass(frozen=True)
class Scope:
    categories: tuple[str, ...] = ()  # empty: every category
    ranks: tuple[int, int] | None = None  # inclusive composite-rank range within the category


@dataclass(frozen=True)
class Outcome:
    type: str  # a key of rules_defaults.OUTCOME_PARAMETERS
    parameters: tuple[tuple[str, Decimal], ...] = ()  # sorted (name, value): bulan, persen, nilai
    target: str = TARGET_UNIT  # "unit" or "kepala_unit"

    def parameter(self, name: str) -> Decimal | None:
        return dict(self.parameters).get(name)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    conditions: tuple[Condition, ...]
    outcome: Outcome
    scope: Scope = Scope()


@dataclass(frozen=True)
class UnitSnapshot:
    unit_key: str
    unit_name: str
    category: str
    akip: Decimal | None = None  # points 0–100
    predicate: str | None = None  # AA … D
    capaian: Decimal | None = None  # average capaian of the year, percent (capped as in rankings)
    monthly_capaian: tuple[Decimal | None, ...] = ()  # percent per month, January first
    on_time: Decimal | None = None  # percent 0–100
    late_count: int | None = None  # late realisations in the year
    pk_missed: bool | None = None  # PK targets missed for the year
    rank: int | None = None  # composite rank within the category
    improvement: Decimal | None = None  # AKIP increase over the previous year, points
    improvement_rank: int | None = None  # most-improved rank within the category
    # issue 9: penilaian_<type code>, kepatuhan_kewajiban (Decimal), kewajiban_tidak_dipenuhi (int)
    extra: Mapping[str, Decimal | int | None] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Snapshot:
    year: int
    units: tuple[UnitSnapshot, ...]


@dataclass(frozen=True)
class BasisFigure:
    metric: str
    value: object  # the compared figure (rounded Decimal, int, letter, bool) or the window's monthly values
    months: tuple[int, ...] = ()  # months (1–12) of a window condition
    text: str = ""  # Indonesian sentence for the SK


@dataclass(frozen=True)
class Proposal:
    year: int
    unit_key: str
    unit_name: str
    category: str
    rule_code: str
    rule_name: str
    outcome: Outcome
    basis: tuple[BasisFigure, ...]


# --- Parsing and validation ----------------------------------------------------------------------


def _number(value) -> Decimal | None:
    number = None if isinstance(value, bool) else to_decimal(value)
    return number if number is not None and number.is_finite() else None


def _threshold_problems(cond: Condition, kind: str) -> list[str]:
    values = {"m": cond.metric}
    if cond.comparator == "in":
        letters = cond.threshold if isinstance(cond.threshold, tuple) else ()
        if not letters or any(letter not in LETTERS for letter in letters):
            return [_("Ambang %(m)s harus berupa daftar predikat (%(l)s).") % {**values, "l": ", ".join(LETTERS)}]
        return []
    if cond.comparator == "is":
        return [] if isinstance(cond.threshold, bool) else [_("Ambang %(m)s harus ya atau tidak.") % values]
    pair = cond.comparator == "between"
    raw = cond.threshold if pair else (cond.threshold,)
    if not isinstance(raw, tuple) or len(raw) != (2 if pair else 1):
        if pair:
            return [_("Ambang %(m)s dengan pembanding “antara” harus berupa dua angka.") % values]
        return [_("Ambang %(m)s harus berupa angka.") % values]
    numbers = [_number(item) for item in raw]
    if any(n is None for n in numbers):
        return [_("Ambang %(m)s harus berupa angka.") % values]
    if kind == KIND_INTEGER and any(n != n.to_integral_value() or n < 0 for n in numbers):
        return [_("Ambang %(m)s harus bilangan bulat tidak negatif.") % values]
    if pair and numbers[0] > numbers[1]:
        return [_("Batas bawah %(m)s tidak boleh lebih besar dari batas atasnya.") % values]
    return []


def _condition_problems(cond: Condition) -> list[str]:
    kind = rule_metric_kind(cond.metric)
    if kind is None:
        return [_("Metrik “%(m)s” tidak dikenal.") % {"m": cond.metric}]
    if cond.comparator not in COMPARATORS_BY_KIND[kind]:
        return [_("Pembanding “%(c)s” tidak berlaku untuk %(m)s.") % {"c": cond.comparator, "m": cond.metric}]
    problems = _threshold_problems(cond, kind)
    if kind == KIND_SERIES and cond.window is None:
        problems.append(_("Metrik %(m)s memerlukan jangka waktu (bulan).") % {"m": cond.metric})
    elif kind != KIND_SERIES and cond.window is not None:
        problems.append(_("Metrik %(m)s tidak memakai jangka waktu.") % {"m": cond.metric})
    elif cond.window is not None:
        if cond.window.kind not in WINDOWS:
            problems.append(_("Jangka waktu “%(w)s” tidak dikenal.") % {"w": cond.window.kind})
        if isinstance(cond.window.months, bool) or not isinstance(cond.window.months, int):
            problems.append(_("Jumlah bulan jangka waktu harus bilangan bulat."))
        elif not 1 <= cond.window.months <= 12:
            problems.append(_("Jumlah bulan jangka waktu harus antara 1 dan 12."))
    return problems


def _months_problems(value: Decimal) -> list[str]:
    if value < 0:
        return [_("Jumlah bulan tidak boleh negatif.")]
    if value != value.to_integral_value():
        return [_("Jumlah bulan harus bilangan bulat.")]
    return [_("Jumlah bulan minimal 1.")] if value < 1 else []


def _outcome_problems(outcome: Outcome) -> list[str]:
    if outcome.type not in OUTCOME_PARAMETERS:
        return [_("Jenis keputusan “%(t)s” tidak dikenal.") % {"t": outcome.type}]
    required, optional = OUTCOME_PARAMETERS[outcome.type]
    problems = []
    if outcome.target not in TARGETS:
        problems.append(_("Sasaran keputusan “%(t)s” tidak dikenal.") % {"t": outcome.target})
    given = dict(outcome.parameters)
    for name in required:
        if name not in given:
            problems.append(_("Parameter %(p)s wajib diisi.") % {"p": name})
    for name, value in outcome.parameters:
        if name not in required + optional:
            problems.append(_("Parameter “%(p)s” tidak berlaku untuk keputusan ini.") % {"p": name})
        elif not isinstance(value, Decimal) or not value.is_finite():
            problems.append(_("Parameter %(p)s harus berupa angka.") % {"p": name})
        elif name == "bulan":
            problems.extend(_months_problems(value))
        elif name == "persen" and not 0 < value <= 100:
            problems.append(_("Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100."))
        elif name == "nilai" and value < 0:
            problems.append(_("Nilai insentif tidak boleh negatif."))
    return problems


def rule_problems(rule: Rule) -> list[str]:
    """Everything wrong with one rule (empty list when none), in Bahasa Indonesia."""
    problems: list[str] = []
    if not rule.code:
        problems.append(_("Kode aturan wajib diisi."))
    if not rule.conditions:
        problems.append(_("Aturan harus memiliki minimal satu syarat."))
    for cond in rule.conditions:
        problems.extend(_condition_problems(cond))
    ranks = rule.scope.ranks
    if ranks is not None and (len(ranks) != 2 or ranks[0] < 1 or ranks[0] > ranks[1]):
        problems.append(_("Rentang peringkat harus dimulai dari 1 ke atas dan batas bawah tidak melebihi batas atas."))
    return problems + _outcome_problems(rule.outcome)


def validate_rules(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    """The rules, or :class:`RuleError` listing every problem, each prefixed with its rule code."""
    problems: list[str] = []
    codes = [rule.code for rule in rules]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(_("Kode aturan %(c)s dipakai lebih dari sekali.") % {"c": code})
    for rule in rules:
        problems.extend(_("Aturan %(c)s: %(p)s") % {"c": rule.code, "p": p} for p in rule_problems(rule))
    if problems:
        raise RuleError(problems)
    return tuple(rules)


def _threshold(metric: str, comparator: str, raw):
    """A stored threshold in its Python form: Decimal (whole numbers as int for ranks and counts), tuples."""
    if isinstance(raw, list | tuple):
        return tuple(str(item) for item in raw) if comparator == "in" else tuple(_threshold(metric, "", i) for i in raw)
    number = _number(raw)
    if number is None or comparator in ("is", "in"):
        return raw
    if rule_metric_kind(metric) == KIND_INTEGER and number == number.to_integral_value():
        return int(number)
    return number


def rule_from_dict(data: Mapping) -> Rule:
    """A :class:`Rule` from stored JSON-like data (see ``rules_defaults.DEFAULT_RULES``); not validated."""
    try:
        conditions = tuple(
            Condition(c["metric"], c["comparator"], _threshold(c["metric"], c["comparator"], c["threshold"]), window)
            for c in data["conditions"]
            for window in [Window(c["window"]["kind"], c["window"]["months"]) if c.get("window") else None]
        )
        outcome = data["outcome"]
        given = outcome.get("parameters", {}).items()
        parameters = tuple(sorted((str(k), v if _number(v) is None else _number(v)) for k, v in given))
        scope = data.get("scope") or {}
        ranks = scope.get("ranks")
        return Rule(
            code=str(data["code"]),
            name=str(data.get("name", "")),
            conditions=conditions,
            outcome=Outcome(str(outcome["type"]), parameters, str(outcome.get("target", TARGET_UNIT))),
            scope=Scope(tuple(scope.get("categories", ())), tuple(ranks) if ranks else None),
        )
    except (KeyError, TypeError, AttributeError) as error:
        code = data.get("code", "?") if isinstance(data, Mapping) else "?"
        raise RuleError([_("Aturan %(c)s tidak lengkap (%(e)s).") % {"c": code, "e": error}])


def parse_rules(rows: Iterable[Mapping]) -> tuple[Rule, ...]:
    """Validated rules from stored rows, or :class:`RuleError`."""
    return validate_rules([rule_from_dict(row) for row in rows])


def default_rules() -> tuple[Rule, ...]:
    """The default rule set (issue 6 examples) as validated rules."""
    return parse_rules(DEFAULT_RULES)


# --- Evaluation ----------------------------------------------------------------------------------


BASE_FIGURES = frozenset(
    {
        "peringkat",
        "peringkat_most_improved",
        "kenaikan_akip",
        "nilai_akip",
        "predikat",
        "capaian",
        "capaian_bulanan",
        "ketepatan_waktu",
        "jumlah_terlambat",
        "pk_tidak_tercapai",
    }
)


def _figure(unit: UnitSnapshot, metric: str):
    if metric not in BASE_FIGURES:
        value = unit.extra.get(metric)
        return round_half_up(Decimal(value), 2) if isinstance(value, Decimal) else value
    value = {
        "peringkat": unit.rank,
        "peringkat_most_improved": unit.improvement_rank,
        "kenaikan_akip": unit.improvement,
        "nilai_akip": unit.akip,
        "predikat": unit.predicate,
        "capaian": unit.capaian,
        "capaian_bulanan": unit.monthly_capaian,
        "ketepatan_waktu": unit.on_time,
        "jumlah_terlambat": unit.late_count,
        "pk_tidak_tercapai": unit.pk_missed,
    }[metric]
    return round_half_up(value, 2) if isinstance(value, Decimal) else value


def _holds(comparator: str, value, threshold) -> bool:
    if value is None:
        return False
    if comparator == "in":
        return value in threshold
    if comparator == "is":
        return value is threshold
    if comparator == "between":
        return threshold[0] <= value <= threshold[1]
    return {
        "<": value < threshold,
        "<=": value <= threshold,
        ">": value > threshold,
        ">=": value >= threshold,
        "==": value == threshold,
    }[comparator]


def rule_metric_label(metric: str) -> str:
    """The metric's Indonesian label (translated when another language is active)."""
    if metric in RULE_METRIC_LABELS:
        return _(RULE_METRIC_LABELS[metric])
    if metric.startswith(METRIC_ASSESSMENT_PREFIX) and rule_metric_kind(metric):
        return _("nilai penilaian %(c)s") % {"c": metric[len(METRIC_ASSESSMENT_PREFIX) :]}
    return metric


def _show(value, joiner: str = "–") -> str:
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, Decimal):
        return format_number(value, 2)
    if isinstance(value, tuple):
        return joiner.join(_show(item) for item in value)
    return str(value)


def _window_months(cond: Condition, series: tuple) -> tuple[int, ...]:
    """Months (1–12) meeting a window condition, or () when the window is not met.

    Consecutive: the earliest run of at least N months, reported whole. In a year: all months that
    hold, when there are at least N.
    """
    rounded = [None if v is None else round_half_up(Decimal(v), 2) for v in series]
    hits = [m for m, v in enumerate(rounded, start=1) if _holds(cond.comparator, v, cond.threshold)]
    if cond.window.kind != WINDOW_CONSECUTIVE:
        return tuple(hits) if len(hits) >= cond.window.months else ()
    run: list[int] = []
    for month in hits:
        if run and month != run[-1] + 1:
            if len(run) >= cond.window.months:
                break
            run = []
        run.append(month)
    return tuple(run) if len(run) >= cond.window.months else ()


def _check(cond: Condition, unit: UnitSnapshot) -> BasisFigure | None:
    """The basis figure when ``cond`` holds for ``unit``, else None."""
    value = _figure(unit, cond.metric)
    joiner = ", " if cond.comparator == "in" else "–"
    words = {
        "between": _("antara"),
        "in": _("salah satu dari"),
        "is": _("sama dengan"),
        "==": "=",
        "<=": "≤",
        ">=": "≥",
    }
    condition = f"{words.get(cond.comparator, cond.comparator)} {_show(cond.threshold, joiner)}"
    label = rule_metric_label(cond.metric)
    if cond.window is not None:
        months = _window_months(cond, value or ())
        if not months:
            return None
        values = tuple(round_half_up(Decimal(value[m - 1]), 2) for m in months)
        listed = "; ".join(f"{month_name(m)} {format_number(v, 2)}" for m, v in zip(months, values, strict=True))
        values_text = {"m": label, "c": condition, "n": len(months), "list": listed}
        text = _("%(m)s %(c)s pada %(n)s bulan (%(list)s)") % values_text
        return BasisFigure(cond.metric, values, months, text)
    if not _holds(cond.comparator, value, cond.threshold):
        return None
    return BasisFigure(cond.metric, value, (), f"{label} = {_show(value)} ({condition})")


def _in_scope(scope: Scope, unit: UnitSnapshot) -> bool:
    if scope.categories and unit.category not in scope.categories:
        return False
    return scope.ranks is None or (unit.rank is not None and scope.ranks[0] <= unit.rank <= scope.ranks[1])


def evaluate(rules: Sequence[Rule], snapshot: Snapshot) -> list[Proposal]:
    """Proposals for every unit of the snapshot meeting every condition of a rule in scope.

    Rules are validated first (:class:`RuleError`). Order: rule order, then category, then unit code.
    """
    validate_rules(rules)
    units = sorted(snapshot.units, key=lambda unit: (unit.category, unit.unit_key))
    proposals: list[Proposal] = []
    for rule in rules:
        for unit in units:
            if not _in_scope(rule.scope, unit):
                continue
            basis = tuple(_check(cond, unit) for cond in rule.conditions)
            if all(basis):
                unit_fields = (unit.unit_key, unit.unit_name, unit.category)
                proposals.append(Proposal(snapshot.year, *unit_fields, rule.code, rule.name, rule.outcome, basis))
    return proposals
