"""LKE template structure as plain dataclasses, and its validation (pure, no ORM).

Template → components → sub-components → criteria (domain reference §6.1). Weights are points of
the 0–100 total: components add up to 100, the sub-components of a component add up to the
component's weight (checked exactly, as ``Decimal``). Messages are in Bahasa Indonesia.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from evaluations.rules_defaults import (
    ANSWER_VALUES,
    GRADE_VALUES,
    LKE_METHODS,
    METHOD_ANSWER_SCALE,
    METHOD_CRITERION_GRADE,
    METHOD_PERCENT_GRADE,
)
from sakip.lib.numbers import format_number

KEBERADAAN, KUALITAS, PEMANFAATAN = "keberadaan", "kualitas", "pemanfaatan"
KINDS = (KEBERADAAN, KUALITAS, PEMANFAATAN, "")  # "" = other (e.g. 12/2015 "Capaian Kinerja")

ANSWER_YT = "yt"  # Y (fulfilled) / T (not fulfilled)
ANSWER_AE = "ae"  # scale A–E
ANSWER_GRADE = "grade"  # grade AA–E per criterion
ANSWER_CHOICES: dict[str, tuple[str, ...]] = {
    ANSWER_YT: ("Y", "T"),
    ANSWER_AE: tuple(k for k in ANSWER_VALUES if k not in ("Y", "T")),
    ANSWER_GRADE: tuple(GRADE_VALUES),
}
#: Which answer types each scoring method can score.
METHOD_ANSWER_TYPES: dict[str, tuple[str, ...]] = {
    METHOD_PERCENT_GRADE: (ANSWER_YT,),
    METHOD_CRITERION_GRADE: (ANSWER_GRADE,),
    METHOD_ANSWER_SCALE: (ANSWER_YT, ANSWER_AE),
}
TOTAL_WEIGHT = Decimal(100)


class LkeError(ValueError):
    """A template, answer or predicate table that cannot be used; ``messages`` in Bahasa Indonesia."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class Criterion:
    code: str  # "1.a.1"
    text: str = ""
    answer_type: str = ANSWER_YT


@dataclass(frozen=True)
class SubComponent:
    code: str  # "1.a"
    name: str
    weight: Decimal  # points of the 0–100 total
    criteria: tuple[Criterion, ...]
    kind: str = ""  # keberadaan / kualitas / pemanfaatan: decides the AA/A qualifiers


@dataclass(frozen=True)
class Component:
    code: str  # "1"
    name: str
    weight: Decimal  # points of the 0–100 total
    subcomponents: tuple[SubComponent, ...]


@dataclass(frozen=True)
class Template:
    name: str
    method: str  # rules_defaults.LKE_METHODS
    components: tuple[Component, ...]

    def subcomponents(self) -> list[SubComponent]:
        return [sub for component in self.components for sub in component.subcomponents]

    def criteria(self) -> list[Criterion]:
        return [criterion for sub in self.subcomponents() for criterion in sub.criteria]


def _n(value: Decimal) -> str:
    return format_number(value, None, strip=True)


def template_problems(template: Template) -> list[str]:
    """Everything that keeps a template from being used (an empty list when it is valid).

    Checks: a known scoring method; at least one component, sub-component and criterion; positive
    weights; component weights add up to exactly 100; each component's sub-components add up to
    exactly its weight; codes unique; sub-component kinds known; every criterion's answer type
    scorable by the method.
    """
    problems: list[str] = []
    if template.method not in LKE_METHODS:
        problems.append(_("Metode penilaian tidak dikenal: %(m)s.") % {"m": template.method})
    if not template.components:
        return [*problems, _("Templat harus memiliki paling sedikit satu komponen.")]
    codes: list[str] = []
    total = sum((c.weight for c in template.components), Decimal(0))
    if total != TOTAL_WEIGHT:
        problems.append(_("Jumlah bobot komponen %(total)s, seharusnya 100.") % {"total": _n(total)})
    allowed = METHOD_ANSWER_TYPES.get(template.method, ())
    for component in template.components:
        codes.append(component.code)
        if component.weight <= 0:
            problems.append(_("Bobot komponen %(code)s harus lebih dari 0.") % {"code": component.code})
        if not component.subcomponents:
            problems.append(_("Komponen %(code)s tidak memiliki subkomponen.") % {"code": component.code})
            continue
        sub_total = sum((s.weight for s in component.subcomponents), Decimal(0))
        if sub_total != component.weight:
            problems.append(
                _("Jumlah bobot subkomponen komponen %(code)s (%(total)s) harus sama dengan bobot komponen (%(w)s).")
                % {"code": component.code, "total": _n(sub_total), "w": _n(component.weight)}
            )
        for sub in component.subcomponents:
            codes.append(sub.code)
            if sub.weight <= 0:
                problems.append(_("Bobot subkomponen %(code)s harus lebih dari 0.") % {"code": sub.code})
            if sub.kind not in KINDS:
                problems.append(
                    _("Jenis subkomponen %(code)s tidak dikenal: %(k)s.") % {"code": sub.code, "k": sub.kind}
                )
            if not sub.criteria:
                problems.append(_("Subkomponen %(code)s tidak memiliki kriteria.") % {"code": sub.code})
            for criterion in sub.criteria:
                codes.append(criterion.code)
                if allowed and criterion.answer_type not in allowed:
                    problems.append(
                        _("Jenis jawaban kriteria %(code)s (%(t)s) tidak dapat dinilai dengan metode %(m)s.")
                        % {"code": criterion.code, "t": criterion.answer_type, "m": template.method}
                    )
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        problems.append(_("Kode dipakai lebih dari sekali: %(codes)s.") % {"codes": ", ".join(repeated)})
    return problems


def validate_template(template: Template) -> Template:
    """Return the template, or raise :class:`LkeError` with every problem found."""
    problems = template_problems(template)
    if problems:
        raise LkeError(problems)
    return template


def template_from_layout(layout, *, name: str, method: str = METHOD_PERCENT_GRADE) -> Template:
    """A template skeleton from a layout table such as ``rules_defaults.LAYOUT_88_2021``.

    Criteria get codes ``<sub-component>.<n>`` (``1.a.1`` …) and no wording; the seed data and the
    spreadsheet import supply the text. The answer type follows the method (Y/T, or AA–E grades).
    """
    answer_type = ANSWER_GRADE if method == METHOD_CRITERION_GRADE else ANSWER_YT
    components = []
    for code, component_name, weight, subs in layout:
        subcomponents = tuple(
            SubComponent(
                code=sub_code,
                name=kind.capitalize(),
                weight=sub_weight,
                kind=kind,
                criteria=tuple(Criterion(f"{sub_code}.{i}", answer_type=answer_type) for i in range(1, count + 1)),
            )
            for sub_code, kind, sub_weight, count in subs
        )
        components.append(Component(code, component_name, weight, subcomponents))
    return Template(name=name, method=method, components=tuple(components))
