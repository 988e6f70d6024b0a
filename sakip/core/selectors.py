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


# --- Portal list pages (filters from the query string, counts pinned in tests) ----------------


def current_heads_prefetch(today) -> Prefetch:
    """Heads in office on ``today`` as ``unit.current_heads`` (definitive first, then acting)."""
    qs = UnitHead.objects.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    return Prefetch("heads", queryset=qs.order_by("acting", "-start_date"), to_attr="current_heads")


def unit_list_for(user, *, today, q="", unit_type="", category="", status="", headless=False):
    """Units of the user's Pemda for the unit list, filtered; parent, category and current heads loaded."""
    from django.db.models import Exists, OuterRef

    qs = units_for(user).prefetch_related(current_heads_prefetch(today))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(short_name__icontains=q))
    if unit_type:
        qs = qs.filter(type=unit_type)
    if category:
        qs = qs.filter(ranking_category__code=category)
    if status in ("aktif", "nonaktif"):
        qs = qs.filter(is_active=status == "aktif")
    if headless:
        in_office = UnitHead.objects.filter(unit=OuterRef("pk"), start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        qs = qs.filter(~Exists(in_office))
    return qs.order_by("code")


def user_list_for(user, *, q="", role="", unit_uid="", status=""):
    """Users of the user's Pemda for the user list; ``role="tanpa"`` = users without any role."""
    qs = users_for(user)
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(full_name__icontains=q) | Q(email__icontains=q) | Q(nip__icontains=q)
        )
    if role == "tanpa":
        qs = qs.filter(roles__isnull=True)
    elif role:
        qs = qs.filter(roles__role=role)
    if unit_uid:
        qs = qs.filter(roles__unit__uid=unit_uid, roles__unit__pemda_id=user.pemda_id)
    if status in ("aktif", "nonaktif"):
        qs = qs.filter(is_active=status == "aktif")
    return qs.distinct().order_by("full_name", "username")
