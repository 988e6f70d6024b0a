"""Discipline pages (personal data): the home page, the month's records, one official's year,
"Disiplin saya", the export, the evaluation on demand and the access log.

Access and logging are the selectors' (:mod:`rewards.selectors_discipline`): admin and pimpinan see
every official's records, the official concerned their own; every view of records is logged."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from sakip.core.models import Unit
from sakip.lib.dates import month_name

from .. import selectors_discipline as sel
from .. import services_discipline as svc
from ..forms_discipline import AccessLogFilterForm, RecordFilterForm

PAGE_SIZE = 50


def _this_year(user) -> int:
    return timezone.now().astimezone(user.pemda.tz).year


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("tahun") or default)
    except ValueError:
        return default
    return year if 2015 <= year <= 2100 else default


def _labelled(obj):
    obj.month_label = month_name(obj.month)
    return obj


@require_GET
def discipline_home(request):
    user = request.user
    sel.require_view(user)
    year = _year(request, _this_year(user))
    context = {
        "year": year,
        "years": sorted({*sel.years_of(user), _this_year(user)}, reverse=True),
        "months": sel.months_imported(user, year),
        "imports": [_labelled(i) for i in sel.imports_for(user, year=year)[:5]],
        "proposals": list(sel.discipline_proposals(user, year=year)[:10]),
        "can_manage": sel.can_manage(user),
        "setting": svc.setting_for(user.pemda),
    }
    return render(request, "rewards/discipline/home.html", context)


def _filtered(request):
    user = request.user
    this_year = _this_year(user)
    years = sorted({*sel.years_of(user), this_year}, reverse=True)
    units = Unit.objects.filter(pemda_id=user.pemda_id, is_active=True).order_by("code")
    form = RecordFilterForm(request.GET or None, years=years, units=units)
    form.is_valid()
    f = getattr(form, "cleaned_data", {}) or {}
    year = f.get("tahun") or this_year
    return form, f, year


@require_GET
def discipline_records(request):
    user = request.user
    sel.require_view(user)
    if not sel.can_view_all(user):  # the admin role always has both; kept for clarity
        return redirect("rewards:discipline_mine")
    form, f, year = _filtered(request)
    qs = sel.records_for(
        user, year=year, month=f.get("bulan"), unit=f.get("unit"), q=f.get("q") or "", path=request.get_full_path()
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for record in page:
        _labelled(record)
    context = {
        "form": form,
        "page": page,
        "year": year,
        "month": f.get("bulan"),
        "filtered": any(v for k, v in f.items() if k != "tahun"),
        "export_query": request.GET.urlencode(),
        "can_manage": sel.can_manage(user),
    }
    return render(request, "rewards/discipline/records.html", context)


@require_GET
def discipline_export(request):
    """The filtered records as .xlsx (logged as an export)."""
    user = request.user
    sel.require_view(user)
    form, f, year = _filtered(request)
    qs = sel.records_for(
        user, year=year, month=f.get("bulan"), unit=f.get("unit"), q=f.get("q") or "",
        path=request.get_full_path(), action="ekspor",
    )  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Disiplin"
    ws.append([_("Tahun"), _("Bulan"), "NIP", _("Nama"), _("Unit"), _("Hari tanpa keterangan"),
               _("Menit terlambat/pulang cepat"), _("Absen terlewat")])  # fmt: skip
    for r in qs.iterator(chunk_size=500):
        name = r.official.name
        if name.startswith(("=", "+", "-", "@")):
            name = "'" + name
        ws.append([r.year, month_name(r.month), r.official.nip, name, r.official.unit.name, r.days_absent,
                   r.minutes_late, r.missed_checkins])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="disiplin-{year}.xlsx"'
    return response


@require_GET
def discipline_official(request, uid):
    user = request.user
    official = sel.official_for(user, uid, path=request.get_full_path())
    years = sorted({*sel.years_of(user, official), _this_year(user)}, reverse=True)
    year = _year(request, years[0])
    context = {
        "official": official,
        "year": year,
        "years": years,
        "data": sel.official_year(official, year),
        "can_view_all": sel.can_view_all(user),
    }
    return render(request, "rewards/discipline/official.html", context)


@require_GET
def discipline_mine(request):
    """The signed-in user's own records (any role): one section per linked official."""
    user = request.user
    year = _year(request, _this_year(user))
    sections = []
    for official in sel.own_officials(user):
        official = sel.official_for(user, official.uid, path=request.get_full_path(), action="lihat-sendiri")
        sections.append({"official": official, "data": sel.official_year(official, year)})
    own_years = {y for s in sections for y in sel.years_of(user, s["official"])}
    years = sorted({*own_years, _this_year(user), year}, reverse=True)
    return render(request, "rewards/discipline/mine.html", {"entries": sections, "year": year, "years": years})


@require_POST
def discipline_evaluate(request):
    user = request.user
    sel.require_manage(user)
    try:
        year = int(request.POST.get("year") or _this_year(user))
        created = svc.discipline_evaluate(user=user, pemda=user.pemda, year=year)
    except (ValueError, ValidationError) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("rewards:discipline_home")
    if created:
        messages.success(
            request,
            ngettext("%(n)s usulan sanksi baru dibuat.", "%(n)s usulan sanksi baru dibuat.", len(created))
            % {"n": len(created)},
        )
    else:
        messages.info(request, _("Tidak ada usulan baru: setiap langkah yang tercapai sudah diusulkan."))
    return redirect(f"{reverse('rewards:discipline_home')}?tahun={year}")


@require_GET
def discipline_access_log(request):
    user = request.user
    sel.require_manage(user)
    form = AccessLogFilterForm(request.GET or None)
    form.is_valid()
    f = getattr(form, "cleaned_data", {}) or {}
    qs = sel.access_log_for(
        user, action=f.get("action") or "", who=f.get("who") or "", q=f.get("q") or "",
        date_from=f.get("date_from"), date_to=f.get("date_to"),
    )  # fmt: skip
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filtered": any(f.values()) if f else False}
    return render(request, "rewards/discipline/access_log.html", context)
