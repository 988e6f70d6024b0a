"""Reads of external assessments (issue #9), scoped to what the user may see.

Access: ``P.ASSESSMENT_VIEW`` (every role) reads; admin, evaluators and pimpinan see every unit of the
Pemda, operators and kepala only their own units (read-only). ``P.ASSESSMENT_MANAGE`` (admin) writes.
Another Pemda's object is 404; a list the user may not open at all is 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rewards import ranking
from rewards.assessment_defaults import metric_code
from rewards.models import Assessment, AssessmentType
from rewards.services_assessments import band_label, ensure_default_types
from sakip.core.models import Pemda, Unit
from sakip.core.permissions import P, get_object_or_404_for, has_perm, unit_ids_with


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def can_manage(user) -> bool:
    return has_perm(user, P.ASSESSMENT_MANAGE)


def require_view(user) -> None:
    if not has_perm(user, P.ASSESSMENT_VIEW):
        raise _deny()


# --- types -----------------------------------------------------------------------------------------


def types_for(user, *, active_only: bool = False) -> QuerySet[AssessmentType]:
    """The Pemda's assessment types in code order; the defaults are installed on first use."""
    require_view(user)
    ensure_default_types(user.pemda)
    qs = AssessmentType.objects.filter(pemda_id=user.pemda_id)
    return qs.filter(is_active=True) if active_only else qs.order_by("code")


def type_for(user, uid) -> AssessmentType:
    obj = get_object_or_404_for(AssessmentType.objects.all(), user, uid=uid)
    require_view(user)
    return obj


def type_specs(pemda: Pemda, types: Iterable[AssessmentType] | None = None) -> list[ranking.MetricSpec]:
    """One ranking metric per assessment type of the Pemda (active or not, so stored weights stay valid)."""
    if types is None:
        types = AssessmentType.objects.filter(pemda=pemda).order_by("code")
    return [
        ranking.MetricSpec(
            metric_code(t.code),
            t.name,
            Decimal(t.min_value),
            Decimal(t.max_value),
            t.higher_is_better,
            places=0 if t.kind == AssessmentType.Kind.LEVEL else 2,
        )
        for t in sorted(types, key=lambda t: t.code)
    ]


def assessment_values(pemda: Pemda, year: int) -> tuple[list[AssessmentType], dict[int, dict[str, Decimal]]]:
    """``(the Pemda's types, {unit id: {penilaian_<code>: value}})`` for ``year``. One query (types
    left-joined with their results of the year)."""
    rows = (
        AssessmentType.objects.filter(pemda=pemda)
        .annotate(of_year=FilteredRelation("results", condition=Q(results__year=year)))
        .values_list(
            "pk",
            "code",
            "name",
            "kind",
            "min_value",
            "max_value",
            "higher_is_better",
            "of_year__unit_id",
            "of_year__value",
        )
        .order_by("code", "of_year__unit_id")
    )
    types: dict[int, AssessmentType] = {}
    values: dict[int, dict[str, Decimal]] = {}
    for pk, code, name, kind, low, high, higher, unit_id, value in rows:
        if pk not in types:
            types[pk] = AssessmentType(
                pk=pk,
                pemda=pemda,
                code=code,
                name=name,
                kind=kind,
                min_value=low,
                max_value=high,
                higher_is_better=higher,
            )
        if unit_id is not None:
            values.setdefault(unit_id, {})[metric_code(code)] = value
    return list(types.values()), values


# --- assessments -----------------------------------------------------------------------------------


def _base(user) -> QuerySet[Assessment]:
    qs = Assessment.objects.filter(pemda_id=user.pemda_id).select_related("unit", "type", "created_by")
    ids = unit_ids_with(user, P.ASSESSMENT_VIEW)
    if ids is None:
        return qs if has_perm(user, P.ASSESSMENT_VIEW) else qs.none()
    return qs.filter(unit_id__in=ids)


def visible_units(user) -> QuerySet[Unit]:
    qs = Unit.objects.filter(pemda_id=user.pemda_id).order_by("code", "name")
    ids = unit_ids_with(user, P.ASSESSMENT_VIEW)
    return qs if ids is None else qs.filter(pk__in=ids)


def assessments_for(
    user,
    *,
    year: int | None = None,
    type=None,  # noqa: A002 - the filter's name
    unit=None,
    band: str | None = None,
) -> QuerySet[Assessment]:
    """The assessments the user may see (403 without ``P.ASSESSMENT_VIEW``), newest year first.

    Filters: ``year``, ``type`` (AssessmentType or id), ``unit`` (Unit or id), ``band`` (band code).
    """
    require_view(user)
    qs = _base(user)
    if year:
        qs = qs.filter(year=year)
    if type:
        qs = qs.filter(type_id=getattr(type, "pk", type))
    if unit:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    if band:
        qs = qs.filter(band=band)
    return qs.order_by("-year", "type__code", "unit__code", "id")


def assessment_for(user, uid) -> Assessment:
    """One assessment the user may see; another Pemda's, or another unit's for a unit user, is 404."""
    obj = get_object_or_404_for(Assessment.objects.select_related("unit", "type", "created_by"), user, uid=uid)
    require_view(user)
    ids = unit_ids_with(user, P.ASSESSMENT_VIEW)
    if ids is not None and obj.unit_id not in ids:
        raise Http404
    return obj


def band_text(assessment: Assessment) -> str:
    return band_label(assessment.band, assessment.type.bands or ()) if assessment.band else ""


# --- the unit page ---------------------------------------------------------------------------------


@dataclass
class TypeHistory:
    type: AssessmentType
    latest: Assessment
    band_label: str
    trend: list[Assessment] = field(default_factory=list)  # oldest year first

    @property
    def change(self) -> Decimal | None:
        return self.trend[-1].value - self.trend[-2].value if len(self.trend) > 1 else None


def unit_panel(user, unit: Unit) -> list[TypeHistory]:
    """The unit's assessments per type: the latest year and the trend over the years. One query.

    Empty when the user may not see the unit's assessments.
    """
    if unit.pemda_id != getattr(user, "pemda_id", None):
        raise Http404
    if not has_perm(user, P.ASSESSMENT_VIEW, unit_id=unit.pk):
        return []
    rows = list(Assessment.objects.filter(unit=unit).select_related("type").order_by("type__code", "year", "id"))
    out: dict[int, TypeHistory] = {}
    for row in rows:
        history = out.get(row.type_id)
        if history is None:
            history = out[row.type_id] = TypeHistory(row.type, row, "")
        history.trend.append(row)
        history.latest = row
    for history in out.values():
        history.band_label = band_text(history.latest)
    return list(out.values())
