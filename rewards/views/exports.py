"""Downloads of the decision pages: the register as xlsx (same filters as the page), the TPP
adjustment list for payroll for one month (page with a preview, then xlsx), the SK PDF and the award
certificate (piagam) PDF. PDFs are official Indonesian documents: always rendered in Bahasa
Indonesia, whatever language the user reads the portal in."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sakip.core import permissions
from sakip.core.permissions import P
from sakip.lib.dates import format_date, month_name
from sakip.lib.pdf import render_pdf

from .. import exports, selectors
from ..forms_decisions import TppExportForm
from ..models import Decision
from .decisions import filtered_decisions
from .decisions_common import is_award, require_view, sees_whole_pemda, today_for
from .decisions_display import basis_rows
from .decisions_documents import document_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def decision_export(request):
    """The register as the filters show it (a unit user gets only their unit's decisions)."""
    user = request.user
    _form, qs, _extra = filtered_decisions(request)
    caption = _("Register keputusan reward dan punishment — %(pemda)s, diunduh %(d)s") % {
        "pemda": user.pemda.name,
        "d": format_date(today_for(user)),
    }
    data = exports.register_xlsx(qs, caption=caption)
    return _download(data, f"register-keputusan-{today_for(user):%Y%m%d}.xlsx", XLSX)


@require_GET
def tpp_export(request):
    """TPP holds and cuts in force in a month, for the payroll (BKPSDM / BPKAD): admin and pimpinan."""
    user = request.user
    require_view(user)
    if not sees_whole_pemda(user):
        permissions.require(user, P.DECISION_ISSUE)  # unit users: 403
    years = [d.year for d in selectors.decisions_for(user).order_by().dates("effective_start", "year")]
    form = TppExportForm(request.GET if "month" in request.GET else None, years=years, today=today_for(user))
    rows, year, month = None, None, None
    if form.is_bound and form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
        rows = [a.decision for a in selectors.tpp_adjustments(user.pemda, year=year, month=month)]
        if request.GET.get("unduh"):
            caption = _("Penyesuaian TPP bulan %(m)s %(y)s — %(pemda)s") % {
                "m": month_name(month),
                "y": year,
                "pemda": user.pemda.name,
            }
            data = exports.tpp_xlsx(rows, caption=caption)
            return _download(data, f"penyesuaian-tpp-{year}-{month:02d}.xlsx", XLSX)
    context = {"form": form, "rows": rows, "year": year, "month": month, "month_label": month and month_name(month)}
    return render(request, "rewards/decisions/tpp_export.html", context)


def kepala_daerah(pemda) -> dict:
    """The kepala daerah who signs (the pimpinan account with position kepala daerah), or the title only."""
    from agreements import services as agreement_services

    try:
        return agreement_services.kepala_daerah(pemda)
    except ValidationError:
        return {"name": "", "nip": "", "display_title": agreement_services.kepala_daerah_title(pemda)}


def _pdf_context(decision: Decision) -> dict:
    pemda = decision.pemda
    head = kepala_daerah(pemda)
    return {
        "pemda": pemda,
        "decision": decision,
        "head": head,
        "head_title_upper": (head.get("display_title") or "").upper(),
        "basis_rows": basis_rows(decision.basis),
        "snapshot": decision.snapshot,
        "place": pemda.seat or pemda.name,
        "award": is_award(decision),
        "revoked": decision.status == Decision.Status.REVOKED,
        **document_context(decision),
    }


def _decision_pdf(request, uid, template: str, stem: str, *, award_only: bool = False) -> HttpResponse:
    require_view(request.user)
    decision = selectors.decision_for(request.user, uid)
    if award_only and not is_award(decision):
        raise Http404
    with translation.override("id"):
        context = _pdf_context(decision)
        context["pdf_title"] = _pdf_title(decision, stem)
        pdf = render_pdf(template, context)
    name = slugify(decision.unit.short_name or decision.unit.name)
    number = slugify(re.sub(r"[/.\\]+", "-", decision.sk_number))[:40]  # 800/46/BKD → 800-46-bkd
    return _download(pdf, f"{stem}-{number}-{name}.pdf", "application/pdf")


def _pdf_title(decision: Decision, stem: str) -> str:
    if stem == "piagam":
        return _("Piagam Penghargaan")
    return _("Keputusan %(title)s Nomor %(sk)s") % {
        "title": kepala_daerah(decision.pemda).get("display_title", ""),
        "sk": decision.sk_number,
    }


@require_GET
def decision_sk_pdf(request, uid):
    return _decision_pdf(request, uid, "reports/sk.html", "sk")


@require_GET
def decision_certificate_pdf(request, uid):
    """The piagam penghargaan of an award decision (other types: 404)."""
    return _decision_pdf(request, uid, "reports/certificate.html", "piagam", award_only=True)
