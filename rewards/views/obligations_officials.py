"""The officials roster: list with search and filters (by unit, position level, status), add, edit,
deactivate/reactivate. Readers: ``P.OBLIGATION_VIEW`` (admin and pimpinan: the whole Pemda;
operator and kepala: their units' officials); writes: ``P.OBLIGATION_MANAGE`` (admin), others 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sakip.core import permissions
from sakip.core.models import Unit, User
from sakip.core.permissions import P

from .. import selectors_officials as sel
from ..forms_obligations import OfficialFilterForm, OfficialForm, attach_errors
from ..services_officials import official_create, official_set_active, official_update

PAGE_SIZE = 25


@require_http_methods(["GET"])
def official_list(request):
    user = request.user
    permissions.require(user, P.OBLIGATION_VIEW)
    ids = sel.view_unit_ids(user)
    form = OfficialFilterForm(request.GET or None, pemda_id=user.pemda_id, unit_ids=ids)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    active = {"": True, "nonaktif": False, "semua": None}.get(f.get("status") or "", True)
    qs = sel.officials_for(user, q=f.get("q") or "", unit_id=f.get("unit"), level=f.get("jenjang") or "", active=active)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filtered": any(v not in (None, "") for v in f.values()) if f else False,
        "can_manage": permissions.has_perm(user, P.OBLIGATION_MANAGE),
    }
    return render(request, "rewards/obligations/official_list.html", context)


def _save(request, official=None):
    user = request.user
    permissions.require(user, P.OBLIGATION_MANAGE)
    initial = {}
    if official is not None:
        initial = {
            "unit": official.unit_id, "name": official.name, "nip": official.nip,
            "position_level": official.position_level, "position": official.position, "user": official.user_id,
        }  # fmt: skip
    form = OfficialForm(request.POST or None, initial=initial, pemda_id=user.pemda_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = Unit.objects.filter(pemda_id=user.pemda_id, pk=data["unit"]).first()
        linked = User.objects.filter(pemda_id=user.pemda_id, pk=data["user"]).first() if data["user"] else None
        fields = {
            "unit": unit, "name": data["name"], "nip": data["nip"], "position_level": data["position_level"],
            "position": data["position"], "linked_user": linked,
        }  # fmt: skip
        try:
            if official is None:
                official = official_create(user=user, **fields)
                messages.success(request, _("Pegawai %(name)s ditambahkan.") % {"name": official.name})
            else:
                official_update(user=user, official=official, **fields)
                messages.success(request, _("Data pegawai %(name)s disimpan.") % {"name": official.name})
            return redirect("rewards:official_list")
        except ValidationError as exc:
            attach_errors(form, exc)
    return render(request, "rewards/obligations/official_form.html", {"form": form, "official": official})


@require_http_methods(["GET", "POST"])
def official_create_view(request):
    return _save(request)


@require_http_methods(["GET", "POST"])
def official_edit(request, uid):
    permissions.require(request.user, P.OBLIGATION_VIEW)
    official = sel.official_for(request.user, uid)
    return _save(request, official)


@require_POST
def official_toggle(request, uid):
    user = request.user
    permissions.require(user, P.OBLIGATION_VIEW)
    official = sel.official_for(user, uid)
    permissions.require(user, P.OBLIGATION_MANAGE)
    try:
        official_set_active(user=user, official=official, active=not official.is_active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if official.is_active:
            messages.success(request, _("Pegawai %(name)s diaktifkan kembali.") % {"name": official.name})
        else:
            messages.success(request, _("Pegawai %(name)s dinonaktifkan.") % {"name": official.name})
    return redirect("rewards:official_list")
