"""Fiscal years and the reporting calendar (months and quarters are created by the service)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, selectors, services
from ..forms import FiscalYearCalendarForm, FiscalYearCreateForm, add_service_errors
from ..permissions import P, get_object_or_404_for, has_perm, require

CALENDAR_FIELDS = ("frequency", "deadline_day", "grace_days", "pk_deadline")


@require_GET
def year_list(request):
    user = request.user
    require(user, P.PEMDA_VIEW)
    years = selectors.fiscal_years_for(user).order_by("-year")
    context = {"years": years, "can_manage": has_perm(user, P.YEAR_MANAGE)}
    return render(request, "core/year_list.html", context)


@require_http_methods(["GET", "POST"])
def year_create(request):
    user = request.user
    require(user, P.YEAR_MANAGE)
    latest = selectors.fiscal_years_for(user).order_by("-year").first()
    initial = {"year": (latest.year + 1) if latest else timezone.localdate().year, "set_current": latest is None}
    form = FiscalYearCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fy = services.fiscal_year_create(
                pemda=user.pemda,
                year=data["year"],
                is_current=data["set_current"],
                **{k: data[k] for k in CALENDAR_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Tahun %(year)s dibuat dengan 12 bulan dan 4 triwulan.") % {"year": fy.year})
            return redirect("core:year_list")
    return render(request, "core/year_form.html", {"form": form, "fy": None})


@require_http_methods(["GET", "POST"])
def year_edit(request, uid):
    user = request.user
    require(user, P.PEMDA_VIEW)
    fy = get_object_or_404_for(selectors.fiscal_years_for(user), user, uid=uid)
    form = FiscalYearCalendarForm(request.POST or None, instance=fy)
    if request.method == "POST":
        require(user, P.YEAR_MANAGE)
        if form.is_valid():
            try:
                services.fiscal_year_update(fiscal_year=fy, data={k: form.cleaned_data[k] for k in CALENDAR_FIELDS})
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Kalender pelaporan %(year)s disimpan.") % {"year": fy.year})
                return redirect("core:year_edit", uid=fy.uid)
    context = {
        "form": form,
        "fy": fy,
        "can_manage": has_perm(user, P.YEAR_MANAGE),
        "history": audit.history_for(user, fy),
    }
    return render(request, "core/year_form.html", context)


@require_POST
def year_set_current(request, uid):
    user = request.user
    require(user, P.YEAR_MANAGE)
    fy = get_object_or_404_for(selectors.fiscal_years_for(user), user, uid=uid)
    services.fiscal_year_set_current(fiscal_year=fy)
    messages.success(request, _("Tahun %(year)s sekarang menjadi tahun berjalan.") % {"year": fy.year})
    return redirect("core:year_list")
