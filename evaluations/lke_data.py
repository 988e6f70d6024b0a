"""Bridge between the LKE models and the pure scoring modules (``lke.py``, ``predicates.py``).

* :func:`to_pure` reads a stored :class:`~evaluations.lke_models.LkeTemplate` (3 queries) into the
  frozen dataclasses the scoring functions take.
* :func:`save_pure_template` writes a pure template as a new stored template (validated first;
  nothing is saved when it is invalid).
* :func:`bands_for` gives the predicate bands a Pemda uses in a year (its table, or the §6.4 default).
"""

from __future__ import annotations

from django.db import transaction

from evaluations.lke_models import LkeComponent, LkeCriterion, LkeSubComponent, LkeTemplate, PredicateTable
from evaluations.lke_template import Component, Criterion, SubComponent, Template, validate_template
from evaluations.predicates import DEFAULT_PREDICATES, PredicateBand, bands_from_rows


def template_rows(template: LkeTemplate):
    """(components, sub-components, criteria) of a stored template, each ordered: 3 queries."""
    components = list(LkeComponent.objects.filter(template=template).order_by("order", "code"))
    subs = list(LkeSubComponent.objects.filter(component__template=template).order_by("order", "code"))
    criteria = list(LkeCriterion.objects.filter(subcomponent__component__template=template).order_by("order", "code"))
    return components, subs, criteria


def pure_from_rows(template, components, subcomponents, criteria) -> Template:
    """A pure template from already fetched, ordered rows (no query); rows are grouped by their FKs."""
    by_sub: dict[int, list[Criterion]] = {}
    for c in criteria:
        by_sub.setdefault(c.subcomponent_id, []).append(Criterion(c.code, c.text, c.answer_type))
    by_component: dict[int, list[SubComponent]] = {}
    for s in subcomponents:
        by_component.setdefault(s.component_id, []).append(
            SubComponent(s.code, s.name, s.weight, tuple(by_sub.get(s.id, ())), s.kind)
        )
    return Template(
        name=template.name,
        method=template.method,
        components=tuple(Component(c.code, c.name, c.weight, tuple(by_component.get(c.id, ()))) for c in components),
    )


def to_pure(template: LkeTemplate) -> Template:
    """The stored template as a pure :class:`~evaluations.lke_template.Template` (not validated; 3 queries)."""
    return pure_from_rows(template, *template_rows(template))


@transaction.atomic
def save_pure_template(
    *,
    pemda,
    template: Template,
    family: str,
    version: int = 1,
    regulation: str = "",
    notes: str = "",
    previous: LkeTemplate | None = None,
    created_by=None,
    guidance: dict[str, str] | None = None,
) -> LkeTemplate:
    """Store a validated pure template (raises ``LkeError`` listing every problem; nothing saved).

    ``guidance`` maps criterion codes to the evidence expected (optional).
    """
    validate_template(template)
    guidance = guidance or {}
    stored = LkeTemplate.objects.create(
        pemda=pemda,
        family=family,
        version=version,
        previous=previous,
        name=template.name,
        regulation=regulation,
        method=template.method,
        notes=notes,
        created_by=created_by,
    )
    criteria: list[LkeCriterion] = []
    for ci, component in enumerate(template.components):
        comp = LkeComponent.objects.create(
            template=stored, code=component.code, name=component.name, weight=component.weight, order=ci
        )
        for si, sub in enumerate(component.subcomponents):
            s = LkeSubComponent.objects.create(
                component=comp, code=sub.code, name=sub.name, kind=sub.kind, weight=sub.weight, order=si
            )
            criteria.extend(
                LkeCriterion(
                    subcomponent=s,
                    code=c.code,
                    text=c.text or c.code,
                    guidance=guidance.get(c.code, ""),
                    answer_type=c.answer_type,
                    order=i,
                )
                for i, c in enumerate(sub.criteria)
            )
    LkeCriterion.objects.bulk_create(criteria)
    return stored


def bands_for(pemda, year: int) -> tuple[PredicateBand, ...]:
    """The predicate bands of ``pemda`` for ``year``: its stored table, else the §6.4 default."""
    table = PredicateTable.objects.filter(pemda=pemda, year=year).only("bands").first()
    if table is None:
        return DEFAULT_PREDICATES
    return bands_from_rows(table.bands)
