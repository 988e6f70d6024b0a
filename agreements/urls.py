from django.urls import path

from .views import detail, editor, excel, listing, pdf, rows, workflow

app_name = "agreements"

urlpatterns = [
    path("", listing.pk_list, name="pk_list"),
    path("buat/", workflow.pk_create, name="pk_create"),
    path("ekspor/<int:year>/", excel.pk_export_year, name="pk_export_year"),
    path("<uuid:uid>/", detail.pk_detail, name="pk_detail"),
    path("<uuid:uid>/versi/", detail.pk_versions, name="pk_versions"),
    path("<uuid:uid>/banding/", detail.pk_compare, name="pk_compare"),
    path("<uuid:uid>/pdf/", pdf.pk_pdf, name="pk_pdf"),
    # workflow
    path("<uuid:uid>/ajukan/", workflow.pk_submit, name="pk_submit"),
    path("<uuid:uid>/setujui/", workflow.pk_approve, name="pk_approve"),
    path("<uuid:uid>/kembalikan/", workflow.pk_return, name="pk_return"),
    path("<uuid:uid>/tandatangani/", workflow.pk_sign, name="pk_sign"),
    path("<uuid:uid>/perubahan/", workflow.pk_revise, name="pk_revise"),
    # editor and its rows (htmx fragments)
    path("<uuid:uid>/ubah/", editor.pk_edit, name="pk_edit"),
    path("<uuid:uid>/sasaran/baru/", editor.sasaran_new, name="sasaran_new"),
    path("<uuid:uid>/sasaran/<uuid:sid>/", editor.sasaran_row, name="sasaran_row"),
    path("<uuid:uid>/sasaran/<uuid:sid>/hapus/", editor.sasaran_delete, name="sasaran_delete"),
    path("<uuid:uid>/sasaran/<uuid:sid>/indikator/baru/", rows.indicator_new, name="indicator_new"),
    path("<uuid:uid>/indikator/<uuid:iid>/", rows.indicator_row, name="indicator_row"),
    path("<uuid:uid>/indikator/<uuid:iid>/hapus/", rows.indicator_delete, name="indicator_delete"),
    path("<uuid:uid>/program/baru/", rows.program_new, name="program_new"),
    path("<uuid:uid>/program/<uuid:pid>/", rows.program_row, name="program_row"),
    path("<uuid:uid>/program/<uuid:pid>/hapus/", rows.program_delete, name="program_delete"),
    # Excel
    path("<uuid:uid>/excel/templat/", excel.pk_template, name="pk_template"),
    path("<uuid:uid>/excel/impor/", excel.pk_import, name="pk_import"),
    path("<uuid:uid>/excel/impor/simpan/", excel.pk_import_commit, name="pk_import_commit"),
]
