"""Pages of the monthly evaluation reports and coordination-meeting packs (issue #7).

One report's page is ``monthly_detail`` and a unit's one-pager ``monthly_unit_download`` (the names
``evaluations.report_delivery`` links to in its e-mails): ``report_detail`` already names the
realisation report grid of this namespace.
"""

from django.urls import path

from .views import reports, reports_more

urlpatterns: list = [
    # the archive of monthly reports and meeting packs, generating a month on demand
    path("laporan-bulanan/", reports.report_list, name="report_list"),
    path("laporan-bulanan/buat/", reports.report_generate, name="report_generate"),
    # a coordination-meeting pack, the schedule, the units' one-page reports
    path("laporan-bulanan/rakor/baru/", reports_more.meeting_pack_new, name="meeting_pack_new"),
    path("laporan-bulanan/pengaturan/", reports_more.report_settings, name="report_settings"),
    path("laporan-bulanan/unit/", reports_more.report_unit_list, name="report_unit_list"),
    # one report: its page, the progress fragment polled with htmx, the PDF, a unit's one-pager, retry
    path("laporan-bulanan/<uuid:uid>/", reports.report_detail, name="monthly_detail"),
    path("laporan-bulanan/<uuid:uid>/kemajuan/", reports.report_progress, name="report_progress"),
    path("laporan-bulanan/<uuid:uid>/unduh/", reports.report_download, name="report_download"),
    path(
        "laporan-bulanan/<uuid:uid>/unit/<uuid:unit>/unduh/",
        reports.monthly_unit_download,
        name="monthly_unit_download",
    ),
    path("laporan-bulanan/<uuid:uid>/ulangi/", reports.report_retry, name="report_retry"),
]
