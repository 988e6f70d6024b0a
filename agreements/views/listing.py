"""The PKs of a year with the status of every unit."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.models import RankingCategory
from sakip.core.permissions import P

from .. import selectors

PAGE_SIZE = 50


@require_GET
def pk_list(request):
    user = request.user
    permissions.require(user, P.PK_VIEW)
    years = selectors.years_for(user)
    fiscal_year = selectors.year_for(user, request.GET.get("tahun"))
    context = {"years": years, "fiscal_year": fiscal_year}
    if fiscal_year is not None:
        filters = {k: request.GET.get(k, "").strip() for k in ("status", "kategori", "q")}
        overview = selectors.year_overview(
            user, fiscal_year, status=filters["status"], category=filters["kategori"], search=filters["q"]
        )
        context.update(
            overview=overview,
            filters=filters,
            page=Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("page")),
            status_choices=[(s, selectors.status_label(s), overview.counts[s]) for s in selectors.ROW_STATUSES],
            categories=RankingCategory.objects.filter(pemda_id=user.pemda_id).order_by("order", "name"),
            creatable=_creatable_units(user, overview),
            can_create_pemda=permissions.has_perm(user, P.PEMDA_PK_EDIT),
            can_export=permissions.has_perm(user, P.PK_EXPORT),
        )
    return render(request, "agreements/pk_list.html", context)


def _creatable_units(user, overview) -> set[int]:
    """Units whose PK this user may start (operators and heads of those units)."""
    ids = permissions.unit_ids_with(user, P.PK_EDIT)
    return {r.unit.pk for r in overview.rows} if ids is None else ids
