"""Pages of issue #9 (discipline records, personal data), mounted under /reward/ (app_name "rewards")."""

from django.urls import path

from .views import discipline, discipline_import, discipline_setting

urlpatterns: list = [
    path("disiplin/", discipline.discipline_home, name="discipline_home"),
    path("disiplin/rekap/", discipline.discipline_records, name="discipline_records"),
    path("disiplin/rekap/ekspor.xlsx", discipline.discipline_export, name="discipline_export"),
    path("disiplin/pegawai/<uuid:uid>/", discipline.discipline_official, name="discipline_official"),
    path("disiplin/saya/", discipline.discipline_mine, name="discipline_mine"),
    path("disiplin/evaluasi/", discipline.discipline_evaluate, name="discipline_evaluate"),
    path("disiplin/log-akses/", discipline.discipline_access_log, name="discipline_access_log"),
    path("disiplin/impor/", discipline_import.discipline_import, name="discipline_import"),
    path("disiplin/impor/simpan/", discipline_import.discipline_import_commit, name="discipline_import_commit"),
    path("disiplin/impor/templat.xlsx", discipline_import.discipline_template, name="discipline_template"),
    path("disiplin/pengaturan/", discipline_setting.discipline_setting, name="discipline_setting"),
    path(
        "disiplin/pengaturan/pulihkan/",
        discipline_setting.discipline_setting_restore,
        name="discipline_setting_restore",
    ),
]
