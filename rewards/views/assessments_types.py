"""Pages of the assessment types (issue #9): the list (everyone with ``P.ASSESSMENT_VIEW`` reads it, so
the scales and bands are known), create, edit and delete (``P.ASSESSMENT_MANAGE``). The defaults
(Ombudsman, SPIP, IKM) are installed on first use."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rewards import selectors_assessments as sel
from rewards import services_assessments as svc
from rewards.assessment_defaults import metric_code
from rewards.forms_assessments import AssessmentTypeForm
from rewards.models import AssessmentType
from sakip.core.permissions import P, require

from .assessments import form_refusal

BAND_FIELD = re.compile(r"^b\d+_")


@require_GET
def assessment_type_list(request):
    user = request.user
    types = list(sel.types_for(user).annotate(result_count=Count("results")))
    for t in types:
        t.metric = metric_code(t.code)
    context = {"types": types, "can_manage": sel.can_manage(user)}
    return render(request, "rewards/assessments/type_list.html", context)


def _form_page(request, instance: AssessmentType | None):
    user = request.user
    require(user, P.ASSESSMENT_MANAGE)
    if request.method == "POST":
        form = AssessmentTypeForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if not BAND_FIELD.match(k)}
            data["bands"] = form.bands()
            try:
                saved = svc.type_save(user=user, pemda=user.pemda, data=data, instance=instance)
            except ValidationError as error:
                form_refusal(form, error)
            else:
                messages.success(request, _("Jenis penilaian “%(n)s” disimpan.") % {"n": saved.name})
                return redirect("rewards:assessment_type_list")
        status = 400
    else:
        initial = (
            AssessmentTypeForm.initial_from(instance) if instance is not None else {"min_value": 0, "max_value": 100}
        )
        form = AssessmentTypeForm(initial=initial)
        status = 200
    return render(request, "rewards/assessments/type_form.html", {"form": form, "item": instance}, status=status)


@require_http_methods(["GET", "POST"])
def assessment_type_create(request):
    sel.require_view(request.user)
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
def assessment_type_edit(request, uid):
    instance = sel.type_for(request.user, uid)
    return _form_page(request, instance)


@require_POST
def assessment_type_delete(request, uid):
    user = request.user
    instance = sel.type_for(user, uid)
    require(user, P.ASSESSMENT_MANAGE)
    try:
        svc.type_delete(user=user, assessment_type=instance)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Jenis penilaian “%(n)s” dihapus.") % {"n": instance.name})
    return redirect("rewards:assessment_type_list")
