"""The compliance page ("Kepatuhan"): per unit and per official over a year or up to a month —
occurrences due, accepted on time / late, returned, waiting, missing and the rate. Readers:
``P.OBLIGATION_VIEW`` (admin and pimpinan: every unit; operator and kepala: their units)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.permissions import P

from .. import selectors_officials as sel
from ..forms_obligations import ComplianceFilterForm
from ..selectors_obligations import Tally, compliance, pemda_today

PAGE_SIZE = 50


@require_GET
def obligation_compliance(request):
    user = request.user
    permissions.require(user, P.OBLIGATION_VIEW)
    today = pemda_today(user.pemda)
    ids = sel.view_unit_ids(user)
    obligations = [o for o in sel.obligations_for(user) if o.is_active]
    years = list(range(today.year, today.year - 4, -1))
    form = ComplianceFilterForm(
        request.GET or None, initial={"tahun": today.year}, pemda_id=user.pemda_id, years=years, unit_ids=ids,
        obligations=obligations,
    )  # fmt: skip
    f = form.cleaned_data if form.is_valid() else {}
    year = f.get("tahun") or today.year
    unit_id = f.get("unit")
    if ids is not None and unit_id is None and len(ids) == 1:
        unit_id = next(iter(ids))
    data = compliance(
        user.pemda, year, through_month=f.get("sampai"), today=today, obligation_code=f.get("kewajiban") or None,
        unit_id=unit_id,
    )  # fmt: skip
    visible = (lambda uid: True) if ids is None else (lambda uid: uid in ids)
    unit_rows = [
        (unit, data.units.get(unit.pk) or Tally())
        for unit in data.unit_objects.values()
        if visible(unit.pk) and unit.pk in data.units
    ]
    official_rows = [
        (official, data.officials[official.pk])
        for official in data.official_objects.values()
        if visible(official.unit_id) and official.pk in data.officials
    ]
    total = Tally()
    for _unit, tally in unit_rows:
        for name in ("due", "on_time", "late", "returned", "waiting"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
    page = Paginator(official_rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "year": year,
        "through": data.last,
        "today": today,
        "unit_rows": unit_rows,
        "page": page,
        "total": total,
        "filtered": bool(request.GET),
    }
    return render(request, "rewards/obligations/compliance.html", context)
