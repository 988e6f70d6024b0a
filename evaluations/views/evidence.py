"""Evidence files of a realisation: upload (htmx or a plain form), download through an
access-checking view (never a public media URL), delete with confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from sakip.core import permissions
from sakip.core.permissions import P

from .. import services
from ..forms import EvidenceForm
from ..models import Evidence, Realisation
from ._common import error_messages, reports_for
from .grid import indicator_in_force, load_for_edit


def _evidence_for(user, uid) -> Evidence:
    """Evidence of a report the user may read (else 404)."""
    reports = reports_for(user)
    qs = Evidence.objects.select_related("realisation__report__unit", "realisation__report__pemda")
    evidence = permissions.get_object_or_404_for(qs, user, uid=uid)
    if not reports.filter(pk=evidence.realisation.report_id).exists():
        raise Http404
    return evidence


def _fragment(request, report, lineage, errors=None):
    realisation = Realisation.objects.filter(report=report, indicator_lineage=lineage).first()
    evidence = list(realisation.evidence.order_by("created_at", "id")) if realisation else []
    if not request.htmx:
        for message in errors or []:
            messages.error(request, message)
        return redirect("evaluations:report_detail", uid=report.uid)
    context = {"report": report, "lineage": lineage, "evidence": evidence, "can_edit": True, "evidence_errors": errors}
    return render(request, "evaluations/_evidence.html", context)


@require_POST
def evidence_upload(request, uid, lineage):
    report = load_for_edit(request, uid)
    indicator = indicator_in_force(report, lineage)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _fragment(request, report, indicator.lineage, [e for errs in form.errors.values() for e in errs])
    realisation = Realisation.objects.filter(report=report, indicator_lineage=indicator.lineage).first()
    try:
        if realisation is None:  # a file before a value: the row starts empty (kendala/upaya kept)
            realisation = services.realisation_save(
                report=report, indicator=indicator, value=None, kendala=None, upaya=None, by=request.user
            )
        services.evidence_add(realisation=realisation, uploaded_file=form.cleaned_data["file"], by=request.user)
    except ValidationError as exc:
        return _fragment(request, report, indicator.lineage, error_messages(exc))
    return _fragment(request, report, indicator.lineage)


@require_POST
def evidence_delete(request, uid):
    evidence = _evidence_for(request.user, uid)
    report = evidence.realisation.report
    permissions.require(request.user, P.REAL_EDIT, unit_id=report.unit_id)
    lineage = evidence.realisation.indicator_lineage
    try:
        services.evidence_delete(evidence=evidence, by=request.user)
    except ValidationError as exc:
        return _fragment(request, report, lineage, error_messages(exc))
    return _fragment(request, report, lineage)


@require_GET
def evidence_download(request, uid):
    evidence = _evidence_for(request.user, uid)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name)
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
