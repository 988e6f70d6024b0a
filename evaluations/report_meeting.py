"""The coordination-meeting pack (issue #7, item 5): one PDF for the rapat koordinasi.

A :class:`~evaluations.report_models.Report` of kind ``MEETING`` names the meeting date and the
sections the user chose; the pack shows, after a cover and a table of contents with page numbers,
the chosen sections in the order of ``Report.Section`` (each on a new page):

* ``ranking``: the live composite ranking of the basis month with its per-metric breakdown, and
  the latest frozen snapshot of the year when there is one;
* ``red_units``: one page per unit with indicators in the worst capaian category (the unit page of
  the monthly report, ``evaluations.report_data``);
* ``decisions``: reward and sanction decisions (SK) dated from 1 January of the basis year to the
  meeting date, issued and revoked (as at the meeting date), with counts per kind;
* ``followups``: open recommendations of published LKE evaluations and of the Pemda's own results,
  overdue (due before the meeting date) first, with counts per status;
* ``predicate_trend``: the Pemda's KemenPAN-RB results per year (table and chart, the streak
  sentence) and its units' LKE scores of the last two evaluated years.

The basis month is the last month that ended before the meeting (:func:`basis_month`). The
figures (:func:`meeting_figures`) are plain JSON; their SHA-256 (``report_documents.content_hash``)
is printed, shortened to 16 hex digits, in every page footer with the version. The pack is always
in Bahasa Indonesia, like the ranking board it is taken to the meeting with.

Layering: the pack reads rankings and decisions of ``rewards`` (a higher layer) through its
selectors, imported inside the functions that need them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from weasyprint import HTML

from evaluations.report_documents import RenderedPdf, content_hash
from evaluations.report_models import Report
from sakip.core.models import FiscalYear, Period
from sakip.lib.dates import format_date, month_name
from sakip.lib.pdf import INTERNAL_BASE_URL, PortalURLFetcher, render_html

from . import report_meeting_sections as sections

TEMPLATE = "reports/meeting_pack.html"
Progress = Callable[[int, str], None] | None


def basis_month(meeting_date: dt.date) -> tuple[int, int]:
    """``(year, month)`` of the last month that ended before ``meeting_date`` (the month before its month).

    A meeting on 1 January 2027 (or any day of January) looks at December 2026.
    """
    last_day_before = meeting_date.replace(day=1) - dt.timedelta(days=1)
    return last_day_before.year, last_day_before.month


def chosen_sections(report: Report) -> list[str]:
    """The report's sections in the order of ``Report.Section`` (unknown values dropped, no repeats)."""
    wanted = {str(s) for s in report.sections or ()}
    return [s for s in Report.Section.values if s in wanted]


def section_titles() -> dict[str, str]:
    """Headings of the sections in the pack (also the entries of the table of contents)."""
    return {
        Report.Section.RANKING: _("Peringkat kinerja perangkat daerah"),
        Report.Section.RED_UNITS: _("Unit dengan indikator berkinerja rendah"),
        Report.Section.DECISIONS: _("Keputusan penghargaan dan sanksi"),
        Report.Section.FOLLOWUPS: _("Tindak lanjut rekomendasi evaluasi"),
        Report.Section.PREDICATE_TREND: _("Tren predikat SAKIP Pemda"),
    }


@dataclass
class Pack:
    figures: dict
    context: dict = field(default_factory=dict)


GATHERERS = {
    Report.Section.RANKING: sections.ranking,
    Report.Section.RED_UNITS: sections.red_units,
    Report.Section.DECISIONS: sections.decisions,
    Report.Section.FOLLOWUPS: sections.followups,
    Report.Section.PREDICATE_TREND: sections.predicate_trend,
}


def _meeting_date(report: Report) -> dt.date:
    if report.meeting_date is None:
        raise ValueError("a meeting pack needs a meeting date")
    return report.meeting_date


def _gather(report: Report, progress: Progress = None) -> Pack:
    meeting = _meeting_date(report)
    year, month = (report.year, report.month) if report.year and report.month else basis_month(meeting)
    chosen = chosen_sections(report)
    titles = section_titles()
    where = sections.Where(report.pemda, year, month, meeting, _period(report.pemda, year, month))
    figures: dict = {
        "kind": Report.Kind.MEETING.value,
        "pemda": report.pemda.pk,
        "meeting_date": meeting.isoformat(),
        "basis": [year, month],
        "sections": chosen,
    }
    blocks = []
    for index, name in enumerate(chosen):
        if progress:
            progress(5 + 70 * index // max(len(chosen), 1), titles[name])
        part_figures, part_context = GATHERERS[name](where)
        figures[name] = part_figures
        blocks.append(
            {"name": name, "number": index + 1, "title": titles[name], "anchor": f"bagian-{name}", **part_context}
        )
    return Pack(figures, {"blocks": blocks, "where": where})


def _period(pemda, year: int, month: int) -> Period | None:
    fiscal_year = FiscalYear.objects.filter(pemda=pemda, year=year).first()
    if fiscal_year is None:
        return None
    return fiscal_year.periods.filter(kind=Period.Kind.MONTH, number=month).first()


def meeting_figures(report: Report) -> dict:
    """The figures the pack shows, as JSON-able data (strings for decimals, ISO dates).

    Two calls over the same data give equal dicts, hence the same ``content_hash``; the version,
    the print time and the requester are not figures and are left out.
    """
    with override("id"), timezone.override(report.pemda.tz):
        return _gather(report).figures


def meeting_pack_pdf(report: Report, *, progress: Progress = None) -> RenderedPdf:
    """Render the meeting pack of ``report`` (kind ``MEETING``) to a PDF.

    ``progress(percent, step)`` is called as the sections are gathered and before the layout.
    """
    # Bahasa Indonesia and the Pemda's clock (times such as "Dicetak" are shown in its time zone)
    with override("id"), timezone.override(report.pemda.tz):
        pack = _gather(report, progress)
        digest = content_hash(pack.figures)
        meeting = _meeting_date(report)
        year, month = pack.figures["basis"]
        context = {
            **pack.context,
            "pemda": report.pemda,
            "report": report,
            "version": report.version,
            "digest": digest,
            "digest_short": digest[:16],
            "meeting_date": meeting,
            "meeting_day": format_date(meeting, with_day=True),
            "basis_label": f"{month_name(month)} {year}",
            "pdf_title": _("Bahan Rapat Koordinasi Evaluasi Kinerja"),
        }
        if progress:
            progress(80, _("Menyusun PDF"))
        html = render_html(TEMPLATE, context)
        document = HTML(string=html, base_url=INTERNAL_BASE_URL, url_fetcher=PortalURLFetcher()).render()
        data = document.write_pdf()
        if progress:
            progress(95, _("PDF selesai disusun"))
    return RenderedPdf(data=data, pages=len(document.pages), content_hash=digest)
