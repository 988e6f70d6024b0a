"""The LKE worksheet as an Excel file, for units and evaluators who fill it offline.

``lke_worksheet_export`` downloads the worksheet of the side the user writes (the unit: its
self-assessment; the team and managers: the evaluator's answers, beside the unit's for reference).
``lke_worksheet_import`` takes the file back: "Periksa" checks every row and saves nothing; "Simpan"
checks again and saves every changed row in one transaction, or nothing (unknown criterion codes,
answers outside the scale, a closed stage: refused with the row, column and message). The rules live
in ``evaluations/lke_template_io_worksheet.py``; these views only pick the side and show the result.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import lke_selectors
from ..lke_template_io import worksheet_export, worksheet_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _side(user, evaluation) -> str:
    """The side this user fills in: the unit's self-assessment, or the evaluator's answers (else 403)."""
    if lke_selectors.may_self_assess(user, evaluation):
        return "self"
    if lke_selectors.may_score(user, evaluation):
        return "evaluator"
    raise PermissionDenied(_("Anda tidak berwenang mengisi lembar kerja ini."))


def lke_worksheet_export(request, uid):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    side = _side(request.user, evaluation)
    content = worksheet_export(evaluation=evaluation, side=side, user=request.user)
    name = f"LKE-{evaluation.round.fiscal_year.year}-{evaluation.unit.short_name or evaluation.unit.code}-{side}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def lke_worksheet_import(request, uid):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    side = _side(request.user, evaluation)
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Pilih berkas Excel lembar kerja yang akan diunggah."))
        else:
            save = request.POST.get("action") == "save"
            result = worksheet_import(
                user=request.user, evaluation=evaluation, side=side, file=upload, dry_run=not save
            )
            if result.ok and save:
                messages.success(
                    request, _("%(n)s jawaban dari berkas Excel disimpan.") % {"n": result.counts["saved"]}
                )
                return redirect("evaluations:lke_worksheet", uid=evaluation.uid)
    context = {"evaluation": evaluation, "round": evaluation.round, "side": side, "result": result}
    return render(
        request, "evaluations/lke/worksheet_import.html", context, status=400 if result and not result.ok else 200
    )
