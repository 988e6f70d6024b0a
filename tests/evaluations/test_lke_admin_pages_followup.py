"""LKE administration pages, part 2: follow-up of recommendations (list with filters, counts,
overdue rows and the overdue page; the owner unit's update; selesai without evidence refused;
evidence upload, download, delete) and the Pemda's own KemenPAN-RB results (form with component
scores, score above 100 refused, trend with the streak sentence, the gap to a target predicate)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations import lke_followup_services as services
from evaluations.lke_models import Evaluation, EvaluationRound, FollowUpEvidence, PemdaResult, Recommendation
from tests.evaluations.lke_factories import make_template
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 6, 10, 2, 0, tzinfo=dt.UTC)  # 10 June 2025, 10.00 WITA


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


COMPONENTS = [
    ("component", "1", "Perencanaan Kinerja", "30", "20.15"),
    ("component", "2", "Pengukuran Kinerja", "30", "17.40"),
    ("component", "3", "Pelaporan Kinerja", "15", "10.21"),
    ("component", "4", "Evaluasi Akuntabilitas Kinerja Internal", "25", "14.00"),
    ("subcomponent", "1.a", "Keberadaan", "6", "5.40"),
    ("subcomponent", "1.b", "Kualitas", "9", "5.00"),
    ("subcomponent", "1.c", "Pemanfaatan", "15", "9.75"),
]


def _scores(rows=COMPONENTS):
    return [{"level": lv, "code": c, "name": n, "weight": D(w), "score": D(s)} for lv, c, n, w, s in rows]


@pytest.fixture
def results(admin, pemda):
    made = {}
    for year, score in ((2022, "60.50"), (2023, "61.20")):
        made[year] = services.pemda_result_save(user=admin, pemda=pemda, year=year, score=D(score))
    made[2024] = services.pemda_result_save(
        user=admin, pemda=pemda, year=2024, score=D("61.76"), target_predicate="BB", scores=_scores()
    )
    return made


@pytest.fixture
def recs(admin, results, unit_a, unit_b):
    r = results[2024]
    late = services.recommendation_add(
        user=admin,
        owner=unit_a,
        text="Agar IKU diselaraskan dengan RPJMD.",
        pemda_result=r,
        due_date=dt.date(2025, 3, 31),
    )
    later = services.recommendation_add(
        user=admin,
        owner=unit_a,
        text="Agar rencana aksi dipantau triwulanan.",
        pemda_result=r,
        due_date=dt.date(2025, 12, 31),
    )
    other = services.recommendation_add(
        user=admin,
        owner=unit_b,
        text="Agar LKjIP dipublikasikan tepat waktu.",
        pemda_result=r,
        due_date=dt.date(2025, 1, 31),
    )
    return {"late": late, "later": later, "other": other}


# --- follow-up list -----------------------------------------------------------------------------


def test_list_shows_counts_and_highlights_overdue_rows(client_for, admin, recs):
    page = text(client_for(admin).get(url("followup_list")))
    assert "Agar IKU diselaraskan" in page and "Agar LKjIP dipublikasikan" in page
    assert page.count("la-overdue") == 2  # the two rows past due (not the December one)
    assert "Lewat batas waktu" in page
    assert "Belum ditindaklanjuti" in page and "<strong>3</strong>" in page


def test_unit_user_sees_only_their_units_recommendations(client_for, operator_b, recs):
    page = text(client_for(operator_b).get(url("followup_list")))
    assert "Agar LKjIP dipublikasikan" in page and "Agar IKU diselaraskan" not in page
    assert client_for(operator_b).get(url("followup_detail", recs["late"].uid)).status_code == 404


def test_filters_status_unit_source_overdue_and_search(client_for, admin, recs, unit_a):
    client = client_for(admin)
    page = text(client.get(url("followup_list"), {"unit": str(unit_a.uid)}))
    assert "Agar IKU" in page and "Agar LKjIP" not in page
    page = text(client.get(url("followup_list"), {"terlambat": "on"}))
    assert "Agar IKU" in page and "Agar rencana aksi" not in page
    page = text(client.get(url("followup_list"), {"q": "triwulanan"}))
    assert "Agar rencana aksi" in page and "Agar IKU" not in page
    page = text(client.get(url("followup_list"), {"sumber": "unit"}))
    assert "Tidak ada rekomendasi yang cocok" in page
    page = text(client.get(url("followup_list"), {"status": "selesai"}))
    assert "Tidak ada rekomendasi yang cocok" in page


def test_overdue_page_for_admin_and_pimpinan_not_for_units(client_for, pimpinan, operator_a, recs):
    response = client_for(pimpinan).get(url("followup_overdue"))
    page = text(response)
    assert "Tindak lanjut lewat batas waktu" in page and "Agar IKU" in page and "Agar rencana aksi" not in page
    assert client_for(operator_a).get(url("followup_overdue")).status_code == 403


def test_list_query_count_is_pinned(client_for, admin, results, pemda, django_assert_max_num_queries):
    for n in range(30):
        unit = UnitFactory(pemda=pemda, name=f"Unit {n}", code=f"9.{n:02d}")
        services.recommendation_add(user=admin, owner=unit, text=f"Agar rekomendasi {n}", pemda_result=results[2024])
    client = client_for(admin)
    client.get(url("followup_list"))
    with django_assert_max_num_queries(14):
        response = client.get(url("followup_list"))
    assert "Halaman 1 dari 2" in text(response)


# --- follow-up detail, update, evidence ---------------------------------------------------------


def test_selesai_without_evidence_is_refused_and_nothing_saved(client_for, operator_a, recs):
    rec = recs["late"]
    data = {"action_plan": "Rapat penyelarasan", "due_date": "2025-03-31", "status": "selesai", "progress_note": "x"}
    response = client_for(operator_a).post(url("followup_update", rec.uid), data)
    assert response.status_code == 200
    assert "Unggah paling sedikit satu bukti tindak lanjut sebelum menandai rekomendasi selesai." in text(response)
    rec.refresh_from_db()
    assert (rec.status, rec.action_plan) == ("belum", "")


def test_owner_unit_uploads_evidence_then_marks_selesai(client_for, operator_a, recs):
    client = client_for(operator_a)
    rec = recs["late"]
    response = client.post(url("followup_evidence_add", rec.uid), {"title": "Notulen rapat", "file": pdf()})
    assert response.status_code == 302
    evidence = FollowUpEvidence.objects.get(recommendation=rec)
    download = client.get(url("followup_evidence_download", evidence.uid))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    data = {
        "action_plan": "Rapat penyelarasan",
        "due_date": "2025-03-31",
        "status": "selesai",
        "progress_note": "Sudah",
    }
    assert client.post(url("followup_update", rec.uid), data).status_code == 302
    rec.refresh_from_db()
    assert rec.status == "selesai" and rec.completed_at is not None
    page = text(client.get(url("followup_detail", rec.uid)))
    assert "Notulen rapat" in page and "Selesai" in page and "data-confirm" in page
    # the last evidence of a finished recommendation stays
    response = client.post(url("followup_evidence_delete", evidence.uid), follow=True)
    assert "bukti terakhir tidak dapat dihapus" in text(response)
    assert FollowUpEvidence.objects.filter(pk=evidence.pk).exists()


def test_evidence_without_file_or_link_is_refused(client_for, operator_a, recs):
    response = client_for(operator_a).post(
        url("followup_evidence_add", recs["late"].uid), {"title": "Kosong"}, follow=True
    )
    assert "Unggah berkas atau isi tautan bukti." in text(response)
    assert not FollowUpEvidence.objects.exists()


def test_readers_and_other_units_cannot_update(client_for, pimpinan, operator_b, recs):
    rec = recs["late"]
    data = {"action_plan": "x", "status": "proses"}
    assert client_for(pimpinan).post(url("followup_update", rec.uid), data).status_code == 403
    assert client_for(operator_b).post(url("followup_update", rec.uid), data).status_code == 404
    assert (
        client_for(pimpinan).post(url("followup_evidence_add", rec.uid), {"title": "x", "file": pdf()}).status_code
        == 403
    )
    assert Recommendation.objects.get(pk=rec.pk).status == "belum" and not FollowUpEvidence.objects.exists()


def test_detail_page_for_pimpinan_is_read_only(client_for, pimpinan, recs):
    page = text(client_for(pimpinan).get(url("followup_detail", recs["late"].uid)))
    assert "Agar IKU diselaraskan" in page and "Perbarui tindak lanjut" not in page and "Unggah bukti" not in page


# --- the Pemda's own results --------------------------------------------------------------------


def _result_post(**fields) -> dict:
    data = {
        "year": "2025",
        "score": "64,30",
        "target_predicate": "BB",
        "letter_number": "B/123/M.AA.05/2025",
        "letter_date": "2025-12-01",
        "notes": "",
    }
    data.update(fields)
    rows = fields.pop("rows", [])
    initial = fields.pop("initial", 0)
    data.pop("rows", None)
    data.pop("initial", None)
    data.update(
        {
            "skor-TOTAL_FORMS": str(len(rows)),
            "skor-INITIAL_FORMS": str(initial),
            "skor-MIN_NUM_FORMS": "0",
            "skor-MAX_NUM_FORMS": "40",
        }
    )
    for i, (lv, code, name, weight, score) in enumerate(rows):
        data.update(
            {
                f"skor-{i}-level": lv,
                f"skor-{i}-code": code,
                f"skor-{i}-name": name,
                f"skor-{i}-weight": weight,
                f"skor-{i}-score": score,
            }
        )
    return data


def test_score_above_100_is_refused_and_nothing_saved(client_for, admin):
    response = client_for(admin).post(url("pemda_result_create"), _result_post(score="100,5"))
    assert response.status_code == 200
    assert "Nilai paling tinggi 100." in text(response)
    assert not PemdaResult.objects.exists()


def test_component_scores_not_adding_up_are_refused(client_for, admin):
    rows = [("component", "1", "Perencanaan Kinerja", "30", "20"), ("component", "2", "Pengukuran Kinerja", "30", "20")]
    response = client_for(admin).post(url("pemda_result_create"), _result_post(rows=rows))
    assert response.status_code == 200 and "Tidak disimpan" in text(response)
    assert not PemdaResult.objects.exists()


def test_result_saved_with_predicate_computed(client_for, admin):
    response = client_for(admin).post(url("pemda_result_create"), _result_post())
    result = PemdaResult.objects.get(year=2025)
    assert response["Location"] == url("pemda_result_detail", result.uid)
    assert (result.score, result.predicate) == (D("64.30"), "B")


def test_pimpinan_reads_results_but_cannot_write(client_for, pimpinan, results):
    client = client_for(pimpinan)
    assert client.get(url("pemda_result_list")).status_code == 200
    assert client.post(url("pemda_result_create"), _result_post()).status_code == 403
    assert client.post(url("pemda_result_delete", results[2024].uid)).status_code == 403
    assert PemdaResult.objects.count() == 3


def test_trend_page_with_streak_chart_and_table(client_for, pimpinan, results, django_assert_max_num_queries):
    client = client_for(pimpinan)
    client.get(url("pemda_result_list"))
    with django_assert_max_num_queries(10):
        response = client.get(url("pemda_result_list"))
    page = text(response)
    assert "Predikat B tiga tahun berturut-turut (2022–2024)" in page
    assert "<svg" in page and "61,76" in page and "60,50" in page


def test_gap_page_points_needed_and_where_points_are(client_for, pimpinan, results):
    page = text(client_for(pimpinan).get(url("pemda_result_gap", results[2024].uid), {"target": "BB"}))
    assert "8,25 poin" in page and "70,01" in page
    # most points first: component 2 (12,60 available), 4 (11,00), then sub-component 1.c (5,25)
    assert page.index("Pengukuran Kinerja") < page.index("Evaluasi Akuntabilitas") < page.index("1.c")
    assert "12,60" in page and "5,25" in page
    assert "<svg" in page


def test_gap_already_reached(client_for, admin, results):
    page = text(client_for(admin).get(url("pemda_result_gap", results[2024].uid), {"target": "C"}))
    assert "sudah mencapai" in page


def test_recommendation_added_from_result_page(client_for, admin, results, unit_a):
    result = results[2024]
    data = {
        "owner": str(unit_a.uid),
        "text": "Agar cascading kinerja sampai eselon IV.",
        "component_code": "1",
        "due_date": "2025-12-31",
    }
    response = client_for(admin).post(url("pemda_result_recommendation_add", result.uid), data)
    assert response.status_code == 302
    rec = Recommendation.objects.get(pemda_result=result)
    assert rec.owner == unit_a and rec.component_code == "1"
    page = text(client_for(admin).get(url("pemda_result_detail", result.uid)))
    assert "Agar cascading kinerja" in page


def test_delete_result_with_confirmation(client_for, admin, results):
    client = client_for(admin)
    page = text(client.get(url("pemda_result_detail", results[2022].uid)))
    assert "data-confirm" in page
    assert client.post(url("pemda_result_delete", results[2022].uid)).status_code == 302
    assert not PemdaResult.objects.filter(year=2022).exists()


def test_unit_user_cannot_move_a_due_date_the_form_keeps_it(client_for, operator_a, recs):
    rec = recs["late"]
    client = client_for(operator_a)
    assert "hanya dapat diubah oleh Admin SAKIP" in text(client.get(url("followup_update", rec.uid)))
    data = {"action_plan": "Rapat penyelarasan IKU", "due_date": "2026-06-30", "status": "proses", "progress_note": ""}
    assert client.post(url("followup_update", rec.uid), data).status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.due_date) == ("proses", dt.date(2025, 3, 31))


def test_proses_without_action_plan_is_refused(client_for, kepala_a, recs):
    rec = recs["later"]
    data = {"action_plan": "", "due_date": "2025-12-31", "status": "proses", "progress_note": ""}
    response = client_for(kepala_a).post(url("followup_update", rec.uid), data)
    assert "Tuliskan rencana aksi tindak lanjut." in text(response)
    assert Recommendation.objects.get(pk=rec.pk).status == "belum"


def test_source_links_to_the_result_or_the_worksheet(client_for, admin, recs, year, unit_a):
    client = client_for(admin)
    page = text(client.get(url("followup_detail", recs["late"].uid)))
    assert url("pemda_result_detail", recs["late"].pemda_result.uid) in page and "KemenPAN-RB 2024" in page
    template = make_template(admin.pemda)
    d = dt.date(2025, 3, 1)
    rnd = EvaluationRound.objects.create(
        pemda=admin.pemda,
        fiscal_year=year,
        template=template,
        name="Evaluasi 2025",
        status="closed",
        self_start=d,
        self_end=d,
        eval_start=d,
        eval_end=d,
        review_start=d,
        review_end=d,
        response_start=d,
        response_end=d,
    )
    evaluation = Evaluation.objects.create(pemda=admin.pemda, round=rnd, unit=unit_a, status="final", score=D("66.15"))
    rec = services.recommendation_add(
        user=admin, owner=unit_a, text="Agar reviu LKjIP oleh APIP.", evaluation=evaluation, component_code="3"
    )
    page = text(client.get(url("followup_detail", rec.uid)))
    assert url("lke_worksheet", evaluation.uid) in page and "Evaluasi unit 2025" in page and "komponen 3" in page
    page = text(client.get(url("followup_list"), {"sumber": "unit"}))
    assert "Agar reviu LKjIP" in page and "Agar IKU" not in page


def test_edit_form_keeps_components_and_ignores_blank_rows(client_for, admin, results):
    result = results[2024]
    client = client_for(admin)
    page = text(client.get(url("pemda_result_edit", result.uid)))
    assert 'value="30"' in page and "30,000" not in page  # weights without padding zeros
    rows = [(lv, c, n, w.replace(".", ","), sc.replace(".", ",")) for lv, c, n, w, sc in COMPONENTS]
    data = _result_post(year="2024", score="61,76", rows=[*rows, ("component", "", "", "", "")], initial=7)
    response = client.post(url("pemda_result_edit", result.uid), data)
    assert response.status_code == 302, text(response)
    result.refresh_from_db()
    assert result.scores.count() == 7 and result.letter_number == "B/123/M.AA.05/2025"


def test_open_items_come_before_finished_ones(client_for, admin, recs):
    other = recs["other"]  # due earliest
    services.followup_evidence_add(user=admin, recommendation=other, title="SK", file=pdf())
    services.followup_update(
        user=admin, recommendation=other, action_plan="Publikasi", due_date=other.due_date, status="selesai"
    )
    page = text(client_for(admin).get(url("followup_list")))
    assert page.index("Agar IKU") < page.index("Agar rencana aksi") < page.index("Agar LKjIP")


def test_unit_user_gets_no_unit_filter_but_a_link_to_their_comparison(client_for, operator_a, unit_a, recs):
    page = text(client_for(operator_a).get(url("followup_list")))
    assert 'name="unit"' not in page and url("comparison_unit", unit_a.uid) in page
    assert url("followup_overdue") not in page
