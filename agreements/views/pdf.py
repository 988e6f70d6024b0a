"""The PK in the official format (domain reference §4) as a PDF download."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sakip.lib.pdf import render_pdf

from .. import selectors, services
from ..models import Agreement, Program


def _party_of_head(head) -> dict | None:
    if head is None:
        return None
    return {"name": head.name, "nip": head.nip, "rank": head.rank, "display_title": head.display_title}


def signatory_context(agreement: Agreement) -> dict:
    """Names, titles, place, date and letterhead: frozen at signing, or today's officials on a draft."""
    if agreement.is_signed and agreement.signatories:
        frozen = agreement.signatories
        return {
            "first": frozen.get("pihak_pertama"),
            "second": frozen.get("pihak_kedua"),
            "place": frozen.get("place") or agreement.signed_place,
            "signed_on": dt.date.fromisoformat(frozen["signed_on"]) if frozen.get("signed_on") else None,
            "pemda_name": frozen.get("pemda", {}).get("name", agreement.pemda.name),
            "letterhead": frozen.get("pemda", {}).get("letterhead") or agreement.pemda.letterhead_lines,
            "unit_name": (frozen.get("unit") or {}).get("name", ""),
            "budget": Decimal(frozen.get("totals", {}).get("budget") or selectors.program_total(agreement)),
            "draft": False,
        }
    try:
        region_head = services.kepala_daerah(agreement.pemda)
    except ValidationError:
        region_head = {"name": "", "nip": "", "display_title": services.kepala_daerah_title(agreement.pemda)}
    if agreement.is_pemda_pk:
        first, second = region_head, None
    else:
        first, second = _party_of_head(agreement.unit.head_on(timezone.localdate())), region_head
    return {
        "first": first,
        "second": second,
        "place": agreement.pemda.seat,
        "signed_on": None,
        "pemda_name": agreement.pemda.name,
        "letterhead": agreement.pemda.letterhead_lines,
        "unit_name": agreement.unit.name if agreement.unit_id else "",
        "budget": selectors.program_total(agreement),
        "draft": True,
    }


def pdf_context(agreement: Agreement) -> dict:
    sig = signatory_context(agreement)
    rows = []
    for number, sasaran in enumerate(agreement.sasaran.all(), 1):
        indicators = list(sasaran.indicators.all())
        rows.append({"no": number, "sasaran": sasaran, "indicators": indicators, "span": max(len(indicators), 1)})
    return {
        "pemda": agreement.pemda,
        "agreement": agreement,
        "sig": sig,
        "letterhead_lines": list(sig["letterhead"]),
        # The unit's own letterhead: base_pdf.html puts it, in capitals, under the Pemda line.
        "letterhead_unit": sig["unit_name"],
        "sasaran_rows": rows,
        "programs": [p for p in agreement.programs.all() if p.level == Program.Level.PROGRAM],
        "pdf_title": _title(agreement),
    }


def _title(agreement: Agreement) -> str:
    if agreement.is_revision:
        return _("PERJANJIAN KINERJA PERUBAHAN TAHUN %(year)s") % {"year": agreement.fiscal_year.year}
    return _("PERJANJIAN KINERJA TAHUN %(year)s") % {"year": agreement.fiscal_year.year}


@require_GET
def pk_pdf(request, uid):
    agreement = selectors.decorate_agreement(selectors.agreement_detail(request.user, uid))
    # The PK is an official Indonesian document: it is always rendered in Bahasa Indonesia,
    # whatever language the user reads the portal in.
    with translation.override("id"):
        pdf = render_pdf("reports/pk.html", pdf_context(agreement))
    owner = agreement.unit.short_name or agreement.unit.name if agreement.unit_id else agreement.pemda.name
    suffix = f"-perubahan-{agreement.version - 1}" if agreement.is_revision else ""
    draft = "-draf" if not agreement.is_signed else ""
    filename = f"pk-{agreement.fiscal_year.year}-{slugify(owner)}{suffix}{draft}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
