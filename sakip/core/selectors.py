"""Reads of core data, already scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from . import permissions
from .models import FiscalYear, Pemda, RankingCategory, RoleAssignment, Unit, UnitHead, User


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


# --- API reads (also usable by pages): each scoped to the user's Pemda -----------------------


def pemda_of(user) -> Pemda | None:
    """The user's own Pemda (``None`` for users without one or whose Pemda is inactive)."""
    if getattr(user, "pemda_id", None) is None:
        return None
    return Pemda.objects.filter(pk=user.pemda_id, is_active=True).first()


def units_with_heads_for(user):
    """:func:`units_for` with the head assignments prefetched (for ``Unit.head_on``)."""
    return units_for(user).prefetch_related(Prefetch("heads", queryset=UnitHead.objects.order_by("-start_date")))


def unit_heads_for(user):
    """Head assignments of the units of the user's Pemda (reference data, like the unit list)."""
    return (
        UnitHead.objects.filter(pemda_id=user.pemda_id)
        .select_related("unit", "user")
        .order_by("unit__code", "-start_date")
    )


def fiscal_years_for(user):
    """Fiscal years of the user's Pemda, newest first, with their months and quarters."""
    return FiscalYear.objects.filter(pemda_id=user.pemda_id).prefetch_related("periods")


def ranking_categories_for(user):
    return RankingCategory.objects.filter(pemda_id=user.pemda_id)


def role_assignments_prefetch() -> Prefetch:
    return Prefetch("roles", queryset=RoleAssignment.objects.select_related("unit").order_by("role", "unit__code"))


def users_for(user):
    """Users of the user's Pemda with their roles; empty for users without ``user.view``."""
    if not permissions.has_perm(user, permissions.P.USER_VIEW):
        return User.objects.none()
    return User.objects.filter(pemda_id=user.pemda_id).prefetch_related(role_assignments_prefetch())
