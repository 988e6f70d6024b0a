"""LKE templates (EVAL_MANAGE): list, detail as a tree, defaults, new version, edits of an unfrozen
template (name, criteria wording, weights), delete, and the predicate table per year. The rules
live in ``evaluations/lke_template_services.py``; these views show its refusals."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluations import lke_template_services as services
from evaluations.lke_data import pure_from_rows
from evaluations.lke_models import LkeComponent, LkeCriterion, LkeSubComponent, LkeTemplate, PredicateTable
from evaluations.lke_template import template_problems
from sakip.core import audit, permissions
from sakip.core.permissions import P

from ..lke_admin_forms import CriterionForm, PredicateBandFormSet, TemplateEditForm, WeightsForm, YearForm
from .lke_admin_common import REFUSED, flash_refusal, refusal_messages, template_for


def _trees(templates: list[LkeTemplate]) -> dict[int, list[LkeComponent]]:
    """Components → sub-components → criteria of several templates in three queries."""
    ids = [t.pk for t in templates]
    components = list(LkeComponent.objects.filter(template_id__in=ids).order_by("order", "code"))
    subs = list(LkeSubComponent.objects.filter(component__template_id__in=ids).order_by("order", "code"))
    criteria = LkeCriterion.objects.filter(subcomponent__component__template_id__in=ids).order_by("order", "code")
    by_sub: dict[int, list] = {}
    for c in criteria:
        by_sub.setdefault(c.subcomponent_id, []).append(c)
    by_component: dict[int, list] = {}
    for s in subs:
        s.criteria_list = by_sub.get(s.pk, [])
        by_component.setdefault(s.component_id, []).append(s)
    trees: dict[int, list] = {t.pk: [] for t in templates}
    for c in components:
        c.subs = by_component.get(c.pk, [])
        trees[c.template_id].append(c)
    return trees


def _problems(template: LkeTemplate, tree: list[LkeComponent]) -> list[str]:
    subs = [s for c in tree for s in c.subs]
    return template_problems(pure_from_rows(template, tree, subs, [x for s in subs for x in s.criteria_list]))


@require_GET
def lke_template_list(request):
    user = request.user
    permissions.require(user, P.EVAL_MANAGE)
    templates = list(
        LkeTemplate.objects.filter(pemda_id=user.pemda_id)
        .annotate(n_rounds=Count("rounds", distinct=True))
        .order_by("family", "-version")
    )
    trees = _trees(templates)
    for t in templates:
        t.problems = _problems(t, trees[t.pk])
        t.n_criteria = sum(len(s.criteria_list) for c in trees[t.pk] for s in c.subs)
    return render(request, "evaluations/lke_admin/template_list.html", {"templates": templates})


@require_GET
def lke_template_detail(request, uid):
    template = template_for(request.user, uid)
    tree = _trees([template])[template.pk]
    n_criteria = sum(len(s.criteria_list) for c in tree for s in c.subs)
    context = {
        "template": template,
        "tree": tree,
        "n_criteria": n_criteria,
        "problems": _problems(template, tree),
        "rounds": template.rounds.select_related("fiscal_year").order_by("-fiscal_year__year"),
        "newer": LkeTemplate.objects.filter(pemda=template.pemda, family=template.family, version__gt=template.version)
        .order_by("-version")
        .first(),
        "history": audit.history_for(request.user, template),
    }
    return render(request, "evaluations/lke_admin/template_detail.html", context)


@require_POST
def lke_template_install(request):
    user = request.user
    permissions.require(user, P.EVAL_MANAGE)
    try:
        installed = services.template_install_defaults(pemda=user.pemda, user=user)
    except REFUSED as exc:
        flash_refusal(request, exc)
    else:
        if not installed:
            messages.info(request, _("Templat bawaan sudah terpasang; tidak ada yang ditambahkan."))
        else:
            names = ", ".join(str(t) for t in installed)
            messages.success(request, _("Templat bawaan dipasang: %(names)s.") % {"names": names})
    return redirect("evaluations:lke_template_list")


@require_POST
def lke_template_new_version(request, uid):
    template = template_for(request.user, uid)
    try:
        new = services.template_new_version(user=request.user, template=template)
    except REFUSED as exc:
        flash_refusal(request, exc)
        return redirect("evaluations:lke_template_detail", uid=template.uid)
    messages.success(
        request,
        _("Versi %(v)s dibuat dari versi %(old)s; ubah versi baru ini.") % {"v": new.version, "old": template.version},
    )
    return redirect("evaluations:lke_template_detail", uid=new.uid)


@require_http_methods(["GET", "POST"])
def lke_template_edit(request, uid):
    template = template_for(request.user, uid)
    form = TemplateEditForm(request.POST or None, initial=_initial(template))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.template_update(user=request.user, template=template, **form.cleaned_data)
        except REFUSED as exc:
            errors = refusal_messages(exc)
        else:
            messages.success(request, _("Templat disimpan."))
            return redirect("evaluations:lke_template_detail", uid=template.uid)
    context = {"template": template, "form": form, "errors": errors, "page_title": _("Ubah templat")}
    return render(request, "evaluations/lke_admin/template_form.html", context)


def _initial(template: LkeTemplate) -> dict:
    return {
        "name": template.name,
        "regulation": template.regulation,
        "notes": template.notes,
        "is_active": template.is_active,
    }


@require_http_methods(["GET", "POST"])
def lke_criterion_edit(request, uid, criterion_id: int):
    template = template_for(request.user, uid)
    criterion = get_object_or_404(
        LkeCriterion.objects.select_related("subcomponent__component"),
        pk=criterion_id,
        subcomponent__component__template=template,
    )
    form = CriterionForm(request.POST or None, initial={"text": criterion.text, "guidance": criterion.guidance})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(user=request.user, criterion=criterion, **form.cleaned_data)
        except REFUSED as exc:
            errors = refusal_messages(exc)
        else:
            messages.success(request, _("Kriteria %(code)s disimpan.") % {"code": criterion.code})
            return redirect(f"{template_url(template)}#k-{criterion.pk}")
    context = {
        "template": template,
        "criterion": criterion,
        "form": form,
        "errors": errors,
        "page_title": _("Ubah kriteria %(code)s") % {"code": criterion.code},
    }
    return render(request, "evaluations/lke_admin/template_form.html", context)


def template_url(template: LkeTemplate) -> str:
    return reverse("evaluations:lke_template_detail", kwargs={"uid": template.uid})


@require_http_methods(["GET", "POST"])
def lke_template_weights(request, uid):
    template = template_for(request.user, uid)
    tree = _trees([template])[template.pk]
    parts = [p for c in tree for p in (c, *c.subs)]
    form = WeightsForm(request.POST or None, parts=parts)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.weights_update(user=request.user, template=template, weights=form.weights())
        except REFUSED as exc:
            errors = refusal_messages(exc)
        else:
            messages.success(request, _("Bobot templat disimpan."))
            return redirect("evaluations:lke_template_detail", uid=template.uid)
    rows = [(part, form[name], isinstance(part, LkeComponent)) for part, name in zip(parts, form.codes, strict=True)]
    total = sum((c.weight for c in tree), Decimal(0))
    context = {"template": template, "form": form, "rows": rows, "errors": errors, "total": total}
    return render(request, "evaluations/lke_admin/template_weights.html", context)


@require_POST
def lke_template_delete(request, uid):
    template = template_for(request.user, uid)
    label = str(template)
    try:
        services.template_delete(user=request.user, template=template)
    except REFUSED as exc:
        flash_refusal(request, exc)
        return redirect("evaluations:lke_template_detail", uid=template.uid)
    messages.success(request, _("Templat %(t)s dihapus.") % {"t": label})
    return redirect("evaluations:lke_template_list")


# --- predicate table ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def predicate_table(request):
    user = request.user
    permissions.require(user, P.EVAL_MANAGE)
    year_form = YearForm(request.GET or None)
    year = (year_form.is_valid() and year_form.cleaned_data.get("tahun")) or timezone.localdate().year
    stored = PredicateTable.objects.filter(pemda_id=user.pemda_id, year=year).first()
    rows = services.predicate_rows_for(user.pemda, year)
    initial = [{"letter": r[0], "lower": r[1], "upper": r[2], "label": r[3]} for r in rows]
    formset = PredicateBandFormSet(request.POST or None, initial=initial, prefix="band")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        bands = [
            [f.cleaned_data["letter"], f.cleaned_data["lower"], f.cleaned_data["upper"], f.cleaned_data["label"]]
            for f in formset
            if f.cleaned_data
        ]
        try:
            services.predicate_table_save(user=user, pemda=user.pemda, year=year, rows=bands)
        except REFUSED as exc:
            errors = refusal_messages(exc)
        else:
            messages.success(request, _("Tabel predikat tahun %(y)s disimpan.") % {"y": year})
            return redirect(f"{request.path}?tahun={year}")
    years = sorted(
        set(PredicateTable.objects.filter(pemda_id=user.pemda_id).values_list("year", flat=True)) | {year}, reverse=True
    )
    context = {
        "formset": formset,
        "year": year,
        "stored": stored,
        "errors": errors,
        "years": years,
        "history": audit.history_for(user, stored) if stored else None,
    }
    return render(request, "evaluations/lke_admin/predicate_table.html", context)
