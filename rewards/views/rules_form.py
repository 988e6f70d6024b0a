"""The structured rule form (create and edit): conditions, scope and outcome as fields, serialised to
the definition JSON and refused with the rule validator's messages (unknown metric, TPP cut above 100%,
a missing parameter...)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rewards import services
from rewards.assessment_defaults import metric_code
from rewards.forms_rankings import RuleForm
from rewards.models import AssessmentType
from rewards.rules_defaults import KIND_NUMBER, OUTCOME_PARAMETERS, RULE_METRIC_LABELS, RULE_METRICS
from sakip.core.models import RankingCategory

from .rankings_common import REFUSED, form_refusal


def _categories(user):
    return list(
        RankingCategory.objects.filter(pemda_id=user.pemda_id).order_by("order", "name").values_list("code", "name")
    )


def _assessment_metrics(user) -> list[tuple[str, str]]:
    """``(penilaian_<code>, label)`` of the Pemda's assessment types, for the metric choices (issue 9)."""
    types = AssessmentType.objects.filter(pemda_id=user.pemda_id).order_by("code").values_list("code", "name")
    return [(metric_code(code), _("Penilaian: %(n)s") % {"n": name}) for code, name in types]


def rule_form_page(request, rule):
    user = request.user
    choices = _categories(user)
    extra = _assessment_metrics(user)
    if request.method == "POST":
        form = RuleForm(request.POST, category_choices=choices, metric_extra=extra)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.rule_save(
                    user=user,
                    pemda=user.pemda,
                    code=data["code"],
                    name=data["name"],
                    definition=form.rule_definition,
                    is_active=data["is_active"],
                    order=data["order"] or 0,
                    rule=rule,
                )
            except REFUSED as error:
                form_refusal(form, error)
            else:
                if rule is None:
                    messages.success(request, _("Aturan “%(name)s” ditambahkan.") % {"name": saved.name})
                else:
                    messages.success(request, _("Aturan “%(name)s” disimpan.") % {"name": saved.name})
                return redirect("rewards:rule_list")
        status = 400
    else:
        initial = RuleForm.initial_from(rule) if rule is not None else {"order": 0, "is_active": True, "target": "unit"}
        form = RuleForm(initial=initial, category_choices=choices, metric_extra=extra)
        status = 200
    context = {
        "form": form,
        "rule": rule,
        "metric_help": [(_(RULE_METRIC_LABELS[m]), m, kind) for m, kind in RULE_METRICS.items()]
        + [(label, code, KIND_NUMBER) for code, label in extra],
        "outcome_help": [(t, req, opt) for t, (req, opt) in OUTCOME_PARAMETERS.items()],
    }
    return render(request, "rewards/rankings/rule_form.html", context, status=status)
