"""Obligation pages: the user's to-do (``obligation_home``), the list of obligations, one obligation,
its form (admin), deactivation and the default obligations.

Access: the pages open for ``P.OBLIGATION_VIEW`` holders and for officials with a portal account
(they see their own to-do); defining needs ``P.OBLIGATION_MANAGE`` (admin), others get 403.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P

from .. import selectors_officials as sel
from ..forms_obligations import ObligationForm, attach_errors
from ..models import Obligation, PositionLevel
from ..selectors_obligations import Tally, compliance, pemda_today, todo_rows
from ..services_obligations import obligation_save, obligation_set_active, obligations_install_defaults
from ..services_rankings import deny

TODO_LIMIT = 60


require_use = sel.require_use


def level_labels(obligation: Obligation) -> list[str]:
    short = {PositionLevel.JPT: "JPT"}
    return [
        str(short.get(v) or PositionLevel(v).label) for v in obligation.position_levels if v in PositionLevel.values
    ]


@require_GET
def obligation_home(request):
    user = request.user
    require_use(user)
    today = pemda_today(user.pemda)
    rows = todo_rows(user, today=today)
    open_rows = [r for r in rows if r.state != "diterima"]
    queue = sel.review_queue(user)
    context = {
        "rows": open_rows[:TODO_LIMIT],
        "more": max(0, len(open_rows) - TODO_LIMIT),
        "done": len(rows) - len(open_rows),
        "waiting_review": queue.count(),
        "can_manage": permissions.has_perm(user, P.OBLIGATION_MANAGE),
        "can_view": permissions.has_perm(user, P.OBLIGATION_VIEW),
        "own_officials": list(sel.own_officials(user)),
        "today": today,
    }
    if context["can_manage"] or sel.view_unit_ids(user) is None and context["can_view"]:
        data = compliance(user.pemda, today.year, today=today)
        context["overview"] = data.total if data.units else Tally()
        context["obligation_count"] = Obligation.objects.filter(pemda_id=user.pemda_id, is_active=True).count()
        context["year"] = today.year
    return render(request, "rewards/obligations/home.html", context)


@require_GET
def obligation_list(request):
    user = request.user
    require_use(user)
    obligations = list(sel.obligations_for(user))
    for obligation in obligations:
        obligation.level_labels = level_labels(obligation)
    return render(
        request,
        "rewards/obligations/obligation_list.html",
        {"obligations": obligations, "can_manage": permissions.has_perm(user, P.OBLIGATION_MANAGE)},
    )


@require_GET
def obligation_detail(request, uid):
    user = request.user
    obligation = sel.obligation_for(user, uid)
    obligation.level_labels = level_labels(obligation)
    today = pemda_today(user.pemda)
    data = compliance(user.pemda, today.year, today=today, obligation_code=obligation.code)
    recent = sel.submissions_for(user).filter(obligation=obligation).order_by("-submitted_at")[:10]
    context = {
        "obligation": obligation,
        "tally": data.obligations.get(obligation.pk) or Tally(),
        "year": today.year,
        "recent": recent,
        "can_manage": permissions.has_perm(user, P.OBLIGATION_MANAGE),
    }
    return render(request, "rewards/obligations/obligation_detail.html", context)


def _initial(obligation: Obligation | None) -> dict:
    if obligation is None:
        today = dt.date.today()
        return {
            "start_date": dt.date(today.year, 1, 1),
            "due_offset_days": 0,
            "frequency": Obligation.Frequency.MONTHLY,
        }
    fields = ("code", "name", "description", "subject", "position_levels", "frequency", "due_offset_days")
    data = {f: getattr(obligation, f) for f in fields}
    data.update(
        start_date=obligation.start_date, end_date=obligation.end_date, units=[u.pk for u in obligation.units.all()]
    )
    return data


def _form(request, obligation: Obligation | None = None):
    user = request.user
    permissions.require(user, P.OBLIGATION_MANAGE)
    form = ObligationForm(request.POST or None, initial=_initial(obligation), pemda_id=user.pemda_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = list(Unit.objects.filter(pemda_id=user.pemda_id, pk__in=data.pop("units") or []))
        try:
            saved = obligation_save(user=user, pemda=user.pemda, obligation=obligation, units=units, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Kewajiban “%(name)s” disimpan.") % {"name": saved.name})
            return redirect("rewards:obligation_detail", uid=saved.uid)
    return render(request, "rewards/obligations/obligation_form.html", {"form": form, "obligation": obligation})


@require_http_methods(["GET", "POST"])
def obligation_create(request):
    return _form(request)


@require_http_methods(["GET", "POST"])
def obligation_edit(request, uid):
    obligation = sel.obligation_for(request.user, uid)
    return _form(request, obligation)


@require_POST
def obligation_toggle(request, uid):
    user = request.user
    obligation = sel.obligation_for(user, uid)
    permissions.require(user, P.OBLIGATION_MANAGE)
    obligation_set_active(user=user, obligation=obligation, active=not obligation.is_active)
    if obligation.is_active:
        messages.success(request, _("Kewajiban “%(name)s” diaktifkan kembali.") % {"name": obligation.name})
    else:
        messages.success(request, _("Kewajiban “%(name)s” dinonaktifkan.") % {"name": obligation.name})
    return redirect("rewards:obligation_detail", uid=obligation.uid)


@require_POST
def obligation_defaults(request):
    user = request.user
    if not permissions.has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()
    today = pemda_today(user.pemda)
    created = obligations_install_defaults(user=user, pemda=user.pemda, start_date=dt.date(today.year, 1, 1))
    if created:
        messages.success(
            request, _("Kewajiban bawaan ditambahkan: %(names)s.") % {"names": ", ".join(o.name for o in created)}
        )
    else:
        messages.info(request, _("Semua kewajiban bawaan sudah ada."))
    return redirect("rewards:obligation_list")
