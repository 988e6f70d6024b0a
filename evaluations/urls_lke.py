"""Pages of LKE rounds, teams, worksheets, LHE and recap pages.

Included in ``evaluations/urls.py`` (namespace ``evaluations``, under ``/evaluasi/``)."""

from django.urls import path

from .views import lke_evidence, lke_reports, lke_rounds, lke_workflow, lke_worksheet, lke_worksheet_io

ws = "lke/lembar-kerja/<uuid:uid>/"

urlpatterns = [
    # rounds and teams
    path("lke/", lke_rounds.lke_home, name="lke_home"),
    path("lke/putaran/baru/", lke_rounds.lke_round_create, name="lke_round_create"),
    path("lke/putaran/<uuid:uid>/", lke_rounds.lke_round_detail, name="lke_round_detail"),
    path("lke/putaran/<uuid:uid>/ubah/", lke_rounds.lke_round_edit, name="lke_round_edit"),
    path("lke/putaran/<uuid:uid>/buka/", lke_rounds.lke_round_open, name="lke_round_open"),
    path("lke/putaran/<uuid:uid>/tutup/", lke_rounds.lke_round_close, name="lke_round_close"),
    path("lke/putaran/<uuid:uid>/tim/baru/", lke_rounds.lke_team_create, name="lke_team_create"),
    path("lke/tim/<uuid:uid>/", lke_rounds.lke_team_edit, name="lke_team_edit"),
    path("lke/tim/<uuid:uid>/hapus/", lke_rounds.lke_team_delete, name="lke_team_delete"),
    # recap of a round
    path("lke/putaran/<uuid:uid>/rekap/", lke_reports.lke_recap, name="lke_recap"),
    path("lke/putaran/<uuid:uid>/rekap/pdf/", lke_reports.lke_recap_pdf, name="lke_recap_pdf"),
    # the worksheet and its fragments
    path(ws, lke_worksheet.lke_worksheet, name="lke_worksheet"),
    path(ws + "kriteria/<int:criterion>/mandiri/", lke_worksheet.lke_answer_self, name="lke_answer_self"),
    path(ws + "kriteria/<int:criterion>/evaluator/", lke_worksheet.lke_answer_evaluator, name="lke_answer_evaluator"),
    path(ws + "kriteria/<int:criterion>/bukti/", lke_evidence.lke_evidence_add, name="lke_evidence_add"),
    path(ws + "subkomponen/<int:sub>/kualifikasi/", lke_worksheet.lke_qualifier_save, name="lke_qualifier_save"),
    path(ws + "komponen/<int:component>/catatan/", lke_worksheet.lke_component_note_save, name="lke_component_note"),
    path("lke/bukti/<uuid:uid>/", lke_evidence.lke_evidence_download, name="lke_evidence_download"),
    path("lke/bukti/<uuid:uid>/hapus/", lke_evidence.lke_evidence_delete, name="lke_evidence_delete"),
    # workflow
    path(ws + "ajukan/", lke_workflow.lke_self_submit, name="lke_self_submit"),
    path(ws + "ajukan-reviu/", lke_workflow.lke_submit_review, name="lke_submit_review"),
    path(ws + "kembalikan/", lke_workflow.lke_return, name="lke_return"),
    path(ws + "terbitkan/", lke_workflow.lke_publish, name="lke_publish"),
    path(ws + "tanggapan/", lke_workflow.lke_respond, name="lke_respond"),
    path(ws + "tanggapan/jawab/", lke_workflow.lke_resolve, name="lke_resolve"),
    path(ws + "final/", lke_workflow.lke_finalize, name="lke_finalize"),
    path(ws + "riwayat/", lke_workflow.lke_history, name="lke_history"),
    path(ws + "excel/", lke_worksheet_io.lke_worksheet_export, name="lke_worksheet_export"),
    path(ws + "excel/impor/", lke_worksheet_io.lke_worksheet_import, name="lke_worksheet_import"),
    path(ws + "lhe/", lke_reports.lke_lhe_pdf, name="lke_lhe_pdf"),
]
