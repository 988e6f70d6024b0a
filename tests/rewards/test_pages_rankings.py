"""Ranking pages: the live ranking (kinds, categories, breakdown, tie-break text), freezing a snapshot
through the page, the snapshot list and detail, running the rules (status polled until done), the
leader dashboard and the ranking board PDF; access per persona and pinned query counts."""

# ruff: noqa: F811  (fixtures imported from tests.rewards.factories)

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rewards import services
from rewards.models import Proposal, RankingSnapshot, RuleRun
from tests.factories import UnitFactory
from tests.rewards.factories import month, published, report, rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def snapshot(rewards_world, pimpinan):
    return services.snapshot_freeze(user=pimpinan, pemda=pimpinan.pemda, year=2025, title="Peringkat Triwulan I 2025")


# --- live ranking --------------------------------------------------------------------------------


def test_ranking_home_shows_composite_per_category_with_breakdown(rewards_world, client_for, pimpinan):
    response = client_for(pimpinan).get(reverse("rewards:ranking_home"), {"tahun": 2025})
    assert response.status_code == 200
    page = text(response)
    assert "Peringkat kinerja 2025" in page
    # both categories, each unit in its table, the breakdown columns and the tie-break rule explained
    assert "Dinas Kesehatan" in page and "Dinas Pendidikan" in page and "Kecamatan Astambul" in page
    assert "Perangkat Daerah" in page and "Kecamatan" in page
    assert "Bobot efektif" in page and "Kontribusi" in page and "Nilai normal (0–100)" in page
    assert "Aturan nilai sama:" in page
    assert "Bekukan peringkat" in page  # pimpinan may freeze


def test_ranking_home_kinds_and_category_filter(rewards_world, client_for, admin):
    client = client_for(admin)
    akip = text(client.get(reverse("rewards:ranking_home"), {"tahun": 2025, "jenis": "akip", "kategori": "pd"}))
    assert 'aria-current="page">Nilai AKIP' in akip
    assert "Dinas Kesehatan" in akip and "Kecamatan Astambul" not in akip
    improved = text(client.get(reverse("rewards:ranking_home"), {"tahun": 2025, "jenis": "most_improved"}))
    # Dinkes 70,00 → 80,50 (+10,50); Disdik 66,00 → 65,00; Astambul has no 2024 score: not ranked
    assert "+10,50" in improved and "-1,00" in improved
    assert "Tidak diperingkat" in improved


def test_ranking_home_unknown_kind_falls_back_to_composite(rewards_world, client_for, evaluator):
    response = client_for(evaluator).get(reverse("rewards:ranking_home"), {"tahun": 2025, "jenis": "x"})
    assert response.status_code == 200
    page = text(response)
    assert 'aria-current="page">Indeks komposit' in page
    assert "Bekukan peringkat</button>" not in page  # an evaluator reads only


def test_ranking_home_query_count_is_pinned(rewards_world, client_for, admin, django_assert_max_num_queries):
    client = client_for(admin)
    with django_assert_max_num_queries(24):
        assert client.get(reverse("rewards:ranking_home"), {"tahun": 2025}).status_code == 200


def test_ranking_home_queries_do_not_grow_with_units(rewards_world, client_for, admin, pemda):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(admin)
    url = reverse("rewards:ranking_home") + "?tahun=2025"
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    category = rewards_world.units[0].ranking_category
    for n in range(6):
        unit = UnitFactory(pemda=pemda, name=f"Dinas Tambahan {n}", code=f"9.0{n}", ranking_category=category)
        published(unit, rewards_world.year, "70.00", "BB")
    with CaptureQueriesContext(connection) as after:
        page = text(client.get(url))
    assert "Dinas Tambahan 5" in page
    assert len(after.captured_queries) == len(before.captured_queries)


def test_dashboard_and_snapshot_list_query_counts(snapshot, client_for, pimpinan, django_assert_max_num_queries):
    client = client_for(pimpinan)
    with django_assert_max_num_queries(26):
        assert client.get(reverse("rewards:dashboard")).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("rewards:snapshot_list")).status_code == 200


@pytest.mark.parametrize("persona", ["operator_a", "kepala_a"])
def test_unit_users_get_403_on_rankings(persona, rewards_world, client_for, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("rewards:ranking_home")).status_code == 403
    assert client.get(reverse("rewards:dashboard")).status_code == 403
    assert client.get(reverse("rewards:snapshot_list")).status_code == 403


# --- freezing through the page ------------------------------------------------------------------


def test_pimpinan_freezes_the_ranking_and_lands_on_the_snapshot(rewards_world, client_for, pimpinan):
    client = client_for(pimpinan)
    response = client.post(
        reverse("rewards:ranking_freeze"),
        {"tahun": "2025", "periode": "", "title": "Rapat koordinasi April", "note": "Bahan rapat"},
    )
    snapshot = RankingSnapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid})
    assert snapshot.title == "Rapat koordinasi April" and snapshot.frozen_by == pimpinan and snapshot.year == 2025
    page = text(client.get(response["Location"]))
    assert "Rapat koordinasi April" in page and snapshot.content_hash in page
    assert "dibekukan" in page.lower() and "Dinas Kesehatan" in page


def test_freeze_for_a_period(rewards_world, client_for, admin):
    response = client_for(admin).post(
        reverse("rewards:ranking_freeze"), {"tahun": "2025", "periode": "3", "title": "Maret"}
    )
    assert response.status_code == 302
    assert RankingSnapshot.objects.get().period == month(rewards_world.year, 3)


def test_freeze_without_title_is_refused_and_nothing_saved(rewards_world, client_for, pimpinan):
    response = client_for(pimpinan).post(reverse("rewards:ranking_freeze"), {"tahun": "2025", "title": ""})
    assert response.status_code == 400
    assert '<div class="field has-error"> <label for="id_title">' in text(response)
    assert "Bidang ini harus diisi." in text(response)
    assert not RankingSnapshot.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"tahun": "2031"}, "Tahun peringkat tidak dikenal."),
        ({"tahun": "2025", "periode": "13"}, "Periode peringkat tidak dikenal."),
    ],
)
def test_freeze_for_an_unknown_year_or_period_is_refused(data, message, rewards_world, client_for, admin):
    client = client_for(admin)
    response = client.post(reverse("rewards:ranking_freeze"), {**data, "title": "X"})
    assert response.status_code == 302
    assert message in text(client.get(response["Location"]))
    assert not RankingSnapshot.objects.exists()


def test_evaluator_cannot_freeze(rewards_world, client_for, evaluator):
    response = client_for(evaluator).post(reverse("rewards:ranking_freeze"), {"tahun": "2025", "title": "X"})
    assert response.status_code == 403
    assert not RankingSnapshot.objects.exists()


# --- snapshots ------------------------------------------------------------------------------------


def test_snapshot_list_and_detail(snapshot, client_for, evaluator, django_assert_max_num_queries):
    client = client_for(evaluator)
    listing = text(client.get(reverse("rewards:snapshot_list")))
    assert "Peringkat Triwulan I 2025" in listing
    url = reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid})
    with django_assert_max_num_queries(11):
        response = client.get(url)
    page = text(response)
    assert response.status_code == 200
    assert snapshot.content_hash in page and "Dinas Pendidikan" in page
    assert "Jalankan aturan</button>" not in page  # an evaluator reads only
    assert "Kenaikan terbesar" in page


def test_snapshot_detail_checks_its_content_hash(snapshot, client_for, pimpinan):
    url = reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid})
    assert "Isi cocok dengan sidik saat dibekukan" in text(client_for(pimpinan).get(url))
    RankingSnapshot.objects.filter(pk=snapshot.pk).update(
        weights={"akip": "90", "capaian": "5", "ketepatan_waktu": "5"}
    )
    assert "Isi tidak cocok dengan sidik" in text(client_for(pimpinan).get(url))


def test_snapshot_detail_reads_frozen_data_not_live(snapshot, client_for, pimpinan, rewards_world):
    published(rewards_world.units[1], rewards_world.year_2024, "30.00", "D")  # live data changes afterwards
    page = text(
        client_for(pimpinan).get(
            reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid}) + "?jenis=most_improved"
        )
    )
    assert "+15,00" not in page  # Astambul 30 → 45 would be +15,00 live; the snapshot has no 2024 score


def test_other_pemda_snapshot_is_404(snapshot, client_for, other_admin):
    client = client_for(other_admin)
    assert client.get(reverse("rewards:snapshot_detail", kwargs={"uid": snapshot.uid})).status_code == 404
    assert client.get(reverse("rewards:ranking_board_pdf", kwargs={"uid": snapshot.uid})).status_code == 404
    assert client.post(reverse("rewards:rule_run_start", kwargs={"uid": snapshot.uid})).status_code == 404


def test_run_rules_from_the_snapshot_page(snapshot, client_for, pimpinan, admin, django_capture_on_commit_callbacks):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    client = client_for(pimpinan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rewards:rule_run_start", kwargs={"uid": snapshot.uid}))
    run = RuleRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rewards:rule_run_status", kwargs={"uid": run.uid})
    status = client.get(response["Location"])
    page = text(status)
    assert run.status == RuleRun.Status.DONE or "Selesai" in page
    assert 'hx-trigger="every 2s"' not in page  # done: no more polling
    assert Proposal.objects.filter(snapshot=snapshot).exists()
    # the htmx fragment alone
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="run-status"')


def test_run_rules_with_htmx_answers_the_status_fragment(snapshot, client_for, admin):
    response = client_for(admin).post(
        reverse("rewards:rule_run_start", kwargs={"uid": snapshot.uid}), HTTP_HX_REQUEST="true"
    )
    run = RuleRun.objects.get()
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="run-status"')
    assert reverse("rewards:rule_run_status", kwargs={"uid": run.uid}) in body


def test_pending_run_status_polls(snapshot, client_for, pimpinan):
    run = RuleRun.objects.create(pemda=snapshot.pemda, snapshot=snapshot, requested_by=pimpinan)
    page = text(
        client_for(pimpinan).get(reverse("rewards:rule_run_status", kwargs={"uid": run.uid}), HTTP_HX_REQUEST="true")
    )
    assert 'hx-trigger="every 2s"' in page and "Menunggu" in page


def test_evaluator_cannot_run_rules(snapshot, client_for, evaluator):
    response = client_for(evaluator).post(reverse("rewards:rule_run_start", kwargs={"uid": snapshot.uid}))
    assert response.status_code == 403
    assert not RuleRun.objects.exists()


# --- dashboard ------------------------------------------------------------------------------------


def test_leader_dashboard(snapshot, rewards_world, client_for, pimpinan, admin, django_capture_on_commit_callbacks):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.rule_run_request(user=pimpinan, snapshot=snapshot)
    waiting = Proposal.objects.filter(status=Proposal.Status.PENDING).count()
    decision = services.decision_issue(
        user=pimpinan, pemda=pimpinan.pemda, kind="teguran_tertulis", unit=rewards_world.units[1], snapshot=snapshot,
        sk_number="800/12/BKPSDM/2025", sk_date=dt.date(2025, 4, 20), basis_text="Predikat AKIP C.",
        effective_start=dt.date(2025, 4, 20),
    )  # fmt: skip
    response = client_for(pimpinan).get(reverse("rewards:dashboard"), {"tahun": 2025})
    page = text(response)
    assert response.status_code == 200
    assert "800/12/BKPSDM/2025" in page and reverse("rewards:decision_detail", kwargs={"uid": decision.uid}) in page
    assert "Usulan menunggu keputusan" in page and f'<p class="stat">{waiting}</p>' in page
    assert "Tiga teratas dan terbawah per kategori" in page and "Peringkat Triwulan I 2025" in page
    assert "Tren Pemda" in page and "<svg" in page  # published AKIP 2024 and 2025: a line chart


def test_dashboard_for_evaluator_has_no_proposals(rewards_world, client_for, evaluator):
    page = text(client_for(evaluator).get(reverse("rewards:dashboard")))
    assert "Usulan menunggu keputusan" not in page and "Tiga teratas" in page


# --- ranking board PDF ----------------------------------------------------------------------------


def test_ranking_board_pdf(snapshot, client_for, pimpinan):
    response = client_for(pimpinan).get(reverse("rewards:ranking_board_pdf", kwargs={"uid": snapshot.uid}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "papan-peringkat-2025" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    body = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "PAPAN PERINGKAT KINERJA PERANGKAT DAERAH TAHUN 2025" in body
    assert "Peringkat Triwulan I 2025" in body
    assert "Dinas Kesehatan" in body and "Kecamatan Astambul" in body
    assert "Kenaikan nilai AKIP terbesar" in body and "+10,50" in body  # Dinkes 70,00 → 80,50
    assert "Grafik indeks komposit — Perangkat Daerah" in body
    assert f"Halaman 1 dari {len(reader.pages)}" in body
    assert snapshot.content_hash[:16] in body.replace(" ", "")
