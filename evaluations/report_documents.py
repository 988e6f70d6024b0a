"""Rendering the monthly report and the unit one-pagers to PDF (issue #7).

* :func:`monthly_pdf`: the Pemda's report (``templates/reports/monthly.html``);
* :func:`unit_pdf`: one unit's page (``templates/reports/unit_monthly.html`` around
  ``_unit_page.html``, which the meeting pack reuses);
* :func:`unit_pdfs`: every unit's page, one document each (see its docstring for the measurement).

The content hash printed in every footer is the SHA-256 of the canonical JSON of the figures the
document shows (:func:`content_hash`), so two renders of the same figures carry the same hash.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from sakip.lib import charts
from sakip.lib.dates import format_datetime
from sakip.lib.pdf import render_pdf

if TYPE_CHECKING:  # pragma: no cover
    from evaluations.report_data import MonthlyData
    from evaluations.report_models import Report
    from sakip.core.models import Unit


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    content_hash: str


def content_hash(figures: dict) -> str:
    """SHA-256 (hex) of ``figures`` as canonical JSON (sorted keys, no spaces, Decimals as text)."""
    text = json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- rendering ----------------------------------------------------------------------------------

MUTED = "#9aa7b4"


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _meta(report: Report, data: MonthlyData, digest: str) -> dict:
    created = report.created_at or timezone.now()
    return {
        "pemda": data.pemda,
        "data": data,
        "report": report,
        "version": report.version,
        "trigger": report.get_trigger_display(),
        # formatted here in the Pemda's time zone (the template filters would use the server's)
        "generated_text": f"{format_datetime(timezone.localtime(created, data.pemda.tz))} {data.pemda.zone_label}",
        "content_hash": digest,
        "hash_short": digest[:16],
        "month_label": data.month_label,
    }


def monthly_charts(data: MonthlyData) -> dict:
    """The SVG charts of the report: category distribution, capaian trend, on-time trend."""
    segments = [
        (band.label if band else _("Belum dapat dinilai"), count, band.colour if band else MUTED)
        for band, count in data.distribution
    ]
    labels = [p.period.short_label for p in data.trend]
    out = {"distribution": charts.distribution_bar(segments, title=_("Sebaran kategori capaian indikator"))}
    if data.trend:
        out["capaian"] = charts.line_chart(
            labels,
            [charts.Series(_("Rata-rata capaian Pemda"), [p.average for p in data.trend])],
            title=_("Rata-rata capaian Pemda per periode"),
            suffix="%",
            reference=100,
            reference_label=_("Target"),
            value_labels="all",
            height=200,
        )
        out["on_time"] = charts.bar_chart(
            labels,
            [p.on_time for p in data.trend],
            title=_("Ketepatan waktu pelaporan per periode"),
            suffix="%",
            max_value=100,
            height=190,
        )
    return out


def monthly_pdf(report: Report, data: MonthlyData) -> RenderedPdf:
    """The Pemda's monthly evaluation report; the content hash (of :func:`report_data.figures`) is
    computed before rendering and printed in the footer."""
    from evaluations.report_data import figures

    digest = content_hash(figures(data))
    with translation.override("id"):
        context = _meta(report, data, digest) | {
            "pdf_title": _("Laporan Evaluasi Kinerja Bulanan %(month)s") % {"month": data.month_label},
            "charts": monthly_charts(data),
        }
        pdf = render_pdf("reports/monthly.html", context)
    return RenderedPdf(pdf, page_count(pdf), digest)


def _unit_context(report: Report, data: MonthlyData, unit_id: int) -> dict:
    from evaluations.report_data import unit_figures, unit_page_context

    digest = content_hash(unit_figures(data, unit_id))
    page = unit_page_context(data, unit_id) | _meta(report, data, digest)
    page["unit_title"] = _("Laporan Kinerja Bulanan %(unit)s — %(month)s") % {
        "unit": page["unit"].name,
        "month": data.month_label,
    }
    return page


def unit_pdf(report: Report, data: MonthlyData, unit_id: int) -> RenderedPdf:
    """One unit's page for its head (one A4 page for a unit with a dozen indicators)."""
    with translation.override("id"):
        page = _unit_context(report, data, unit_id)
        context = {"pemda": data.pemda, "pages": [page], "pdf_title": page["unit_title"]}
        pdf = render_pdf("reports/unit_monthly.html", context)
    return RenderedPdf(pdf, page_count(pdf), page["content_hash"])


def unit_pdfs(
    report: Report, data: MonthlyData, *, progress: Callable[[int, int], None] | None = None
) -> Iterator[tuple[Unit, RenderedPdf]]:
    """Every unit's page, one per row of ``data.units`` (the active units), in unit order.

    Each is its own WeasyPrint document. Laying all pages out as one document and splitting it per
    unit (``document.copy``) was measured and saves nothing: a page costs about 0.15 s of CPU either
    way (layout, style cascade, PDF writing), so the simple, always-correct way is kept.
    """
    rows = list(data.units)
    for i, row in enumerate(rows, start=1):
        yield row.unit, unit_pdf(report, data, row.unit.pk)
        if progress is not None:
            progress(i, len(rows))
