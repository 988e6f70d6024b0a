"""Permission-table rows: monthly reports, unit one-pagers, meeting packs, report settings (issue #7).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

The archive and a report's pages need ``P.REPORT_VIEW`` (admin, evaluator, pimpinan): unit users get
403 on them (they read their one-pagers on ``report_unit_list``); generating needs
``P.REPORT_GENERATE`` (admin, pimpinan); the schedule is the Admin SAKIP's. A unit's one-pager is
also open to that unit's operator and kepala, and 404 for another unit.
"""

from __future__ import annotations

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401

FAKE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _monthly_report(fixture):
    """A finished monthly report (October 2025, v1) of the first Pemda with unit A's one-pager
    (rows written directly with a small fake PDF; nothing is rendered)."""
    from django.core.files.base import ContentFile

    from evaluations.report_models import Report, UnitReport

    pemda = fixture("pemda")
    existing = Report.objects.filter(pemda=pemda, kind=Report.Kind.MONTHLY, year=2025, month=10).first()
    if existing is not None:
        return existing
    report = Report(
        pemda=pemda, year=2025, month=10, status=Report.Status.DONE, progress=100, pages=1, size=len(FAKE_PDF),
        content_hash="ab" * 32, unit_count=1, requested_by=fixture("admin"),
    )  # fmt: skip
    report.file.save("laporan-bulanan-2025-10-v1.pdf", ContentFile(FAKE_PDF), save=False)
    report.save()
    unit_report = UnitReport(report=report, unit=fixture("unit_a"), pages=1, size=len(FAKE_PDF))
    unit_report.file.save("laporan-unit.pdf", ContentFile(FAKE_PDF), save=False)
    unit_report.save()
    return report


OBJECTS: dict = {
    "monthly_report": _monthly_report,  # done, October 2025, with unit A's one-pager
}

REPORT_UID = {"uid": Ref("monthly_report")}
UNIT_A_PAGE = {"uid": Ref("monthly_report"), "unit": Ref("unit_a")}
UNIT_USERS = {"operator_a": 403, "kepala_a": 403, "operator_b": 403}

# fmt: off
TABLE: dict = {
    # --- pages: the archive, generating, meeting packs, the schedule --------------------------------
    "evaluations:report_list": row(200, anonymous=LOGIN, **UNIT_USERS),
    "evaluations:report_generate": row(405, anonymous=LOGIN),  # POST only
    "evaluations:meeting_pack_new": row(200, anonymous=LOGIN, evaluator=403, **UNIT_USERS),
    "evaluations:report_settings": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    # every member: unit users see their own units' one-pagers, viewers every unit's
    "evaluations:report_unit_list": row(200, anonymous=LOGIN, needs=("monthly_report",)),
    # --- one report: another Pemda's is 404; unit users 403 --------------------------------------------
    "evaluations:monthly_detail": row(200, anonymous=LOGIN, other_admin=404, **UNIT_USERS,
                                             kwargs=REPORT_UID),
    "evaluations:report_progress": row(200, anonymous=LOGIN, other_admin=404, **UNIT_USERS, kwargs=REPORT_UID),
    "evaluations:report_download": row(200, anonymous=LOGIN, other_admin=404, **UNIT_USERS, kwargs=REPORT_UID),
    "evaluations:report_retry": row(405, anonymous=LOGIN, kwargs=REPORT_UID),  # POST only
    # unit A's one-pager: its operator and kepala too; unit B and another Pemda 404
    "evaluations:monthly_unit_download": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                            kwargs=UNIT_A_PAGE),
    # --- API ---------------------------------------------------------------------------------------------
    "monthly-report-list": row(200, anonymous=ANON_API, **UNIT_USERS),
    "monthly-report-detail": row(200, anonymous=ANON_API, other_admin=404, **UNIT_USERS, kwargs=REPORT_UID),
    "monthly-report-download": row(200, anonymous=ANON_API, other_admin=404, **UNIT_USERS, kwargs=REPORT_UID),
    "monthly-report-retry": row(405, anonymous=ANON_API, kwargs=REPORT_UID),  # POST only
    "monthly-report-unit-download": row(200, anonymous=ANON_API, operator_b=404, other_admin=404,
                                        kwargs=UNIT_A_PAGE),
    "monthly-unit-report-list": row(200, anonymous=ANON_API, needs=("monthly_report",)),
}
# fmt: on
