"""Pages of issue #9 (officials and obligations), mounted under /reward/ (app_name "rewards")."""

from django.urls import path

from .views import (
    obligations,
    obligations_compliance,
    obligations_officials,
    obligations_officials_import,
    obligations_submissions,
)

urlpatterns: list = [
    # the user's to-do (what is due for me / my unit) and, for the admin, an overview
    path("kewajiban/", obligations.obligation_home, name="obligation_home"),
    # obligations: list, defaults, form, one obligation, deactivate/reactivate
    path("kewajiban/daftar/", obligations.obligation_list, name="obligation_list"),
    path("kewajiban/bawaan/", obligations.obligation_defaults, name="obligation_defaults"),
    path("kewajiban/baru/", obligations.obligation_create, name="obligation_create"),
    path("kewajiban/<uuid:uid>/", obligations.obligation_detail, name="obligation_detail"),
    path("kewajiban/<uuid:uid>/ubah/", obligations.obligation_edit, name="obligation_edit"),
    path("kewajiban/<uuid:uid>/aktif/", obligations.obligation_toggle, name="obligation_toggle"),
    # submitting an occurrence (?periode=&pegawai= or &unit=)
    path("kewajiban/<uuid:uid>/ajukan/", obligations_submissions.submission_create, name="obligation_submit"),
    # submissions: the review queue, one submission (accept / return), correction, evidence
    path("kewajiban/pengajuan/", obligations_submissions.submission_list, name="obligation_submission_list"),
    path(
        "kewajiban/pengajuan/<uuid:uid>/",
        obligations_submissions.submission_detail,
        name="obligation_submission_detail",
    ),
    path(
        "kewajiban/pengajuan/<uuid:uid>/perbaiki/",
        obligations_submissions.submission_resubmit_view,
        name="obligation_submission_resubmit",
    ),
    path(
        "kewajiban/pengajuan/<uuid:uid>/bukti/",
        obligations_submissions.submission_evidence,
        name="obligation_submission_evidence",
    ),
    # compliance per unit and per official
    path("kewajiban/kepatuhan/", obligations_compliance.obligation_compliance, name="obligation_compliance"),
    # the officials roster
    path("pegawai/", obligations_officials.official_list, name="official_list"),
    path("pegawai/baru/", obligations_officials.official_create_view, name="official_create"),
    # Excel import of the roster: upload and dry run, confirm (all or nothing), the template
    path("pegawai/impor/", obligations_officials_import.official_import, name="official_import"),
    path("pegawai/impor/simpan/", obligations_officials_import.official_import_confirm, name="official_import_confirm"),
    path(
        "pegawai/impor/templat.xlsx",
        obligations_officials_import.official_import_template,
        name="official_import_template",
    ),
    path("pegawai/<uuid:uid>/ubah/", obligations_officials.official_edit, name="official_edit"),
    path("pegawai/<uuid:uid>/aktif/", obligations_officials.official_toggle, name="official_toggle"),
]
