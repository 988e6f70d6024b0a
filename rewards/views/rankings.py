"""The live ranking of a year (and of a period for capaian) and freezing it as a snapshot.

``ranking_home`` shows one kind at a time (composite index, AKIP score, capaian, timeliness, most
improved) with one table per ranking category; every row opens to its breakdown. Pimpinan and the
admin freeze what they see (``services.snapshot_freeze``) and land on the snapshot's page.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rewards import selectors, services
from rewards.forms_rankings import FreezeForm
from rewards.ranking import KIND_COMPOSITE

from .rankings_common import (
    KINDS,
    REFUSED,
    can_freeze,
    can_manage,
    categories_of,
    chosen_period,
    chosen_year,
    flash_refusal,
    kind_labels,
    pick,
    require_freeze,
    require_view,
    section,
    sections,
    weights_rows,
    years_of,
)


def default_title(fiscal_year, period) -> str:
    if period is not None:
        return _("Peringkat kinerja %(year)s — %(period)s") % {"year": fiscal_year.year, "period": period.label}
    return _("Peringkat kinerja %(year)s") % {"year": fiscal_year.year}


def _query(fiscal_year, period, **extra) -> str:
    params = {"tahun": fiscal_year.year if fiscal_year else "", "periode": period.number if period else "", **extra}
    return "&".join(f"{k}={v}" for k, v in params.items() if v not in (None, ""))


def home_context(request, params, freeze_form=None) -> dict:
    user = request.user
    years = years_of(user)
    fiscal_year = chosen_year(years, params.get("tahun"))
    periods, period = chosen_period(fiscal_year, params.get("periode"))
    kind = params.get("jenis") if params.get("jenis") in KINDS else KIND_COMPOSITE
    category = (params.get("kategori") or "").strip()
    data, weights = None, None
    if fiscal_year is not None:
        data = selectors.live_rankings(user.pemda, fiscal_year.year, period=period)
        weights = data["weights"]  # the year's weights, as live_rankings used them
    all_sections = sections(data)
    current = section(all_sections, kind)
    rankings = pick(current, category)
    if freeze_form is None and fiscal_year is not None:
        freeze_form = FreezeForm(initial={"title": default_title(fiscal_year, period)})
    return {
        "years": years,
        "fiscal_year": fiscal_year,
        "periods": periods,
        "period": period,
        "kind": kind,
        "kinds": [(k, kind_labels()[k], _query(fiscal_year, period, jenis=k, kategori=category)) for k in KINDS],
        "category": category,
        "category_choices": categories_of(data),
        "current": current,
        "rankings": rankings,
        "weights": weights_rows(weights, data),
        "freeze_form": freeze_form,
        "can_freeze": can_freeze(user),
        "can_manage": can_manage(user),
        "query": _query(fiscal_year, period),
    }


@require_GET
def ranking_home(request):
    require_view(request.user)
    return render(request, "rewards/rankings/home.html", home_context(request, request.GET))


@require_POST
def ranking_freeze(request):
    user = request.user
    require_view(user)
    require_freeze(user)
    form = FreezeForm(request.POST)
    if not form.is_valid():
        context = home_context(request, request.POST, freeze_form=form)
        return render(request, "rewards/rankings/home.html", context, status=400)
    years = years_of(user)
    fiscal_year = chosen_year(years, request.POST.get("tahun"))
    _periods, period = chosen_period(fiscal_year, request.POST.get("periode"))
    back = f"{reverse('rewards:ranking_home')}?{_query(fiscal_year, period)}"
    if fiscal_year is None or str(fiscal_year.year) != str(request.POST.get("tahun", "")).strip():
        messages.error(request, _("Tahun peringkat tidak dikenal."))
        return redirect(back)
    if str(request.POST.get("periode", "")).strip() and period is None:
        messages.error(request, _("Periode peringkat tidak dikenal."))
        return redirect(back)
    try:
        snapshot = services.snapshot_freeze(
            user=user,
            pemda=user.pemda,
            year=fiscal_year.year,
            period=period,
            title=form.cleaned_data["title"],
            note=form.cleaned_data["note"],
        )
    except REFUSED as error:
        flash_refusal(request, error)
        return redirect(back)
    messages.success(
        request,
        _("Peringkat dibekukan sebagai “%(title)s”. Keputusan dapat merujuk snapshot ini.") % {"title": snapshot.title},
    )
    return redirect("rewards:snapshot_detail", uid=snapshot.uid)
