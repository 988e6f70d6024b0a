"""Reads for the Pemda overview (home page of pimpinan/evaluator, the unit roster PDF).

Selectors in the sense of design §2: they take the user, stay inside the user's Pemda and
declare their own ``select_related`` / ``prefetch_related``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from sakip.lib import charts

from .models import Pemda, RankingCategory, Unit, UnitHead


def _units(user):
    return Unit.objects.filter(pemda_id=user.pemda_id, is_active=True)


def units_by_type(user) -> list[tuple[str, str, int]]:
    """``(type, label, count)`` of active units per type, in the order of ``Unit.Type``."""
    counts = dict(_units(user).values_list("type").annotate(n=Count("id")).values_list("type", "n"))
    return [(t.value, str(t.label), counts[t.value]) for t in Unit.Type if counts.get(t.value)]


def units_by_category(user) -> list[tuple[RankingCategory, int]]:
    """Ranking categories of the Pemda with their number of active units (empty ones included)."""
    cats = RankingCategory.objects.filter(pemda_id=user.pemda_id).annotate(
        n=Count("units", filter=Q(units__is_active=True))
    )
    return [(cat, cat.n) for cat in cats]


def units_by_type_chart(user, *, width: int = 400) -> charts.SVG | None:
    """Horizontal bar chart of active units per type (``None`` when the Pemda has no unit)."""
    rows = units_by_type(user)
    if not rows:
        return None
    return charts.bar_chart(
        [label for _t, label, _n in rows],
        [n for _t, _l, n in rows],
        title=_("Jumlah perangkat daerah aktif per jenis"),
        horizontal=True,
        decimals=0,
        width=width,
    )


def unit_roster(user, as_of: dt.date) -> list[dict]:
    """Active units of the Pemda in code order (children follow their parent) with the head in
    office on ``as_of`` and their depth in the tree."""
    heads = Prefetch("heads", queryset=UnitHead.objects.order_by("-start_date"))
    units = list(_units(user).select_related("parent").prefetch_related(heads).order_by("code"))
    by_id = {u.pk: u for u in units}
    rows = []
    for unit in units:
        depth, node = 0, unit
        while node.parent_id and node.parent_id in by_id and depth < 5:
            depth, node = depth + 1, by_id[node.parent_id]
        rows.append({"unit": unit, "head": unit.head_on(as_of), "depth": depth, "indent": range(depth)})
    return rows


def unit_roster_context(user, as_of: dt.date) -> dict:
    """Context of ``reports/unit_roster.html``."""
    pemda = Pemda.objects.get(pk=user.pemda_id)
    return {
        "pemda": pemda,
        "as_of": as_of,
        "rows": unit_roster(user, as_of),
        "chart": units_by_type_chart(user, width=640),
        "pdf_title": _("Daftar Perangkat Daerah %(name)s") % {"name": pemda.name},
    }
