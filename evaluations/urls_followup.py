"""Pages of LKE templates, predicate tables, follow-up of recommendations, the Pemda's own
KemenPAN-RB results and comparison pages.

Included in ``evaluations/urls.py`` (namespace ``evaluations``, under ``/evaluasi/``)."""

from django.urls import path

from .views import (
    lke_admin_compare as compare,
)
from .views import (
    lke_admin_followup as followup,
)
from .views import (
    lke_admin_results as results,
)
from .views import (
    lke_admin_template_io as template_io,
)
from .views import (
    lke_admin_templates as templates,
)

urlpatterns: list = [
    # templates and predicate tables (EVAL_MANAGE)
    path("lke/templat/", templates.lke_template_list, name="lke_template_list"),
    path("lke/templat/pasang-bawaan/", templates.lke_template_install, name="lke_template_install"),
    path("lke/templat/impor/", template_io.lke_template_import, name="lke_template_import"),
    path("lke/templat/impor/simpan/", template_io.lke_template_import_commit, name="lke_template_import_commit"),
    path("lke/templat/<uuid:uid>/", templates.lke_template_detail, name="lke_template_detail"),
    path("lke/templat/<uuid:uid>/ubah/", templates.lke_template_edit, name="lke_template_edit"),
    path("lke/templat/<uuid:uid>/bobot/", templates.lke_template_weights, name="lke_template_weights"),
    path(
        "lke/templat/<uuid:uid>/kriteria/<int:criterion_id>/",
        templates.lke_criterion_edit,
        name="lke_criterion_edit",
    ),
    path("lke/templat/<uuid:uid>/versi-baru/", templates.lke_template_new_version, name="lke_template_new_version"),
    path("lke/templat/<uuid:uid>/hapus/", templates.lke_template_delete, name="lke_template_delete"),
    path("lke/templat/<uuid:uid>/ekspor/", template_io.lke_template_export, name="lke_template_export"),
    path("lke/predikat/", templates.predicate_table, name="predicate_table"),
    # follow-up of recommendations
    path("tindak-lanjut/", followup.followup_list, name="followup_list"),
    path("tindak-lanjut/lewat-batas/", followup.followup_overdue, name="followup_overdue"),
    path("tindak-lanjut/<uuid:uid>/", followup.followup_detail, name="followup_detail"),
    path("tindak-lanjut/<uuid:uid>/perbarui/", followup.followup_update, name="followup_update"),
    path("tindak-lanjut/<uuid:uid>/bukti/", followup.followup_evidence_add, name="followup_evidence_add"),
    path("tindak-lanjut/bukti/<uuid:uid>/", followup.followup_evidence_download, name="followup_evidence_download"),
    path("tindak-lanjut/bukti/<uuid:uid>/hapus/", followup.followup_evidence_delete, name="followup_evidence_delete"),
    # the Pemda's own KemenPAN-RB results
    path("hasil-kemenpanrb/", results.pemda_result_list, name="pemda_result_list"),
    path("hasil-kemenpanrb/baru/", results.pemda_result_create, name="pemda_result_create"),
    path("hasil-kemenpanrb/<uuid:uid>/", results.pemda_result_detail, name="pemda_result_detail"),
    path("hasil-kemenpanrb/<uuid:uid>/ubah/", results.pemda_result_edit, name="pemda_result_edit"),
    path("hasil-kemenpanrb/<uuid:uid>/hapus/", results.pemda_result_delete, name="pemda_result_delete"),
    path(
        "hasil-kemenpanrb/<uuid:uid>/rekomendasi/",
        results.pemda_result_recommendation_add,
        name="pemda_result_recommendation_add",
    ),
    path("hasil-kemenpanrb/<uuid:uid>/jarak-target/", results.pemda_result_gap, name="pemda_result_gap"),
    # comparison
    path("perbandingan/", compare.comparison_ranking, name="comparison_ranking"),
    path("perbandingan/unit/<uuid:uid>/", compare.comparison_unit, name="comparison_unit"),
]
