"""The discipline ladder setting (admin, ``P.DISCIPLINE_MANAGE``): the steps, the lateness and missed
check-in conversions, and "restore the PP 94/2021 defaults" (with a confirmation)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import discipline
from .. import selectors_discipline as sel
from .. import services_discipline as svc
from ..forms_discipline import SettingForm, StepFormSet


def _initial_steps(setting) -> list[dict]:
    # stored labels are the default ladder's Indonesian texts (translated when shown) or the admin's own
    return [{**row, "label": _(str(row["label"])) if row.get("label") else ""} for row in (setting.steps or [])]


@require_http_methods(["GET", "POST"])
def discipline_setting(request):
    user = request.user
    sel.require_manage(user)
    setting = svc.setting_for(user.pemda)
    initial = {
        "minutes_per_day": setting.minutes_per_day,
        "checkins_per_day": setting.checkins_per_day,
        "is_active": setting.is_active,
    }
    form = SettingForm(request.POST or None, initial=initial)
    formset = StepFormSet(request.POST or None, initial=_initial_steps(setting), prefix="step")
    ladder_errors: list[str] = []
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            steps = [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("code")
            ]
            try:
                svc.discipline_setting_save(
                    user=user, pemda=user.pemda, steps=steps, minutes_per_day=form.cleaned_data["minutes_per_day"],
                    checkins_per_day=form.cleaned_data["checkins_per_day"], is_active=form.cleaned_data["is_active"],
                )  # fmt: skip
            except ValidationError as exc:
                ladder_errors = exc.messages
            else:
                messages.success(request, _("Tangga sanksi disiplin disimpan."))
                return redirect("rewards:discipline_setting")
        elif not ladder_errors:
            ladder_errors = [_("Periksa isian yang ditandai.")]
    context = {
        "form": form,
        "formset": formset,
        "ladder_errors": ladder_errors,
        "setting": setting,
        "defaults": discipline.default_ladder(),
    }
    return render(request, "rewards/discipline/setting.html", context, status=400 if ladder_errors else 200)


@require_POST
def discipline_setting_restore(request):
    user = request.user
    sel.require_manage(user)
    svc.discipline_setting_restore(user=user, pemda=user.pemda)
    messages.success(request, _("Tangga sanksi dikembalikan ke ketentuan PP 94/2021."))
    return redirect("rewards:discipline_setting")
