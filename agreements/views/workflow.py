"""Workflow actions on a PK: start, submit, approve, return, record the signing, start a PK Perubahan.

Each is a POST that finds the PK visible to the user (else 404), checks the permission (else 403),
calls the service and reports the outcome with a message; the service checks everything again.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P

from .. import selectors, services
from ..forms import CreateForm, ReturnForm, ReviseForm, SignForm
from ._common import flash_errors, form_errors_from


def _detail(agreement):
    return redirect("agreements:pk_detail", uid=agreement.uid)


@require_POST
def pk_create(request):
    user = request.user
    permissions.require(user, P.PK_VIEW)
    form = CreateForm(request.POST)
    if not form.is_valid():
        return redirect("agreements:pk_list")
    fiscal_year = selectors.year_for(user, form.cleaned_data["year"])
    if fiscal_year is None:
        return redirect("agreements:pk_list")
    unit_uid = form.cleaned_data["unit"]
    unit = None
    if unit_uid != "pemda":
        try:
            unit = get_object_or_404(Unit, pemda_id=user.pemda_id, uid=unit_uid)
        except ValidationError:  # malformed uid
            return redirect("agreements:pk_list")
    try:
        agreement = services.agreement_create(fiscal_year=fiscal_year, unit=unit, by=user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(f"{reverse('agreements:pk_list')}?tahun={fiscal_year.year}")
    messages.success(request, _("Draf PK dibuat. Tambahkan sasaran, indikator dan program."))
    return redirect("agreements:pk_edit", uid=agreement.uid)


def _transition(request, uid, allowed, service, success: str, **kwargs):
    """Shared body of the simple transitions: 404/403 checks, service call, message, redirect."""
    agreement = selectors.agreement_by_uid(request.user, uid)
    if not allowed(request.user, agreement):
        raise PermissionDenied
    try:
        service(agreement=agreement, by=request.user, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success)
    return _detail(agreement)


@require_POST
def pk_submit(request, uid):
    return _transition(request, uid, services.can_edit, services.agreement_submit, _("PK diajukan kepada kepala unit."))


@require_POST
def pk_approve(request, uid):
    return _transition(
        request,
        uid,
        services.can_approve,
        services.agreement_approve,
        _("PK disetujui. Penandatanganan dapat dicatat oleh Admin SAKIP atau pimpinan."),
    )


@require_POST
def pk_return(request, uid):
    form = ReturnForm(request.POST, prefix="ret")
    note = form.data.get("ret-note", "")
    return _transition(
        request, uid, services.can_return, services.agreement_return, _("PK dikembalikan dengan catatan."), note=note
    )


@require_POST
def pk_sign(request, uid):
    agreement = selectors.agreement_by_uid(request.user, uid)
    if not services.can_sign(request.user, agreement):
        raise PermissionDenied
    form = SignForm(request.POST, prefix="sign")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _detail(agreement)
    try:
        services.agreement_sign(agreement=agreement, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Penandatanganan PK dicatat. PK ini sekarang berlaku dan tidak dapat diubah."))
    return _detail(agreement)


@require_POST
def pk_revise(request, uid):
    agreement = selectors.agreement_by_uid(request.user, uid)
    if not services.can_edit(request.user, agreement):
        raise PermissionDenied
    form = ReviseForm(request.POST, prefix="rev")
    if form.is_valid():
        try:
            new = services.agreement_revise(agreement=agreement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc, {"revision_reason": "reason"})
        else:
            messages.success(request, _("Draf PK Perubahan dibuat dari versi yang berlaku."))
            return redirect("agreements:pk_edit", uid=new.uid)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return _detail(agreement)
