"""Pages of proposals and decisions (SK).

The decision register and its exports, the unit's view of its decisions, SK and certificate PDFs.
"""

from django.urls import path

from .views import decisions, exports, proposals

urlpatterns: list = [
    # proposals produced by the rules: list (waiting first) and review (accept / change / reject)
    path("usulan/", proposals.proposal_list, name="proposal_list"),
    path("usulan/<uuid:uid>/", proposals.proposal_review, name="proposal_review"),
    # the register (a unit user sees their own unit's decisions), its xlsx, the TPP list for payroll
    path("keputusan/", decisions.decision_list, name="decision_list"),
    path("keputusan/unduh.xlsx", exports.decision_export, name="decision_export"),
    path("keputusan/penyesuaian-tpp/", exports.tpp_export, name="tpp_export"),
    # a decision issued directly by the kepala daerah; htmx: the official's fields from the unit head
    path("keputusan/baru/", decisions.decision_create, name="decision_create"),
    path("keputusan/baru/pejabat/", decisions.decision_official, name="decision_official"),
    # one decision: basis, response, revocation, history; the SK and the certificate (awards)
    path("keputusan/<uuid:uid>/", decisions.decision_detail, name="decision_detail"),
    path("keputusan/<uuid:uid>/tanggapan/", decisions.decision_respond, name="decision_respond"),
    path("keputusan/<uuid:uid>/cabut/", decisions.decision_revoke, name="decision_revoke"),
    path("keputusan/<uuid:uid>/sk.pdf", exports.decision_sk_pdf, name="decision_sk_pdf"),
    path("keputusan/<uuid:uid>/piagam.pdf", exports.decision_certificate_pdf, name="decision_certificate_pdf"),
]
