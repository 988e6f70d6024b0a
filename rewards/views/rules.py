"""Settings of the rewards area (``P.RULE_MANAGE``, the Admin SAKIP): the composite-index weights per
year and the reward/punishment rules (list, install the defaults, create, edit, switch on/off,
delete). Refused input shows the Indonesian messages of the validators; nothing is saved halfway.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from rewards import selectors, services
from rewards.assessment_defaults import metric_code
from rewards.forms_rankings import WeightsForm
from rewards.metrics import metric_specs
from rewards.models import AssessmentType, RewardRule
from rewards.rules import rule_from_dict, rule_problems
from rewards.rules_defaults import (
    DEFAULT_WEIGHTS,
    METRIC_AKIP,
    METRIC_CAPAIAN,
    METRIC_OBLIGATIONS,
    METRIC_TIMELINESS,
    OBLIGATION_RULES,
)
from rewards.services_assessments import ensure_default_types
from sakip.core import permissions
from sakip.core.permissions import P

from .rankings_common import (
    REFUSED,
    chosen_year,
    flash_refusal,
    form_refusal,
    proposals_url,
    require_manage,
    years_of,
)
from .rules_form import rule_form_page


@require_http_methods(["GET", "POST"])
def weights_edit(request):
    user = request.user
    require_manage(user)
    years = years_of(user)
    fiscal_year = chosen_year(years, request.POST.get("tahun") or request.GET.get("tahun"))
    ensure_default_types(user.pemda)
    specs = metric_specs(user.pemda)
    current = selectors.weights_for(user.pemda, fiscal_year.year, specs) if fiscal_year else dict(DEFAULT_WEIGHTS)
    # the further metrics offered: active assessment types, obligation compliance, and any weighted one
    active = set(AssessmentType.objects.filter(pemda=user.pemda, is_active=True).values_list("code", flat=True))
    shown = [
        s
        for s in specs
        if s.code == METRIC_OBLIGATIONS or current.get(s.code) or s.code in {metric_code(c) for c in active}
    ]
    if request.method == "POST" and fiscal_year is not None:
        form = WeightsForm(request.POST, specs=shown)
        if form.is_valid():
            try:
                services.weights_save(user=user, pemda=user.pemda, year=fiscal_year.year, weights=form.weights)
            except REFUSED as error:
                form_refusal(form, error)
            else:
                messages.success(request, _("Bobot indeks komposit %(year)s disimpan.") % {"year": fiscal_year.year})
                return redirect(f"{reverse('rewards:weights_edit')}?tahun={fiscal_year.year}")
        status = 400
    else:
        initial = {
            "akip": current.get(METRIC_AKIP),
            "capaian": current.get(METRIC_CAPAIAN),
            "ketepatan_waktu": current.get(METRIC_TIMELINESS),
        }
        initial.update({s.code: current[s.code] for s in shown if current.get(s.code)})
        form = WeightsForm(initial=initial, specs=shown)
        status = 200
    context = {"form": form, "years": years, "fiscal_year": fiscal_year, "defaults": DEFAULT_WEIGHTS}
    return render(request, "rewards/rankings/weights.html", context, status=status)


def rule_for(user, uid) -> RewardRule:
    rule = permissions.get_object_or_404_for(RewardRule.objects.all(), user, uid=uid)
    require_manage(user)
    return rule


@require_http_methods(["GET"])
def rule_list(request):
    user = request.user
    require_manage(user)
    rules = list(selectors.rules_for(user))
    for rule in rules:
        try:
            rule.problems = rule_problems(rule_from_dict({**(rule.definition or {}), "code": rule.code}))
        except REFUSED as error:
            rule.problems = list(getattr(error, "messages", [str(error)]))
        rule.summary = _summary(rule)
    active = [r for r in rules if r.is_active]
    inactive = [r for r in rules if not r.is_active]
    context = {
        "active": active,
        "inactive": inactive,
        "rules": rules,
        "obligation_rules": OBLIGATION_RULES,
        "years": years_of(user),
    }
    return render(request, "rewards/rankings/rule_list.html", context)


@require_POST
def obligation_rules_run(request):
    """Evaluate the per-official obligation rules for a year (pimpinan or admin); proposals go to the list."""
    from rewards.services_obligation_rules import obligation_rules_evaluate

    user = request.user
    if not any(permissions.has_perm(user, perm) for perm in (P.DECISION_ISSUE, P.RULE_MANAGE)):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    fiscal_year = chosen_year(years_of(user), request.POST.get("tahun"))
    if fiscal_year is None or str(fiscal_year.year) != str(request.POST.get("tahun", "")).strip():
        messages.error(request, _("Tahun tidak dikenal."))
        return redirect("rewards:rule_list")
    created = obligation_rules_evaluate(user=user, pemda=user.pemda, year=fiscal_year.year)
    messages.success(
        request,
        ngettext(
            "%(n)s usulan baru dari aturan kewajiban pegawai tahun %(y)s.",
            "%(n)s usulan baru dari aturan kewajiban pegawai tahun %(y)s.",
            len(created),
        )
        % {"n": len(created), "y": fiscal_year.year},
    )
    target = proposals_url(status="pending")
    return redirect(target or "rewards:rule_list")


def _comparators() -> dict[str, str]:
    return {
        "<": "<",
        "<=": "≤",
        ">": ">",
        ">=": "≥",
        "==": "=",
        "between": _("antara"),
        "in": _("salah satu dari"),
        "is": "=",
    }


def _parameters(params: dict) -> list[str]:
    shown = []
    if params.get("persen") is not None:
        shown.append(_("potong %(p)s%%") % {"p": params["persen"]})
    if params.get("bulan") is not None:
        months = int(Decimal(str(params["bulan"])))
        shown.append(ngettext("%(n)s bulan", "%(n)s bulan", months) % {"n": months})
    if params.get("nilai") is not None:
        shown.append(_("Rp %(v)s") % {"v": params["nilai"]})
    return shown


def _summary(rule) -> dict:
    """Readable conditions, scope and outcome of a stored rule (for the list)."""
    from rewards.models import DecisionType, Target
    from rewards.rules import rule_metric_label

    definition = rule.definition or {}
    comparators = _comparators()
    conditions = []
    for cond in definition.get("conditions") or []:
        threshold = cond.get("threshold")
        if isinstance(threshold, list):
            threshold = (", " if cond.get("comparator") == "in" else "–").join(str(t) for t in threshold)
        elif isinstance(threshold, bool):
            threshold = _("ya") if threshold else _("tidak")
        comparator = comparators.get(cond.get("comparator"), cond.get("comparator"))
        text = f"{rule_metric_label(cond.get('metric', ''))} {comparator} {threshold}"
        window = cond.get("window") or {}
        if window.get("kind") == "bulan_berturut":
            text += _(", %(n)s bulan berturut-turut") % {"n": window.get("months")}
        elif window:
            text += _(", minimal %(n)s bulan dalam setahun") % {"n": window.get("months")}
        conditions.append(text)
    outcome = definition.get("outcome") or {}
    scope = definition.get("scope") or {}
    return {
        "conditions": conditions,
        "outcome": dict(DecisionType.choices).get(outcome.get("type"), outcome.get("type", "")),
        "target": dict(Target.choices).get(outcome.get("target") or "unit", ""),
        "parameters": _parameters(outcome.get("parameters") or {}),
        "categories": scope.get("categories") or [],
        "ranks": scope.get("ranks"),
    }


@require_http_methods(["GET", "POST"])
def rule_create(request):
    require_manage(request.user)
    return rule_form_page(request, None)


@require_http_methods(["GET", "POST"])
def rule_edit(request, uid):
    return rule_form_page(request, rule_for(request.user, uid))


@require_POST
def rule_install_defaults(request):
    user = request.user
    require_manage(user)
    try:
        installed = services.rules_install_defaults(pemda=user.pemda, user=user)
    except REFUSED as error:
        flash_refusal(request, error)
    else:
        count = len(installed) if hasattr(installed, "__len__") else installed
        if count:
            messages.success(request, _("Aturan bawaan dipasang: %(n)s aturan.") % {"n": count})
        else:
            messages.info(request, _("Semua aturan bawaan sudah terpasang."))
    return redirect("rewards:rule_list")


@require_POST
def rule_toggle(request, uid):
    user = request.user
    rule = rule_for(user, uid)
    try:
        rule = services.rule_toggle(user=user, rule=rule) or rule
        rule.refresh_from_db()
    except REFUSED as error:
        flash_refusal(request, error)
    else:
        if rule.is_active:
            messages.success(request, _("Aturan “%(name)s” diaktifkan.") % {"name": rule.name})
        else:
            messages.success(request, _("Aturan “%(name)s” dinonaktifkan.") % {"name": rule.name})
    return redirect("rewards:rule_list")


@require_POST
def rule_delete(request, uid):
    user = request.user
    rule = rule_for(user, uid)
    name = rule.name
    try:
        services.rule_delete(user=user, rule=rule)
    except REFUSED as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Aturan “%(name)s” dihapus.") % {"name": name})
    return redirect("rewards:rule_list")
