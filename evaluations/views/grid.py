"""The entry grid of one report (unit × period) and its htmx fragments: the capaian preview while
typing, the autosave of a row and the change history of a row.

Every endpoint finds the report visible to the user (else 404) and, for writes, requires
``P.REAL_EDIT`` on the report's unit (else 403). Locks and every other rule are the services'
(``evaluations.services``): a refusal comes back as the row's status with the message in Bahasa
Indonesia (status 200 so that htmx swaps it in); without htmx the page is shown again with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements.models import Indicator
from sakip.core import permissions
from sakip.core.permissions import P

from .. import capaian, services
from ..forms import PreviewForm, ReturnForm, UnlockForm, ValueForm, first_errors
from ..models import RealisationChange
from ._common import actions_for, report_for


def load_for_edit(request, uid):
    report = report_for(request.user, uid)
    permissions.require(request.user, P.REAL_EDIT, unit_id=report.unit_id)
    return report


def indicator_in_force(report, lineage) -> Indicator:
    """The indicator version in force for the report's period with this lineage (else 404)."""
    agreement = capaian.agreement_for_period(report.unit, report.period.fiscal_year, report.period.end_date)
    found = agreement and Indicator.objects.filter(sasaran__agreement=agreement, lineage=lineage).first()
    if not found:
        raise Http404
    return found


def _sasaran_groups(rows):
    groups: list[tuple[str, list]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.sasaran_name:
            groups.append((row.sasaran_name, []))
        groups[-1][1].append(row)
    return groups


@require_GET
def report_grid(request, uid):
    user = request.user
    report = report_for(user, uid)
    lock = services.lock_state(report)
    rows = capaian.grid_rows(report)
    actions = actions_for(user, report)
    context = {
        "report": report,
        "lock": lock,
        "actions": actions,
        "editor": services.can_edit(user, report),
        "groups": _sasaran_groups(rows),
        "rows": rows,
        "missing_explanations": sum(1 for r in rows if r.missing_explanation),
        "reported": sum(1 for r in rows if r.value is not None),
        "needs_reason": report.status not in ("draft", "returned"),
        "return_form": ReturnForm(prefix="ret"),
        "unlock_form": UnlockForm(prefix="unl"),
        "fiscal_year": report.period.fiscal_year,
    }
    return render(request, "evaluations/report_grid.html", context)


@require_POST
def value_preview(request, uid, lineage):
    """The capaian cell for the value being typed (nothing is saved)."""
    report = load_for_edit(request, uid)
    indicator = indicator_in_force(report, lineage)
    form = PreviewForm(request.POST)
    context = {"lineage": indicator.lineage, "preview": True, "with_need": True}
    if form.is_valid():
        context["ach"] = capaian.preview_capaian(indicator, report, form.cleaned_data["value"])
    else:
        context["error"] = first_errors(form).get("value")
    return render(request, "evaluations/_capaian_cell.html", context)


def _saved_time(report) -> str:
    return timezone.localtime(timezone.now(), report.pemda.tz).strftime("%H.%M")


@require_POST
def value_save(request, uid, lineage):
    """Autosave of one row (value, kendala, upaya, reason): the row status, plus the capaian cell."""
    report = load_for_edit(request, uid)
    indicator = indicator_in_force(report, lineage)
    form = ValueForm(request.POST)
    context = {"lineage": indicator.lineage, "report": report}
    if form.is_valid():
        try:
            services.realisation_save(report=report, indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            context["errors"] = _keyed(exc)
        else:
            context["saved_at"] = _saved_time(report)
            context["ach"] = capaian.preview_capaian(indicator, report, form.cleaned_data["value"])
    else:
        context["errors"] = first_errors(form)
    if not request.htmx:
        for message in context.get("errors", {}).values():
            messages.error(request, message)
        if "saved_at" in context:
            messages.success(request, _("Tersimpan %(time)s.") % {"time": context["saved_at"]})
        return redirect("evaluations:report_detail", uid=report.uid)
    return render(request, "evaluations/_row_status.html", context)


def _keyed(exc: ValidationError) -> dict[str, str]:
    """A service error as {field: message}; messages without a field go under ``__all__``."""
    if hasattr(exc, "error_dict"):
        out = {}
        for key, errors in exc.error_dict.items():
            name = key if key in ValueForm.base_fields else "__all__"
            out.setdefault(name, " ".join(m for e in errors for m in e.messages))
        return out
    return {"__all__": " ".join(str(m) for m in exc.messages)}


@require_GET
def row_history(request, uid, lineage):
    """The changes of one indicator's value in this report (who, when, old → new, reason)."""
    report = report_for(request.user, uid)
    changes = (
        RealisationChange.objects.filter(realisation__report=report, realisation__indicator_lineage=lineage)
        .select_related("by")
        .order_by("-created_at", "-id")
    )
    return render(request, "evaluations/_history_list.html", {"changes": changes, "report": report})
