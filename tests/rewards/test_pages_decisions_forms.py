# ruff: noqa: F401, F811  (fixtures imported from test_pages_decisions_fixtures)
"""The direct decision form and the proposal review: good input issues an SK, bad input is refused
with the Indonesian message next to the field and saves nothing; the official's fields are
prefilled from the unit's head; proposals are listed waiting first with their basis figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rewards.models import Decision, DecisionType, Proposal
from tests.rewards.test_pages_decisions_fixtures import decision_a, make_proposal, proposal_a, snapshot

CREATE = reverse("rewards:decision_create")


def _form(unit, snap, **overrides):
    data = {
        "kind": DecisionType.PEMOTONGAN_TPP, "unit": unit.pk, "target": "unit", "snapshot": snap.pk,
        "basis_text": "Capaian kinerja tahun 2025 di bawah 50%.", "sk_number": "188.45/77/KUM/2026",
        "sk_date": "2026-03-02", "percent": "25", "months": "3", "effective_start": "2026-04-01",
        "effective_end": "", "response_days": "14", "amount": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def _text(r) -> str:
    return r.content.decode()


def test_pimpinan_issues_a_tpp_cut(client_for, pimpinan, unit_a, snapshot):
    r = client_for(pimpinan).post(CREATE, _form(unit_a, snapshot))
    decision = Decision.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("rewards:decision_detail", args=[decision.uid])
    assert decision.percent == 25 and decision.months == 3 and decision.snapshot == snapshot
    assert str(decision.effective_end) == "2026-06-30"  # 3 whole months from 1 April


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"snapshot": ""}, "snapshot", "Pilih snapshot peringkat sebagai dasar keputusan."),
        ({"basis_text": ""}, "basis_text", "Pertimbangan (dasar keputusan) wajib diisi."),
        ({"sk_number": ""}, "sk_number", "Nomor SK wajib diisi."),
        ({"percent": "120"}, "percent", "Persentase pemotongan TPP paling tinggi 100%."),
        ({"percent": ""}, "percent", "Wajib diisi untuk jenis keputusan ini."),
        ({"months": ""}, "months", "Wajib diisi untuk jenis keputusan ini."),
        ({"effective_end": "2026-01-01"}, "effective_end", "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."),
        ({"target": "kepala_unit", "official_name": ""}, "official_name", "Nama pejabat wajib diisi"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client_for, pimpinan, unit_a, snapshot, overrides, field, message):
    r = client_for(pimpinan).post(CREATE, _form(unit_a, snapshot, **overrides))
    assert r.status_code == 400
    html = _text(r)
    assert message in html
    # the message sits in the field's own block
    block = html.split(f'for="id_{field}"')[1].split('<div class="field')[0]
    assert message in block
    assert "Keputusan belum disimpan" in html
    assert not Decision.objects.exists()


def test_duplicate_sk_number_is_refused_by_the_service(client_for, pimpinan, unit_a, snapshot):
    c = client_for(pimpinan)
    c.post(CREATE, _form(unit_a, snapshot))
    r = c.post(CREATE, _form(unit_a, snapshot))
    assert r.status_code == 400
    assert "Nomor SK ini sudah dipakai" in _text(r)
    assert Decision.objects.count() == 1


def test_other_pemda_snapshot_is_not_offered(client_for, pimpinan, unit_a, snapshot, other_admin, other_unit):
    from tests.rewards.test_pages_decisions_fixtures import make_snapshot

    foreign = make_snapshot(other_admin.pemda, other_admin, other_unit)
    r = client_for(pimpinan).post(CREATE, _form(unit_a, snapshot, snapshot=foreign.pk))
    assert r.status_code == 400 and not Decision.objects.exists()


def test_award_ignores_measure_fields(client_for, pimpinan, unit_a, snapshot):
    r = client_for(pimpinan).post(CREATE, _form(unit_a, snapshot, kind=DecisionType.PIAGAM, percent="30", months="2"))
    assert r.status_code == 302
    d = Decision.objects.get()
    assert d.percent is None and d.months is None


def test_head_of_unit_prefilled_by_htmx_and_issued(client_for, pimpinan, unit_a, snapshot):
    c = client_for(pimpinan)
    r = c.get(reverse("rewards:decision_official"), {"unit": unit_a.pk, "target": "kepala_unit"})
    html = _text(r)
    assert r.status_code == 200 and "dr. Kepala Dinkes, M.Kes." in html and "197001011998031001" in html
    assert "hidden" not in html.split(">")[0]
    assert " hidden" in _text(c.get(reverse("rewards:decision_official"), {"unit": unit_a.pk, "target": "unit"}))
    data = _form(unit_a, snapshot, target="kepala_unit", official_name="dr. Kepala Dinkes, M.Kes.",
                 official_nip="197001011998031001", official_position="Kepala Dinas Kesehatan")  # fmt: skip
    assert c.post(CREATE, data).status_code == 302
    d = Decision.objects.get()
    assert d.target == "kepala_unit" and d.official_nip == "197001011998031001"


def test_form_prefills_from_query(client_for, pimpinan, unit_a, snapshot):
    r = client_for(pimpinan).get(CREATE, {"unit": str(unit_a.uid), "snapshot": str(snapshot.uid), "kind": "mutasi"})
    html = _text(r)
    assert r.status_code == 200
    assert f'<option value="{unit_a.pk}" selected>' in html
    assert f'<option value="{snapshot.pk}" selected>' in html


# --- proposals ---------------------------------------------------------------------------------------


def test_proposal_list_waiting_first_with_basis(client_for, pimpinan, admin, snapshot, unit_a, unit_b):
    done = make_proposal(snapshot, unit_a, code="a_done")
    done.status = Proposal.Status.REJECTED
    done.save()
    waiting = make_proposal(snapshot, unit_b, code="z_wait")
    r = client_for(pimpinan).get(reverse("rewards:proposal_list"))
    html = _text(r)
    assert r.status_code == 200
    assert "1 usulan menunggu keputusan." in html
    assert html.index(reverse("rewards:proposal_review", args=[waiting.uid])) < html.index(
        reverse("rewards:proposal_review", args=[done.uid])
    )
    assert "capaian bulanan" in html and "41,50%" in html
    assert "1 bulan" in html  # the proposed measure in words, not "bulan: 1"
    assert "Tinjau" in html
    # admin reads, without the review button
    r = client_for(admin).get(reverse("rewards:proposal_list"))
    assert r.status_code == 200 and "Tinjau" not in _text(r)
    filtered = _text(client_for(pimpinan).get(reverse("rewards:proposal_list"), {"status": "rejected"}))
    assert reverse("rewards:proposal_review", args=[done.uid]) in filtered
    assert reverse("rewards:proposal_review", args=[waiting.uid]) not in filtered


def _sk(prefix, **extra):
    data = {f"{prefix}-sk_number": "188.45/90/KUM/2026", f"{prefix}-sk_date": "2026-03-02",
            f"{prefix}-effective_start": "2026-04-01", f"{prefix}-response_days": "14", "action": prefix}  # fmt: skip
    data.update({f"{prefix}-{k}": v for k, v in extra.items()})
    return data


def test_accept_proposal_issues_the_decision(client_for, pimpinan, proposal_a):
    url = reverse("rewards:proposal_review", args=[proposal_a.uid])
    r = client_for(pimpinan).post(url, _sk("accept"))
    proposal_a.refresh_from_db()
    assert proposal_a.status == Proposal.Status.ACCEPTED
    d = proposal_a.decision
    assert r.status_code == 302 and r["Location"] == reverse("rewards:decision_detail", args=[d.uid])
    assert d.kind == DecisionType.PENUNDAAN_TPP and d.months == 1 and d.basis == proposal_a.basis


def test_accept_without_sk_number_saves_nothing(client_for, pimpinan, proposal_a):
    url = reverse("rewards:proposal_review", args=[proposal_a.uid])
    r = client_for(pimpinan).post(url, _sk("accept", sk_number=""))
    assert r.status_code == 400 and "Nomor SK wajib diisi." in _text(r)
    proposal_a.refresh_from_db()
    assert proposal_a.status == Proposal.Status.PENDING and not Decision.objects.exists()


def test_change_proposal_needs_reason_and_caps_percent(client_for, pimpinan, proposal_a):
    url = reverse("rewards:proposal_review", args=[proposal_a.uid])
    c = client_for(pimpinan)
    r = c.post(url, _sk("change", kind=DecisionType.PEMOTONGAN_TPP, percent="150", months="2", reason=""))
    html = _text(r)
    assert r.status_code == 400
    assert "Persentase pemotongan TPP paling tinggi 100%." in html and "Alasan perubahan wajib diisi." in html
    assert not Decision.objects.exists()
    r = c.post(url, _sk("change", kind=DecisionType.PEMOTONGAN_TPP, percent="10", months="2", reason="Lebih adil"))
    assert r.status_code == 302
    proposal_a.refresh_from_db()
    assert proposal_a.status == Proposal.Status.CHANGED and proposal_a.reason == "Lebih adil"
    assert proposal_a.decision.percent == 10 and proposal_a.decision.months == 2


def test_reject_proposal_needs_a_reason(client_for, pimpinan, proposal_a):
    url = reverse("rewards:proposal_review", args=[proposal_a.uid])
    c = client_for(pimpinan)
    r = c.post(url, {"action": "reject", "reject-reason": ""})
    assert r.status_code == 400 and "Alasan wajib diisi." in _text(r)
    r = c.post(url, {"action": "reject", "reject-reason": "Data capaian belum final."})
    assert r.status_code == 302
    proposal_a.refresh_from_db()
    assert proposal_a.status == Proposal.Status.REJECTED and proposal_a.reason == "Data capaian belum final."
    # deciding twice is refused with a message
    r = c.post(url, {"action": "reject", "reject-reason": "lagi"}, follow=True)
    assert "sudah diputuskan" in _text(r)


def test_only_pimpinan_decides_proposals(client_for, admin, operator_a, evaluator, other_admin, proposal_a):
    url = reverse("rewards:proposal_review", args=[proposal_a.uid])
    assert client_for(admin).get(url).status_code == 200
    assert client_for(admin).post(url, {"action": "reject", "reject-reason": "x"}).status_code == 403
    assert client_for(operator_a).get(url).status_code == 403
    assert client_for(evaluator).get(url).status_code == 403
    assert client_for(other_admin).get(url).status_code == 404
    proposal_a.refresh_from_db()
    assert proposal_a.status == Proposal.Status.PENDING


def test_proposal_list_of_one_snapshot(client_for, pimpinan, snapshot, unit_a, unit_b):
    from tests.rewards.test_pages_decisions_fixtures import make_snapshot

    older = make_snapshot(snapshot.pemda, pimpinan, unit_a, title="Peringkat 2024")
    mine = make_proposal(snapshot, unit_a)
    other = make_proposal(older, unit_b)
    html = _text(client_for(pimpinan).get(reverse("rewards:proposal_list"), {"snapshot": str(snapshot.uid)}))
    assert reverse("rewards:proposal_review", args=[mine.uid]) in html
    assert reverse("rewards:proposal_review", args=[other.uid]) not in html
    assert "Usulan dari snapshot" in html and snapshot.title in html


def test_proposal_list_query_count_is_pinned(client_for, pimpinan, snapshot, unit_a, django_assert_max_num_queries):
    for n in range(30):
        make_proposal(snapshot, unit_a, code=f"rule_{n:02d}")
    c = client_for(pimpinan)
    with django_assert_max_num_queries(12):
        r = c.get(reverse("rewards:proposal_list"))
    assert r.status_code == 200 and "30 usulan menunggu keputusan." in _text(r)


def test_head_targeted_proposal_names_the_head_and_accepting_copies_it(client_for, pimpinan, snapshot, unit_a):
    proposal = make_proposal(snapshot, unit_a, kind=DecisionType.MASA_PERBAIKAN, parameters={"bulan": 6}, code="pk")
    proposal.target = "kepala_unit"
    proposal.save()
    c = client_for(pimpinan)
    url = reverse("rewards:proposal_review", args=[proposal.uid])
    html = _text(c.get(url))
    assert "dr. Kepala Dinkes, M.Kes." in html and "6 bulan" in html
    assert c.post(url, _sk("accept")).status_code == 302
    d = Decision.objects.get()
    assert d.official_name == "dr. Kepala Dinkes, M.Kes." and d.months == 6


def test_register_renders_in_english(client_for, pimpinan, decision_a):
    from django.conf import settings

    c = client_for(pimpinan)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert c.get(reverse("rewards:decision_list")).status_code == 200
    assert c.get(reverse("rewards:decision_detail", args=[decision_a.uid])).status_code == 200
