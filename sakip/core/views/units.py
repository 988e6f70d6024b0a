"""Unit pages: list, detail, create/edit, (de)activate, delete, heads (all through services)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, selectors, services
from ..forms import UnitFilterForm, UnitForm, UnitHeadForm, add_service_errors
from ..models import Unit, UnitHead
from ..permissions import P, get_object_or_404_for, has_perm, require

PAGE_SIZE = 25


def _unit(request, uid) -> Unit:
    return get_object_or_404_for(selectors.units_for(request.user), request.user, uid=uid)


@require_GET
def unit_list(request):
    user = request.user
    require(user, P.UNIT_VIEW)
    form = UnitFilterForm(request.GET or None, categories=selectors.ranking_categories_for(user))
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    units = selectors.unit_list_for(
        user,
        today=timezone.localdate(),
        q=f.get("q", ""),
        unit_type=f.get("jenis", ""),
        category=f.get("kategori", ""),
        status=f.get("status", ""),
        headless=f.get("kepala") == "kosong",
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "filtered": any(f.values()), "can_manage": has_perm(user, P.UNIT_MANAGE)}
    return render(request, "core/unit_list.html", context)


@require_GET
def unit_detail(request, uid):
    user = request.user
    unit = _unit(request, uid)
    require(user, P.UNIT_VIEW)  # units are reference data: every Pemda user may read any of them
    today = timezone.localdate()
    heads = list(unit.heads.select_related("user").order_by("-start_date"))
    current = [h for h in heads if h.start_date <= today and (h.end_date is None or h.end_date >= today)]
    context = {
        "unit": unit,
        "current_heads": current,
        "past_heads": [h for h in heads if h not in current],
        "children": unit.children.select_related("ranking_category").order_by("code"),
        "role_holders": unit.role_assignments.select_related("user").order_by("role", "user__full_name"),
        "can_manage": has_perm(user, P.UNIT_MANAGE),
        "can_see_users": has_perm(user, P.USER_VIEW),
        "history": audit.history_for(user, unit, UnitHead.history.filter(unit_id=unit.pk)),
    }
    return render(request, "core/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
def unit_create(request):
    user = request.user
    require(user, P.UNIT_MANAGE)
    initial = {}
    if _is_uuid(parent_uid := request.GET.get("induk", "")):
        initial["parent"] = selectors.units_for(user).filter(uid=parent_uid).first()
    form = UnitForm(request.POST or None, pemda=user.pemda, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(pemda=user.pemda, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Unit %(name)s ditambahkan.") % {"name": unit.name})
            return redirect("core:unit_detail", uid=unit.uid)
    return render(request, "core/unit_form.html", {"form": form, "unit": None})


@require_http_methods(["GET", "POST"])
def unit_edit(request, uid):
    user = request.user
    unit = _unit(request, uid)
    require(user, P.UNIT_MANAGE, unit_id=unit.pk)
    form = UnitForm(request.POST or None, instance=unit, pemda=user.pemda)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            unit = _unit(request, uid)  # show the saved values in the heading, not the rejected ones
        else:
            messages.success(request, _("Perubahan unit disimpan."))
            return redirect("core:unit_detail", uid=unit.uid)
    return render(request, "core/unit_form.html", {"form": form, "unit": unit})


@require_POST
def unit_toggle_active(request, uid):
    user = request.user
    unit = _unit(request, uid)
    require(user, P.UNIT_MANAGE, unit_id=unit.pk)
    try:
        services.unit_update(unit=unit, data={"is_active": not unit.is_active})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("Unit %(name)s diaktifkan.") if unit.is_active else _("Unit %(name)s dinonaktifkan.")
        messages.success(request, text % {"name": unit.name})
    return redirect("core:unit_detail", uid=unit.uid)


@require_POST
def unit_delete(request, uid):
    user = request.user
    unit = _unit(request, uid)
    require(user, P.UNIT_MANAGE, unit_id=unit.pk)
    name = unit.name
    try:
        services.unit_delete(unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:unit_detail", uid=unit.uid)
    messages.success(request, _("Unit %(name)s dihapus.") % {"name": name})
    return redirect("core:unit_list")


@require_http_methods(["GET", "POST"])
def unit_head_create(request, uid):
    user = request.user
    unit = _unit(request, uid)
    require(user, P.UNIT_MANAGE, unit_id=unit.pk)
    initial = {"title": _("Kepala %(unit)s") % {"unit": unit.name}, "start_date": timezone.localdate()}
    form = UnitHeadForm(request.POST or None, pemda=user.pemda, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            head = services.unit_head_assign(unit=unit, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kepala unit %(name)s dicatat.") % {"name": head.name})
            return redirect("core:unit_detail", uid=unit.uid)
    return render(request, "core/unit_head_form.html", {"form": form, "unit": unit, "head": None})


@require_http_methods(["GET", "POST"])
def unit_head_edit(request, uid):
    user = request.user
    head = get_object_or_404_for(UnitHead.objects.select_related("unit"), user, uid=uid)
    require(user, P.UNIT_MANAGE, unit_id=head.unit_id)
    form = UnitHeadForm(request.POST or None, instance=head, pemda=user.pemda)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_head_update(head=head, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Data kepala unit disimpan."))
            return redirect("core:unit_detail", uid=head.unit.uid)
    return render(request, "core/unit_head_form.html", {"form": form, "unit": head.unit, "head": head})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
