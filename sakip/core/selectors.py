"""Reads of core data, already scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q

from . import permissions
from .models import FiscalYear, Unit


def units_for(user, *, include_inactive: bool = True):
    """Units of the user's Pemda (every Pemda user may see the unit list: it is reference data)."""
    qs = Unit.objects.filter(pemda_id=user.pemda_id).select_related("parent", "ranking_category")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs


def own_units(user) -> list[Unit]:
    ids = permissions.own_unit_ids(user)
    if not ids:
        return []
    return list(Unit.objects.filter(pk__in=ids).prefetch_related("heads").order_by("name"))


def current_year(pemda_id: int) -> FiscalYear | None:
    return FiscalYear.objects.filter(pemda_id=pemda_id, is_current=True).first()


def pemda_summary(user) -> dict:
    stats = Unit.objects.filter(pemda_id=user.pemda_id).aggregate(
        units=Count("id", filter=Q(is_active=True)),
        inactive=Count("id", filter=Q(is_active=False)),
    )
    stats["year"] = current_year(user.pemda_id)
    return stats
