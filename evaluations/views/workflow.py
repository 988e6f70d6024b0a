"""Workflow actions on a report: submit, verify, accept, return with a note, unlock with a reason.

Each is a POST that finds the report visible to the user (else 404), checks the permission (else
403), calls the service and reports the outcome with a message; the service checks everything again
(status, locks, kendala/upaya below the threshold).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ReturnForm, UnlockForm
from ._common import flash_errors, report_for


def _transition(request, uid, allowed, service, success: str, **kwargs):
    report = report_for(request.user, uid)
    if not allowed(request.user, report):
        raise PermissionDenied
    try:
        service(report=report, by=request.user, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success)
    return redirect("evaluations:report_detail", uid=report.uid)


@require_POST
def report_submit(request, uid):
    return _transition(
        request, uid, services.can_edit, services.report_submit, _("Realisasi diajukan kepada kepala unit.")
    )


@require_POST
def report_verify(request, uid):
    return _transition(
        request,
        uid,
        services.can_verify,
        services.report_verify,
        _("Realisasi diverifikasi dan diteruskan kepada Admin SAKIP."),
    )


@require_POST
def report_accept(request, uid):
    return _transition(
        request, uid, services.can_accept, services.report_accept, _("Laporan diterima. Nilai periode ini terkunci.")
    )


def _form_or_flash(request, form) -> bool:
    if form.is_valid():
        return True
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return False


@require_POST
def report_return(request, uid):
    report = report_for(request.user, uid)
    if not services.can_return(request.user, report):
        raise PermissionDenied
    form = ReturnForm(request.POST, prefix="ret")
    if not _form_or_flash(request, form):
        return redirect("evaluations:report_detail", uid=report.uid)
    note = form.cleaned_data["note"]
    return _transition(
        request, uid, services.can_return, services.report_return, _("Laporan dikembalikan dengan catatan."), note=note
    )


@require_POST
def report_unlock(request, uid):
    report = report_for(request.user, uid)
    if not services.can_unlock(request.user, report):
        raise PermissionDenied
    form = UnlockForm(request.POST, prefix="unl")
    if not _form_or_flash(request, form):
        return redirect("evaluations:report_detail", uid=report.uid)
    reason = form.cleaned_data["reason"]
    return _transition(
        request, uid, services.can_unlock, services.report_unlock, _("Kunci dibuka sementara."), reason=reason
    )
