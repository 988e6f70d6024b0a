"""The Pemda profile (all Pemda users), its edit page, logo and ranking categories (admin)."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from .. import audit, selectors, services
from ..forms import PemdaForm, RankingCategoryForm, add_service_errors
from ..models import Pemda, RankingCategory
from ..permissions import P, get_object_or_404_for, has_perm, require

PEMDA_FIELDS = ("name", "kind", "province", "head_title", "seat", "letterhead", "timezone")


def _own_pemda(request) -> Pemda:
    pemda = selectors.pemda_of(request.user)
    if pemda is None:
        raise Http404
    return pemda


@require_GET
def pemda_detail(request):
    user = request.user
    require(user, P.PEMDA_VIEW)
    pemda = _own_pemda(request)
    context = {
        "pemda": pemda,
        "summary": selectors.pemda_summary(user),
        "categories": selectors.ranking_categories_for(user).annotate(n_units=Count("units")),
        "can_manage": has_perm(user, P.PEMDA_MANAGE),
        "history": audit.history_for(user, pemda, RankingCategory.history.filter(pemda_id=pemda.pk)),
    }
    return render(request, "core/pemda_detail.html", context)


@require_http_methods(["GET", "POST"])
def pemda_edit(request):
    user = request.user
    require(user, P.PEMDA_MANAGE)
    pemda = _own_pemda(request)
    form = PemdaForm(request.POST or None, request.FILES or None, instance=pemda)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in PEMDA_FIELDS}
        logo = form.cleaned_data.get("logo")
        if logo is False:  # "clear" ticked
            data["logo"] = ""
        elif logo and logo != pemda.logo:
            data["logo"] = logo
        try:
            services.pemda_update(pemda=pemda, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Profil Pemda disimpan."))
            return redirect("core:pemda_detail")
    return render(request, "core/pemda_form.html", {"form": form, "pemda": pemda})


@require_GET
@cache_control(private=True, max_age=3600)
def pemda_logo(request):
    """The signed-in user's own Pemda logo (media files are never served directly)."""
    require(request.user, P.PEMDA_VIEW)
    pemda = _own_pemda(request)
    if not pemda.logo:
        raise Http404
    try:
        handle = pemda.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(pemda.logo.name)[0] or "application/octet-stream"
    return FileResponse(handle, content_type=content_type)


@require_http_methods(["GET", "POST"])
def category_list(request):
    user = request.user
    require(user, P.PEMDA_VIEW)
    pemda = _own_pemda(request)
    form = RankingCategoryForm(request.POST or None)
    if request.method == "POST":
        require(user, P.PEMDA_MANAGE)
        if form.is_valid():
            try:
                category = services.ranking_category_create(pemda=pemda, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Kategori %(name)s ditambahkan.") % {"name": category.name})
                return redirect("core:category_list")
    categories = selectors.ranking_categories_for(user).annotate(n_units=Count("units"))
    context = {"form": form, "categories": categories, "can_manage": has_perm(user, P.PEMDA_MANAGE)}
    return render(request, "core/category_list.html", context)


@require_http_methods(["GET", "POST"])
def category_edit(request, uid):
    user = request.user
    require(user, P.PEMDA_MANAGE)
    category = get_object_or_404_for(selectors.ranking_categories_for(user), user, uid=uid)
    form = RankingCategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.ranking_category_update(category=category, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kategori disimpan."))
            return redirect("core:category_list")
    context = {"form": form, "category": category, "history": audit.history_for(user, category)}
    return render(request, "core/category_form.html", context)
