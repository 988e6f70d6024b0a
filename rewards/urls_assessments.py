"""Pages of issue #9 (assessments), mounted under /reward/ (app_name "rewards")."""

from django.urls import path

from .views import assessments, assessments_types, rules

urlpatterns: list = [
    path("penilaian/", assessments.assessment_list, name="assessment_list"),
    path("penilaian/tambah/", assessments.assessment_create, name="assessment_create"),
    path("penilaian/<uuid:uid>/ubah/", assessments.assessment_edit, name="assessment_edit"),
    path("penilaian/<uuid:uid>/hapus/", assessments.assessment_delete, name="assessment_delete"),
    path("penilaian/<uuid:uid>/bukti/", assessments.assessment_evidence, name="assessment_evidence"),
    path("penilaian/jenis/", assessments_types.assessment_type_list, name="assessment_type_list"),
    path("penilaian/jenis/tambah/", assessments_types.assessment_type_create, name="assessment_type_create"),
    path("penilaian/jenis/<uuid:uid>/ubah/", assessments_types.assessment_type_edit, name="assessment_type_edit"),
    path("penilaian/jenis/<uuid:uid>/hapus/", assessments_types.assessment_type_delete, name="assessment_type_delete"),
    # the per-official obligation rules (rules_defaults.OBLIGATION_RULES), run from the rule list
    path("peringkat/aturan/kewajiban/jalankan/", rules.obligation_rules_run, name="obligation_rules_run"),
]
