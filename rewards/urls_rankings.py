"""Pages of rankings (live and frozen snapshots), the leader dashboard, the ranking board PDF, weights and rules."""

from django.urls import path

from .views import dashboard, rankings, rankings_snapshots, rules

urlpatterns: list = [
    # the leader dashboard (pimpinan landing of rewards)
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    # live ranking of a year (and period), freezing it as a snapshot
    path("peringkat/", rankings.ranking_home, name="ranking_home"),
    path("peringkat/bekukan/", rankings.ranking_freeze, name="ranking_freeze"),
    path("peringkat/bobot/", rules.weights_edit, name="weights_edit"),
    # frozen snapshots, the rule run over one, the ranking board PDF
    path("peringkat/snapshot/", rankings_snapshots.snapshot_list, name="snapshot_list"),
    path("peringkat/snapshot/<uuid:uid>/", rankings_snapshots.snapshot_detail, name="snapshot_detail"),
    path("peringkat/snapshot/<uuid:uid>/papan.pdf", rankings_snapshots.ranking_board_pdf, name="ranking_board_pdf"),
    path("peringkat/snapshot/<uuid:uid>/jalankan-aturan/", rankings_snapshots.rule_run_start, name="rule_run_start"),
    path("peringkat/proses/<uuid:uid>/", rankings_snapshots.rule_run_status, name="rule_run_status"),
    # reward/punishment rules
    path("aturan/", rules.rule_list, name="rule_list"),
    path("aturan/baru/", rules.rule_create, name="rule_create"),
    path("aturan/pasang-bawaan/", rules.rule_install_defaults, name="rule_install_defaults"),
    path("aturan/<uuid:uid>/", rules.rule_edit, name="rule_edit"),
    path("aturan/<uuid:uid>/aktif/", rules.rule_toggle, name="rule_toggle"),
    path("aturan/<uuid:uid>/hapus/", rules.rule_delete, name="rule_delete"),
]
