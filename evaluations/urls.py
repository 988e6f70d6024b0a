"""Pages of realisation reporting and monitoring, mounted at ``/evaluasi/``."""

from django.urls import path

from . import urls_followup, urls_lke, urls_reports
from .views import evidence, excel, grid, indicator, listing, monitoring, workflow

app_name = "evaluations"

urlpatterns = [
    # realisation: list, entry point per unit and period, the entry grid and its fragments
    path("realisasi/", listing.realisation_home, name="realisation_home"),
    path("realisasi/ekspor/<int:year>/", excel.export_year, name="export_year"),
    path("realisasi/unit/<uuid:unit>/<int:year>/<int:number>/", listing.report_open, name="report_open"),
    path(
        "realisasi/unit/<uuid:unit>/<int:year>/indikator/<uuid:lineage>/",
        indicator.indicator_detail,
        name="indicator_detail",
    ),
    path("realisasi/laporan/<uuid:uid>/", grid.report_grid, name="report_detail"),
    path("realisasi/laporan/<uuid:uid>/nilai/<uuid:lineage>/pratinjau/", grid.value_preview, name="value_preview"),
    path("realisasi/laporan/<uuid:uid>/nilai/<uuid:lineage>/simpan/", grid.value_save, name="value_save"),
    path("realisasi/laporan/<uuid:uid>/nilai/<uuid:lineage>/riwayat/", grid.row_history, name="row_history"),
    path("realisasi/laporan/<uuid:uid>/nilai/<uuid:lineage>/bukti/", evidence.evidence_upload, name="evidence_upload"),
    path("realisasi/bukti/<uuid:uid>/", evidence.evidence_download, name="evidence_download"),
    path("realisasi/bukti/<uuid:uid>/hapus/", evidence.evidence_delete, name="evidence_delete"),
    # workflow
    path("realisasi/laporan/<uuid:uid>/ajukan/", workflow.report_submit, name="report_submit"),
    path("realisasi/laporan/<uuid:uid>/verifikasi/", workflow.report_verify, name="report_verify"),
    path("realisasi/laporan/<uuid:uid>/terima/", workflow.report_accept, name="report_accept"),
    path("realisasi/laporan/<uuid:uid>/kembalikan/", workflow.report_return, name="report_return"),
    path("realisasi/laporan/<uuid:uid>/buka-kunci/", workflow.report_unlock, name="report_unlock"),
    # Excel
    path("realisasi/laporan/<uuid:uid>/excel/templat/", excel.report_template, name="report_template"),
    path("realisasi/laporan/<uuid:uid>/excel/impor/", excel.report_import, name="report_import"),
    path("realisasi/laporan/<uuid:uid>/excel/impor/simpan/", excel.report_import_commit, name="report_import_commit"),
    # monitoring
    path("monitoring/", monitoring.monitoring_matrix, name="monitoring_matrix"),
    path("monitoring/dasbor/", monitoring.monitoring_dashboard, name="monitoring_dashboard"),
    path("monitoring/unit/<uuid:uid>/", monitoring.monitoring_unit, name="monitoring_unit"),
    # LKE evaluation by the Inspektorat (rounds, worksheets, LHE, recap) and its administration
    # (templates, predicate tables, follow-up, the Pemda's own results, comparison)
    *urls_lke.urlpatterns,
    *urls_followup.urlpatterns,
    # monthly evaluation reports (archive, on-demand generation, downloads) and meeting packs
    *urls_reports.urlpatterns,
]
