# ruff: noqa: F401, F811  (fixtures imported from test_pages_decisions_fixtures)
"""Decision pages per persona: the register (Pemda-wide and the unit's own view), filters and search,
a decision's page (basis, snapshot, response form, revoke form), responding within and after the
window, revoking, and the issue form with bad input (nothing saved)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from rewards.models import Decision, DecisionType
from tests.rewards.test_pages_decisions_fixtures import (  # noqa: F401  (fixtures)
    SK_DATE,
    award_a,
    decision_a,
    issue,
    proposal_a,
    snapshot,
)

LIST = reverse("rewards:decision_list")


def _text(response) -> str:
    return response.content.decode()


def test_pimpinan_sees_every_decision_and_can_issue(client_for, pimpinan, decision_a, unit_b, snapshot):
    other = issue(pimpinan, unit_b, snapshot, sk_number="188.45/20/KUM/2026", kind=DecisionType.TEGURAN_TERTULIS,
                  percent=None, months=None)  # fmt: skip
    r = client_for(pimpinan).get(LIST)
    assert r.status_code == 200
    html = _text(r)
    assert "Register keputusan reward dan punishment" in html
    assert decision_a.sk_number in html and other.sk_number in html
    assert reverse("rewards:decision_create") in html


def test_unit_user_sees_only_own_unit_with_clear_heading(
    client_for, operator_a, pimpinan, decision_a, unit_b, snapshot
):
    other = issue(pimpinan, unit_b, snapshot, sk_number="188.45/20/KUM/2026", kind=DecisionType.TEGURAN_LISAN,
                  percent=None, months=None)  # fmt: skip
    r = client_for(operator_a).get(LIST)
    html = _text(r)
    assert r.status_code == 200
    assert "Keputusan tentang unit Anda" in html
    assert decision_a.sk_number in html
    assert other.sk_number not in html
    assert reverse("rewards:decision_create") not in html
    assert client_for(operator_a).get(reverse("rewards:decision_detail", args=[other.uid])).status_code == 404


def test_admin_reads_register_but_cannot_issue(client_for, admin, decision_a):
    c = client_for(admin)
    assert decision_a.sk_number in _text(c.get(LIST))
    assert c.get(reverse("rewards:decision_create")).status_code == 403
    r = c.post(reverse("rewards:decision_revoke", args=[decision_a.uid]), {"reason": "x"})
    assert r.status_code == 403


def test_evaluator_has_no_access_and_other_pemda_gets_404(client_for, evaluator, other_admin, decision_a):
    assert client_for(evaluator).get(LIST).status_code == 403
    assert client_for(evaluator).get(reverse("rewards:decision_detail", args=[decision_a.uid])).status_code == 403
    assert client_for(other_admin).get(reverse("rewards:decision_detail", args=[decision_a.uid])).status_code == 404
    assert client_for(other_admin).get(reverse("rewards:decision_sk_pdf", args=[decision_a.uid])).status_code == 404


def test_filters_and_search(client_for, pimpinan, decision_a, award_a, unit_b, snapshot):
    c = client_for(pimpinan)
    html = _text(c.get(LIST, {"golongan": "reward"}))
    assert award_a.sk_number in html and decision_a.sk_number not in html
    html = _text(c.get(LIST, {"golongan": "sanksi"}))
    assert decision_a.sk_number in html and award_a.sk_number not in html
    html = _text(c.get(LIST, {"jenis": DecisionType.PEMOTONGAN_TPP, "tahun": 2026}))
    assert decision_a.sk_number in html and award_a.sk_number not in html
    html = _text(c.get(LIST, {"q": "13/KUM"}))
    assert award_a.sk_number in html and decision_a.sk_number not in html
    assert "Tidak ada keputusan yang cocok" in _text(c.get(LIST, {"q": "tidak-ada"}))


def test_register_query_count_is_pinned(client_for, pimpinan, unit_a, snapshot, django_assert_max_num_queries):
    for n in range(30):
        issue(pimpinan, unit_a, snapshot, sk_number=f"188.45/{n}/KUM/2026")
    c = client_for(pimpinan)
    with django_assert_max_num_queries(12):
        r = c.get(LIST)
    assert r.status_code == 200
    assert "Halaman 1 dari 2" in _text(r)


def test_detail_shows_basis_snapshot_and_forms_by_role(client_for, pimpinan, operator_a, decision_a, snapshot):
    url = reverse("rewards:decision_detail", args=[decision_a.uid])
    with time_machine.travel(dt.datetime(2026, 3, 5, 3, 0, tzinfo=dt.UTC), tick=False):
        html = _text(client_for(pimpinan).get(url))
        assert "capaian kinerja triwulan III rendah" in html
        assert "Capaian rata-rata 45,10%" in html and "45,10%" in html
        assert snapshot.title in html
        assert reverse("rewards:decision_revoke", args=[decision_a.uid]) in html
        assert reverse("rewards:decision_respond", args=[decision_a.uid]) not in html
        assert reverse("rewards:decision_certificate_pdf", args=[decision_a.uid]) not in html
        html = _text(client_for(operator_a).get(url))
        assert reverse("rewards:decision_respond", args=[decision_a.uid]) in html
        assert reverse("rewards:decision_revoke", args=[decision_a.uid]) not in html
        assert "16 Maret 2026" in html  # 2 March + 14 days


def test_unit_responds_within_window(client_for, operator_a, pimpinan, decision_a):
    url = reverse("rewards:decision_respond", args=[decision_a.uid])
    with time_machine.travel(dt.datetime(2026, 3, 16, 15, 0, tzinfo=dt.UTC), tick=False):  # 22:00 WIB, last day
        r = client_for(operator_a).post(url, {"text": "Kami sedang memperbaiki pelaporan."})
    assert r.status_code == 302
    decision_a.refresh_from_db()
    assert decision_a.response == "Kami sedang memperbaiki pelaporan."
    assert decision_a.responded_by == operator_a
    # pimpinan reads it; the form is gone
    html = _text(client_for(pimpinan).get(reverse("rewards:decision_detail", args=[decision_a.uid])))
    assert "Kami sedang memperbaiki pelaporan." in html


def test_response_after_window_is_refused_and_form_gone(client_for, operator_a, decision_a):
    detail = reverse("rewards:decision_detail", args=[decision_a.uid])
    with time_machine.travel(dt.datetime(2026, 3, 16, 17, 30, tzinfo=dt.UTC), tick=False):  # 17 March 00:30 WIB
        c = client_for(operator_a)
        html = _text(c.get(detail))
        assert reverse("rewards:decision_respond", args=[decision_a.uid]) not in html
        assert "sudah lewat" in html
        r = c.post(reverse("rewards:decision_respond", args=[decision_a.uid]), {"text": "Terlambat"}, follow=True)
    assert "Batas tanggapan sudah lewat pada 16 Maret 2026" in _text(r)
    decision_a.refresh_from_db()
    assert decision_a.response == ""


def test_empty_response_is_refused_next_to_the_field(client_for, operator_a, decision_a):
    with time_machine.travel(dt.datetime(2026, 3, 5, 3, 0, tzinfo=dt.UTC), tick=False):
        r = client_for(operator_a).post(reverse("rewards:decision_respond", args=[decision_a.uid]), {"text": " "})
    assert r.status_code == 400
    assert "Tanggapan tidak boleh kosong." in _text(r)


def test_pimpinan_and_other_unit_cannot_respond(client_for, pimpinan, operator_b, decision_a):
    url = reverse("rewards:decision_respond", args=[decision_a.uid])
    with time_machine.travel(dt.datetime(2026, 3, 5, 3, 0, tzinfo=dt.UTC), tick=False):
        assert client_for(pimpinan).post(url, {"text": "x"}).status_code == 403
        assert client_for(operator_b).post(url, {"text": "x"}).status_code == 404


def test_revoke_needs_a_reason_then_is_recorded(client_for, pimpinan, decision_a):
    c = client_for(pimpinan)
    url = reverse("rewards:decision_revoke", args=[decision_a.uid])
    r = c.post(url, {"reason": ""})
    assert r.status_code == 400 and "Alasan wajib diisi." in _text(r)
    decision_a.refresh_from_db()
    assert decision_a.status == Decision.Status.ISSUED
    r = c.post(url, {"reason": "Data capaian dikoreksi oleh Inspektorat."}, follow=True)
    html = _text(r)
    assert "dicabut" in html and "Data capaian dikoreksi oleh Inspektorat." in html
    decision_a.refresh_from_db()
    assert decision_a.status == Decision.Status.REVOKED and decision_a.revoked_by == pimpinan
    assert "Cabut keputusan" not in html.split("Perjalanan keputusan")[0].split("Keputusan ini sudah dicabut")[1]


@pytest.mark.parametrize("persona", ["operator_a", "kepala_a"])
def test_unit_users_cannot_open_issue_form(client_for, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(reverse("rewards:decision_create")).status_code == 403


def test_history_for_audit_readers_and_timeline_for_everyone(client_for, admin, pimpinan, operator_a, decision_a):
    from rewards import services

    services.decision_revoke(user=pimpinan, decision=decision_a, reason="Data dikoreksi")
    url = reverse("rewards:decision_detail", args=[decision_a.uid])
    html = _text(client_for(admin).get(url))
    assert "Riwayat perubahan" in html and "Perjalanan keputusan" in html
    html = _text(client_for(operator_a).get(url))
    assert "Riwayat perubahan" not in html
    timeline = html.split("Perjalanan keputusan")[1]
    assert "Diterbitkan" in timeline and "Dicabut" in timeline and "Data dikoreksi" in timeline
    assert reverse("rewards:decision_respond", args=[decision_a.uid]) not in html  # revoked: no answer


def test_decision_page_query_count_is_pinned(client_for, operator_a, decision_a, django_assert_max_num_queries):
    c = client_for(operator_a)
    with django_assert_max_num_queries(10):
        assert c.get(reverse("rewards:decision_detail", args=[decision_a.uid])).status_code == 200
