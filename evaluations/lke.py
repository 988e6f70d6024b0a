"""LKE scoring (domain reference §6), pure: plain functions over ``Decimal``, no models, no ORM.

Scores are **points** of the 0–100 total. Sub-component, component and total scores keep full
precision; the total is reported **rounded half-up to 2 decimals** and the predicate is decided on
that rounded total (``predicates.predicate``). Component scores shown beside it are rounded the same
way, so in rare cases the shown components differ from the shown total by 0.01.

Scoring methods of a template (``rules_defaults.LKE_METHODS``):

- ``percent_grade`` (default, §6.2): Y/T per criterion → percent fulfilled per sub-component →
  grade AA/A/BB/B/CC/C/D/E (AA and A only at 100 % with a qualifier) → score = weight × grade
  value / 100.
- ``criterion_grade``: a grade AA–E per criterion; the sub-component value is the mean of the grade
  values (percent) and its score = weight × mean / 100.
- ``answer_scale`` (also the 12/2015 "mean × weight" method): Y/T = 1/0, A–E = 1/0.75/0.5/0.25/0;
  score = mean of the answers × weight.

An unanswered criterion counts as not fulfilled / the lowest answer (score is a lower bound while
the worksheet is filled in) and is counted in ``unanswered``, so a service can refuse to finalise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from evaluations.lke_template import (
    ANSWER_CHOICES,
    KEBERADAAN,
    KUALITAS,
    PEMANFAATAN,
    Component,
    Criterion,
    LkeError,
    SubComponent,
    Template,
    template_from_layout,
    template_problems,
    validate_template,
)
from evaluations.predicates import (
    DEFAULT_PREDICATES,
    PredicateBand,
    PredicateGap,
    coverage_problems,
    overlap_problems,
    predicate,
    predicate_gap,
    validate_predicates,
)
from evaluations.rules_defaults import (
    ANSWER_VALUES,
    GRADE_VALUES,
    INNOVATION_EXTRA_EFFORT,
    INNOVATION_NATIONAL_MODEL,
    KEBERADAAN_YEARS_A,
    KEBERADAAN_YEARS_AA,
    METHOD_ANSWER_SCALE,
    METHOD_CRITERION_GRADE,
    METHOD_PERCENT_GRADE,
    PERCENT_GRADE_BANDS,
)
from sakip.lib.numbers import round_half_up

__all__ = [
    "DEFAULT_PREDICATES",
    "Component",
    "ComponentScore",
    "Criterion",
    "LkeError",
    "LkeResult",
    "METHOD_ANSWER_SCALE",
    "METHOD_CRITERION_GRADE",
    "METHOD_PERCENT_GRADE",
    "PredicateBand",
    "PredicateGap",
    "Qualifier",
    "SubComponent",
    "SubComponentScore",
    "Template",
    "coverage_problems",
    "grade_from_percent",
    "overlap_problems",
    "predicate",
    "predicate_gap",
    "score_subcomponent",
    "score_template",
    "template_from_layout",
    "template_problems",
    "validate_predicates",
    "validate_template",
]

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Qualifier:
    """What lifts a fully met sub-component above BB (§6.2), set by the evaluator.

    ``years_kept``: for keberadaan, how many years the documents have been kept up (≥ 5 → AA,
    ≥ 1 → A). ``innovation``: for kualitas / pemanfaatan, ``"national_model"`` (an innovation fit to
    be a national model → AA) or ``"extra_effort"`` (recognised extra effort → A). A qualifier that
    does not belong to the sub-component's kind is ignored.
    """

    years_kept: int | None = None
    innovation: str | None = None

    def __post_init__(self) -> None:
        if self.innovation not in (None, INNOVATION_NATIONAL_MODEL, INNOVATION_EXTRA_EFFORT):
            raise LkeError([_("Kualifikasi inovasi tidak dikenal: %(v)s.") % {"v": self.innovation}])
        if self.years_kept is not None and self.years_kept < 0:
            raise LkeError([_("Lama dipertahankan (tahun) tidak boleh negatif.")])


NO_QUALIFIER = Qualifier()


def grade_from_percent(percent: Decimal, *, kind: str = "", qualifier: Qualifier = NO_QUALIFIER) -> str:
    """Grade of a sub-component from its percent fulfilled (0–100, unrounded), §6.2 step 3.

    100 → BB, or A / AA with the qualifier; > 75 → B; > 50 to 75 → CC; > 25 to 50 → C;
    > 0 to 25 → D; 0 → E.
    """
    if percent >= HUNDRED:
        if kind == KEBERADAAN and qualifier.years_kept is not None:
            if qualifier.years_kept >= KEBERADAAN_YEARS_AA:
                return "AA"
            if qualifier.years_kept >= KEBERADAAN_YEARS_A:
                return "A"
        if kind in (KUALITAS, PEMANFAATAN):
            if qualifier.innovation == INNOVATION_NATIONAL_MODEL:
                return "AA"
            if qualifier.innovation == INNOVATION_EXTRA_EFFORT:
                return "A"
        return "BB"
    for grade, lower in PERCENT_GRADE_BANDS:
        if percent > lower:
            return grade
    return "E"


@dataclass(frozen=True)
class SubComponentScore:
    code: str
    name: str
    weight: Decimal  # points
    criteria: int
    answered: int
    fulfilled: int | None  # criteria answered Y (percent_grade method only)
    percent: Decimal | None  # percent fulfilled (percent_grade method only), unrounded
    grade: str | None  # AA … E (percent_grade method only)
    value: Decimal  # percent of the weight earned (grade value or mean), unrounded
    score: Decimal  # points = weight × value / 100, unrounded

    @property
    def display(self) -> Decimal:
        """Score in points, rounded half-up to 2 decimals (5.40)."""
        return round_half_up(self.score, 2)

    @property
    def unanswered(self) -> int:
        return self.criteria - self.answered

    @property
    def available(self) -> Decimal:
        """Points still to earn: weight × (1 − value / 100)."""
        return self.weight - self.score


@dataclass(frozen=True)
class ComponentScore:
    code: str
    name: str
    weight: Decimal
    score: Decimal  # points, sum of its sub-components, unrounded
    subcomponents: tuple[SubComponentScore, ...]

    @property
    def display(self) -> Decimal:
        return round_half_up(self.score, 2)


@dataclass(frozen=True)
class LkeResult:
    components: tuple[ComponentScore, ...]
    total_exact: Decimal  # points, unrounded
    total: Decimal  # points, rounded half-up to 2 decimals (what is reported)
    predicate: PredicateBand  # of ``total``
    unanswered: int

    def subcomponents(self) -> list[SubComponentScore]:
        return [sub for component in self.components for sub in component.subcomponents]


def _answer(criterion: Criterion, raw: object) -> str | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raw = "Y" if raw else "T"
    answer = str(raw).strip().upper()
    choices = ANSWER_CHOICES.get(criterion.answer_type, ())
    if answer not in choices:
        raise LkeError(
            [
                _("Jawaban %(a)s untuk kriteria %(c)s di luar skala (%(choices)s).")
                % {"a": raw, "c": criterion.code, "choices": "/".join(choices)}
            ]
        )
    return answer


def score_subcomponent(
    sub: SubComponent,
    answers: Mapping[str, object],
    *,
    method: str = METHOD_PERCENT_GRADE,
    qualifier: Qualifier = NO_QUALIFIER,
) -> SubComponentScore:
    """Score one sub-component from the answers by criterion code (see the module docstring)."""
    given = [(c, _answer(c, answers.get(c.code))) for c in sub.criteria]
    answered = sum(a is not None for _c, a in given)
    count = Decimal(len(given))
    fulfilled = percent = grade = None
    if method == METHOD_PERCENT_GRADE:
        fulfilled = sum(a == "Y" for _c, a in given)
        percent = Decimal(fulfilled) * HUNDRED / count
        grade = grade_from_percent(percent, kind=sub.kind, qualifier=qualifier)
        value = GRADE_VALUES[grade]
        score = sub.weight * value / HUNDRED
    elif method == METHOD_CRITERION_GRADE:
        total = sum((GRADE_VALUES[a] for _c, a in given if a is not None), ZERO)  # percents
        value = total / count
        score = sub.weight * total / (count * HUNDRED)  # one division: exact where the maths is
    elif method == METHOD_ANSWER_SCALE:
        total = sum((ANSWER_VALUES[a] for _c, a in given if a is not None), ZERO)  # fractions of 1
        value = total * HUNDRED / count
        score = sub.weight * total / count
    else:
        raise LkeError([_("Metode penilaian tidak dikenal: %(m)s.") % {"m": method}])
    return SubComponentScore(
        sub.code, sub.name, sub.weight, len(given), answered, fulfilled, percent, grade, value, score
    )


def score_template(
    template: Template,
    answers: Mapping[str, object],
    qualifiers: Mapping[str, Qualifier] | None = None,
    predicates: tuple[PredicateBand, ...] = DEFAULT_PREDICATES,
) -> LkeResult:
    """Score a whole worksheet: answers by criterion code, qualifiers by sub-component code.

    The template is validated first (weights must add up), and answers to criteria the template
    does not have are refused, so a wrong import cannot score silently. Total in points, 2 decimals.
    """
    validate_template(template)
    known = {criterion.code for criterion in template.criteria()}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise LkeError([_("Kriteria tidak dikenal di templat: %(codes)s.") % {"codes": ", ".join(unknown)}])
    qualifiers = qualifiers or {}
    components = []
    for component in template.components:
        subs = tuple(
            score_subcomponent(sub, answers, method=template.method, qualifier=qualifiers.get(sub.code, NO_QUALIFIER))
            for sub in component.subcomponents
        )
        score = sum((s.score for s in subs), ZERO)
        components.append(ComponentScore(component.code, component.name, component.weight, score, subs))
    total_exact = sum((c.score for c in components), ZERO)
    total = round_half_up(total_exact, 2)
    unanswered = sum(s.unanswered for c in components for s in c.subcomponents)
    return LkeResult(tuple(components), total_exact, total, predicate(total, predicates), unanswered)
