"""Pages of the external assessments (issue #9): the list with filters, entry and edit, deletion and the
evidence download. Reading needs ``P.ASSESSMENT_VIEW`` (unit users see their own units, read-only);
writing needs ``P.ASSESSMENT_MANAGE`` (the Admin SAKIP). Another Pemda's object is 404. Refused input
shows the service's Indonesian messages on the form; nothing is saved halfway."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rewards import selectors_assessments as sel
from rewards import services_assessments as svc
from rewards.forms_assessments import AssessmentFilterForm, AssessmentForm
from rewards.models import Assessment
from sakip.core.models import FiscalYear
from sakip.core.permissions import P, has_perm, require

PAGE_SIZE = 25


def form_refusal(form, error: ValidationError) -> None:
    if getattr(error, "error_dict", None):
        for key, found in error.message_dict.items():
            target = {"type": "type", "evidence": "evidence"}.get(key, key)
            form.add_error(target if target in form.fields else None, list(found))
    else:
        for message in error.messages:
            form.add_error(None, message)


def _band_choices(types) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for t in types:
        for band in t.bands or ():
            seen.setdefault(band["code"], band["label"])
    return list(seen.items())


@require_GET
def assessment_list(request):
    user = request.user
    sel.require_view(user)
    types = list(sel.types_for(user))
    units = list(sel.visible_units(user).filter(is_active=True))
    years = list(Assessment.objects.filter(pemda_id=user.pemda_id).order_by("-year").values_list("year", flat=True))
    years = sorted(set(years), reverse=True)
    form = AssessmentFilterForm(
        request.GET or None, years=years, types=types, units=units if len(units) > 1 else (), bands=_band_choices(types)
    )
    form.is_valid()
    f = getattr(form, "cleaned_data", {}) or {}
    chosen_type = next((t for t in types if str(t.uid) == f.get("jenis")), None)
    chosen_unit = next((u for u in units if str(u.uid) == f.get("unit")), None)
    qs = sel.assessments_for(
        user, year=f.get("tahun"), type=chosen_type, unit=chosen_unit, band=f.get("kategori") or None
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.band_label = sel.band_text(row)
    context = {
        "form": form,
        "page": page,
        "types": types,
        "filtered": any(v not in (None, "") for v in f.values()),
        "can_manage": sel.can_manage(user),
    }
    return render(request, "rewards/assessments/list.html", context)


def _form_page(request, instance: Assessment | None):
    user = request.user
    require(user, P.ASSESSMENT_MANAGE)
    types = list(sel.types_for(user))
    active = [t for t in types if t.is_active or (instance is not None and t.pk == instance.type_id)]
    units = list(sel.visible_units(user).filter(is_active=True))
    if instance is not None and all(u.pk != instance.unit_id for u in units):
        units.append(instance.unit)
    if request.method == "POST":
        form = AssessmentForm(request.POST, request.FILES, units=units, types=active)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = svc.assessment_save(
                    user=user,
                    unit=data["unit_obj"],
                    assessment_type=data["type_obj"],
                    year=data["year"],
                    value=data["value"],
                    band=data.get("band") or "",
                    assessed_on=data.get("assessed_on"),
                    evidence=data.get("evidence"),
                    evidence_url=data.get("evidence_url") or "",
                    note=data.get("note") or "",
                    instance=instance,
                )
            except ValidationError as error:
                form_refusal(form, error)
            else:
                values = {"t": saved.type.name, "u": saved.unit.name, "y": saved.year}
                messages.success(request, _("Penilaian %(t)s %(u)s tahun %(y)s disimpan.") % values)
                return redirect("rewards:assessment_list")
        status = 400
    else:
        initial = {}
        if instance is not None:
            initial = {
                "unit": str(instance.unit.uid),
                "type": str(instance.type.uid),
                "year": instance.year,
                "value": str(instance.value).replace(".", ","),
                "band": instance.band,
                "assessed_on": instance.assessed_on,
                "evidence_url": instance.evidence_url,
                "note": instance.note,
            }
        else:
            current = FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).values_list("year", flat=True)
            initial = {
                "type": request.GET.get("jenis", ""),
                "unit": request.GET.get("unit", ""),
                "year": current.first(),
            }
        form = AssessmentForm(initial=initial, units=units, types=active)
        status = 200
    context = {"form": form, "assessment": instance, "types": active}
    return render(request, "rewards/assessments/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def assessment_create(request):
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
def assessment_edit(request, uid):
    instance = sel.assessment_for(request.user, uid)
    return _form_page(request, instance)


@require_POST
def assessment_delete(request, uid):
    user = request.user
    instance = sel.assessment_for(user, uid)
    require(user, P.ASSESSMENT_MANAGE)
    label = f"{instance.type.name} {instance.unit.name} {instance.year}"
    svc.assessment_delete(user=user, assessment=instance)
    messages.success(request, _("Penilaian %(l)s dihapus.") % {"l": label})
    return redirect("rewards:assessment_list")


@require_GET
def assessment_evidence(request, uid):
    instance = sel.assessment_for(request.user, uid)
    if not instance.evidence:
        raise Http404
    name = instance.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(instance.evidence.open("rb"), as_attachment=True, filename=name)


def can_manage(user) -> bool:
    return has_perm(user, P.ASSESSMENT_MANAGE)
